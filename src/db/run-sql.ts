/**
 * Run-list pages and counts as one parameterised SQL statement each, sent through the direct
 * driver (raw-sql.ts) instead of Prisma: Prisma 6.19's JS engine compiles every query on the
 * main thread (~1–2 ms, growing with the selection), ten times what the indexed SQL costs
 * (bench/README.md). The semantics are those of run-filters.ts (runFilterToWhere, keysetAfter,
 * keysetOrderBy) on the same provider; test/db/run-sql.test.ts checks that both paths return
 * the same runs in the same order.
 *
 * The SQL is shaped like Prisma's where the indexes depend on it: on SQLite, nulls-last and
 * nulls-first orderings are the same `CASE WHEN x IS NULL THEN 1 ELSE 0 END, x` expressions
 * the hand-written expression indexes were built for; on PostgreSQL, `x ASC NULLS LAST`.
 *
 * One deliberate difference: a sub-filter with no conditions (`{}`) means "every run", so
 * `or: [{}]` matches every run and `not: {}` none. Prisma drops such sub-filters in ways that
 * depend on where they sit (`or: [{}]` matched nothing at the top level but was ignored inside
 * `and`), which no client could rely on.
 */
import type { SimulationRun } from '../generated/prisma-sqlite/client.js';
import type { RawSql } from './raw-sql.js';
import {
  lower,
  RUN_DATE_COLUMNS,
  RUN_FLOAT_FIELDS,
  RUN_INT_COLUMNS,
  RUN_KPI_FIELDS,
  RUN_SOLVER_STATS_COLUMNS,
  RUN_TIMESTAMP_COLUMNS,
  type ComparisonFilter,
  PARAMETER_KEY_PATTERN,
  PARAMETER_ORDER_PREFIX,
  type EnumFilter,
  type IdFilter,
  type KeysetColumn,
  type KeysetValue,
  type RunFilter,
  type TextFilter,
} from './run-filters.js';
import type { DatabaseProvider } from './target.js';

/** Columns a run list reads: everything but the large JSON documents (inputJson, optionsJson,
 *  metadataJson), which only `loaders.runDetails` reads. */
export const RUN_LIST_COLUMNS = [
  'id',
  'studyId',
  'trialIndex',
  'startedBy',
  'systemName',
  'systemNameLower',
  'createdAt',
  'startedAt',
  'finishedAt',
  'updatedAt',
  'heartbeatAt',
  'status',
  'solver',
  'objective',
  'timesteps',
  'timestepHours',
  'idempotencyKey',
  ...RUN_KPI_FIELDS,
  ...RUN_SOLVER_STATS_COLUMNS,
  'engineVersion',
  'errorCode',
  'errorMessage',
  'tagsJson',
  'warningsJson',
] as const satisfies readonly (keyof SimulationRun)[];

export type RunListColumn = (typeof RUN_LIST_COLUMNS)[number];
/** A run as a list page reads it: the Prisma row shape without the JSON documents. */
export type RunListRow = Pick<SimulationRun, RunListColumn>;

/** Which runs a list may show at all, before the client's filter (e.g. one study's runs). */
export interface RunListScope {
  studyId?: string;
}

/** Rows strictly after `values` in the ordering `columns` (as keysetAfter). */
export interface KeysetBound {
  columns: readonly KeysetColumn[];
  values: readonly KeysetValue[];
}

export interface RunPageQuery {
  /** Columns to read (default: every list column); the ordering's columns are always read,
   *  since cursors are made from them. Fewer columns is faster: reading 8 instead of 48
   *  columns of 21 rows took 0.16 instead of 0.49 ms on SQLite (bench/README.md). */
  columns?: readonly RunListColumn[];
  filter?: RunFilter;
  scope?: RunListScope;
  /** The ordering to walk, ending with the id (runKeysetColumns, possibly reversed). */
  order: readonly KeysetColumn[];
  bounds?: readonly KeysetBound[];
  limit: number;
}

export interface CompiledSql {
  sql: string;
  params: unknown[];
}

