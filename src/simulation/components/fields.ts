/**
 * Field validation shared by the component kinds. Each field is validated on its own, so one
 * bad value never hides another: every problem of a config is reported in one pass.
 */
import { z } from 'zod';

/** A path below the component, e.g. ['profile', 'values', 17]. */
export type PathSegment = string | number;

export interface FieldIssue {
  path: PathSegment[];
  message: string;
}

export interface HorizonShape {
  timesteps: number;
  timestepHours: number;
}

export interface FieldContext {
  /** null when the horizon itself is invalid: checks that need it are skipped. */
  horizon: HorizonShape | null;
  seed: number;
}

export type FieldResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** Validates one raw field value; `undefined` means the field was not given. */
export type FieldSpec<T> = (raw: unknown, ctx: FieldContext) => FieldResult<T>;

/** Values arrays may be at most 4 × the longest horizon (e.g. 1-minute data resampled). */
export const MAX_TIMESTEPS = 35136;
export const MAX_VALUES = MAX_TIMESTEPS * 4;

export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  return `a ${typeof value}`;
}

/** Plain-language message for a zod issue (zod's own texts are written for developers). */
export function zodIssueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return 'is required';
      if (issue.expected === 'number' && typeof input === 'number') return `must be a finite number, got ${String(input)}`;
      if (issue.expected === 'int') return `must be an integer, got ${describe(input)}`;
      return `must be a ${issue.expected}, got ${describe(input)}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} entries`;
      return `must be ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}, got ${describe(input)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `must have at most ${String(issue.maximum)} entries`;
      return `must be ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}, got ${describe(input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}, got ${typeof input === 'string' ? `"${input}"` : describe(input)}`;
    default:
      return issue.message;
  }
}

function valueAtPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

export function zodIssues(error: z.ZodError, input: unknown): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: zodIssueMessage(issue, valueAtPath(input, issue.path)),
  }));
}

/** A field checked by a zod schema. Optional fields accept undefined (and null if `nullable`). */
export function zodField<S extends z.ZodType>(
  schema: S,
  options: { required?: boolean; nullable?: boolean } = {},
): FieldSpec<z.output<S> | undefined> {
  return (raw) => {
    if (raw === undefined && !options.required) return { ok: true, value: undefined };
    if (raw === null && options.nullable) return { ok: true, value: undefined };
    const parsed = schema.safeParse(raw);
    if (parsed.success) return { ok: true, value: parsed.data };
    return { ok: false, issues: zodIssues(parsed.error, raw) };
  };
}

export interface NumberRange {
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  gt?: number;
  max?: number;
  lt?: number;
}

export function numberSchema(range: NumberRange = {}): z.ZodNumber {
  let s = z.number();
  if (range.min !== undefined) s = s.min(range.min);
  if (range.gt !== undefined) s = s.gt(range.gt);
  if (range.max !== undefined) s = s.max(range.max);
  if (range.lt !== undefined) s = s.lt(range.lt);
  return s;
}

/** Why a single number violates a range, or null. */
export function rangeProblem(value: number, range: NumberRange): string | null {
  if (!Number.isFinite(value)) return `must be a finite number, got ${String(value)}`;
  if (range.min !== undefined && value < range.min) return `must be >= ${range.min}, got ${value}`;
  if (range.gt !== undefined && value <= range.gt) return `must be > ${range.gt}, got ${value}`;
  if (range.max !== undefined && value > range.max) return `must be <= ${range.max}, got ${value}`;
  if (range.lt !== undefined && value >= range.lt) return `must be < ${range.lt}, got ${value}`;
  return null;
}

/**
 * A long numeric array: one issue for the first bad entry (with a count of the others) rather
 * than one per entry, so a broken 35 040-value series does not flood the response.
 */
export function numberArrayIssues(raw: unknown, range: NumberRange, maxLength: number): FieldIssue[] | null {
  if (!Array.isArray(raw)) return [{ path: [], message: `must be an array of numbers, got ${describe(raw)}` }];
  if (raw.length === 0) return [{ path: [], message: 'must have at least 1 entries' }];
  if (raw.length > maxLength) return [{ path: [], message: `must have at most ${maxLength} entries, got ${raw.length}` }];
  let firstIndex = -1;
  let firstMessage = '';
  let badCount = 0;
  for (let i = 0; i < raw.length; i++) {
    const v: unknown = raw[i];
    const problem = typeof v === 'number' ? rangeProblem(v, range) : `must be a number, got ${describe(v)}`;
    if (problem) {
      if (badCount === 0) {
        firstIndex = i;
        firstMessage = problem;
      }
      badCount++;
    }
  }
  if (badCount === 0) return null;
  const more = badCount > 1 ? ` (and ${badCount - 1} more bad entries)` : '';
  return [{ path: [firstIndex], message: firstMessage + more }];
}

export function prefixIssues(prefix: PathSegment[], issues: FieldIssue[]): FieldIssue[] {
  return issues.map((i) => ({ path: [...prefix, ...i.path], message: i.message }));
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
