/**
 * SOLAR_PV: availableKw = peakKw · profile · inverterEfficiency, the profile being the DC output
 * per kWp (0..1; default the seeded SOLAR generator).
 */
import type { ResolvedGenerator } from '../types.js';
import { economics } from './economics.js';
import { numberSchema, zodField } from './fields.js';
import { defineComponent } from './module.js';
import { profileField, type NormalisedProfile } from './profile-input.js';
import { z } from 'zod';

export interface SolarPvParams {
  peakKw: number;
  profile: NormalisedProfile;
  inverterEfficiency: number;
  curtailable: boolean;
}

export const SOLAR_PV_DEFAULTS = {
  inverterEfficiency: 0.96,
  curtailable: true,
  capexEurPerKw: 900,
  fixedOmEurPerKwYear: 15,
  lifetimeYears: 25,
  embodiedKgCo2PerKw: 1500,
} as const;

export const solarPvComponent = defineComponent<SolarPvParams>({
  kind: 'SOLAR_PV',
  fields: {
    peakKw: zodField(numberSchema({ min: 0 }), { required: true }),
    profile: profileField({ range: { min: 0, max: 1 }, generators: ['SOLAR'] }),
    inverterEfficiency: zodField(numberSchema({ gt: 0, max: 1 })),
    curtailable: zodField(z.boolean()),
  },
  normalise(p, ctx) {
    return {
      peakKw: p.peakKw!,
      profile: p.profile ?? { generator: 'SOLAR', seed: ctx.seed },
      inverterEfficiency: p.inverterEfficiency ?? SOLAR_PV_DEFAULTS.inverterEfficiency,
      curtailable: p.curtailable ?? SOLAR_PV_DEFAULTS.curtailable,
    };
  },
  defaultEconomics: (p) =>
    economics({
      capexEurPerKw: SOLAR_PV_DEFAULTS.capexEurPerKw,
      fixedOmEurPerYear: SOLAR_PV_DEFAULTS.fixedOmEurPerKwYear * p.peakKw,
      lifetimeYears: SOLAR_PV_DEFAULTS.lifetimeYears,
      embodiedKgCo2: SOLAR_PV_DEFAULTS.embodiedKgCo2PerKw * p.peakKw,
    }),
  resolve(p, base, profiles): ResolvedGenerator {
    const shape = profiles.series(p.profile);
    const availableKw = new Float64Array(shape.length);
    const scaleKw = p.peakKw * p.inverterEfficiency;
    for (let t = 0; t < shape.length; t++) availableKw[t] = scaleKw * shape[t];
    return { ...base, kind: 'SOLAR_PV', ratedKw: p.peakKw, availableKw, curtailable: p.curtailable };
  },
});