const TABLE = '"SimulationRun"';
const TAG_TABLE = '"RunTag"';
const COMPARABLE_COLUMNS = new Set<string>([...RUN_FLOAT_FIELDS, ...RUN_INT_COLUMNS, ...RUN_TIMESTAMP_COLUMNS]);
const KNOWN_COLUMNS = new Set<string>(RUN_LIST_COLUMNS);

/**
 * Collects the values of one statement. Conditions hold markers, not placeholders: a condition
 * may be dropped after it was built (`or` with a member that matches everything), and SQLite's
 * `?` are positional, so placeholders are numbered only when the final text is rendered.
 */
class SqlBuilder {
  private readonly values: unknown[] = [];
  constructor(readonly dialect: DatabaseProvider) {}

  param(value: unknown): string {
    this.values.push(this.dialect === 'postgres' && value instanceof Date ? postgresTimestamp(value) : value);
    return `\u0001${this.values.length - 1}\u0002`;
  }

  list(values: readonly unknown[]): string {
    return values.map((v) => this.param(v)).join(', ');
  }

  render(text: string): CompiledSql {
    const params: unknown[] = [];
    const sql = text.replace(/\u0001(\d+)\u0002/g, (_, index: string) => {
      params.push(this.values[Number(index)]);
      return this.dialect === 'postgres' ? `$${params.length}` : '?';
    });
    return { sql, params };
  }
}

/**
 * PostgreSQL columns are `timestamp(3)` (without time zone, holding UTC). pg would send a Date
 * in the process's local time; an ISO string in UTC is read as UTC wall time (the zone suffix
 * is ignored for this type), whatever the server's or the process's time zone.
 */
function postgresTimestamp(value: Date): string {
  return value.toISOString();
}

function column(name: string): string {
  if (name.startsWith(PARAMETER_ORDER_PREFIX)) {
    const key = name.slice(PARAMETER_ORDER_PREFIX.length);
    // Validated by PARAMETER_KEY_PATTERN (no quotes): inlined so the expression is the same text
    // in ORDER BY, the select list and the keyset bounds.
    if (!PARAMETER_KEY_PATTERN.test(key)) throw new Error(`run-sql: bad parameter key "${key}"`);
    return `(SELECT p."value" FROM "RunParameter" p WHERE p."runId" = ${TABLE}."id" AND p."key" = '${key}')`;
  }
  if (!KNOWN_COLUMNS.has(name)) throw new Error(`run-sql: unknown SimulationRun column "${name}"`);
  return `${TABLE}."${name}"`;
}

/** No condition at all (every run matches): kept apart from SQL text so `and` can drop it
 *  and `or` / `not` can fold it, instead of emitting `1=1`. */
const TRUE = null;
type Condition = string | typeof TRUE;

function and(conditions: Condition[]): Condition {
  const parts = conditions.filter((c): c is string => c !== TRUE);
  if (parts.length === 0) return TRUE;
  return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
}

function or(conditions: Condition[]): Condition {
  if (conditions.length === 0) return '1=0';
  if (conditions.some((c) => c === TRUE)) return TRUE;
  return conditions.length === 1 ? conditions[0] : `(${(conditions as string[]).join(' OR ')})`;
}

// ---------------------------------------------------------------------------------------------
// Filters: the same conditions as runFilterToWhere, operator by operator.
// ---------------------------------------------------------------------------------------------

