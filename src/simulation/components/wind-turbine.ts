/**
 * WIND_TURBINE: availableKw = ratedKw · powerCurve(windSpeed). Power curve: 0 below cut-in
 * and from cut-out on (storm shutdown), (v³ − v_in³)/(v_r³ − v_in³) between cut-in and rated
 * (power of the wind grows with v³), 1 between rated and cut-out (pitch control).
 */
import { z } from 'zod';
import type { ResolvedGenerator } from '../types.js';
import { economics } from './economics.js';
import { numberSchema, zodField, type FieldIssue } from './fields.js';
import { defineComponent } from './module.js';
import { profileField, type NormalisedProfile } from './profile-input.js';

export interface WindTurbineParams {
  ratedKw: number;
  windSpeed: NormalisedProfile;
  cutInMs: number;
  ratedMs: number;
  cutOutMs: number;
  curtailable: boolean;
}

export const WIND_TURBINE_DEFAULTS = {
  cutInMs: 3,
  ratedMs: 12,
  cutOutMs: 25,
  curtailable: true,
  capexEurPerKw: 1500,
  fixedOmEurPerKwYear: 40,
  lifetimeYears: 20,
  embodiedKgCo2PerKw: 500,
} as const;

/** Fraction of rated power at wind speed v (m/s). */
export function windPowerFraction(speedMs: number, cutInMs: number, ratedMs: number, cutOutMs: number): number {
  if (speedMs < cutInMs || speedMs >= cutOutMs) return 0;
  if (speedMs >= ratedMs) return 1;
  const cutIn3 = cutInMs * cutInMs * cutInMs;
  return (speedMs * speedMs * speedMs - cutIn3) / (ratedMs * ratedMs * ratedMs - cutIn3);
}

export const windTurbineComponent = defineComponent<WindTurbineParams>({
  kind: 'WIND_TURBINE',
  fields: {
    ratedKw: zodField(numberSchema({ min: 0 }), { required: true }),
    windSpeed: profileField({ range: { min: 0, max: 100 }, generators: ['WIND_SPEED'] }),
    cutInMs: zodField(numberSchema({ min: 0, max: 100 })),
    ratedMs: zodField(numberSchema({ gt: 0, max: 100 })),
    cutOutMs: zodField(numberSchema({ gt: 0, max: 100 })),
    curtailable: zodField(z.boolean()),
  },
  check(p, _ctx, _econ, given) {
    if ((['cutInMs', 'ratedMs', 'cutOutMs'] as const).some((k) => given.has(k) && p[k] === undefined)) return [];
    const cutIn = p.cutInMs ?? WIND_TURBINE_DEFAULTS.cutInMs;
    const rated = p.ratedMs ?? WIND_TURBINE_DEFAULTS.ratedMs;
    const cutOut = p.cutOutMs ?? WIND_TURBINE_DEFAULTS.cutOutMs;
    const issues: FieldIssue[] = [];
    if (!(cutIn < rated)) issues.push({ path: ['ratedMs'], message: `must be > cutInMs (${cutIn}), got ${rated}` });
    if (!(rated < cutOut)) issues.push({ path: ['cutOutMs'], message: `must be > ratedMs (${rated}), got ${cutOut}` });
    return issues;
  },
  normalise(p, ctx) {
    return {
      ratedKw: p.ratedKw!,
      windSpeed: p.windSpeed ?? { generator: 'WIND_SPEED', seed: ctx.seed },
      cutInMs: p.cutInMs ?? WIND_TURBINE_DEFAULTS.cutInMs,
      ratedMs: p.ratedMs ?? WIND_TURBINE_DEFAULTS.ratedMs,
      cutOutMs: p.cutOutMs ?? WIND_TURBINE_DEFAULTS.cutOutMs,
      curtailable: p.curtailable ?? WIND_TURBINE_DEFAULTS.curtailable,
    };
  },
  defaultEconomics: (p) =>
    economics({
      capexEurPerKw: WIND_TURBINE_DEFAULTS.capexEurPerKw,
      fixedOmEurPerYear: WIND_TURBINE_DEFAULTS.fixedOmEurPerKwYear * p.ratedKw,
      lifetimeYears: WIND_TURBINE_DEFAULTS.lifetimeYears,
      embodiedKgCo2: WIND_TURBINE_DEFAULTS.embodiedKgCo2PerKw * p.ratedKw,
    }),
  resolve(p, base, profiles): ResolvedGenerator {
    const speedMs = profiles.series(p.windSpeed);
    const availableKw = new Float64Array(speedMs.length);
    for (let t = 0; t < speedMs.length; t++) {
      availableKw[t] = p.ratedKw * windPowerFraction(speedMs[t], p.cutInMs, p.ratedMs, p.cutOutMs);
    }
    return { ...base, kind: 'WIND_TURBINE', ratedKw: p.ratedKw, availableKw, curtailable: p.curtailable };
  },
});
