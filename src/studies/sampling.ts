/**
 * Monte Carlo samples of one parameter: a distribution, drawn by inverse transform
 * x = F⁻¹(u) from uniforms u in (0, 1) that are either independent (RANDOM) or Latin hypercube
 * (one u in each of the n strata [k/n, (k+1)/n), in a seeded random order per parameter).
 *
 * Distributions (all parameters finite numbers):
 *   UNIFORM     min, max
 *   TRIANGULAR  min, mode, max
 *   NORMAL      mean, std > 0, optional min / max
 *   LOGNORMAL   mu, sigma > 0 of ln x (median e^mu), optional min / max
 * Optional bounds of NORMAL and LOGNORMAL apply by `bounding`: TRUNCATE (default) draws from the
 * distribution conditioned on [min, max] (u is mapped into [F(min), F(max)], so Latin hypercube
 * strata stay equally likely); CLIP draws unbounded and moves values outside onto the bound.
 *
 * Randomness: the uniform stream of src/simulation/profiles/random.ts (mulberry32 seeded via
 * splitmix), one stream per parameter index, so the same seed gives the same samples and
 * adding a parameter at the end leaves the others' samples as they were.
 */
import { createUniform, normalUpperTail } from '../simulation/profiles/random.js';

export type DistributionKind = 'UNIFORM' | 'NORMAL' | 'TRIANGULAR' | 'LOGNORMAL';
export type Bounding = 'TRUNCATE' | 'CLIP';
export type SamplingMethod = 'LATIN_HYPERCUBE' | 'RANDOM';

export interface Distribution {
  kind: DistributionKind;
  min?: number;
  max?: number;
  mode?: number;
  mean?: number;
  std?: number;
  mu?: number;
  sigma?: number;
  bounding?: Bounding;
}

/** Salts of the per-parameter streams ("LH", "RN"), distinct from the profile generators'. */
const LHS_SALT = 0x4c480000;
const RANDOM_SALT = 0x524e0000;

/** Standard normal CDF Φ(z) (via erfc, relative error < 1.2e-7). */
export function normalCdf(z: number): number {
  return 1 - normalUpperTail(z);
}

/**
 * Standard normal quantile Φ⁻¹(p), p in (0, 1): P. J. Acklam's rational approximation,
 * relative error < 1.15e-9.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** F(x) of the unbounded distribution (NORMAL, LOGNORMAL). */
function baseCdf(d: Distribution, x: number): number {
  if (d.kind === 'NORMAL') return normalCdf((x - d.mean!) / d.std!);
  return x <= 0 ? 0 : normalCdf((Math.log(x) - d.mu!) / d.sigma!);
}

function baseQuantile(d: Distribution, u: number): number {
  if (d.kind === 'NORMAL') return d.mean! + d.std! * normalQuantile(u);
  return Math.exp(d.mu! + d.sigma! * normalQuantile(u));
}

function clamp(x: number, lo: number | undefined, hi: number | undefined): number {
  if (lo !== undefined && x < lo) return lo;
  if (hi !== undefined && x > hi) return hi;
  return x;
}

/** F⁻¹(u) of a valid distribution, bounds applied; u in (0, 1). */
export function distributionQuantile(d: Distribution, u: number): number {
  switch (d.kind) {
    case 'UNIFORM':
      return d.min! + (d.max! - d.min!) * u;
    case 'TRIANGULAR': {
      const { min, mode, max } = d as Required<Distribution>;
      const width = max - min;
      if (width === 0) return min;
      const split = (mode - min) / width;
      return u < split ? min + Math.sqrt(u * width * (mode - min)) : max - Math.sqrt((1 - u) * width * (max - mode));
    }
    case 'NORMAL':
    case 'LOGNORMAL': {
      const lo = d.min ?? undefined;
      const hi = d.max ?? undefined;
      if ((d.bounding ?? 'TRUNCATE') === 'CLIP' || (lo === undefined && hi === undefined)) return clamp(baseQuantile(d, u), lo, hi);
      const fLo = lo === undefined ? 0 : baseCdf(d, lo);
      const fHi = hi === undefined ? 1 : baseCdf(d, hi);
      // Roundoff in F and F⁻¹ can land a hair outside [min, max]: the clamp keeps the promise.
      return clamp(baseQuantile(d, fLo + (fHi - fLo) * u), lo, hi);
    }
  }
}

/** The uniforms behind `n` samples of parameter `index`: Latin hypercube or independent. */
export function sampleUniforms(n: number, method: SamplingMethod, seed: number, index: number): Float64Array {
  const u = new Float64Array(n);
  if (method === 'RANDOM') {
    const next = createUniform(seed, RANDOM_SALT + index);
    for (let k = 0; k < n; k++) u[k] = next();
    return u;
  }
  const next = createUniform(seed, LHS_SALT + index);
  // Fisher–Yates: stratum order[k] goes to sample k.
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(next() * (k + 1));
    const t = order[k];
    order[k] = order[j];
    order[j] = t;
  }
  // next() lies strictly inside (0, 1), so every u lies strictly inside its stratum.
  for (let k = 0; k < n; k++) u[k] = (order[k] + next()) / n;
  return u;
}

/** `n` samples of a valid distribution for parameter `index` of a study seeded with `seed`. */
export function drawSamples(d: Distribution, n: number, method: SamplingMethod, seed: number, index: number): number[] {
  return Array.from(sampleUniforms(n, method, seed, index), (u) => distributionQuantile(d, u));
}
