/**
 * ProfileInput: a time series given as a constant, an array of values (fitted to the horizon)
 * or a built-in generator. Normalised forms (what a stored config holds):
 *   { constant }  |  { values, valuesTimestepHours, fit }  |  { generator, seed }
 */
import { PROFILE_GENERATORS, generateProfile, fitValues, valuesFitProblem, type ProfileContext } from '../profiles/index.js';
import type { ProfileFit, ProfileGenerator, ProfileInput } from '../types.js';
import {
  MAX_VALUES,
  isPlainObject,
  numberArrayIssues,
  prefixIssues,
  rangeProblem,
  type FieldIssue,
  type FieldResult,
  type FieldSpec,
  type NumberRange,
} from './fields.js';

export type NormalisedProfile =
  | { constant: number }
  | { values: number[]; valuesTimestepHours: number; fit: ProfileFit }
  | { generator: ProfileGenerator; seed: number };

export interface ProfileRule {
  /** Range every value of the series must lie in (e.g. 0..1 for a PV shape). */
  range: NumberRange;
  /** Generators whose output means the same thing as this parameter; empty: none fits. */
  generators: readonly ProfileGenerator[];
}

const PROFILE_KEYS = ['constant', 'values', 'valuesTimestepHours', 'fit', 'generator', 'seed'] as const;
const FITS: readonly ProfileFit[] = ['EXACT', 'REPEAT', 'RESAMPLE'];
export const MAX_SEED = 0xffffffff;

export function seedProblem(v: unknown): string | null {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_SEED) {
    return `must be an integer in 0..${MAX_SEED}, got ${typeof v === 'number' ? v : typeof v}`;
  }
  return null;
}

export function profileField(rule: ProfileRule): FieldSpec<NormalisedProfile | undefined> {
  return (raw, ctx) => {
    if (raw === undefined || raw === null) return { ok: true, value: undefined };
    return parseProfile(raw, rule, ctx.horizon, ctx.seed);
  };
}

/** A price-like parameter that is either a plain number or a profile. */
export function numberOrProfileField(rule: ProfileRule): FieldSpec<number | NormalisedProfile | undefined> {
  const profile = profileField(rule);
  return (raw, ctx) => {
    if (typeof raw === 'number') {
      const problem = rangeProblem(raw, rule.range);
      return problem ? { ok: false, issues: [{ path: [], message: problem }] } : { ok: true, value: raw };
    }
    if (raw !== undefined && raw !== null && !isPlainObject(raw)) {
      return { ok: false, issues: [{ path: [], message: 'must be a number or a profile { constant | values | generator }' }] };
    }
    return profile(raw, ctx);
  };
}

