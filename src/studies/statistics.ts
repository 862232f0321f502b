/**
 * Statistics of a study's trials: KPI summaries and parameter → KPI sensitivities. Values that
 * are null, undefined or not finite (a KPI a trial does not have, e.g. npvEur without a
 * baseline) are left out; pairs are used only where both values are present.
 */

export interface Summary {
  count: number;
  /** null when count is 0. */
  mean: number | null;
  /** Sample standard deviation (n − 1 in the denominator); 0 for a single value. */
  std: number | null;
  min: number | null;
  p5: number | null;
  p50: number | null;
  p95: number | null;
  max: number | null;
}

type MaybeNumber = number | null | undefined;

const present = (v: MaybeNumber): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Percentile p (0..1) of ascending `sorted`, linear interpolation between closest ranks:
 * h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) — Hyndman & Fan type 7, the default of
 * R's quantile(), NumPy's percentile() and Excel's PERCENTILE.INC.
 */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function summarize(values: readonly MaybeNumber[]): Summary {
  const xs = values.filter(present).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return { count: 0, mean: null, std: null, min: null, p5: null, p50: null, p95: null, max: null };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let squares = 0;
  for (const x of xs) squares += (x - mean) * (x - mean);
  return {
    count: n,
    mean,
    std: n > 1 ? Math.sqrt(squares / (n - 1)) : 0,
    min: xs[0],
    p5: percentileOfSorted(xs, 0.05),
    p50: percentileOfSorted(xs, 0.5),
    p95: percentileOfSorted(xs, 0.95),
    max: xs[n - 1],
  };
}

function pairs(x: readonly MaybeNumber[], y: readonly MaybeNumber[]): [number[], number[]] {
  const xs: number[] = [];
  const ys: number[] = [];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const a = x[i];
    const b = y[i];
    if (present(a) && present(b)) {
      xs.push(a);
      ys.push(b);
    }
  }
  return [xs, ys];
}

function pearsonOf(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // A constant series has no correlation to speak of.
  if (sxx === 0 || syy === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Pearson's r over the pairs where both are present; null with < 2 pairs or a constant side. */
export function pearson(x: readonly MaybeNumber[], y: readonly MaybeNumber[]): number | null {
  const [xs, ys] = pairs(x, y);
  return pearsonOf(xs, ys);
}

/** Ranks 1..n, tied values sharing the average of their ranks. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  let k = 0;
  while (k < order.length) {
    let end = k;
    while (end + 1 < order.length && order[end + 1][0] === order[k][0]) end++;
    const rank = (k + end) / 2 + 1;
    for (let j = k; j <= end; j++) ranks[order[j][1]] = rank;
    k = end + 1;
  }
  return ranks;
}

/** Spearman's ρ: Pearson's r of the ranks (ties averaged), over the pairs where both are present. */
export function spearman(x: readonly MaybeNumber[], y: readonly MaybeNumber[]): number | null {
  const [xs, ys] = pairs(x, y);
  if (xs.length < 2) return null;
  return pearsonOf(averageRanks(xs), averageRanks(ys));
}

/**
 * Elasticity of y with respect to x at the medians: β · median(x) / median(y), with β the
 * least-squares slope of y on x over all pairs — the % change of y per % change of x, read off
 * a straight-line fit at the middle of the sample. null with < 2 pairs, a constant x, or a zero
 * median of y.
 */
export function elasticityAtMedian(x: readonly MaybeNumber[], y: readonly MaybeNumber[]): number | null {
  const [xs, ys] = pairs(x, y);
  const n = xs.length;
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) * (xs[i] - mx);
  }
  if (sxx === 0) return null;
  const medianX = percentileOfSorted([...xs].sort((a, b) => a - b), 0.5);
  const medianY = percentileOfSorted([...ys].sort((a, b) => a - b), 0.5);
  if (medianY === 0) return null;
  return ((sxy / sxx) * medianX) / medianY;
}

export interface TrialValues {
  /** Parameter values by key (e.g. `battery.energyKwh`, see parameterKey). */
  parameters: Readonly<Record<string, MaybeNumber>>;
  /** KPI values by name. */
  kpis: Readonly<Record<string, MaybeNumber>>;
}

export interface Sensitivity {
  parameter: string;
  kpi: string;
  /** Pairs both present. */
  count: number;
  pearson: number | null;
  spearman: number | null;
  elasticity: number | null;
}

/** One entry per (parameter, KPI), parameters outer, both in the order given. */
export function sensitivity(trials: readonly TrialValues[], parameterKeys: readonly string[], kpiKeys: readonly string[]): Sensitivity[] {
  const out: Sensitivity[] = [];
  for (const parameter of parameterKeys) {
    const x = trials.map((t) => t.parameters[parameter]);
    for (const kpi of kpiKeys) {
      const y = trials.map((t) => t.kpis[kpi]);
      out.push({
        parameter,
        kpi,
        count: pairs(x, y)[0].length,
        pearson: pearson(x, y),
        spearman: spearman(x, y),
        elasticity: elasticityAtMedian(x, y),
      });
    }
  }
  return out;
}
