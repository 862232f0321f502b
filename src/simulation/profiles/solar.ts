/**
 * SOLAR: normalised PV output (0..1) on a HORIZONTAL plane.
 *
 * Geometry: Spencer's (1971) Fourier series for declination and equation of time; hour angle
 * from apparent solar time at the site's longitude. Clear sky: Haurwitz global horizontal
 * irradiance, GHI = 1098·cos θz·exp(−0.057/cos θz) W/m². Normalisation: divided by the
 * clear-sky GHI at solar noon on the local summer solstice, so that instant is 1 (values above
 * 1, e.g. near the equator at equinox noon, are capped) — the shape of a horizontal plane with
 * the peak of a panel that reaches its rating on a clear summer noon.
 *
 * Cloudiness: a daily clearness factor (AR(1) over days, persistence 0.5, pushed through a
 * logistic so it stays in (0.08, 1), seasonal mean higher in summer) times an hourly
 * log-normal factor (AR(1) over hours, persistence 0.75). Tuned so central Europe (52°N) gets
 * an annual capacity factor of about 0.11, the order of German PV yields (~950 kWh/kWp·a).
 */
import { atHour, ar1Series } from './random.js';
import { clockHour, dailyNodeCount, dayIndex, daysSinceNewYear, hourlyNodeCount, winterness, type ProfileContext } from './time.js';

const DEG = Math.PI / 180;
const MAX_DECLINATION_DEG = 23.44;

/** Declination (rad) and equation of time (minutes) for days since 1 January 00:00. */
export function solarDeclinationAndEquationOfTime(daysSinceNewYear: number): { declinationRad: number; equationOfTimeMin: number } {
  const g = (2 * Math.PI * daysSinceNewYear) / 365;
  const declinationRad =
    0.006918 -
    0.399912 * Math.cos(g) +
    0.070257 * Math.sin(g) -
    0.006758 * Math.cos(2 * g) +
    0.000907 * Math.sin(2 * g) -
    0.002697 * Math.cos(3 * g) +
    0.00148 * Math.sin(3 * g);
  const equationOfTimeMin =
    229.18 * (0.000075 + 0.001868 * Math.cos(g) - 0.032077 * Math.sin(g) - 0.014615 * Math.cos(2 * g) - 0.040849 * Math.sin(2 * g));
  return { declinationRad, equationOfTimeMin };
}

/** sin(solar elevation) = cos(zenith) at a site, instant given as days since New Year + clock hour. */
export function sinSolarElevation(latitudeDeg: number, longitudeDeg: number, daysSinceNewYear: number, clockHour: number): number {
  const { declinationRad, equationOfTimeMin } = solarDeclinationAndEquationOfTime(daysSinceNewYear);
  const timeZoneHours = Math.round(longitudeDeg / 15);
  const solarHour = clockHour + (longitudeDeg - 15 * timeZoneHours) / 15 + equationOfTimeMin / 60;
  const hourAngleRad = 15 * (solarHour - 12) * DEG;
  const latitudeRad = latitudeDeg * DEG;
  return Math.sin(latitudeRad) * Math.sin(declinationRad) + Math.cos(latitudeRad) * Math.cos(declinationRad) * Math.cos(hourAngleRad);
}

/** Haurwitz clear-sky global horizontal irradiance, W/m². */
export function clearSkyGhiWm2(sinElevation: number): number {
  if (sinElevation <= 0) return 0;
  return 1098 * sinElevation * Math.exp(-0.057 / sinElevation);
}

/** Clear-sky GHI at solar noon on the local summer solstice: the value that maps to 1. */
export function solsticeNoonGhiWm2(latitudeDeg: number): number {
  const noonElevationDeg = 90 - Math.abs(Math.abs(latitudeDeg) - MAX_DECLINATION_DEG);
  return clearSkyGhiWm2(Math.sin(noonElevationDeg * DEG));
}

const SALT_DAILY_CLEARNESS = 0x50_4c_01;
const SALT_HOURLY_CLEARNESS = 0x50_4c_02;
const DAILY_PERSISTENCE = 0.5;
const HOURLY_PERSISTENCE = 0.75;
/** Logit of the daily clearness: mean and seasonal swing (summer clearer in central Europe). */
const CLEARNESS_LOGIT_MEAN = -0.2;
const CLEARNESS_LOGIT_SEASONAL = 0.5;
const CLEARNESS_LOGIT_SPREAD = 1.4;
const CLEARNESS_FLOOR = 0.08;
const HOURLY_LOG_SIGMA = 0.25;

export function solarSamples(ctx: ProfileContext, hours: Float64Array): Float64Array {
  const reference = solsticeNoonGhiWm2(ctx.latitudeDeg);
  const daily = ar1Series(dailyNodeCount(ctx), DAILY_PERSISTENCE, ctx.seed, SALT_DAILY_CLEARNESS);
  const hourly = ar1Series(hourlyNodeCount(ctx), HOURLY_PERSISTENCE, ctx.seed, SALT_HOURLY_CLEARNESS);
  const out = new Float64Array(hours.length);
  for (let i = 0; i < hours.length; i++) {
    const h = hours[i];
    const sinElevation = sinSolarElevation(ctx.latitudeDeg, ctx.longitudeDeg, daysSinceNewYear(ctx, h), clockHour(h));
    if (sinElevation <= 0) continue;
    const clearSky = clearSkyGhiWm2(sinElevation) / reference;
    const logit = CLEARNESS_LOGIT_MEAN - CLEARNESS_LOGIT_SEASONAL * winterness(ctx, h) + CLEARNESS_LOGIT_SPREAD * daily[dayIndex(h)];
    const dailyClearness = CLEARNESS_FLOOR + (1 - CLEARNESS_FLOOR) / (1 + Math.exp(-logit));
    // exp(σz − σ²/2) has mean 1: hourly noise redistributes, it does not bias the daily energy.
    const hourlyFactor = Math.exp(HOURLY_LOG_SIGMA * atHour(hourly, h) - 0.5 * HOURLY_LOG_SIGMA * HOURLY_LOG_SIGMA);
    out[i] = Math.min(1, clearSky * dailyClearness * hourlyFactor);
  }
  return out;
}
