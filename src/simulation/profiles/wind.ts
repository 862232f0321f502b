/**
 * WIND_SPEED, m/s at hub height: Weibull marginal (shape k = 2, scale c = 7 m/s, mean
 * c·Γ(1.5) ≈ 6.2 m/s — a fair onshore site) with hour-to-hour persistence through a Gaussian
 * copula: an AR(1) standard-normal series z (lag-1 correlation 0.9, typical of hourly wind) is
 * mapped by v = c·(−ln Q(z))^(1/k), Q the normal upper tail, so every hourly value is exactly
 * Weibull distributed. Between hourly nodes the speed is interpolated linearly.
 */
import { ar1Series, atHour, normalUpperTail } from './random.js';
import { hourlyNodeCount, type ProfileContext } from './time.js';

export const WIND_WEIBULL_SHAPE = 2;
export const WIND_WEIBULL_SCALE_MS = 7;
const HOURLY_PERSISTENCE = 0.9;
const SALT_WIND = 0x57_49_01;

/** Weibull quantile written on the upper tail q = 1 − u, which avoids cancellation near u = 1. */
export function weibullFromUpperTail(q: number, scale: number, shape: number): number {
  return scale * Math.pow(-Math.log(q), 1 / shape);
}

export function windSpeedSamples(ctx: ProfileContext, hours: Float64Array): Float64Array {
  const z = ar1Series(hourlyNodeCount(ctx), HOURLY_PERSISTENCE, ctx.seed, SALT_WIND);
  const speedNodesMs = new Float64Array(z.length);
  for (let k = 0; k < z.length; k++) {
    speedNodesMs[k] = weibullFromUpperTail(normalUpperTail(z[k]), WIND_WEIBULL_SCALE_MS, WIND_WEIBULL_SHAPE);
  }
  const out = new Float64Array(hours.length);
  for (let i = 0; i < hours.length; i++) out[i] = atHour(speedNodesMs, hours[i]);
  return out;
}
