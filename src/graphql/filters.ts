/**
 * RunFilter: the GraphQL form of src/db/run-filters.ts. Every KPI, numeric column and
 * timestamp takes comparison operators; status and solver take eq/in/notIn; systemName and
 * tags take case-insensitive eq/in/contains/startsWith; filters compose with and/or/not.
 */
import {
  RUN_FLOAT_FIELDS,
  RUN_INT_COLUMNS,
  RUN_TIMESTAMP_COLUMNS,
  type ComparisonFilter,
  type RunFilter,
  type TextFilter,
} from '../db/run-filters.js';
import { builder } from './builder.js';
import { RunStatusEnum, SolverKindEnum } from './enums.js';
import type { IssueList } from './errors.js';
import { databaseIdOf } from './global-ids.js';
import { LIMITS } from './limits.js';

const comparisonDoc = {
  eq: 'Equal to.',
  ne: 'Different from (runs without a value never match).',
  gt: 'Greater than.',
  gte: 'Greater than or equal to.',
  lt: 'Less than.',
  lte: 'Less than or equal to.',
  in: 'One of these values.',
  notIn: 'None of these values (runs without a value never match).',
  isNull: 'true: only runs without a value; false: only runs with one.',
};

function comparisonInput(name: string, scalar: 'Float' | 'Int' | 'DateTime') {
  return builder.inputType(name, {
    description: `Conditions on a ${scalar} column, all of which must hold. A run whose column is null matches only isNull: true.`,
    fields: (t) => ({
      eq: t.field({ type: scalar, description: comparisonDoc.eq }),
      ne: t.field({ type: scalar, description: comparisonDoc.ne }),
      gt: t.field({ type: scalar, description: comparisonDoc.gt }),
      gte: t.field({ type: scalar, description: comparisonDoc.gte }),
      lt: t.field({ type: scalar, description: comparisonDoc.lt }),
      lte: t.field({ type: scalar, description: comparisonDoc.lte }),
      in: t.field({ type: [scalar], description: comparisonDoc.in }),
      notIn: t.field({ type: [scalar], description: comparisonDoc.notIn }),
      isNull: t.boolean({ description: comparisonDoc.isNull }),
    }),
  });
}

export const FloatFilter = comparisonInput('FloatFilter', 'Float');
export const IntFilter = comparisonInput('IntFilter', 'Int');
export const DateTimeFilter = comparisonInput('DateTimeFilter', 'DateTime');

export const RunStatusFilter = builder.inputType('RunStatusFilter', {
  fields: (t) => ({
    eq: t.field({ type: RunStatusEnum }),
    in: t.field({ type: [RunStatusEnum] }),
    notIn: t.field({ type: [RunStatusEnum] }),
  }),
});

export const SolverKindFilter = builder.inputType('SolverKindFilter', {
  fields: (t) => ({
    eq: t.field({ type: SolverKindEnum }),
    in: t.field({ type: [SolverKindEnum] }),
    notIn: t.field({ type: [SolverKindEnum] }),
  }),
});

export const TextFilterInput = builder.inputType('TextFilter', {
  description: 'Case-insensitive text conditions, all of which must hold.',
  fields: (t) => ({
    eq: t.string(),
    in: t.stringList(),
    contains: t.string(),
    startsWith: t.string(),
  }),
});

export const StudyIdFilter = builder.inputType('StudyIdFilter', {
  fields: (t) => ({
    eq: t.id({ description: 'A Study id.' }),
    in: t.idList(),
    notIn: t.idList({ description: 'Runs of none of these studies (runs without a study never match).' }),
    isNull: t.boolean({ description: 'true: only runs without a study.' }),
  }),
});

type Maybe<T> = T | null | undefined;
type ComparisonInputShape<T> = { [K in keyof ComparisonFilter<T>]?: Maybe<ComparisonFilter<T>[K]> };

export interface RunFilterInputShape {
  and?: Maybe<RunFilterInputShape[]>;
  or?: Maybe<RunFilterInputShape[]>;
  not?: Maybe<RunFilterInputShape>;
  status?: Maybe<{ eq?: Maybe<string>; in?: Maybe<string[]>; notIn?: Maybe<string[]> }>;
  solver?: Maybe<{ eq?: Maybe<string>; in?: Maybe<string[]>; notIn?: Maybe<string[]> }>;
  systemName?: Maybe<{ [K in keyof TextFilter]?: Maybe<TextFilter[K]> }>;
  tags?: Maybe<{ [K in keyof TextFilter]?: Maybe<TextFilter[K]> }>;
  studyId?: Maybe<{ eq?: Maybe<string | number>; in?: Maybe<(string | number)[]>; notIn?: Maybe<(string | number)[]>; isNull?: Maybe<boolean> }>;
  parameter?: Maybe<{ key: string; value: ComparisonInputShape<number | Date> }>;
  [column: string]: unknown;
}

const ParameterFilterInput = builder.inputType('ParameterFilter', {
  description: 'A study-trial parameter value of the run (SimulationRun.parameters), by key "component.field".',
  fields: (t) => ({
    key: t.string({ required: true }),
    value: t.field({ type: FloatFilter, required: true }),
  }),
});

