/**
 * What a study varies, as plain data (the GraphQL input maps onto it), how it is validated, and
 * how PARAMETRIC and MONTE_CARLO studies expand into trials. SIZING and PARETO trials come out
 * of the sizing LP (src/simulation/sizing.ts) instead.
 *
 * A spec holds exactly one of `parametric`, `monteCarlo`, `sizing`, `pareto`; issue paths are
 * relative to the spec (`parametric.parameters[1].range.step`).
 */
import { validateSizingInput, type SizingBound, type SizingObjective } from '../simulation/sizing.js';
import { parseSystemConfig } from '../simulation/config.js';
import type { ConfigIssue, SystemConfig } from '../simulation/types.js';
import { applyParameters, parameterKey, validateParameterAddress, type ParameterAddress, type ParameterValue } from './parameters.js';
import { drawSamples, type Distribution, type SamplingMethod } from './sampling.js';

export type StudyKind = 'PARAMETRIC' | 'MONTE_CARLO' | 'SIZING' | 'PARETO';

/** Values start, start + step, … up to stop (inclusive), or `count` values evenly from start to stop. */
export interface ValueRange {
  start: number;
  stop: number;
  step?: number;
  count?: number;
}

export interface SweepParameter extends ParameterAddress {
  /** Exactly one of values and range. */
  values?: number[];
  range?: ValueRange;
  /** Parameters with the same link vary together (k-th value with k-th value): equal lengths. */
  link?: string;
}

export interface ParametricSpec {
  parameters: SweepParameter[];
}

export interface MonteCarloParameter extends ParameterAddress {
  distribution: Distribution;
}

export interface MonteCarloSpec {
  parameters: MonteCarloParameter[];
  samples: number;
  /** Default LATIN_HYPERCUBE. */
  sampling?: SamplingMethod;
  /** Integer 0 … 2³²−1; the same seed gives the same samples. Default 1. */
  seed?: number;
}

export interface SizingStudySpec {
  bounds: SizingBound[];
  objective: SizingObjective;
  co2CapKg?: number;
}

export interface ParetoStudySpec {
  bounds: SizingBound[];
  /** Designs on the front, both ends included (≥ 2). */
  points: number;
}

export interface StudySpec {
  parametric?: ParametricSpec;
  monteCarlo?: MonteCarloSpec;
  sizing?: SizingStudySpec;
  pareto?: ParetoStudySpec;
}

export interface StudyTrial {
  parameters: ParameterValue[];
}

export interface ValidateStudyOptions {
  /** Largest number of trials a study may have. */
  maxTrials: number;
}

export const DEFAULT_MONTE_CARLO_SEED = 1;
const KIND_KEYS = { parametric: 'PARAMETRIC', monteCarlo: 'MONTE_CARLO', sizing: 'SIZING', pareto: 'PARETO' } as const;

/** The kind of a spec with exactly one member set, else null. */
export function studyKind(spec: StudySpec): StudyKind | null {
  const present = (Object.keys(KIND_KEYS) as (keyof typeof KIND_KEYS)[]).filter((k) => spec?.[k] !== undefined && spec?.[k] !== null);
  return present.length === 1 ? KIND_KEYS[present[0]] : null;
}

/** Values would be this many or more: counted before any array is built, so 1e12 steps cost nothing. */
function rangeLength(range: ValueRange): number {
  if (range.count !== undefined) return range.count;
  const step = range.step!;
  return Math.floor((range.stop - range.start) / step + 1e-9) + 1;
}

