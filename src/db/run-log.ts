// The run log's writes. Only src/runner calls these: it is the one place that decides a run's
// status. Each function is one statement or one transaction, so a run is never half-written.
//
// They go to the driver (db.writeSql: on SQLite a thread of its own, sqlite-writer.ts), not
// through Prisma: Prisma 6.19's JS engine compiles every query on the main thread, converts
// the ~144 kB series parameter and reads rows back, which cost 20–30 ms of CPU per run; on SQLite the statements themselves take ~0.3 ms
// (bench/log-overhead.ts). What they write is exactly what Prisma writes and reads for the same
// model (test/db/run-log.test.ts): DateTime in Prisma's forms, enums as their names, and
// floats bound as driver parameters, which are exact (Prisma's own float parsing is not).
import type { SimulationRun } from '../generated/prisma-sqlite/client.js';
import type { Kpis, SolverKind, SolverStats } from '../simulation/types.js';
import type { RawSql } from './raw-sql.js';
import { RUN_SOLVER_STATS_COLUMNS } from './run-filters.js';

/** A run as Prisma returns it (Date objects, numbers, enum names, null for unset). */
export type RunRow = SimulationRun;

/** What the run-log writes need of a DbHandle: where to write (writeSql when there is one). */
export interface RunLogDb {
  sql: RawSql;
  writeSql?: RawSql;
}

function writerOf(db: RunLogDb): RawSql {
  return db.writeSql ?? db.sql;
}

export interface NewRun {
  /** Chosen by the runner, so writes held in the outbox can name the run before it exists. */
  id: string;
  status: 'QUEUED' | 'RUNNING';
  systemName: string;
  solver: SolverKind;
  objective: string;
  timesteps: number;
  timestepHours: number;
  engineVersion: string;
  studyId: string | null;
  inputJson: string;
  optionsJson: string;
  tags: string[];
  metadataJson: string;
  idempotencyKey: string | null;
  /** A study trial: its index in the study and the parameter values it set (RunParameter rows). */
  trialIndex?: number | null;
  parameters?: readonly { component: string; field: string; value: number }[];
  /** The API token that started it (null: AUTH=off). */
  startedBy?: string | null;
}

export interface CompletedRun {
  kpis: Kpis;
  stats: SolverStats;
  warnings: string[];
  series: { encoding: string; data: Uint8Array; rawBytes: number };
}

/** A write aimed at a run that is not in the database (Prisma's update threw P2025 here). */
export class RunNotFoundError extends Error {
  readonly code = 'RUN_NOT_FOUND';
  constructor(readonly runId: string) {
    super(`run ${runId} does not exist in the run log`);
    this.name = 'RunNotFoundError';
  }
}

/** How a column's value comes back from the drivers (enums are text on both). */
type ColumnKind = 'text' | 'number' | 'timestamp';

/** Every SimulationRun column (the Record type makes a column added to the model a compile error here). */
const RUN_COLUMN_KINDS: Record<keyof RunRow, ColumnKind> = {
  id: 'text',
  studyId: 'text',
  systemName: 'text',
  systemNameLower: 'text',
  createdAt: 'timestamp',
  startedAt: 'timestamp',
  finishedAt: 'timestamp',
  updatedAt: 'timestamp',
  heartbeatAt: 'timestamp',
  status: 'text',
  solver: 'text',
  objective: 'text',
  timesteps: 'number',
  timestepHours: 'number',
  idempotencyKey: 'text',
  totalCostEur: 'number',
  operatingCostEur: 'number',
  capexEur: 'number',
  totalCo2Kg: 'number',
  renewableFraction: 'number',
  totalGenerationKwh: 'number',
  totalDemandKwh: 'number',
  gridImportKwh: 'number',
  gridExportKwh: 'number',
  netGridUsageKwh: 'number',
  selfConsumptionRate: 'number',
  selfSufficiencyRate: 'number',
  peakGridImportKw: 'number',
  curtailmentKwh: 'number',
  unmetDemandKwh: 'number',
  batteryEquivalentCycles: 'number',
  lcoeEurPerKwh: 'number',
  npvEur: 'number',
  simplePaybackYears: 'number',
  co2ReductionFraction: 'number',
  solveStatus: 'text',
  solverMessage: 'text',
  objectiveValue: 'number',
  solveMs: 'number',
  variableCount: 'number',
  constraintCount: 'number',
  iterationCount: 'number',
  mipGap: 'number',
  engineVersion: 'text',
  errorCode: 'text',
  errorMessage: 'text',
  workerId: 'text',
  attempt: 'number',
  inputJson: 'text',
  optionsJson: 'text',
  tagsJson: 'text',
  metadataJson: 'text',
  warningsJson: 'text',
  trialIndex: 'number',
  startedBy: 'text',
};
const RUN_COLUMNS = Object.keys(RUN_COLUMN_KINDS) as (keyof RunRow)[];

