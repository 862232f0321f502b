// A run's dispatch series, stored compressed next to the run (RunResult) and read back on
// request. Encoding "f64-gzip/v1": gzip( uint32 header length | JSON header | float64 values ),
// the values of every series back to back. Float64 keeps the numbers exactly as computed.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Dispatch, ResolvedSystem } from '../simulation/types.js';

export const SERIES_ENCODING = 'f64-gzip/v1';

export type SeriesKind = 'FLOW' | 'STORAGE_LEVEL' | 'CURTAILMENT' | 'UNMET_DEMAND';
export type SeriesResolution = 'HOUR' | 'DAY' | 'MONTH';

export interface SeriesMeta {
  /** `flow:pv->house`, `level:battery`, `curtailment:pv`, `unmet:house`. */
  key: string;
  kind: SeriesKind;
  /** Flows, curtailment and unmet demand are average power (kW); storage levels energy (kWh). */
  unit: 'kW' | 'kWh';
  componentId?: string;
  from?: string;
  to?: string;
  medium?: string;
}

export interface Series extends SeriesMeta {
  values: Float64Array;
}

export interface RunSeries {
  timesteps: number;
  timestepHours: number;
  startDayOfYear: number;
  series: Series[];
}

interface Header {
  timesteps: number;
  timestepHours: number;
  startDayOfYear: number;
  series: SeriesMeta[];
}

export function seriesFromDispatch(system: ResolvedSystem, dispatch: Dispatch): RunSeries {
  const series: Series[] = [];
  for (const c of system.connections) {
    series.push({
      key: `flow:${c.id}`,
      kind: 'FLOW',
      unit: 'kW',
      from: c.from,
      to: c.to,
      medium: c.medium,
      values: dispatch.flowKw[c.index],
    });
  }
  const add = (kind: SeriesKind, prefix: string, unit: 'kW' | 'kWh', byId: Record<string, Float64Array>) => {
    for (const [componentId, values] of Object.entries(byId)) {
      series.push({ key: `${prefix}:${componentId}`, kind, unit, componentId, values });
    }
  };
  add('STORAGE_LEVEL', 'level', 'kWh', dispatch.storageLevelKwh);
  add('CURTAILMENT', 'curtailment', 'kW', dispatch.curtailmentKw);
  add('UNMET_DEMAND', 'unmet', 'kW', dispatch.unmetDemandKw);
  return {
    timesteps: system.timesteps,
    timestepHours: system.timestepHours,
    startDayOfYear: system.startDayOfYear,
    series,
  };
}

export function encodeRunSeries(runSeries: RunSeries): { encoding: string; data: Uint8Array; rawBytes: number } {
  const { series, ...rest } = runSeries;
  const header: Header = { ...rest, series: series.map(({ values: _values, ...meta }) => meta) };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const valueBytes = series.length * runSeries.timesteps * 8;
  const raw = Buffer.alloc(4 + headerBytes.length + valueBytes);
  raw.writeUInt32LE(headerBytes.length, 0);
  headerBytes.copy(raw, 4);
  let offset = 4 + headerBytes.length;
  for (const s of series) {
    for (let t = 0; t < runSeries.timesteps; t++, offset += 8) raw.writeDoubleLE(s.values[t], offset);
  }
  return { encoding: SERIES_ENCODING, data: gzipSync(raw, { level: 6 }), rawBytes: raw.length };
}

export function decodeRunSeries(encoding: string, data: Uint8Array): RunSeries {
  if (encoding !== SERIES_ENCODING) throw new Error(`unknown series encoding "${encoding}"`);
  const raw = gunzipSync(data);
  const headerLength = raw.readUInt32LE(0);
  const header = JSON.parse(raw.subarray(4, 4 + headerLength).toString('utf8')) as Header;
  let offset = 4 + headerLength;
  const series = header.series.map((meta) => {
    const values = new Float64Array(header.timesteps);
    for (let t = 0; t < header.timesteps; t++, offset += 8) values[t] = raw.readDoubleLE(offset);
    return { ...meta, values };
  });
  return { timesteps: header.timesteps, timestepHours: header.timestepHours, startDayOfYear: header.startDayOfYear, series };
}

const MONTH_START_DAY = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]; // non-leap year

/** Bucket index of each step for a resolution; steps are placed by their start time. */
function bucketOf(resolution: SeriesResolution, runSeries: RunSeries): (step: number) => number {
  const { timestepHours, startDayOfYear } = runSeries;
  // A period no longer than a step keeps the steps as they are.
  if (resolution === 'HOUR') return timestepHours >= 1 ? (t) => t : (t) => Math.floor(t * timestepHours + 1e-9);
  if (resolution === 'DAY') return timestepHours >= 24 ? (t) => t : (t) => Math.floor((t * timestepHours) / 24 + 1e-9);
  return (t) => {
    const day = startDayOfYear - 1 + Math.floor((t * timestepHours) / 24 + 1e-9);
    const year = Math.floor(day / 365);
    const dayOfYear = day % 365;
    let month = 11;
    while (MONTH_START_DAY[month] > dayOfYear) month--;
    return year * 12 + month;
  };
}

export interface DownsampledSeries extends SeriesMeta {
  /** Mean over each period (average kW for power series, mean level for storage). */
  values: number[];
}

export interface DownsampledRunSeries {
  resolution: SeriesResolution;
  /** Hours each period covers (a period at the edge of the horizon may be partial). */
  periodHours: number[];
  series: DownsampledSeries[];
}

/**
 * Means per hour, day or calendar month. Mean power × periodHours is the period's energy, so
 * sums stay exact. A resolution finer than the step (HOUR on 2-hour steps) returns the steps.
 */
export function downsampleSeries(runSeries: RunSeries, resolution: SeriesResolution): DownsampledRunSeries {
  const bucket = bucketOf(resolution, runSeries);
  const { timesteps, timestepHours } = runSeries;
  const first = bucket(0);
  const bucketIndex = new Int32Array(timesteps);
  let buckets = 0;
  for (let t = 0; t < timesteps; t++) {
    bucketIndex[t] = bucket(t) - first;
    buckets = Math.max(buckets, bucketIndex[t] + 1);
  }
  const periodHours = new Array<number>(buckets).fill(0);
  for (let t = 0; t < timesteps; t++) periodHours[bucketIndex[t]] += timestepHours;
  const series = runSeries.series.map(({ values, ...meta }) => {
    const sums = new Array<number>(buckets).fill(0);
    for (let t = 0; t < timesteps; t++) sums[bucketIndex[t]] += values[t] * timestepHours;
    return { ...meta, values: sums.map((sum, b) => (periodHours[b] > 0 ? sum / periodHours[b] : 0)) };
  });
  return { resolution, periodHours, series };
}