/** 12 significant digits: 0.1·3 is stored and shown as 0.3, not 0.30000000000000004. */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/** The values of a valid range (see ValueRange); stop is included when it is on the grid. */
export function rangeValues(range: ValueRange): number[] {
  const n = rangeLength(range);
  if (range.count !== undefined) {
    if (n === 1) return [range.start];
    return Array.from({ length: n }, (_, k) => (k === n - 1 ? range.stop : clean(range.start + ((range.stop - range.start) * k) / (n - 1))));
  }
  return Array.from({ length: n }, (_, k) => clean(range.start + k * range.step!));
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkRange(range: ValueRange, path: string, maxValues: number, issues: ConfigIssue[]): boolean {
  const before = issues.length;
  if (!isFiniteNumber(range.start)) issues.push({ path: `${path}.start`, message: 'must be a finite number' });
  if (!isFiniteNumber(range.stop)) issues.push({ path: `${path}.stop`, message: 'must be a finite number' });
  const hasStep = range.step !== undefined && range.step !== null;
  const hasCount = range.count !== undefined && range.count !== null;
  if (hasStep === hasCount) {
    issues.push({ path: path, message: 'give exactly one of step and count' });
    return false;
  }
  if (hasStep) {
    if (!isFiniteNumber(range.step)) issues.push({ path: `${path}.step`, message: 'must be a finite number' });
    else if (range.step === 0) issues.push({ path: `${path}.step`, message: 'must not be 0' });
    else if (issues.length === before && (range.stop - range.start) * range.step < 0) {
      issues.push({ path: `${path}.step`, message: `goes away from stop (${range.stop}): the range from ${range.start} is empty` });
    }
  } else if (!Number.isInteger(range.count) || (range.count as number) < 1) {
    issues.push({ path: `${path}.count`, message: `must be an integer >= 1, got ${String(range.count)}` });
  } else if (range.count === 1 && isFiniteNumber(range.start) && range.start !== range.stop) {
    issues.push({ path: `${path}.count`, message: 'must be >= 2 when start and stop differ (1 value cannot span them)' });
  }
  if (issues.length > before) return false;
  if (rangeLength(range) > maxValues) {
    issues.push({ path, message: `has ${rangeLength(range) > 1e15 ? 'too many' : rangeLength(range)} values; a study may have at most ${maxValues} trials` });
    return false;
  }
  return true;
}

/**
 * Values of the study that the config rejects (e.g. socMin 1.5), checked at each parameter's
 * smallest and largest value with every other parameter at its base value; the trials of a
 * valid study can then fail only on combinations (e.g. socMin above a varied socMax).
 */
function valueIssues(system: SystemConfig, address: ParameterAddress, values: number[], path: string): ConfigIssue[] {
  if (values.length === 0) return [];
  let lo = values[0];
  let hi = values[0];
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const issues: ConfigIssue[] = [];
  for (const v of lo === hi ? [lo] : [lo, hi]) {
    const parsed = parseSystemConfig(applyParameters(system, [{ ...address, value: v }]));
    if (parsed.ok) continue;
    const index = system.components.findIndex((c) => c.id === address.component);
    const own = parsed.issues.filter((i) => i.path.startsWith(`components[${index}]`));
    const reason = (own[0] ?? parsed.issues[0])?.message ?? 'invalid';
    issues.push({ path, message: `value ${v} makes the system invalid: ${reason}` });
  }
  return issues;
}

function validateParametric(system: SystemConfig, spec: ParametricSpec, maxTrials: number, issues: ConfigIssue[]): void {
  if (!Array.isArray(spec.parameters) || spec.parameters.length === 0) {
    issues.push({ path: 'parametric.parameters', message: 'give at least one parameter' });
    return;
  }
  const seen = new Map<string, number>();
  const groupLengths = new Map<string, { length: number; first: number }>();
  let trials = 1;
  let countable = true;
  spec.parameters.forEach((p, i) => {
    const path = `parametric.parameters[${i}]`;
    const addressIssues = validateParameterAddress(system, p, path);
    issues.push(...addressIssues);
    if (addressIssues.length === 0) {
      const key = parameterKey(p);
      const first = seen.get(key);
      if (first !== undefined) issues.push({ path, message: `${key} is already varied by parametric.parameters[${first}]` });
      else seen.set(key, i);
    }
    const hasValues = p.values !== undefined && p.values !== null;
    const hasRange = p.range !== undefined && p.range !== null;
    let values: number[] | null = null;
    if (hasValues === hasRange) {
      issues.push({ path, message: 'give exactly one of values and range' });
    } else if (hasValues) {
      if (!Array.isArray(p.values) || p.values.length === 0) issues.push({ path: `${path}.values`, message: 'must not be empty' });
      else if (p.values.length > maxTrials) issues.push({ path: `${path}.values`, message: `has ${p.values.length} values; a study may have at most ${maxTrials} trials` });
      else {
        const bad = p.values.findIndex((v) => !isFiniteNumber(v));
        if (bad >= 0) issues.push({ path: `${path}.values[${bad}]`, message: 'must be a finite number' });
        else values = p.values;
      }
    } else if (checkRange(p.range!, `${path}.range`, maxTrials, issues)) {
      values = rangeValues(p.range!);
    }
    if (!values) {
      countable = false;
      return;
    }
    if (addressIssues.length === 0) issues.push(...valueIssues(system, p, values, hasValues ? `${path}.values` : `${path}.range`));
    if (p.link !== undefined && p.link !== null) {
      if (typeof p.link !== 'string' || p.link === '') {
        issues.push({ path: `${path}.link`, message: 'must be a non-empty group name' });
        return;
      }
      const group = groupLengths.get(p.link);
      if (!group) {
        groupLengths.set(p.link, { length: values.length, first: i });
        trials *= values.length;
      } else if (group.length !== values.length) {
        issues.push({
          path: `${path}.link`,
          message: `linked parameters vary together and need equal lengths: ${values.length} values here, ${group.length} in parametric.parameters[${group.first}] (link "${p.link}")`,
        });
      }
    } else {
      trials *= values.length;
    }
  });
  if (countable && trials > maxTrials) {
    issues.push({ path: 'parametric', message: `makes ${trials} trials; at most ${maxTrials} are allowed` });
  }
}

function validateMonteCarlo(system: SystemConfig, spec: MonteCarloSpec, maxTrials: number, issues: ConfigIssue[]): void {
  if (!Array.isArray(spec.parameters) || spec.parameters.length === 0) {
    issues.push({ path: 'monteCarlo.parameters', message: 'give at least one parameter' });
  } else {
    const seen = new Map<string, number>();
    spec.parameters.forEach((p, i) => {
      const path = `monteCarlo.parameters[${i}]`;
      const addressIssues = validateParameterAddress(system, p, path);
      issues.push(...addressIssues);
      if (addressIssues.length === 0) {
        const key = parameterKey(p);
        const first = seen.get(key);
        if (first !== undefined) issues.push({ path, message: `${key} is already sampled by monteCarlo.parameters[${first}]` });
        else seen.set(key, i);
      }
      const distributionIssues = distributionProblems(p.distribution, `${path}.distribution`);
      issues.push(...distributionIssues);
      if (addressIssues.length === 0 && distributionIssues.length === 0) {
        const ends = [p.distribution.min, p.distribution.max].filter(isFiniteNumber);
        issues.push(...valueIssues(system, p, ends, `${path}.distribution`));
      }
    });
  }
  if (!Number.isInteger(spec.samples) || spec.samples < 1) {
    issues.push({ path: 'monteCarlo.samples', message: `must be an integer >= 1, got ${String(spec.samples)}` });
  } else if (spec.samples > maxTrials) {
    issues.push({ path: 'monteCarlo.samples', message: `${spec.samples} trials; at most ${maxTrials} are allowed` });
  }
  if (spec.sampling !== undefined && spec.sampling !== null && spec.sampling !== 'LATIN_HYPERCUBE' && spec.sampling !== 'RANDOM') {
    issues.push({ path: 'monteCarlo.sampling', message: `must be LATIN_HYPERCUBE or RANDOM, got ${JSON.stringify(spec.sampling)}` });
  }
  if (spec.seed !== undefined && spec.seed !== null && (!Number.isInteger(spec.seed) || spec.seed < 0 || spec.seed > 0xffffffff)) {
    issues.push({ path: 'monteCarlo.seed', message: `must be an integer in 0..4294967295, got ${String(spec.seed)}` });
  }
}

/** Parameter problems of one distribution (see sampling.ts for the parameters of each kind). */
export function distributionProblems(d: Distribution | undefined, path: string): ConfigIssue[] {
  if (!d || typeof d !== 'object') return [{ path, message: 'is required' }];
  const issues: ConfigIssue[] = [];
  const need = (key: 'min' | 'max' | 'mode' | 'mean' | 'std' | 'mu' | 'sigma') => {
    if (!isFiniteNumber(d[key])) issues.push({ path: `${path}.${key}`, message: `is required for ${d.kind} (a finite number)` });
  };
  const optional = (key: 'min' | 'max') => {
    if (d[key] !== undefined && d[key] !== null && !isFiniteNumber(d[key])) issues.push({ path: `${path}.${key}`, message: 'must be a finite number' });
  };
  switch (d.kind) {
    case 'UNIFORM':
      need('min');
      need('max');
      break;
    case 'TRIANGULAR':
      need('min');
      need('mode');
      need('max');
      if (issues.length === 0 && !(d.min! <= d.mode! && d.mode! <= d.max!)) {
        issues.push({ path: `${path}.mode`, message: `must lie in [min, max] = [${d.min}, ${d.max}], got ${d.mode}` });
      }
      break;
    case 'NORMAL':
      need('mean');
      need('std');
      if (isFiniteNumber(d.std) && d.std <= 0) issues.push({ path: `${path}.std`, message: `must be > 0, got ${d.std}` });
      optional('min');
      optional('max');
      break;
    case 'LOGNORMAL':
      need('mu');
      need('sigma');
      if (isFiniteNumber(d.sigma) && d.sigma <= 0) issues.push({ path: `${path}.sigma`, message: `must be > 0, got ${d.sigma}` });
      optional('min');
      optional('max');
      if (isFiniteNumber(d.max) && d.max <= 0) issues.push({ path: `${path}.max`, message: `must be > 0 (a lognormal value is positive), got ${d.max}` });
      break;
    default:
      return [{ path: `${path}.kind`, message: `must be one of UNIFORM, NORMAL, TRIANGULAR, LOGNORMAL, got ${JSON.stringify((d as { kind?: unknown }).kind)}` }];
  }
  if (d.bounding !== undefined && d.bounding !== null && d.bounding !== 'TRUNCATE' && d.bounding !== 'CLIP') {
    issues.push({ path: `${path}.bounding`, message: `must be TRUNCATE or CLIP, got ${JSON.stringify(d.bounding)}` });
  }
  if (issues.length === 0 && isFiniteNumber(d.min) && isFiniteNumber(d.max)) {
    if (d.min > d.max) issues.push({ path: `${path}.min`, message: `must be <= max (${d.max}), got ${d.min}` });
    else if (d.min === d.max && d.kind !== 'UNIFORM' && d.kind !== 'TRIANGULAR' && (d.bounding ?? 'TRUNCATE') === 'TRUNCATE') {
      issues.push({ path: `${path}.max`, message: 'must be > min to truncate to (use CLIP or a fixed value)' });
    }
  }
  return issues;
}

function validateSizingBounds(system: SystemConfig, bounds: SizingBound[], prefix: string, issues: ConfigIssue[]): void {
  for (const i of validateSizingInput(system, bounds)) issues.push({ path: `${prefix}.${i.path}`, message: i.message });
}

/**
 * Every problem of a study spec against its base system, before any run starts. The base
 * system itself is validated by the caller (runSimulation's input validation).
 */
export function validateStudySpec(system: SystemConfig, spec: StudySpec, options: ValidateStudyOptions): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const kind = studyKind(spec);
  if (!kind) {
    return [{ path: '', message: 'give exactly one of parametric, monteCarlo, sizing, pareto' }];
  }
  const { maxTrials } = options;
  switch (kind) {
    case 'PARAMETRIC':
      validateParametric(system, spec.parametric!, maxTrials, issues);
      break;
    case 'MONTE_CARLO':
      validateMonteCarlo(system, spec.monteCarlo!, maxTrials, issues);
      break;
    case 'SIZING': {
      const s = spec.sizing!;
      validateSizingBounds(system, s.bounds, 'sizing', issues);
      if (s.objective !== 'COST' && s.objective !== 'CO2') {
        issues.push({ path: 'sizing.objective', message: `must be COST or CO2, got ${JSON.stringify(s.objective)}` });
      }
      if (s.co2CapKg !== undefined && s.co2CapKg !== null && !(isFiniteNumber(s.co2CapKg) && s.co2CapKg >= 0)) {
        issues.push({ path: 'sizing.co2CapKg', message: `must be a finite number >= 0, got ${String(s.co2CapKg)}` });
      }
      break;
    }
    case 'PARETO': {
      const p = spec.pareto!;
      validateSizingBounds(system, p.bounds, 'pareto', issues);
      if (!Number.isInteger(p.points) || p.points < 2) {
        issues.push({ path: 'pareto.points', message: `must be an integer >= 2 (the two ends), got ${String(p.points)}` });
      } else if (p.points > maxTrials) {
        issues.push({ path: 'pareto.points', message: `${p.points} trials; at most ${maxTrials} are allowed` });
      }
      break;
    }
  }
  return issues;
}