/** The KPI columns, in a fixed order so each statement's text (and prepared statement) is stable. */
const KPI_COLUMN_SET: Record<keyof Kpis, true> = {
  totalCostEur: true,
  operatingCostEur: true,
  capexEur: true,
  totalCo2Kg: true,
  renewableFraction: true,
  totalGenerationKwh: true,
  totalDemandKwh: true,
  gridImportKwh: true,
  gridExportKwh: true,
  netGridUsageKwh: true,
  selfConsumptionRate: true,
  selfSufficiencyRate: true,
  peakGridImportKw: true,
  curtailmentKwh: true,
  unmetDemandKwh: true,
  batteryEquivalentCycles: true,
  lcoeEurPerKwh: true,
  npvEur: true,
  simplePaybackYears: true,
  co2ReductionFraction: true,
};
export const KPI_COLUMNS = Object.keys(KPI_COLUMN_SET) as (keyof Kpis & keyof RunRow)[];

const STATS_COLUMNS = RUN_SOLVER_STATS_COLUMNS satisfies readonly (keyof RunRow)[];
type StatsColumns = Record<(typeof STATS_COLUMNS)[number], string | number | null>;

/** What a completion sets, besides status (the order of the statement's parameters). */
const COMPLETION_COLUMNS = ['finishedAt', 'heartbeatAt', 'updatedAt', ...STATS_COLUMNS, ...KPI_COLUMNS, 'warningsJson'] as const;
/** What a failure sets, and with solver statistics. */
const FAILURE_COLUMNS = ['status', 'finishedAt', 'heartbeatAt', 'updatedAt', 'errorCode', 'errorMessage'] as const;
const FAILURE_WITH_STATS_COLUMNS = [...FAILURE_COLUMNS, ...STATS_COLUMNS] as const;

/**
 * The first row of a run (QUEUED, or RUNNING when a worker is already free) and its tags, in one
 * transaction. Returns the row as written: every column is known here, so nothing is read back.
 */