export const RunFilterInput = builder.inputRef<RunFilterInputShape>('RunFilter').implement({
  description:
    'Which runs: every condition given must hold. KPI and numeric columns take FloatFilter / IntFilter, timestamps DateTimeFilter. ' +
    'A run without a value (e.g. the KPIs of a FAILED run) matches only isNull: true — also under `not`.',
  fields: (t) => ({
    and: t.field({ type: [RunFilterInput], description: 'All of these.' }),
    or: t.field({ type: [RunFilterInput], description: 'At least one of these.' }),
    not: t.field({ type: RunFilterInput, description: 'Not this.' }),
    status: t.field({ type: RunStatusFilter }),
    solver: t.field({ type: SolverKindFilter }),
    systemName: t.field({ type: TextFilterInput, description: 'The system name (case-insensitive).' }),
    tags: t.field({ type: TextFilterInput, description: 'Matches a run if ANY of its tags matches (case-insensitive).' }),
    studyId: t.field({ type: StudyIdFilter }),
    parameter: t.field({ type: ParameterFilterInput, description: 'Runs with this parameter set to a matching value (runs without it do not match).' }),
    ...Object.fromEntries(RUN_FLOAT_FIELDS.map((f) => [f, t.field({ type: FloatFilter })])),
    ...Object.fromEntries(RUN_INT_COLUMNS.map((f) => [f, t.field({ type: IntFilter })])),
    ...Object.fromEntries(RUN_TIMESTAMP_COLUMNS.map((f) => [f, t.field({ type: DateTimeFilter })])),
  }),
});

/** GraphQL filter input → the database-level filter; problems go to `issues` (paths from `path`). */
export function toRunFilter(input: Maybe<RunFilterInputShape>, path: string, issues: IssueList, depth = 0): RunFilter | undefined {
  if (!input) return undefined;
  if (depth > LIMITS.maxFilterDepth) {
    issues.add(path, `filters may nest and/or/not at most ${LIMITS.maxFilterDepth} levels deep`);
    return undefined;
  }
  const out: RunFilter = {};
  for (const field of [...RUN_FLOAT_FIELDS, ...RUN_INT_COLUMNS, ...RUN_TIMESTAMP_COLUMNS]) {
    const f = input[field] as Maybe<ComparisonInputShape<number | Date>>;
    if (f) (out as Record<string, unknown>)[field] = comparison(f, `${path}.${field}`, issues);
  }
  if (input.status) out.status = withoutNulls(input.status, `${path}.status`, issues) as RunFilter['status'];
  if (input.solver) out.solver = withoutNulls(input.solver, `${path}.solver`, issues) as RunFilter['solver'];
  if (input.systemName) out.systemName = withoutNulls(input.systemName, `${path}.systemName`, issues) as TextFilter;
  if (input.tags) out.tags = withoutNulls(input.tags, `${path}.tags`, issues) as TextFilter;
  if (input.studyId) {
    const p = `${path}.studyId`;
    const s = input.studyId;
    const decode = (id: string | number, at: string) => databaseIdOf(String(id), 'Study', at, issues) ?? '';
    out.studyId = {};
    if (s.eq != null) out.studyId.eq = decode(s.eq, `${p}.eq`);
    if (s.in != null) out.studyId.in = checkList(s.in, `${p}.in`, issues).map((id, i) => decode(id, `${p}.in[${i}]`));
    if (s.notIn != null) out.studyId.notIn = checkList(s.notIn, `${p}.notIn`, issues).map((id, i) => decode(id, `${p}.notIn[${i}]`));
    if (s.isNull != null) out.studyId.isNull = s.isNull;
  }
  if (input.parameter) {
    out.parameter = { key: input.parameter.key, value: comparison(input.parameter.value as ComparisonInputShape<number>, `${path}.parameter.value`, issues) };
  }
  if (input.and) out.and = checkList(input.and, `${path}.and`, issues).map((f, i) => toRunFilter(f, `${path}.and[${i}]`, issues, depth + 1) ?? {});
  if (input.or) out.or = checkList(input.or, `${path}.or`, issues).map((f, i) => toRunFilter(f, `${path}.or[${i}]`, issues, depth + 1) ?? {});
  if (input.not) out.not = toRunFilter(input.not, `${path}.not`, issues, depth + 1);
  return out;
}

function comparison<T>(f: ComparisonInputShape<T>, path: string, issues: IssueList): ComparisonFilter<T> {
  return withoutNulls(f, path, issues) as ComparisonFilter<T>;
}

/** Drops fields given as null (GraphQL's "not given") and bounds every list. */
function withoutNulls(input: Record<string, unknown>, path: string, issues: IssueList): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    out[key] = Array.isArray(value) ? checkList(value, `${path}.${key}`, issues) : value;
  }
  return out;
}

function checkList<T>(list: T[], path: string, issues: IssueList): T[] {
  if (list.length > LIMITS.maxFilterListLength) {
    issues.add(path, `at most ${LIMITS.maxFilterListLength} entries, got ${list.length}`);
  }
  return list;
}