function parseProfile(
  raw: unknown,
  rule: ProfileRule,
  horizon: { timesteps: number; timestepHours: number } | null,
  systemSeed: number,
): FieldResult<NormalisedProfile> {
  if (!isPlainObject(raw)) return { ok: false, issues: [{ path: [], message: 'must be a profile object { constant | values | generator }' }] };
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(raw)) {
    if (!(PROFILE_KEYS as readonly string[]).includes(key)) {
      issues.push({ path: [key], message: `not a profile field (allowed: ${PROFILE_KEYS.join(', ')})` });
    }
  }
  const given = (['constant', 'values', 'generator'] as const).filter((k) => raw[k] !== undefined && raw[k] !== null);
  if (given.length !== 1) {
    issues.push({
      path: [],
      message: given.length === 0 ? 'give one of constant, values, generator' : `give only one of constant, values, generator (got ${given.join(', ')})`,
    });
    return { ok: false, issues };
  }
  const source = given[0];
  const stray = (keys: readonly string[], owner: string) => {
    for (const k of keys) if (raw[k] !== undefined && raw[k] !== null) issues.push({ path: [k], message: `only used with ${owner}` });
  };

  if (source === 'constant') {
    stray(['valuesTimestepHours', 'fit'], 'values');
    stray(['seed'], 'generator');
    const problem = typeof raw.constant === 'number' ? rangeProblem(raw.constant, rule.range) : `must be a number, got ${typeof raw.constant}`;
    if (problem) issues.push({ path: ['constant'], message: problem });
    return issues.length ? { ok: false, issues } : { ok: true, value: { constant: raw.constant as number } };
  }

  if (source === 'generator') {
    stray(['valuesTimestepHours', 'fit'], 'values');
    const generator = raw.generator;
    if (typeof generator !== 'string' || !(PROFILE_GENERATORS as readonly string[]).includes(generator)) {
      issues.push({ path: ['generator'], message: `must be one of ${PROFILE_GENERATORS.join(', ')}, got ${JSON.stringify(generator)}` });
    } else if (!rule.generators.includes(generator as ProfileGenerator)) {
      issues.push({
        path: ['generator'],
        message:
          rule.generators.length === 0
            ? `no built-in generator fits this parameter; give constant or values`
            : `${generator} does not fit this parameter (use ${rule.generators.join(' or ')})`,
      });
    }
    const seedRaw = raw.seed ?? systemSeed;
    const problem = seedProblem(seedRaw);
    if (problem) issues.push({ path: ['seed'], message: problem });
    return issues.length ? { ok: false, issues } : { ok: true, value: { generator: generator as ProfileGenerator, seed: seedRaw as number } };
  }

  stray(['seed'], 'generator');
  const arrayIssues = numberArrayIssues(raw.values, rule.range, MAX_VALUES);
  if (arrayIssues) issues.push(...prefixIssues(['values'], arrayIssues));
  let fit: ProfileFit = 'EXACT';
  if (raw.fit !== undefined && raw.fit !== null) {
    if (typeof raw.fit !== 'string' || !(FITS as readonly string[]).includes(raw.fit)) {
      issues.push({ path: ['fit'], message: `must be one of ${FITS.join(', ')}, got ${JSON.stringify(raw.fit)}` });
    } else fit = raw.fit as ProfileFit;
  }
  let valuesTimestepHours = horizon?.timestepHours ?? NaN;
  if (raw.valuesTimestepHours !== undefined && raw.valuesTimestepHours !== null) {
    const v = raw.valuesTimestepHours;
    const problem = typeof v === 'number' ? rangeProblem(v, { gt: 0, max: 8760 }) : `must be a number, got ${typeof v}`;
    if (problem) issues.push({ path: ['valuesTimestepHours'], message: problem });
    else valuesTimestepHours = v as number;
  }
  if (issues.length) return { ok: false, issues };
  const values = raw.values as number[];
  if (!horizon) return { ok: false, issues: [] }; // the horizon's own issue explains why nothing more is checked
  const fitProblem = valuesFitProblem(values.length, valuesTimestepHours, fit, horizon.timesteps, horizon.timestepHours);
  if (fitProblem) return { ok: false, issues: [{ path: ['values'], message: fitProblem }] };
  return { ok: true, value: { values: values.slice(), valuesTimestepHours, fit } };
}

/** Whether a profile is zero at every step for sure (before fitting): it cannot be scaled. */
export function isAllZeroProfile(p: NormalisedProfile): boolean {
  if ('constant' in p) return p.constant === 0;
  if ('values' in p) return p.values.every((v) => v === 0);
  return false;
}

export function toProfileInput(p: NormalisedProfile): ProfileInput {
  return { ...p };
}

/**
 * Turns normalised profiles into series of the horizon's length. Generated series are cached
 * per (generator, seed) because several components usually share the weather; callers must
 * treat returned arrays as read-only.
 */
export class ProfileResolver {
  private readonly cache = new Map<string, Float64Array>();

  constructor(private readonly context: Omit<ProfileContext, 'seed'>) {}

  get timesteps(): number {
    return this.context.timesteps;
  }

  get timestepHours(): number {
    return this.context.timestepHours;
  }

  series(p: NormalisedProfile | number): Float64Array {
    if (typeof p === 'number') return new Float64Array(this.context.timesteps).fill(p);
    if ('constant' in p) return new Float64Array(this.context.timesteps).fill(p.constant);
    if ('values' in p) return fitValues(p.values, p.valuesTimestepHours, p.fit, this.context.timesteps, this.context.timestepHours);
    const key = `${p.generator}:${p.seed}`;
    let cached = this.cache.get(key);
    if (!cached) {
      cached = generateProfile(p.generator, { ...this.context, seed: p.seed });
      this.cache.set(key, cached);
    }
    return cached;
  }

  /** A private copy: for series stored on a resolved component. */
  ownSeries(p: NormalisedProfile | number): Float64Array {
    const s = this.series(p);
    return typeof p === 'object' && 'generator' in p ? s.slice() : s;
  }
}