export async function insertRun(db: RunLogDb, run: NewRun, now = new Date()): Promise<RunRow> {
  // One literal with every column: built by spreading a template of the unset ones, V8 made
  // this object in ~80 µs instead of ~2 µs (a slow-mode object), a tenth of the whole write.
  const row: RunRow = {
    id: run.id,
    studyId: run.studyId,
    systemName: run.systemName,
    systemNameLower: run.systemName.toLowerCase(),
    createdAt: now,
    startedAt: run.status === 'RUNNING' ? now : null,
    finishedAt: null,
    updatedAt: now,
    heartbeatAt: now,
    status: run.status,
    solver: run.solver,
    objective: run.objective,
    timesteps: run.timesteps,
    timestepHours: run.timestepHours,
    idempotencyKey: run.idempotencyKey,
    totalCostEur: null,
    operatingCostEur: null,
    capexEur: null,
    totalCo2Kg: null,
    renewableFraction: null,
    totalGenerationKwh: null,
    totalDemandKwh: null,
    gridImportKwh: null,
    gridExportKwh: null,
    netGridUsageKwh: null,
    selfConsumptionRate: null,
    selfSufficiencyRate: null,
    peakGridImportKw: null,
    curtailmentKwh: null,
    unmetDemandKwh: null,
    batteryEquivalentCycles: null,
    lcoeEurPerKwh: null,
    npvEur: null,
    simplePaybackYears: null,
    co2ReductionFraction: null,
    solveStatus: null,
    solverMessage: null,
    objectiveValue: null,
    solveMs: null,
    variableCount: null,
    constraintCount: null,
    iterationCount: null,
    mipGap: null,
    engineVersion: run.engineVersion,
    errorCode: null,
    errorMessage: null,
    workerId: null,
    attempt: null,
    inputJson: run.inputJson,
    optionsJson: run.optionsJson,
    tagsJson: JSON.stringify(run.tags),
    metadataJson: run.metadataJson,
    warningsJson: '[]',
    trialIndex: run.trialIndex ?? null,
    startedBy: run.startedBy ?? null,
  };
  const sql = writerOf(db);
  const statements = statementsFor(sql.dialect);
  const params = columnParams(sql.dialect, RUN_COLUMNS, row);
  // JavaScript lower-cases all of Unicode; SQLite's lower() only ASCII.
  const tagsLower = run.tags.map((tag) => tag.toLowerCase());
  const parameterRows = (run.parameters ?? []).map((p) => ({
    sql: statements.insertParameter,
    params: [run.id, `${p.component}.${p.field}`, p.component, p.field, p.value],
  }));
  if (sql.dialect === 'postgres' && parameterRows.length === 0) {
    await sql.execute(statements.insertRunWithTags, [...params, run.tags, tagsLower]);
  } else if (sql.dialect === 'postgres') {
    await sql.transaction([{ sql: statements.insertRunWithTags, params: [...params, run.tags, tagsLower] }, ...parameterRows]);
  } else {
    await sql.transaction([
      { sql: statements.insertRunWithTags, params },
      ...run.tags.map((tag, i) => ({ sql: statements.insertTag, params: [run.id, tag, tagsLower[i]] })),
      ...parameterRows,
    ]);
  }
  return row;
}

/** QUEUED → RUNNING. Conditional, so replaying it after the run has moved on changes nothing. */
export async function markRunRunning(db: RunLogDb, runId: string, now = new Date()): Promise<void> {
  const writer = writerOf(db);
  const at = timestampParam(writer.dialect, now);
  await writer.execute(statementsFor(writer.dialect).markRunning, [at, at, at, runId]);
}

/** One statement refreshes the heartbeat of every run a runner holds, however many. */
export async function touchHeartbeats(db: RunLogDb, runIds: string[], now = new Date()): Promise<number> {
  if (runIds.length === 0) return 0;
  const writer = writerOf(db);
  const { dialect } = writer;
  const at = timestampParam(dialect, now);
  return writer.execute(statementsFor(dialect).touchHeartbeats, [at, at, listParam(dialect, runIds)]);
}

/**
 * QUEUED or RUNNING runs whose heartbeat is older than `staleBefore` belong to a process that
 * stopped: they become CRASHED with the reason. Runs the caller still holds are skipped (their
 * heartbeat may only be late because the database was away). One statement, so a run whose
 * heartbeat comes back between finding and marking it is judged by its new heartbeat. Returns
 * the ids changed.
 */
export async function markStaleRunsCrashed(
  db: RunLogDb,
  options: { staleBefore: Date; exceptRunIds: string[]; now?: Date },
): Promise<string[]> {
  const writer = writerOf(db);
  const { dialect } = writer;
  const at = timestampParam(dialect, options.now ?? new Date());
  const rows = await writer.query<{ id: string }>(statementsFor(dialect).markStaleCrashed, [
    at,
    at,
    timestampParam(dialect, options.staleBefore),
    listParam(dialect, options.exceptRunIds),
  ]);
  return rows.map((row) => row.id);
}

