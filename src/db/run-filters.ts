/**
 * Run-log filters and ordering as plain data → Prisma `where` / `orderBy`, plus keyset
 * (cursor) conditions. Knows nothing of GraphQL: the API, scripts and benchmarks share it.
 *
 * Null semantics, the same on every provider: a comparison (eq, ne, gt, in, notIn, …) never
 * matches a run whose column is null (e.g. the KPIs of a FAILED run); only `isNull` does.
 * Text filters are case-insensitive: they compare the lower-cased columns with a lower-cased
 * needle, because `contains` is case-insensitive on SQLite but case-sensitive on PostgreSQL.
 * Prisma does not escape LIKE wildcards in contains/startsWith: on PostgreSQL (whose LIKE
 * escapes with a backslash) `%`, `_` and `\` are escaped here, so they match literally. SQLite's
 * LIKE has no escape character without an ESCAPE clause, which Prisma cannot emit: there a
 * `%` or `_` in a needle still matches any characters (a superset; documented in docs/api.md).
 */
import type { Prisma } from '../generated/prisma-sqlite/client.js';
import type { RunStatus, SolverKind } from '../generated/prisma-sqlite/enums.js';
import type { DatabaseProvider } from './target.js';

/** KPI columns of SimulationRun (null until a run COMPLETED). */
export const RUN_KPI_FIELDS = [
  'totalCostEur',
  'operatingCostEur',
  'capexEur',
  'totalCo2Kg',
  'renewableFraction',
  'totalGenerationKwh',
  'totalDemandKwh',
  'gridImportKwh',
  'gridExportKwh',
  'netGridUsageKwh',
  'selfConsumptionRate',
  'selfSufficiencyRate',
  'peakGridImportKw',
  'curtailmentKwh',
  'unmetDemandKwh',
  'batteryEquivalentCycles',
  'lcoeEurPerKwh',
  'npvEur',
  'simplePaybackYears',
  'co2ReductionFraction',
] as const;
export type RunKpiField = (typeof RUN_KPI_FIELDS)[number];

/** Solver statistics columns of SimulationRun (written with the outcome of a solve). */
export const RUN_SOLVER_STATS_COLUMNS = [
  'solveStatus',
  'solverMessage',
  'objectiveValue',
  'solveMs',
  'variableCount',
  'constraintCount',
  'iterationCount',
  'mipGap',
] as const;

/** Non-KPI numeric columns: float ones and integer ones (the API types them differently). */
export const RUN_FLOAT_COLUMNS = ['timestepHours', 'objectiveValue', 'solveMs', 'mipGap'] as const;
export const RUN_INT_COLUMNS = ['timesteps', 'variableCount', 'constraintCount', 'iterationCount'] as const;
export const RUN_TIMESTAMP_COLUMNS = ['createdAt', 'startedAt', 'finishedAt', 'updatedAt', 'heartbeatAt'] as const;

export type RunFloatField = RunKpiField | (typeof RUN_FLOAT_COLUMNS)[number];
export type RunIntField = (typeof RUN_INT_COLUMNS)[number];
export type RunTimestampField = (typeof RUN_TIMESTAMP_COLUMNS)[number];

export const RUN_FLOAT_FIELDS: readonly RunFloatField[] = [...RUN_KPI_FIELDS, ...RUN_FLOAT_COLUMNS];

export interface ComparisonFilter<T> {
  eq?: T;
  ne?: T;
  gt?: T;
  gte?: T;
  lt?: T;
  lte?: T;
  in?: T[];
  notIn?: T[];
  /** true: only runs without a value; false: only runs with one. */
  isNull?: boolean;
}

export interface EnumFilter<T extends string> {
  eq?: T;
  in?: T[];
  notIn?: T[];
}

/** Case-insensitive text match. */
export interface TextFilter {
  eq?: string;
  in?: string[];
  contains?: string;
  startsWith?: string;
}

export interface IdFilter {
  eq?: string;
  in?: string[];
  notIn?: string[];
  isNull?: boolean;
}

export type RunFilter = {
  and?: RunFilter[];
  or?: RunFilter[];
  not?: RunFilter;
  status?: EnumFilter<RunStatus>;
  solver?: EnumFilter<SolverKind>;
  systemName?: TextFilter;
  /** Matches a run if ANY of its tags matches. */
  tags?: TextFilter;
  studyId?: IdFilter;
  /** A study-trial parameter (RunParameter row) with a matching value. */
  parameter?: { key: string; value: ComparisonFilter<number> };
} & { [K in RunFloatField | RunIntField]?: ComparisonFilter<number> } & {
  [K in RunTimestampField]?: ComparisonFilter<Date>;
};

type Where = Prisma.SimulationRunWhereInput;

export interface FilterOptions {
  provider: DatabaseProvider;
}

