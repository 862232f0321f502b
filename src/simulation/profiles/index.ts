/**
 * Built-in, seeded profile generators. Same generator + context + seed → bit-identical series
 * (no Math.random, no clock). Generators sharing a seed share the weather: RESIDENTIAL_HEAT
 * with seed s is driven by AMBIENT_TEMPERATURE with seed s.
 */
import type { ProfileGenerator } from '../types.js';
import { commercialElectricSamples, residentialElectricSamples } from './electric-demand.js';
import { commercialHeatSamples, residentialHeatSamples } from './heat-demand.js';
import { solarSamples } from './solar.js';
import { ambientTemperatureSamples } from './temperature.js';
import { averagePerStep, sampleGrid, type ProfileContext } from './time.js';
import { windSpeedSamples } from './wind.js';

export type { ProfileContext } from './time.js';
export { fitValues, valuesFitProblem } from './fit.js';

export const PROFILE_GENERATORS: readonly ProfileGenerator[] = [
  'SOLAR',
  'WIND_SPEED',
  'AMBIENT_TEMPERATURE',
  'RESIDENTIAL_ELECTRIC',
  'COMMERCIAL_ELECTRIC',
  'RESIDENTIAL_HEAT',
  'COMMERCIAL_HEAT',
];

type Sampler = (ctx: ProfileContext, hours: Float64Array) => Float64Array;

interface GeneratorSpec {
  sample: Sampler;
  /** Demand shapes are dimensionless: scaled so the horizon's maximum is exactly 1. */
  normaliseToPeak: boolean;
}

const GENERATORS: Record<ProfileGenerator, GeneratorSpec> = {
  SOLAR: { sample: solarSamples, normaliseToPeak: false },
  WIND_SPEED: { sample: windSpeedSamples, normaliseToPeak: false },
  AMBIENT_TEMPERATURE: { sample: ambientTemperatureSamples, normaliseToPeak: false },
  RESIDENTIAL_ELECTRIC: { sample: residentialElectricSamples, normaliseToPeak: true },
  COMMERCIAL_ELECTRIC: { sample: commercialElectricSamples, normaliseToPeak: true },
  RESIDENTIAL_HEAT: { sample: residentialHeatSamples, normaliseToPeak: true },
  COMMERCIAL_HEAT: { sample: commercialHeatSamples, normaliseToPeak: true },
};

export function generateProfile(name: ProfileGenerator, ctx: ProfileContext): Float64Array {
  const spec = GENERATORS[name];
  if (!spec) throw new RangeError(`generateProfile: unknown generator "${String(name)}"`);
  if (!Number.isInteger(ctx.timesteps) || ctx.timesteps < 1) throw new RangeError('generateProfile: timesteps must be a positive integer');
  if (!(ctx.timestepHours > 0)) throw new RangeError('generateProfile: timestepHours must be > 0');
  const normalisedCtx: ProfileContext = { ...ctx, seed: ctx.seed >>> 0 };
  const grid = sampleGrid(normalisedCtx);
  const series = averagePerStep(spec.sample(normalisedCtx, grid.hours), grid.samplesPerStep, ctx.timesteps);
  if (spec.normaliseToPeak) {
    let peak = 0;
    for (let t = 0; t < series.length; t++) if (series[t] > peak) peak = series[t];
    if (peak > 0) for (let t = 0; t < series.length; t++) series[t] /= peak;
  }
  return series;
}
