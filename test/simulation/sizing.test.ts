import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulation/index.js';
import { capitalRecoveryFactor } from '../../src/simulation/kpis.js';
import { paretoSizings, solveSizing, validateSizingInput, type SizingBound } from '../../src/simulation/sizing.js';
import type { SystemConfig } from '../../src/simulation/types.js';

/** 2 one-hour steps stand for a year: every horizon total is × 8760/2 per year. */
const PER_YEAR = 8760 / 2;

function withSizes(config: SystemConfig, sizes: { component: string; field: string; value: number }[]): SystemConfig {
  const copy = structuredClone(config);
  for (const s of sizes) copy.components.find((c) => c.id === s.component)![s.field] = s.value;
  return copy;
}

/** PV of 1 and 0.5 kW per kWp over two steps, 1 kW demand, import 0.3 EUR/kWh, nothing for exports. */
function pvCase(pv: Record<string, unknown> = {}): SystemConfig {
  return {
    name: 'two-step PV',
    horizon: { timesteps: 2, timestepHours: 1 },
    discountRate: 0.05,
    components: [
      { id: 'grid', kind: 'GRID', importPriceEurPerKwh: 0.3, exportPriceEurPerKwh: 0, co2KgPerKwh: 0.4 },
      { id: 'pv', kind: 'SOLAR_PV', peakKw: 1, profile: { values: [1, 0.5] }, inverterEfficiency: 1, capexEurPerKw: 10000, lifetimeYears: 20, fixedOmEurPerYear: 0, ...pv },
      { id: 'house', kind: 'ELECTRIC_DEMAND', profile: { values: [1, 1] } },
    ],
    connections: [
      { from: 'pv', to: 'house', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'grid', medium: 'ELECTRICITY' },
      { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
    ],
  };
}

/** Import 0.1 then 0.5 EUR/kWh, 1 kW demand: a lossless battery shifts cheap energy to step 2. */
function batteryCase(battery: Record<string, unknown> = {}): SystemConfig {
  return {
    name: 'two-step arbitrage',
    horizon: { timesteps: 2, timestepHours: 1 },
    discountRate: 0.05,
    components: [
      { id: 'grid', kind: 'GRID', importPriceEurPerKwh: { values: [0.1, 0.5] }, exportPriceEurPerKwh: 0, co2KgPerKwh: 0.4 },
      {
        id: 'battery',
        kind: 'BATTERY',
        energyKwh: 1,
        chargeEfficiency: 1,
        dischargeEfficiency: 1,
        socMin: 0,
        initialSoc: 0,
        selfDischargePerHour: 0,
        capexEurPerKwh: 10000,
        lifetimeYears: 10,
        fixedOmEurPerYear: 0,
        embodiedKgCo2: 0,
        ...battery,
      },
      { id: 'house', kind: 'ELECTRIC_DEMAND', profile: { values: [1, 1] } },
    ],
    connections: [
      { from: 'grid', to: 'battery', medium: 'ELECTRICITY' },
      { from: 'battery', to: 'house', medium: 'ELECTRICITY' },
      { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
    ],
  };
}

async function simulatedTotalCost(config: SystemConfig, sizes: { component: string; field: string; value: number }[]) {
  const result = await simulate({ system: withSizes(config, sizes), options: { solver: 'OPTIMAL', objective: 'COST' } });
  return result.kpis;
}

describe('validateSizingInput', () => {
  const system = batteryCase();
  it('accepts sizable fields within sane bounds', () => {
    expect(validateSizingInput(system, [{ component: 'battery', field: 'energyKwh', min: 0.5, max: 10 }])).toEqual([]);
  });
  it('reports each problem at its path', () => {
    const issues = validateSizingInput(system, [
      { component: 'nope', field: 'energyKwh', min: 1, max: 2 },
      { component: 'battery', field: 'socMin', min: 0, max: 1 },
      { component: 'battery', field: 'energyKwh', min: 5, max: 2 },
      { component: 'battery', field: 'maxChargeKw', min: -1, max: Number.NaN },
      { component: 'battery', field: 'energyKwh', min: 0, max: 3 },
      { component: 'grid', field: 'maxImportKw', min: 0, max: 3 },
    ]);
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual([
      'bounds[0].component',
      'bounds[1].field',
      'bounds[2].min',
      'bounds[3].min',
      'bounds[3].max',
      'bounds[4]',
      'bounds[4].min',
      'bounds[5].field',
    ]);
    expect(issues[2].message).toMatch(/<= max/);
    expect(issues[6].message).toMatch(/> 0/);
  });
  it('needs at least one bound', () => {
    expect(validateSizingInput(system, [])).toEqual([{ path: 'bounds', message: expect.stringMatching(/at least one/) }]);
  });
});

describe('solveSizing on hand-built cases with a known optimum', () => {
  it('sizes PV at the kink where its marginal saving falls below its annualised capex', async () => {
    // Saving per kWp and year: 4380·0.3·1.5 = 1971 below 1 kWp, 4380·0.3·0.5 = 657 above;
    // annualised capex 10000·CRF(5 %, 20 y) = 802.4: the optimum is exactly 1 kWp.
    const annualCapexPerKw = 10000 * capitalRecoveryFactor(0.05, 20);
    const system = pvCase();
    const bounds: SizingBound[] = [{ component: 'pv', field: 'peakKw', min: 0, max: 3 }];
    const r = await solveSizing(system, { bounds, objective: 'COST' });
    expect(r.status).toBe('OPTIMAL');
    expect(r.sizes).toHaveLength(1);
    expect(Math.abs(r.sizes[0].value - 1)).toBeLessThan(1e-6);
    const expected = annualCapexPerKw + PER_YEAR * 0.3 * 0.5;
    expect(Math.abs(r.totalAnnualCostEur - expected)).toBeLessThan(1e-6);
    expect(Math.abs(r.objectiveValue - expected)).toBeLessThan(1e-6);
    expect(Math.abs(r.annualisedCapexEur - annualCapexPerKw)).toBeLessThan(1e-6);
    // The sized design simulated as a normal OPTIMAL run reports the same annual cost.
    const kpis = await simulatedTotalCost(system, r.sizes);
    expect(Math.abs(kpis.totalCostEur - r.totalAnnualCostEur)).toBeLessThan(1e-6);
    expect(Math.abs(kpis.totalCo2Kg - r.co2Kg)).toBeLessThan(1e-6);
  });

  it('scales default fixed O&M and embodied CO2 with the size, as the parser does', async () => {
    // No fixedOmEurPerYear / embodiedKgCo2 given: 15 EUR and 1500 kgCO2 per kWp.
    const system = pvCase({ fixedOmEurPerYear: undefined });
    delete (system.components[1] as Record<string, unknown>).fixedOmEurPerYear;
    const r = await solveSizing(system, { bounds: [{ component: 'pv', field: 'peakKw', min: 0, max: 3 }], objective: 'COST' });
    expect(Math.abs(r.sizes[0].value - 1)).toBeLessThan(1e-6);
    const expected = 10000 * capitalRecoveryFactor(0.05, 20) + 15 + PER_YEAR * 0.3 * 0.5;
    expect(Math.abs(r.totalAnnualCostEur - expected)).toBeLessThan(1e-6);
    const kpis = await simulatedTotalCost(system, r.sizes);
    expect(Math.abs(kpis.totalCostEur - r.totalAnnualCostEur)).toBeLessThan(1e-6);
    expect(Math.abs(kpis.totalCo2Kg - r.co2Kg)).toBeLessThan(1e-6);
    expect(Math.abs(r.co2Kg - (1500 / 20 + PER_YEAR * 0.4 * 0.5))).toBeLessThan(1e-6);
  });

  it('sizes a battery for arbitrage (explicit power limits stay as given)', async () => {
    // Saving 4380·(0.5 − 0.1) = 1752 per kWh shifted, up to the 1 kWh of step 2's demand;
    // annualised capex 10000·CRF(5 %, 10 y) = 1295.0 per kWh: the optimum is exactly 1 kWh.
    const system = batteryCase({ maxChargeKw: 10, maxDischargeKw: 10 });
    const r = await solveSizing(system, { bounds: [{ component: 'battery', field: 'energyKwh', min: 0.01, max: 5 }], objective: 'COST' });
    expect(Math.abs(r.sizes[0].value - 1)).toBeLessThan(1e-6);
    const expected = 10000 * capitalRecoveryFactor(0.05, 10) + PER_YEAR * 0.1 * 2;
    expect(Math.abs(r.totalAnnualCostEur - expected)).toBeLessThan(1e-6);
    const kpis = await simulatedTotalCost(system, r.sizes);
    expect(Math.abs(kpis.totalCostEur - r.totalAnnualCostEur)).toBeLessThan(1e-6);
  });

  it('ties the default power limits (energyKwh/2) to a sized energy', async () => {
    // At C/2 shifting 1 kWh needs 2 kWh; 5000·CRF = 647.5 per kWh < 1752/2: optimum 2 kWh.
    const system = batteryCase({ capexEurPerKwh: 5000 });
    const r = await solveSizing(system, { bounds: [{ component: 'battery', field: 'energyKwh', min: 0.01, max: 5 }], objective: 'COST' });
    expect(Math.abs(r.sizes[0].value - 2)).toBeLessThan(1e-6);
    const expected = 2 * 5000 * capitalRecoveryFactor(0.05, 10) + PER_YEAR * 0.1 * 2;
    expect(Math.abs(r.totalAnnualCostEur - expected)).toBeLessThan(1e-6);
  });

  it('sizes energy and power separately, power capex on max(charge, discharge)', async () => {
    // 100 EUR/kW on max(charge, discharge) adds 100·CRF per kWh shifted: still worth it.
    const system = batteryCase({ capexEurPerKwh: 5000, capexEurPerKw: 100 });
    const r = await solveSizing(system, {
      bounds: [
        { component: 'battery', field: 'energyKwh', min: 0.01, max: 5 },
        { component: 'battery', field: 'maxChargeKw', min: 0, max: 5 },
        { component: 'battery', field: 'maxDischargeKw', min: 0, max: 5 },
      ],
      objective: 'COST',
    });
    const [e, c, d] = r.sizes.map((s) => s.value);
    expect(Math.abs(e - 1)).toBeLessThan(1e-6);
    expect(Math.abs(c - 1)).toBeLessThan(1e-6);
    expect(Math.abs(d - 1)).toBeLessThan(1e-6);
    const crf = capitalRecoveryFactor(0.05, 10);
    expect(Math.abs(r.totalAnnualCostEur - (5000 * crf + 100 * crf + PER_YEAR * 0.2))).toBeLessThan(1e-6);
  });

  it('sizes a heat pump against a fixed electric boiler', async () => {
    // Heat 2 then 4 kW; the pump (COP 3) saves 0.3·(1 − 1/3) = 0.2 EUR per kWh of heat:
    // 4380·0.2·2 = 1752 per kW below 2 kW, 876 above; capex 15000·CRF(5 %, 20 y) = 1203.6.
    const system: SystemConfig = {
      name: 'heat',
      horizon: { timesteps: 2, timestepHours: 1 },
      discountRate: 0.05,
      components: [
        { id: 'grid', kind: 'GRID', importPriceEurPerKwh: 0.3, exportPriceEurPerKwh: 0 },
        { id: 'hp', kind: 'HEAT_PUMP', maxHeatKw: 1, cop: 3, capexEurPerKw: 15000, fixedOmEurPerYear: 0, lifetimeYears: 20 },
        { id: 'boiler', kind: 'ELECTRIC_BOILER', maxHeatKw: 10, efficiency: 1, capexEurPerKw: 0, fixedOmEurPerYear: 0 },
        { id: 'heat', kind: 'HEAT_DEMAND', profile: { values: [2, 4] } },
      ],
      connections: [
        { from: 'grid', to: 'hp', medium: 'ELECTRICITY' },
        { from: 'grid', to: 'boiler', medium: 'ELECTRICITY' },
        { from: 'hp', to: 'heat', medium: 'HEAT' },
        { from: 'boiler', to: 'heat', medium: 'HEAT' },
      ],
    };
    const r = await solveSizing(system, { bounds: [{ component: 'hp', field: 'maxHeatKw', min: 0, max: 6 }], objective: 'COST' });
    expect(Math.abs(r.sizes[0].value - 2)).toBeLessThan(1e-6);
    const expected = 2 * 15000 * capitalRecoveryFactor(0.05, 20) + PER_YEAR * 0.3 * (2 / 3 + 2 / 3 + 2);
    expect(Math.abs(r.totalAnnualCostEur - expected)).toBeLessThan(1e-6);
    const kpis = await simulatedTotalCost(system, r.sizes);
    expect(Math.abs(kpis.totalCostEur - r.totalAnnualCostEur)).toBeLessThan(1e-6);
  });

  it('minimises CO2 (grid + embodied) and respects a CO2 cap', async () => {
    // CO2: grid 4380·0.4 per kWh imported vs embodied 1500/20 = 75 kg per kWp and year: 2 kWp
    // (where PV covers both steps). Under a cap between the two optima the cost-optimal design
    // sits on the cap.
    const system = pvCase();
    delete (system.components[1] as Record<string, unknown>).fixedOmEurPerYear;
    const bounds: SizingBound[] = [{ component: 'pv', field: 'peakKw', min: 0, max: 3 }];
    const co2 = await solveSizing(system, { bounds, objective: 'CO2' });
    expect(Math.abs(co2.sizes[0].value - 2)).toBeLessThan(1e-6);
    expect(Math.abs(co2.co2Kg - 2 * 75)).toBeLessThan(1e-6);
    const capped = await solveSizing(system, { bounds, objective: 'COST', co2CapKg: 600 });
    // co2(P) = 75·P + 4380·0.4·(1 − P/2) for 1 ≤ P ≤ 2, = 600 at P = 1152/801.
    const p = (4380 * 0.4 - 600) / (4380 * 0.4 * 0.5 - 75);
    expect(Math.abs(capped.sizes[0].value - p)).toBeLessThan(1e-6);
    expect(capped.co2Kg).toBeLessThanOrEqual(600 + 1e-6);
    expect(capped.unmetDemandKwh).toBe(0);
    // Below what any design emits, the cap is met by not serving demand (priced, not forbidden).
    const shed = await solveSizing(system, { bounds, objective: 'COST', co2CapKg: 10 });
    expect(shed.co2Kg).toBeLessThanOrEqual(10 + 1e-6);
    expect(shed.unmetDemandKwh).toBeGreaterThan(0);
  });

  it('rejects bad input with paths before solving', async () => {
    await expect(
      solveSizing(pvCase(), { bounds: [{ component: 'pv', field: 'peakKw', min: 2, max: 1 }], objective: 'COST', co2CapKg: -1 }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID', issues: [{ path: 'bounds[0].min' }, { path: 'co2CapKg' }] });
  });
});

describe('paretoSizings', () => {
  it('runs from the pure-cost to the pure-CO2 sizing, each point no worse in one objective', async () => {
    const system = pvCase();
    delete (system.components[1] as Record<string, unknown>).fixedOmEurPerYear;
    const bounds: SizingBound[] = [{ component: 'pv', field: 'peakKw', min: 0, max: 3 }];
    const front = await paretoSizings(system, bounds, 4);
    const cost = await solveSizing(system, { bounds, objective: 'COST' });
    const co2 = await solveSizing(system, { bounds, objective: 'CO2' });
    expect(front).toHaveLength(4);
    expect(front[0].sizes).toEqual(cost.sizes);
    expect(front[0].totalAnnualCostEur).toBe(cost.totalAnnualCostEur);
    expect(front[3].sizes).toEqual(co2.sizes);
    expect(front[3].co2Kg).toBe(co2.co2Kg);
    for (let i = 1; i < front.length; i++) {
      expect(front[i].totalAnnualCostEur).toBeGreaterThan(front[i - 1].totalAnnualCostEur);
      expect(front[i].co2Kg).toBeLessThan(front[i - 1].co2Kg);
    }
    // Evenly stepped caps: 1 → 2 kWp in thirds.
    expect(front.map((p) => Number(p.sizes[0].value.toFixed(6)))).toEqual([1, 1.333333, 1.666667, 2]);
  });
});
