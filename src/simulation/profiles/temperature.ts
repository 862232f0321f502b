/**
 * AMBIENT_TEMPERATURE, °C: a rough climatology, not a weather file.
 *   T = T_mean − A_season·winterness + A_day·cos(2π(hour − 15)/24) + σ·z
 * - T_mean = 30 − 0.4·|lat| (≈ 9 °C at 52°N), A_season = 0.2·|lat| (≈ 10 K at 52°N), coldest
 *   in mid-January (mid-July in the south);
 * - daily swing warmest at 15:00, A_day = 3 K + 1.5 K more in summer than in winter;
 * - weather: AR(1) on hourly nodes, lag-1 correlation 0.97 (spells of a few days), σ = 2.5 K.
 * Give measured values for a real site.
 */
import { ar1Series, atHour } from './random.js';
import { clockHour, hourlyNodeCount, winterness, type ProfileContext } from './time.js';

const SALT_TEMPERATURE = 0x54_45_01;
const HOURLY_PERSISTENCE = 0.97;
const WEATHER_SIGMA_K = 2.5;

export function annualMeanTemperatureC(latitudeDeg: number): number {
  return 30 - 0.4 * Math.abs(latitudeDeg);
}

export function seasonalAmplitudeK(latitudeDeg: number): number {
  return 0.2 * Math.abs(latitudeDeg);
}

export function ambientTemperatureSamples(ctx: ProfileContext, hours: Float64Array): Float64Array {
  const weather = ar1Series(hourlyNodeCount(ctx), HOURLY_PERSISTENCE, ctx.seed, SALT_TEMPERATURE);
  const meanC = annualMeanTemperatureC(ctx.latitudeDeg);
  const seasonalK = seasonalAmplitudeK(ctx.latitudeDeg);
  const out = new Float64Array(hours.length);
  for (let i = 0; i < hours.length; i++) {
    const h = hours[i];
    const w = winterness(ctx, h);
    const dailySwingK = 3 + 0.75 * (1 - w);
    out[i] =
      meanC - seasonalK * w + dailySwingK * Math.cos((2 * Math.PI * (clockHour(h) - 15)) / 24) + WEATHER_SIGMA_K * atHour(weather, h);
  }
  return out;
}
