/**
 * Time axis and calendar shared by the generators.
 *
 * Conventions (documented in docs/components.md):
 * - the horizon starts at 00:00 local standard time of day `startDayOfYear` (1-based, 365-day
 *   year, no leap day, no daylight saving); local standard time is UTC + round(longitude/15) h;
 * - day 1 of the year is a Monday, so weekdays follow from the day of year;
 * - a step's value is the function evaluated at the step's middle; a step longer than one hour
 *   is split into ceil(timestepHours) equal parts whose midpoint values are averaged, so a
 *   daily step carries the day's mean, not its noon value.
 */

export interface ProfileContext {
  timesteps: number;
  timestepHours: number;
  startDayOfYear: number;
  latitudeDeg: number;
  longitudeDeg: number;
  seed: number;
}

export const DAYS_PER_YEAR = 365;
export const HOURS_PER_YEAR = 8760;

/** Instants (hours from the start of the horizon) at which a generator is evaluated. */
export interface SampleGrid {
  hours: Float64Array;
  samplesPerStep: number;
}

export function sampleGrid(ctx: ProfileContext): SampleGrid {
  const dt = ctx.timestepHours;
  const samplesPerStep = dt <= 1 ? 1 : Math.ceil(dt - 1e-9);
  const subStepHours = dt / samplesPerStep;
  const hours = new Float64Array(ctx.timesteps * samplesPerStep);
  for (let t = 0; t < ctx.timesteps; t++) {
    for (let j = 0; j < samplesPerStep; j++) {
      hours[t * samplesPerStep + j] = t * dt + (j + 0.5) * subStepHours;
    }
  }
  return { hours, samplesPerStep };
}

/** Mean of each step's samples. */
export function averagePerStep(samples: Float64Array, samplesPerStep: number, timesteps: number): Float64Array {
  if (samplesPerStep === 1) return samples;
  const out = new Float64Array(timesteps);
  for (let t = 0; t < timesteps; t++) {
    let sum = 0;
    for (let j = 0; j < samplesPerStep; j++) sum += samples[t * samplesPerStep + j];
    out[t] = sum / samplesPerStep;
  }
  return out;
}

/** Hourly noise nodes needed to cover the horizon (node k sits at k + 0.5 h). */
export function hourlyNodeCount(ctx: ProfileContext): number {
  return Math.ceil(ctx.timesteps * ctx.timestepHours) + 2;
}

/** Daily nodes needed to cover the horizon. */
export function dailyNodeCount(ctx: ProfileContext): number {
  return Math.ceil((ctx.timesteps * ctx.timestepHours) / 24) + 1;
}

/** Days since 00:00 of 1 January (0 ≤ value < 365), fractional, wrapping over year ends. */
export function daysSinceNewYear(ctx: ProfileContext, hoursFromStart: number): number {
  const days = ctx.startDayOfYear - 1 + hoursFromStart / 24;
  return days - DAYS_PER_YEAR * Math.floor(days / DAYS_PER_YEAR);
}

/** Local standard clock time, hours in [0, 24). */
export function clockHour(hoursFromStart: number): number {
  return hoursFromStart - 24 * Math.floor(hoursFromStart / 24);
}

/** Index of the calendar day within the horizon (0 for the first day). */
export function dayIndex(hoursFromStart: number): number {
  return Math.floor(hoursFromStart / 24);
}

/** 0 = Monday … 6 = Sunday, with 1 January a Monday. */
export function dayOfWeek(ctx: ProfileContext, hoursFromStart: number): number {
  const day = ctx.startDayOfYear - 1 + Math.floor(hoursFromStart / 24);
  return ((day % 7) + 7) % 7;
}

/**
 * +1 in the local winter peak (mid-January in the north, mid-July in the south), −1 half a year
 * later: the seasonal driver for temperature, lighting and cloudiness.
 */
export function winterness(ctx: ProfileContext, hoursFromStart: number): number {
  const coldestDay = ctx.latitudeDeg >= 0 ? 14.5 : 14.5 + DAYS_PER_YEAR / 2;
  return Math.cos((2 * Math.PI * (daysSinceNewYear(ctx, hoursFromStart) - coldestDay)) / DAYS_PER_YEAR);
}

/** Gaussian bump of the clock hour, wrapping around midnight. */
export function dailyBump(hour: number, centreHour: number, widthHours: number): number {
  let d = Math.abs(hour - centreHour);
  if (d > 12) d = 24 - d;
  return Math.exp(-0.5 * (d / widthHours) ** 2);
}

/** Smooth 0→1 step at `edgeHour` (logistic, ~1 h wide): office opening and closing times. */
export function smoothStep(hour: number, edgeHour: number, widthHours: number): number {
  return 1 / (1 + Math.exp(-(hour - edgeHour) / widthHours));
}