export function runFilterToWhere(filter: RunFilter | null | undefined, options: FilterOptions): Where {
  if (!filter) return {};
  const parts: Where[] = [];
  for (const field of [...RUN_FLOAT_FIELDS, ...RUN_INT_COLUMNS, ...RUN_TIMESTAMP_COLUMNS]) {
    const f = filter[field] as ComparisonFilter<number | Date> | undefined;
    if (f) parts.push(...comparisonParts(field, f));
  }
  if (filter.status) parts.push(...enumParts('status', filter.status));
  if (filter.solver) parts.push(...enumParts('solver', filter.solver));
  if (filter.systemName) {
    parts.push(...textParts(filter.systemName, options).map((cond) => ({ systemNameLower: cond })));
  }
  if (filter.tags) {
    // Each condition on its own `some`: tags=[a] with {contains:"a", startsWith:"b"} means a
    // tag containing "a" AND a tag starting with "b" — they may be different tags.
    parts.push(...textParts(filter.tags, options).map((cond) => ({ tags: { some: { tagLower: cond } } })));
  }
  if (filter.studyId) parts.push(...idParts(filter.studyId));
  if (filter.parameter) {
    // All conditions on the one row of that key (a run has at most one value per key).
    const value = comparisonParts('value', filter.parameter.value as ComparisonFilter<number | Date>);
    parts.push({ parameters: { some: { key: filter.parameter.key, AND: value as Prisma.RunParameterWhereInput[] } } });
  }
  if (filter.and?.length) parts.push(...filter.and.map((f) => runFilterToWhere(f, options)));
  if (filter.or) parts.push({ OR: filter.or.map((f) => runFilterToWhere(f, options)) });
  if (filter.not) parts.push({ NOT: runFilterToWhere(filter.not, options) });
  if (parts.length === 0) return {};
  if (parts.length === 1) return parts[0];
  return { AND: parts };
}

function comparisonParts(field: string, f: ComparisonFilter<number | Date>): Where[] {
  const parts: Where[] = [];
  const notNull = { [field]: { not: null } };
  if (f.eq !== undefined) parts.push({ [field]: { equals: f.eq } });
  // Written out so a null column never counts as "different" (Prisma's `not` alone may vary).
  if (f.ne !== undefined) parts.push({ AND: [{ [field]: { not: f.ne } }, notNull] });
  if (f.gt !== undefined) parts.push({ [field]: { gt: f.gt } });
  if (f.gte !== undefined) parts.push({ [field]: { gte: f.gte } });
  if (f.lt !== undefined) parts.push({ [field]: { lt: f.lt } });
  if (f.lte !== undefined) parts.push({ [field]: { lte: f.lte } });
  if (f.in !== undefined) parts.push({ [field]: { in: f.in } });
  if (f.notIn !== undefined) parts.push({ AND: [{ [field]: { notIn: f.notIn } }, notNull] });
  if (f.isNull !== undefined) parts.push(f.isNull ? { [field]: null } : notNull);
  return parts as Where[];
}

function enumParts<T extends string>(field: 'status' | 'solver', f: EnumFilter<T>): Where[] {
  const parts: Where[] = [];
  if (f.eq !== undefined) parts.push({ [field]: { equals: f.eq } });
  if (f.in !== undefined) parts.push({ [field]: { in: f.in } });
  if (f.notIn !== undefined) parts.push({ [field]: { notIn: f.notIn } });
  return parts;
}

/** Conditions on a lower-cased column; the needle is lower-cased the same way. */
function textParts(f: TextFilter, options: FilterOptions): Prisma.StringFilter[] {
  const pattern = (needle: string) => (options.provider === 'postgres' ? needle.replace(/[\\%_]/g, '\\$&') : needle);
  const parts: Prisma.StringFilter[] = [];
  if (f.eq !== undefined) parts.push({ equals: lower(f.eq) });
  if (f.in !== undefined) parts.push({ in: f.in.map(lower) });
  if (f.contains !== undefined) parts.push({ contains: pattern(lower(f.contains)) });
  if (f.startsWith !== undefined) parts.push({ startsWith: pattern(lower(f.startsWith)) });
  return parts;
}

function idParts(f: IdFilter): Where[] {
  const parts: Where[] = [];
  if (f.eq !== undefined) parts.push({ studyId: f.eq });
  if (f.in !== undefined) parts.push({ studyId: { in: f.in } });
  if (f.notIn !== undefined) parts.push({ AND: [{ studyId: { notIn: f.notIn } }, { studyId: { not: null } }] });
  if (f.isNull !== undefined) parts.push(f.isNull ? { studyId: null } : { studyId: { not: null } });
  return parts;
}

/**
 * The one lower-casing rule for stored lower-case columns and needles alike. `toLowerCase`
 * (not locale-dependent) so the writer (run log) and the reader always agree.
 */