/**
 * COMPLETED with KPIs, solver stats and the compressed series, in one transaction. Idempotent:
 * applying it twice leaves the same row (the series is inserted once, every column is set to the
 * same values, updatedAt included, since it is the write's own time). It overrides CRASHED on
 * purpose: a run marked CRASHED while its completion waited in an outbox did finish. Returns the
 * run as it now stands (read in the same statement on PostgreSQL; one primary-key read on SQLite).
 */
export async function completeRun(db: RunLogDb, runId: string, outcome: CompletedRun, now = new Date()): Promise<RunRow> {
  const sql = writerOf(db);
  const statements = statementsFor(sql.dialect);
  const completion = columnParams(sql.dialect, COMPLETION_COLUMNS, {
    finishedAt: now,
    heartbeatAt: now,
    updatedAt: now,
    ...solverStatsColumns(outcome.stats),
    ...kpiColumns(outcome.kpis),
    warningsJson: JSON.stringify(outcome.warnings),
  });
  const { data } = outcome.series;
  const result = [
    runId,
    outcome.series.encoding,
    // A view of the same memory, not a copy: the series is by far the largest value of a run.
    Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    outcome.series.rawBytes,
    timestampParam(sql.dialect, now),
  ];
  if (sql.dialect === 'postgres') {
    return onlyRun(await sql.query(statements.completeAndReturn, [...result, ...completion, runId]), runId);
  }
  const [updated] = await sql.transaction([
    { sql: statements.complete, params: [...completion, runId] },
    { sql: statements.insertResult, params: result },
  ]);
  if (updated === 0) throw new RunNotFoundError(runId);
  return readRun(db, runId);
}

/** FAILED, CANCELLED or CRASHED with the reason; returns the run as it now stands. */
export async function failRun(
  db: RunLogDb,
  runId: string,
  failure: { status?: 'FAILED' | 'CANCELLED' | 'CRASHED'; errorCode: string; errorMessage: string; stats?: SolverStats },
  now = new Date(),
): Promise<RunRow> {
  const sql = writerOf(db);
  const statements = statementsFor(sql.dialect);
  const columns = {
    status: failure.status ?? 'FAILED',
    finishedAt: now,
    heartbeatAt: now,
    updatedAt: now,
    errorCode: failure.errorCode,
    errorMessage: failure.errorMessage,
  };
  const rows = failure.stats
    ? await sql.query(statements.failWithStats, [
        ...columnParams(sql.dialect, FAILURE_WITH_STATS_COLUMNS, { ...columns, ...solverStatsColumns(failure.stats) }),
        runId,
      ])
    : await sql.query(statements.fail, [...columnParams(sql.dialect, FAILURE_COLUMNS, columns), runId]);
  return onlyRun(rows, runId);
}

/** One run by id, Prisma-shaped. */
export async function readRun(db: RunLogDb, runId: string): Promise<RunRow> {
  return onlyRun(await db.sql.query(statementsFor(db.sql.dialect).readRun, [runId]), runId);
}

type Dialect = RawSql['dialect'];

/**
 * The run log's statements in one dialect, built once: the same text every time is one prepared
 * statement on SQLite, and building ~50-column statements per write showed in the profile.
 * Every statement takes its parameters in the order they appear in its text (SQLite's `?` are
 * positional); the callers derive both from the same column lists.
 */
