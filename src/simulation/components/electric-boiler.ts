/**
 * ELECTRIC_BOILER (resistive heater): heat out = efficiency × electricity in, ≤ maxHeatKw.
 * Default efficiency 0.99 (resistive heating converts nearly all electricity; the rest is
 * lost with the casing). Economics: 100 EUR/kW, fixed O&M 2 EUR/kW·a, 20 years, 20 kgCO2/kW.
 */
import type { ResolvedConverter } from '../types.js';
import { economics } from './economics.js';
import { numberSchema, zodField } from './fields.js';
import { defineComponent } from './module.js';

export interface ElectricBoilerParams {
  maxHeatKw: number;
  efficiency: number;
}

export const ELECTRIC_BOILER_DEFAULTS = {
  efficiency: 0.99,
  capexEurPerKw: 100,
  fixedOmEurPerKwYear: 2,
  lifetimeYears: 20,
  embodiedKgCo2PerKw: 20,
} as const;

export const electricBoilerComponent = defineComponent<ElectricBoilerParams>({
  kind: 'ELECTRIC_BOILER',
  fields: {
    maxHeatKw: zodField(numberSchema({ min: 0 }), { required: true }),
    efficiency: zodField(numberSchema({ gt: 0, max: 1 })),
  },
  normalise: (p) => ({
    maxHeatKw: p.maxHeatKw!,
    efficiency: p.efficiency ?? ELECTRIC_BOILER_DEFAULTS.efficiency,
  }),
  defaultEconomics: (p) =>
    economics({
      capexEurPerKw: ELECTRIC_BOILER_DEFAULTS.capexEurPerKw,
      fixedOmEurPerYear: ELECTRIC_BOILER_DEFAULTS.fixedOmEurPerKwYear * p.maxHeatKw,
      lifetimeYears: ELECTRIC_BOILER_DEFAULTS.lifetimeYears,
      embodiedKgCo2: ELECTRIC_BOILER_DEFAULTS.embodiedKgCo2PerKw * p.maxHeatKw,
    }),
  resolve(p, base, profiles): ResolvedConverter {
    const heatPerElectricity = new Float64Array(profiles.timesteps).fill(p.efficiency);
    return { ...base, kind: 'ELECTRIC_BOILER', maxHeatKw: p.maxHeatKw, heatPerElectricity };
  },
});