function filterCondition(b: SqlBuilder, filter: RunFilter | undefined): Condition {
  if (!filter) return TRUE;
  const parts: Condition[] = [];
  for (const field of COMPARABLE_COLUMNS) {
    const f = filter[field as keyof RunFilter] as ComparisonFilter<number | Date> | undefined;
    if (f) parts.push(...comparisonConditions(b, column(field), f));
  }
  if (filter.status) parts.push(...enumConditions(b, column('status'), filter.status));
  if (filter.solver) parts.push(...enumConditions(b, column('solver'), filter.solver));
  if (filter.systemName) parts.push(...textConditions(b, column('systemNameLower'), filter.systemName));
  if (filter.tags) {
    // Each condition in its own EXISTS: a tag containing "a" AND a tag starting with "b" may
    // be two different tags (as in runFilterToWhere).
    for (const condition of textConditions(b, `t."tagLower"`, filter.tags)) {
      parts.push(`EXISTS (SELECT 1 FROM ${TAG_TABLE} t WHERE t."runId" = ${column('id')} AND ${condition})`);
    }
  }
  if (filter.studyId) parts.push(...idConditions(b, column('studyId'), filter.studyId));
  if (filter.parameter) {
    const value = and(comparisonConditions(b, 'p."value"', filter.parameter.value));
    parts.push(
      `EXISTS (SELECT 1 FROM "RunParameter" p WHERE p."runId" = ${column('id')} AND p."key" = ${b.param(filter.parameter.key)}` +
        `${value === TRUE ? '' : ` AND ${value}`})`,
    );
  }
  if (filter.and) parts.push(...filter.and.map((f) => filterCondition(b, f)));
  if (filter.or) parts.push(or(filter.or.map((f) => filterCondition(b, f))));
  if (filter.not) {
    const inner = filterCondition(b, filter.not);
    // SQL's three-valued NOT: a comparison with a null column is unknown, and so is its
    // negation — runs without a value stay out under `not` too (docs/api.md).
    parts.push(inner === TRUE ? '1=0' : `NOT (${inner})`);
  }
  return and(parts);
}

function comparisonConditions(b: SqlBuilder, c: string, f: ComparisonFilter<number | Date>): string[] {
  const parts: string[] = [];
  const notNull = `${c} IS NOT NULL`;
  if (f.eq !== undefined) parts.push(`${c} = ${b.param(f.eq)}`);
  if (f.ne !== undefined) parts.push(`(${c} <> ${b.param(f.ne)} AND ${notNull})`);
  if (f.gt !== undefined) parts.push(`${c} > ${b.param(f.gt)}`);
  if (f.gte !== undefined) parts.push(`${c} >= ${b.param(f.gte)}`);
  if (f.lt !== undefined) parts.push(`${c} < ${b.param(f.lt)}`);
  if (f.lte !== undefined) parts.push(`${c} <= ${b.param(f.lte)}`);
  if (f.in !== undefined) parts.push(inList(b, c, f.in));
  if (f.notIn !== undefined) parts.push(f.notIn.length === 0 ? notNull : `(${c} NOT IN (${b.list(f.notIn)}) AND ${notNull})`);
  if (f.isNull !== undefined) parts.push(f.isNull ? `${c} IS NULL` : notNull);
  return parts;
}

function inList(b: SqlBuilder, c: string, values: readonly unknown[]): string {
  return values.length === 0 ? '1=0' : `${c} IN (${b.list(values)})`;
}

function enumConditions(b: SqlBuilder, c: string, f: EnumFilter<string>): string[] {
  const parts: string[] = [];
  if (f.eq !== undefined) parts.push(`${c} = ${b.param(f.eq)}`);
  if (f.in !== undefined) parts.push(inList(b, c, f.in));
  // Status and solver are never null: an empty notIn excludes nothing.
  if (f.notIn !== undefined) parts.push(f.notIn.length === 0 ? '1=1' : `${c} NOT IN (${b.list(f.notIn)})`);
  return parts;
}

/**
 * Case-insensitive text conditions on a lower-cased column. LIKE patterns as runFilterToWhere
 * builds them: on PostgreSQL `%`, `_` and `\` are escaped (backslash is its default LIKE escape);
 * SQLite's LIKE has no escape character without an ESCAPE clause, so there they stay wildcards.
 */
function textConditions(b: SqlBuilder, c: string, f: TextFilter): string[] {
  const pattern = (needle: string) => (b.dialect === 'postgres' ? lower(needle).replace(/[\\%_]/g, '\\$&') : lower(needle));
  const parts: string[] = [];
  if (f.eq !== undefined) parts.push(`${c} = ${b.param(lower(f.eq))}`);
  if (f.in !== undefined) parts.push(inList(b, c, f.in.map(lower)));
  if (f.contains !== undefined) parts.push(`${c} LIKE ${b.param(`%${pattern(f.contains)}%`)}`);
  if (f.startsWith !== undefined) parts.push(`${c} LIKE ${b.param(`${pattern(f.startsWith)}%`)}`);
  return parts;
}

