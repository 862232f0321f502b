/**
 * HEAT_PUMP: heat out = COP_t × electricity in, heat out ≤ maxHeatKw.
 * COP is either a constant (`cop`) or follows the ambient temperature (air-source heat pump):
 *   COP_t = carnotEfficiency · (T_supply + 273.15) / (T_supply − T_ambient,t), clipped to [1, copMax]
 * (the ideal Carnot COP of lifting heat from ambient to supply temperature, times a quality
 * grade; ≈ 3 at 2 °C ambient and 45 °C supply with the defaults). When the ambient is at or
 * above the supply temperature the lift vanishes and the COP is copMax. Without `cop` and
 * without `ambientTemperature`, the seeded AMBIENT_TEMPERATURE generator is used.
 * Economics: 1200 EUR per kW of heat, fixed O&M 20 EUR/kW·a, 20 years, embodied 150 kgCO2/kW.
 */
import type { ResolvedConverter } from '../types.js';
import { economics } from './economics.js';
import { numberSchema, zodField, type FieldIssue } from './fields.js';
import { defineComponent, orNull } from './module.js';
import { profileField, type NormalisedProfile } from './profile-input.js';

export interface HeatPumpParams {
  maxHeatKw: number;
  cop: number | null;
  supplyTemperatureC: number;
  carnotEfficiency: number;
  copMax: number;
  ambientTemperature: NormalisedProfile | null;
}

export const HEAT_PUMP_DEFAULTS = {
  supplyTemperatureC: 45,
  carnotEfficiency: 0.45,
  copMax: 7,
  capexEurPerKw: 1200,
  fixedOmEurPerKwYear: 20,
  lifetimeYears: 20,
  embodiedKgCo2PerKw: 150,
} as const;

const KELVIN_OFFSET = 273.15;

export function carnotCop(supplyTemperatureC: number, ambientTemperatureC: number, carnotEfficiency: number, copMax: number): number {
  const liftK = supplyTemperatureC - ambientTemperatureC;
  if (liftK <= 0) return copMax;
  const cop = (carnotEfficiency * (supplyTemperatureC + KELVIN_OFFSET)) / liftK;
  return Math.min(copMax, Math.max(1, cop));
}

export const heatPumpComponent = defineComponent<HeatPumpParams>({
  kind: 'HEAT_PUMP',
  fields: {
    maxHeatKw: zodField(numberSchema({ min: 0 }), { required: true }),
    cop: zodField(numberSchema({ min: 1, max: 20 }), { nullable: true }),
    supplyTemperatureC: zodField(numberSchema({ min: 20, max: 100 })),
    carnotEfficiency: zodField(numberSchema({ gt: 0, max: 1 })),
    copMax: zodField(numberSchema({ min: 1, max: 20 })),
    ambientTemperature: profileField({ range: { min: -80, max: 70 }, generators: ['AMBIENT_TEMPERATURE'] }),
  },
  check(p) {
    const issues: FieldIssue[] = [];
    if (p.cop !== undefined && p.ambientTemperature !== undefined) {
      issues.push({ path: ['cop'], message: 'give either cop (constant) or ambientTemperature (COP from temperature), not both' });
    }
    return issues;
  },
  normalise(p, ctx) {
    return {
      maxHeatKw: p.maxHeatKw!,
      cop: orNull(p.cop),
      supplyTemperatureC: p.supplyTemperatureC ?? HEAT_PUMP_DEFAULTS.supplyTemperatureC,
      carnotEfficiency: p.carnotEfficiency ?? HEAT_PUMP_DEFAULTS.carnotEfficiency,
      copMax: p.copMax ?? HEAT_PUMP_DEFAULTS.copMax,
      ambientTemperature: p.cop !== undefined ? null : (p.ambientTemperature ?? { generator: 'AMBIENT_TEMPERATURE', seed: ctx.seed }),
    };
  },
  defaultEconomics: (p) =>
    economics({
      capexEurPerKw: HEAT_PUMP_DEFAULTS.capexEurPerKw,
      fixedOmEurPerYear: HEAT_PUMP_DEFAULTS.fixedOmEurPerKwYear * p.maxHeatKw,
      lifetimeYears: HEAT_PUMP_DEFAULTS.lifetimeYears,
      embodiedKgCo2: HEAT_PUMP_DEFAULTS.embodiedKgCo2PerKw * p.maxHeatKw,
    }),
  resolve(p, base, profiles): ResolvedConverter {
    const heatPerElectricity = new Float64Array(profiles.timesteps);
    if (p.cop !== null) {
      heatPerElectricity.fill(p.cop);
    } else {
      const ambientC = profiles.series(p.ambientTemperature!);
      for (let t = 0; t < ambientC.length; t++) {
        heatPerElectricity[t] = carnotCop(p.supplyTemperatureC, ambientC[t], p.carnotEfficiency, p.copMax);
      }
    }
    return { ...base, kind: 'HEAT_PUMP', maxHeatKw: p.maxHeatKw, heatPerElectricity };
  },
});