function buildStatements(dialect: Dialect) {
  const postgres = dialect === 'postgres';
  const text = (build: (param: () => string) => string): string => {
    let index = 0;
    return build(() => (postgres ? `$${++index}` : '?'));
  };
  const set = (columns: readonly (keyof RunRow)[], param: () => string) =>
    columns.map((column) => `${quote(column)} = ${param()}`).join(', ');
  /** `"id"` is one of a list given as one parameter: one statement text for any number of ids. */
  const idIn = (param: () => string) =>
    postgres ? `"id" = ANY(${param()}::text[])` : `"id" IN (SELECT value FROM json_each(${param()}))`;
  const returning = `RETURNING ${selectRunColumns(dialect)}`;
  const insertRun = (param: () => string) =>
    `INSERT INTO "SimulationRun" (${RUN_COLUMNS.map(quote).join(', ')}) VALUES (${RUN_COLUMNS.map(() => param()).join(', ')})`;
  const insertResult = (param: () => string) =>
    `INSERT INTO "RunResult" ("runId", "encoding", "data", "rawBytes", "createdAt") VALUES (${param()}, ${param()}, ${param()}, ${param()}, ${param()}) ` +
    // A completion replayed from the outbox after it was applied keeps the series already stored.
    `ON CONFLICT ("runId") DO NOTHING`;
  const complete = (param: () => string) =>
    `UPDATE "SimulationRun" SET "status" = 'COMPLETED', ${set(COMPLETION_COLUMNS, param)} WHERE "id" = ${param()}`;
  const heartbeatText = postgres
    ? `to_char("heartbeatAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : `strftime('%Y-%m-%dT%H:%M:%fZ', "heartbeatAt")`;
  return {
    // PostgreSQL: one statement is one round trip and its own transaction; the tag rows' foreign
    // key is checked at the end of the statement, after the run row exists.
    insertRunWithTags: postgres
      ? text(
          (param) =>
            `WITH "run" AS (${insertRun(param)} RETURNING "id") INSERT INTO "RunTag" ("runId", "tag", "tagLower") ` +
            `SELECT "run"."id", t."tag", t."tagLower" FROM "run", unnest(${param()}::text[], ${param()}::text[]) AS t("tag", "tagLower")`,
        )
      : text(insertRun),
    insertTag: text((param) => `INSERT INTO "RunTag" ("runId", "tag", "tagLower") VALUES (${param()}, ${param()}, ${param()})`),
    insertParameter: text(
      (param) => `INSERT INTO "RunParameter" ("runId", "key", "component", "field", "value") VALUES (${param()}, ${param()}, ${param()}, ${param()}, ${param()})`,
    ),
    markRunning: text(
      (param) =>
        `UPDATE "SimulationRun" SET "status" = 'RUNNING', ${set(['startedAt', 'heartbeatAt', 'updatedAt'], param)} ` +
        `WHERE "id" = ${param()} AND "status" = 'QUEUED'`,
    ),
    touchHeartbeats: text(
      (param) => `UPDATE "SimulationRun" SET ${set(['heartbeatAt', 'updatedAt'], param)} WHERE ${idIn(param)} AND "status" IN ${LIVE_STATUSES}`,
    ),
    markStaleCrashed: text(
      (param) =>
        `UPDATE "SimulationRun" SET "status" = 'CRASHED', ${set(['finishedAt', 'updatedAt'], param)}, "errorCode" = 'CRASHED', ` +
        `"errorMessage" = 'no heartbeat since ' || ${heartbeatText} || ': the process running it stopped' ` +
        `WHERE "status" IN ${LIVE_STATUSES} AND "heartbeatAt" < ${param()} AND NOT (${idIn(param)}) RETURNING "id"`,
    ),
    complete: text(complete),
    insertResult: text(insertResult),
    // PostgreSQL: both writes of a completion in one statement: one round trip, atomic without
    // BEGIN/COMMIT. A missing run fails the series' foreign key, so nothing is written.
    completeAndReturn: text((param) => `WITH "result" AS (${insertResult(param)}) ${complete(param)} ${returning}`),
    fail: text((param) => `UPDATE "SimulationRun" SET ${set(FAILURE_COLUMNS, param)} WHERE "id" = ${param()} ${returning}`),
    failWithStats: text(
      (param) => `UPDATE "SimulationRun" SET ${set(FAILURE_WITH_STATS_COLUMNS, param)} WHERE "id" = ${param()} ${returning}`,
    ),
    readRun: text((param) => `SELECT ${selectRunColumns(dialect)} FROM "SimulationRun" WHERE "id" = ${param()}`),
  };
}

const LIVE_STATUSES = `('QUEUED', 'RUNNING')`;
const statementsByDialect = new Map<Dialect, ReturnType<typeof buildStatements>>();

function statementsFor(dialect: Dialect): ReturnType<typeof buildStatements> {
  let statements = statementsByDialect.get(dialect);
  if (!statements) {
    statements = buildStatements(dialect);
    statementsByDialect.set(dialect, statements);
  }
  return statements;
}

/** Every run column; timestamps as instants on PostgreSQL, so pg reads them as UTC whatever the process's time zone. */
function selectRunColumns(dialect: Dialect): string {
  return RUN_COLUMNS.map((column) =>
    dialect === 'postgres' && RUN_COLUMN_KINDS[column] === 'timestamp'
      ? `(${quote(column)} AT TIME ZONE 'UTC') AS ${quote(column)}`
      : quote(column),
  ).join(', ');
}

/** The parameters for these columns, in their order. */
function columnParams<C extends keyof RunRow>(dialect: Dialect, columns: readonly C[], values: Record<C, unknown>): unknown[] {
  return columns.map((column) => {
    const value = values[column];
    return value instanceof Date ? timestampParam(dialect, value) : value;
  });
}

/**
 * PostgreSQL: pg would send a Date in the process's local time zone, and a "timestamp" column
 * (what Prisma uses for DateTime) keeps the wall-clock part and drops the offset; UTC text is what
 * Prisma stores, whatever the time zone of this process. SQLite: raw-sql.ts stores a Date in
 * Prisma's own text form.
 */
function timestampParam(dialect: Dialect, date: Date): Date | string {
  return dialect === 'postgres' ? date.toISOString() : date;
}

/** A list of ids as one parameter: a text[] for PostgreSQL, a JSON array for SQLite's json_each. */
function listParam(dialect: Dialect, ids: string[]): string[] | string {
  return dialect === 'postgres' ? ids : JSON.stringify(ids);
}

function onlyRun(rows: Record<string, unknown>[], runId: string): RunRow {
  const [raw] = rows;
  if (!raw) throw new RunNotFoundError(runId);
  const row = {} as Record<string, unknown>;
  for (const column of RUN_COLUMNS) {
    const value = raw[column];
    if (value === null || value === undefined) row[column] = null;
    else if (RUN_COLUMN_KINDS[column] === 'timestamp') row[column] = value instanceof Date ? value : new Date(value as string | number);
    else if (RUN_COLUMN_KINDS[column] === 'number') row[column] = Number(value);
    else row[column] = value;
  }
  return row as RunRow;
}

/** KPIs as columns; a non-finite value (never expected) is stored as null, not rejected. */
function kpiColumns(kpis: Kpis): Record<keyof Kpis, number | null> {
  const columns = {} as Record<keyof Kpis, number | null>;
  for (const column of KPI_COLUMNS) {
    const value = kpis[column];
    columns[column] = value === null || value === undefined ? null : finiteOrNull(value);
  }
  return columns;
}

function solverStatsColumns(stats: SolverStats): StatsColumns {
  return {
    solveStatus: stats.status,
    solverMessage: stats.message,
    objectiveValue: finiteOrNull(stats.objective),
    solveMs: finiteOrNull(stats.solveMs),
    variableCount: stats.variables,
    constraintCount: stats.constraints,
    iterationCount: stats.iterations,
    mipGap: stats.mipGap === undefined ? null : finiteOrNull(stats.mipGap),
  };
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function quote(column: string): string {
  return `"${column}"`;
}