function idConditions(b: SqlBuilder, c: string, f: IdFilter): string[] {
  const parts: string[] = [];
  const notNull = `${c} IS NOT NULL`;
  if (f.eq !== undefined) parts.push(`${c} = ${b.param(f.eq)}`);
  if (f.in !== undefined) parts.push(inList(b, c, f.in));
  if (f.notIn !== undefined) parts.push(f.notIn.length === 0 ? notNull : `(${c} NOT IN (${b.list(f.notIn)}) AND ${notNull})`);
  if (f.isNull !== undefined) parts.push(f.isNull ? `${c} IS NULL` : notNull);
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Ordering and keyset bounds: the same as keysetOrderBy and keysetAfter.
// ---------------------------------------------------------------------------------------------

function orderByClause(dialect: DatabaseProvider, order: readonly KeysetColumn[]): string {
  return order
    .map((o) => {
      const c = column(o.column);
      const direction = o.direction === 'asc' ? 'ASC' : 'DESC';
      if (!o.nullable) return `${c} ${direction}`;
      if (dialect === 'postgres') return `${c} ${direction} NULLS ${o.nulls === 'first' ? 'FIRST' : 'LAST'}`;
      // Exactly the expression of the hand-written SQLite indexes (and of Prisma's emulation).
      const nullRank = o.nulls === 'first' ? 'THEN 0 ELSE 1' : 'THEN 1 ELSE 0';
      return `CASE WHEN ${c} IS NULL ${nullRank} END, ${c} ${direction}`;
    })
    .join(', ');
}

function keysetCondition(b: SqlBuilder, bound: KeysetBound): string {
  const { columns, values } = bound;
  if (columns.length !== values.length || columns.length === 0) throw new Error('run-sql: one keyset value per ordering column');
  const after = (i: number): string => {
    const k = columns[i];
    const c = column(k.column);
    const v = values[i];
    const last = i === columns.length - 1;
    const options: string[] = [];
    if (v === null) {
      // Within the null block: the rest of the block, then (nulls first) every value.
      if (!last) options.push(`(${c} IS NULL AND ${after(i + 1)})`);
      if (k.nulls === 'first') options.push(`${c} IS NOT NULL`);
    } else {
      options.push(`${c} ${k.direction === 'asc' ? '>' : '<'} ${b.param(v)}`);
      if (k.nullable && k.nulls === 'last') options.push(`${c} IS NULL`);
      if (!last) options.push(`(${c} = ${b.param(v)} AND ${after(i + 1)})`);
    }
    if (options.length === 0) return '1=0';
    return options.length === 1 ? options[0] : `(${options.join(' OR ')})`;
  };
  return after(0);
}

// ---------------------------------------------------------------------------------------------
// Statements.
// ---------------------------------------------------------------------------------------------

function scopedWhere(b: SqlBuilder, query: { filter?: RunFilter; scope?: RunListScope }): Condition {
  const scope = query.scope?.studyId !== undefined ? `${column('studyId')} = ${b.param(query.scope.studyId)}` : TRUE;
  return and([scope, filterCondition(b, query.filter)]);
}

/** The names of a page query's select list, in select-list order (array rows are in it). */
export function selectedRunColumns(query: Pick<RunPageQuery, 'columns' | 'order'>): { names: readonly RunListColumn[]; parameterColumns: string[] } {
  const wanted = query.columns ? new Set<string>([...query.columns, 'id', ...query.order.map((o) => o.column)]) : null;
  const names = wanted ? RUN_LIST_COLUMNS.filter((c) => wanted.has(c)) : RUN_LIST_COLUMNS;
  // Parameter orderings read their value too: the page's cursors are made of it.
  const parameterColumns = query.order.filter((o) => o.column.startsWith(PARAMETER_ORDER_PREFIX)).map((o) => o.column);
  return { names, parameterColumns };
}

function selectList(dialect: DatabaseProvider, query: RunPageQuery): string {
  const selected = selectedRunColumns(query);
  const names = selected.names;
  const parameterColumns = selected.parameterColumns.map((c) => `${column(c)} AS "${c}"`);
  return [...names.map((name) =>
    dialect === 'postgres' && RUN_DATE_COLUMNS.has(name)
      ? // Text in UTC: pg would parse timestamp-without-time-zone in the process's local zone.
        `to_char(${column(name)}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${name}"`
      : column(name),
  ), ...parameterColumns].join(', ');
}

export function compileRunPage(dialect: DatabaseProvider, query: RunPageQuery): CompiledSql {
  if (!Number.isInteger(query.limit) || query.limit < 0) throw new Error(`run-sql: limit must be a non-negative integer, got ${query.limit}`);
  const b = new SqlBuilder(dialect);
  const where = and([scopedWhere(b, query), ...(query.bounds ?? []).map((bound) => keysetCondition(b, bound))]);
  return b.render(
    `SELECT ${selectList(dialect, query)} FROM ${TABLE}` +
      (where === TRUE ? '' : ` WHERE ${where}`) +
      ` ORDER BY ${orderByClause(dialect, query.order)} LIMIT ${b.param(query.limit)}`,
  );
}

export function compileRunCount(dialect: DatabaseProvider, query: { filter?: RunFilter; scope?: RunListScope }): CompiledSql {
  const b = new SqlBuilder(dialect);
  const where = scopedWhere(b, query);
  return b.render(`SELECT COUNT(*) AS "count" FROM ${TABLE}${where === TRUE ? '' : ` WHERE ${where}`}`);
}

/** One page of runs, as Prisma-shaped rows (Dates, enum strings, numbers); with `columns`,
 *  only those (and the ordering's) are present. */
export async function readRunPage(sql: RawSql, query: RunPageQuery): Promise<RunListRow[]> {
  const compiled = compileRunPage(sql.dialect, query);
  const rows = await sql.query<Record<string, unknown>>(compiled.sql, compiled.params);
  return rows.map(toRunListRow);
}

/**
 * The export's read: the SQL of a whole ordered run list (no page limit) selecting only
 * `columns` (and the ordering's), with the names of its select list in order. The CSV export
 * reads its rows as arrays (csv-export-thread.ts), timestamps left as the database's text (ISO
 * 8601 UTC: SQLite holds Prisma's "+00:00" form, PostgreSQL's are formatted in SQL): building a
 * Date and an object per row was most of the export's time, and the CSV needs text anyway.
 */
export function compileRunExport(
  dialect: DatabaseProvider,
  query: Omit<RunPageQuery, 'limit' | 'bounds'> & { columns: readonly RunListColumn[] },
): { sql: string; params: unknown[]; names: readonly string[] } {
  const compiled = compileRunPage(dialect, { ...query, limit: Number.MAX_SAFE_INTEGER });
  const selected = selectedRunColumns(query);
  return { sql: compiled.sql, params: compiled.params, names: [...selected.names, ...selected.parameterColumns] };
}

export async function countRuns(sql: RawSql, query: { filter?: RunFilter; scope?: RunListScope }): Promise<number> {
  const compiled = compileRunCount(sql.dialect, query);
  const [row] = await sql.query<{ count: number | string | bigint }>(compiled.sql, compiled.params);
  // PostgreSQL's COUNT is a bigint, which pg returns as text.
  return Number(row.count);
}

/**
 * Timestamps arrive as text on both providers (SQLite stores Prisma's ISO form with "+00:00";
 * PostgreSQL's are formatted in SQL above); everything else is already what Prisma returns.
 */
function toRunListRow(row: Record<string, unknown>): RunListRow {
  for (const name of RUN_TIMESTAMP_COLUMNS) {
    const value = row[name];
    if (value !== null && value !== undefined && !(value instanceof Date)) row[name] = new Date(value as string);
  }
  return row as unknown as RunListRow;
}