export function lower(text: string): string {
  return text.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Ordering and keyset pagination.
// ---------------------------------------------------------------------------------------------

/** Sortable fields. Status and solver are not: enums sort by declaration order on PostgreSQL
 *  and alphabetically on SQLite. `systemName` sorts case-insensitively (systemNameLower). */
export const RUN_SORT_FIELDS = [
  ...RUN_KPI_FIELDS,
  ...RUN_FLOAT_COLUMNS,
  ...RUN_INT_COLUMNS,
  ...RUN_TIMESTAMP_COLUMNS,
  'systemName',
] as const;
export type RunSortField = (typeof RUN_SORT_FIELDS)[number];

export type SortDirection = 'asc' | 'desc';
export type NullsPlacement = 'first' | 'last';

export interface RunOrder {
  /** A run column, or `param:<key>`: a study-trial parameter value (RunParameter, PARAMETER_ORDER_PREFIX). */
  field: RunSortField | `param:${string}`;
  direction: SortDirection;
  /** Where runs without a value go; default last in both directions (failed runs at the end). */
  nulls?: NullsPlacement;
}

/** A column of a keyset ordering, as the database sees it. */
export interface KeysetColumn {
  column: string;
  direction: SortDirection;
  nulls: NullsPlacement;
  nullable: boolean;
}

const NON_NULL_RUN_COLUMNS = new Set<string>(['timesteps', 'timestepHours', 'createdAt', 'updatedAt', 'systemNameLower']);
export const RUN_DATE_COLUMNS = new Set<string>(RUN_TIMESTAMP_COLUMNS);

/** Ordering by a parameter value: the keyset "column" is `param:<component.field>`. */
export const PARAMETER_ORDER_PREFIX = 'param:';
/** Parameter keys as written by studies (component id "." field): safe to inline in SQL. */
export const PARAMETER_KEY_PATTERN = /^[A-Za-z0-9_-]{1,100}\.[A-Za-z0-9_]{1,100}$/;

export const DEFAULT_RUN_ORDER: RunOrder[] = [{ field: 'createdAt', direction: 'desc' }];

/** The columns a run list is sorted by, always ending with the unique id so ties never
 *  make the order (and so the cursors) depend on the database's whim. */
export function runKeysetColumns(order: readonly RunOrder[]): KeysetColumn[] {
  const columns: KeysetColumn[] = (order.length > 0 ? order : DEFAULT_RUN_ORDER).map((o) => {
    const column = o.field === 'systemName' ? 'systemNameLower' : o.field;
    return { column, direction: o.direction, nulls: o.nulls ?? 'last', nullable: !NON_NULL_RUN_COLUMNS.has(column) };
  });
  columns.push({ column: 'id', direction: 'asc', nulls: 'last', nullable: false });
  return columns;
}

/** Prisma orderBy for keyset columns; nulls placement is explicit so both providers agree
 *  (PostgreSQL puts nulls last in ascending order, SQLite first). */
export function keysetOrderBy(columns: readonly KeysetColumn[]): Record<string, unknown>[] {
  return columns.map((c) => ({
    [c.column]: c.nullable ? { sort: c.direction, nulls: c.nulls } : c.direction,
  }));
}

/** The same ordering walked the other way (for `last`/`before`). */
export function reverseKeyset(columns: readonly KeysetColumn[]): KeysetColumn[] {
  return columns.map((c) => ({
    ...c,
    direction: c.direction === 'asc' ? 'desc' : 'asc',
    nulls: c.nulls === 'first' ? 'last' : 'first',
  }));
}

export type KeysetValue = string | number | Date | null;

/**
 * `where` for the rows strictly after `values` (one per column, the last being the id) in the
 * given ordering. Nulls are handled explicitly: SQL comparisons with null are never true.
 */
export function keysetAfter(columns: readonly KeysetColumn[], values: readonly KeysetValue[]): Record<string, unknown> {
  const build = (i: number): Record<string, unknown> => {
    const c = columns[i];
    const v = values[i];
    const beyond = c.direction === 'asc' ? 'gt' : 'lt';
    const last = i === columns.length - 1;
    if (v === null) {
      // In the null block: later rows are the rest of the block, then (nulls first) the values.
      const options: Record<string, unknown>[] = [];
      if (!last) options.push({ AND: [{ [c.column]: null }, build(i + 1)] });
      if (c.nulls === 'first') options.push({ [c.column]: { not: null } });
      return options.length === 1 ? options[0] : { OR: options };
    }
    const options: Record<string, unknown>[] = [{ [c.column]: { [beyond]: v } }];
    if (c.nullable && c.nulls === 'last') options.push({ [c.column]: null });
    if (!last) options.push({ AND: [{ [c.column]: v }, build(i + 1)] });
    return options.length === 1 ? options[0] : { OR: options };
  };
  return build(0);
}

/** The keyset values of a row, in column order. */
export function keysetValues(columns: readonly KeysetColumn[], row: object): KeysetValue[] {
  return columns.map((c) => {
    const v = (row as Record<string, unknown>)[c.column];
    if (v === undefined) throw new Error(`keyset column ${c.column} missing from the selected row`);
    return v as KeysetValue;
  });
}
