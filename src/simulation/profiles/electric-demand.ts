/**
 * RESIDENTIAL_ELECTRIC and COMMERCIAL_ELECTRIC: demand shapes as smooth functions of clock
 * time, day type and season, times seeded day-to-day and hour-to-hour variability. The caller
 * (generateProfile) normalises the horizon's series to peak 1.
 *
 * Residential (after the shape of the German BDEW H0 standard load profile): night base,
 * a morning peak around 07:00 (09:30 at weekends), a midday plateau that is larger at weekends,
 * the evening peak around 19:30; 15 % more in deep winter than in midsummer (lighting).
 * Commercial (office): base load 25 % of peak; weekdays open 07:30–18:30 with a lunch dip,
 * Saturday a short morning opening, Sunday closed; small winter (lighting) and summer
 * (cooling) uplifts during opening hours.
 */
import { ar1Series, atHour } from './random.js';
import {
  clockHour,
  dailyBump,
  dailyNodeCount,
  dayIndex,
  dayOfWeek,
  hourlyNodeCount,
  smoothStep,
  winterness,
  type ProfileContext,
} from './time.js';

const SALT_DAILY = 0x44_45_01;
const SALT_HOURLY = 0x44_45_02;

export function residentialShape(hour: number, weekday: number, winter: number): number {
  const weekend = weekday >= 5;
  const morning = weekend ? 0.45 * dailyBump(hour, 9.5, 1.5) : 0.45 * dailyBump(hour, 7, 1);
  const midday = weekend ? 0.35 * dailyBump(hour, 13, 2) : 0.15 * dailyBump(hour, 13, 2.5);
  const evening = 0.85 * dailyBump(hour, weekend ? 19 : 19.5, weekend ? 2 : 1.8);
  return (0.3 + morning + midday + evening) * (1 + 0.075 * winter);
}

export function commercialShape(hour: number, weekday: number, winter: number): number {
  const base = 0.25;
  let open = 0;
  if (weekday <= 4) {
    open = smoothStep(hour, 7.5, 0.4) * (1 - smoothStep(hour, 18.5, 0.4)) - 0.06 * dailyBump(hour, 12.5, 0.6);
  } else if (weekday === 5) {
    open = 0.35 * smoothStep(hour, 9, 0.4) * (1 - smoothStep(hour, 14, 0.4));
  }
  const seasonalUplift = 0.06 * Math.max(0, winter) + 0.1 * Math.max(0, -winter);
  return base + 0.75 * open * (1 + seasonalUplift);
}

function demandSamples(
  ctx: ProfileContext,
  hours: Float64Array,
  shape: (hour: number, weekday: number, winter: number) => number,
  dailySigma: number,
  hourlySigma: number,
): Float64Array {
  const daily = ar1Series(dailyNodeCount(ctx), 0.6, ctx.seed, SALT_DAILY);
  const hourly = ar1Series(hourlyNodeCount(ctx), 0.5, ctx.seed, SALT_HOURLY);
  const out = new Float64Array(hours.length);
  for (let i = 0; i < hours.length; i++) {
    const h = hours[i];
    // Mean-one log-normal factors: variability without shifting the expected energy.
    const noise = Math.exp(
      dailySigma * daily[dayIndex(h)] + hourlySigma * atHour(hourly, h) - 0.5 * (dailySigma * dailySigma + hourlySigma * hourlySigma),
    );
    out[i] = shape(clockHour(h), dayOfWeek(ctx, h), winterness(ctx, h)) * noise;
  }
  return out;
}

export function residentialElectricSamples(ctx: ProfileContext, hours: Float64Array): Float64Array {
  return demandSamples(ctx, hours, residentialShape, 0.05, 0.08);
}

export function commercialElectricSamples(ctx: ProfileContext, hours: Float64Array): Float64Array {
  return demandSamples(ctx, hours, commercialShape, 0.03, 0.04);
}