/** Number of trials of a valid spec (SIZING: 1, PARETO: points). */
export function studyTrialCount(spec: StudySpec): number {
  switch (studyKind(spec)) {
    case 'PARAMETRIC': {
      const lengths = new Map<string, number>();
      let n = 1;
      spec.parametric!.parameters.forEach((p, i) => {
        const length = p.values ? p.values.length : rangeLength(p.range!);
        const group = p.link ?? `\u0000${i}`;
        if (!lengths.has(group)) {
          lengths.set(group, length);
          n *= length;
        }
      });
      return n;
    }
    case 'MONTE_CARLO':
      return spec.monteCarlo!.samples;
    case 'SIZING':
      return 1;
    case 'PARETO':
      return spec.pareto!.points;
    default:
      return 0;
  }
}

/**
 * The trials of a valid PARAMETRIC or MONTE_CARLO spec, each listing every parameter of the
 * spec in spec order.
 *
 * PARAMETRIC: the Cartesian product over "groups", a group being one unlinked parameter or all
 * parameters sharing a link (its k-th trial value takes the k-th value of each member). Groups
 * are ordered by first appearance; the first varies slowest, as in nested loops.
 * MONTE_CARLO: `samples` trials drawn as sampling.ts describes, reproducibly from the seed.
 */
