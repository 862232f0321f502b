/**
 * RESIDENTIAL_HEAT and COMMERCIAL_HEAT: space heating proportional to heating degree hours of
 * the AMBIENT_TEMPERATURE profile with the same seed and context (so a heat pump fed by that
 * profile sees the same cold spells that drive the demand), plus domestic hot water. Both are
 * in kelvin-hours per hour; the caller normalises the series to peak 1.
 *
 * Residential: base temperature 15 °C, night setback 22:00–06:00 (space heat × 0.8); hot water
 * averages 1.3 K-equivalent (≈ 15 % of annual heat at 52°N) with morning and evening draws.
 * Commercial: base 15 °C while occupied (weekdays 06:00–19:00), 12 °C setback otherwise, a
 * reheat boost of 30 % 06:00–09:00 on weekdays; hot water a flat 0.3 K-equivalent.
 */
import { ambientTemperatureSamples } from './temperature.js';
import { clockHour, dailyBump, dayOfWeek, smoothStep, type ProfileContext } from './time.js';

export const HEATING_BASE_TEMPERATURE_C = 15;
const SETBACK_BASE_TEMPERATURE_C = 12;
const RESIDENTIAL_HOT_WATER_MEAN_K = 1.3;
const COMMERCIAL_HOT_WATER_K = 0.3;

/** Daily mean of a narrow Gaussian bump of width w (hours): w·√(2π)/24. */
function bumpDailyMean(widthHours: number): number {
  return (widthHours * Math.sqrt(2 * Math.PI)) / 24;
}

const HOT_WATER_SHAPE_MEAN = 0.3 + 1.2 * bumpDailyMean(1) + 1.0 * bumpDailyMean(1.5);

export function residentialHotWaterK(hour: number): number {
  const shape = 0.3 + 1.2 * dailyBump(hour, 7, 1) + 1.0 * dailyBump(hour, 19.5, 1.5);
  return (RESIDENTIAL_HOT_WATER_MEAN_K * shape) / HOT_WATER_SHAPE_MEAN;
}

export function residentialHeatSamples(ctx: ProfileContext, hours: Float64Array): Float64Array {
  const temperatureC = ambientTemperatureSamples(ctx, hours);
  const out = new Float64Array(hours.length);
  for (let i = 0; i < hours.length; i++) {
    const hour = clockHour(hours[i]);
    const night = smoothStep(hour, 22, 0.3) + 1 - smoothStep(hour, 6, 0.3);
    const setbackFactor = 1 - 0.2 * Math.min(1, night);
    const degreeK = Math.max(0, HEATING_BASE_TEMPERATURE_C - temperatureC[i]);
    out[i] = degreeK * setbackFactor + residentialHotWaterK(hour);
  }
  return out;
}

export function commercialHeatSamples(ctx: ProfileContext, hours: Float64Array): Float64Array {
  const temperatureC = ambientTemperatureSamples(ctx, hours);
  const out = new Float64Array(hours.length);
  for (let i = 0; i < hours.length; i++) {
    const h = hours[i];
    const hour = clockHour(h);
    const weekday = dayOfWeek(ctx, h) <= 4;
    const occupied = weekday && hour >= 6 && hour < 19;
    const baseC = occupied ? HEATING_BASE_TEMPERATURE_C : SETBACK_BASE_TEMPERATURE_C;
    const boost = weekday && hour >= 6 && hour < 9 ? 1.3 : 1;
    out[i] = Math.max(0, baseC - temperatureC[i]) * boost + COMMERCIAL_HOT_WATER_K;
  }
  return out;
}
