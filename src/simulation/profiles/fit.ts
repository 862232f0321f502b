/**
 * Fitting a user's value array onto the horizon. The array is read as a step function of time
 * (value i holds over [i·Δv, (i+1)·Δv), Δv = valuesTimestepHours); each horizon step takes the
 * time-weighted mean of that function over the step. That single rule gives step-hold when the
 * horizon is finer (a step inside one value returns the value itself, bit for bit) and the
 * energy-preserving average when it is coarser.
 *
 * - EXACT: one value per step; lengths and step sizes must match.
 * - REPEAT: the array is one period, tiled over the horizon (24 hourly prices over a year).
 * - RESAMPLE: the array must span exactly the horizon's duration.
 */
import type { ProfileFit } from '../types.js';

/** Relative tolerance for comparing durations in hours (sums of many 0.25 h steps). */
const TIME_TOLERANCE = 1e-9;

function sameHours(a: number, b: number): boolean {
  return Math.abs(a - b) <= TIME_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Why `values` cannot be fitted to the horizon, or null when they can. */
export function valuesFitProblem(
  valueCount: number,
  valuesTimestepHours: number,
  fit: ProfileFit,
  timesteps: number,
  timestepHours: number,
): string | null {
  if (valueCount < 1) return 'must not be empty';
  switch (fit) {
    case 'EXACT':
      if (!sameHours(valuesTimestepHours, timestepHours)) {
        return `fit EXACT needs valuesTimestepHours = horizon.timestepHours (${timestepHours}), got ${valuesTimestepHours}; use RESAMPLE`;
      }
      if (valueCount !== timesteps) {
        return `fit EXACT needs one value per step: ${timesteps} values, got ${valueCount} (use REPEAT or RESAMPLE)`;
      }
      return null;
    case 'REPEAT':
      return null;
    case 'RESAMPLE': {
      const spanHours = valueCount * valuesTimestepHours;
      const horizonHours = timesteps * timestepHours;
      if (!sameHours(spanHours, horizonHours)) {
        return `fit RESAMPLE needs values spanning the horizon (${horizonHours} h): ${valueCount} × ${valuesTimestepHours} h = ${spanHours} h`;
      }
      return null;
    }
  }
}

export function fitValues(
  values: number[],
  valuesTimestepHours: number,
  fit: ProfileFit,
  timesteps: number,
  timestepHours: number,
): Float64Array {
  const problem = valuesFitProblem(values.length, valuesTimestepHours, fit, timesteps, timestepHours);
  if (problem) throw new RangeError(`fitValues: ${problem}`);
  const n = values.length;
  const out = new Float64Array(timesteps);
  if (sameHours(valuesTimestepHours, timestepHours)) {
    for (let t = 0; t < timesteps; t++) out[t] = values[t % n];
    return out;
  }
  const periodic = fit === 'REPEAT';
  const dv = valuesTimestepHours;
  const valueAt = (i: number): number => (periodic ? values[i % n] : values[Math.min(i, n - 1)]);
  for (let t = 0; t < timesteps; t++) {
    const startH = t * timestepHours;
    const endH = startH + timestepHours;
    // Snap index bounds so float noise in t·Δt (e.g. 0.1 h steps) does not create sliver overlaps.
    const first = Math.floor(startH / dv + TIME_TOLERANCE);
    const last = Math.ceil(endH / dv - TIME_TOLERANCE); // exclusive
    if (last - first <= 1) {
      out[t] = valueAt(first);
      continue;
    }
    let weightedSum = 0;
    for (let i = first; i < last; i++) {
      const overlapH = Math.min(endH, (i + 1) * dv) - Math.max(startH, i * dv);
      if (overlapH > 0) weightedSum += overlapH * valueAt(i);
    }
    out[t] = weightedSum / timestepHours;
  }
  return out;
}