export function expandStudy(system: SystemConfig, spec: StudySpec): StudyTrial[] {
  void system; // the base system does not change the values; kept so callers pass what they validated
  const kind = studyKind(spec);
  if (kind === 'PARAMETRIC') return expandParametric(spec.parametric!);
  if (kind === 'MONTE_CARLO') return expandMonteCarlo(spec.monteCarlo!);
  throw new Error(`expandStudy: ${kind ?? 'an invalid spec'} has no fixed trials (SIZING and PARETO come from solveSizing / paretoSizings)`);
}

function expandParametric(spec: ParametricSpec): StudyTrial[] {
  const values = spec.parameters.map((p) => (p.values ? p.values.slice() : rangeValues(p.range!)));
  const groups: { members: number[]; length: number }[] = [];
  const byLink = new Map<string, number>();
  spec.parameters.forEach((p, i) => {
    if (p.link !== undefined && p.link !== null) {
      const g = byLink.get(p.link);
      if (g !== undefined) {
        groups[g].members.push(i);
        return;
      }
      byLink.set(p.link, groups.length);
    }
    groups.push({ members: [i], length: values[i].length });
  });
  const total = groups.reduce((n, g) => n * g.length, 1);
  const trials: StudyTrial[] = [];
  const position = new Array<number>(groups.length).fill(0);
  for (let t = 0; t < total; t++) {
    // Mixed-radix digits of t, last group fastest.
    let rest = t;
    for (let g = groups.length - 1; g >= 0; g--) {
      position[g] = rest % groups[g].length;
      rest = Math.floor(rest / groups[g].length);
    }
    const parameters: ParameterValue[] = new Array(spec.parameters.length);
    groups.forEach((g, gi) => {
      for (const i of g.members) {
        const p = spec.parameters[i];
        parameters[i] = { component: p.component, field: p.field, value: values[i][position[gi]] };
      }
    });
    trials.push({ parameters });
  }
  return trials;
}

function expandMonteCarlo(spec: MonteCarloSpec): StudyTrial[] {
  const seed = spec.seed ?? DEFAULT_MONTE_CARLO_SEED;
  const method = spec.sampling ?? 'LATIN_HYPERCUBE';
  const columns = spec.parameters.map((p, i) => drawSamples(p.distribution, spec.samples, method, seed, i));
  return Array.from({ length: spec.samples }, (_, s) => ({
    parameters: spec.parameters.map((p, i) => ({ component: p.component, field: p.field, value: columns[i][s] })),
  }));
}
