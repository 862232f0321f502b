import type { SystemConfig } from '../../src/simulation/types.js';

/** The residential house of examples/residential-pv-battery.json on a short horizon. */
export function house(timesteps = 48): SystemConfig {
  return {
    name: 'house',
    horizon: { timesteps, timestepHours: 1, startDayOfYear: 172 },
    seed: 42,
    components: [
      { id: 'grid', kind: 'GRID', importPriceEurPerKwh: 0.32, exportPriceEurPerKwh: 0.08, co2KgPerKwh: 0.38 },
      { id: 'pv', kind: 'SOLAR_PV', peakKw: 6 },
      { id: 'battery', kind: 'BATTERY', energyKwh: 10, maxChargeKw: 5, maxDischargeKw: 5 },
      { id: 'house', kind: 'ELECTRIC_DEMAND', annualKwh: 4000 },
    ],
    connections: [
      { from: 'pv', to: 'house', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'battery', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'grid', medium: 'ELECTRICITY' },
      { from: 'battery', to: 'house', medium: 'ELECTRICITY' },
      { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
    ],
  };
}
