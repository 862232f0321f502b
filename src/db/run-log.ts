// The run log's writes. Only src/runner calls these: it is the one place that decides a run's
// status. Each function is one statement (or one transaction), so a run is never half-written.
import type { Db } from './client.js';
import type { Kpis, SolverKind, SolverStats } from '../simulation/types.js';

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
}

/** The first row of a run (QUEUED, or RUNNING when a worker is already free). */
export async function insertRun(prisma: Db, run: NewRun, now = new Date()) {
  const { tags, ...columns } = run;
  return prisma.simulationRun.create({
    data: {
      ...columns,
      systemNameLower: run.systemName.toLowerCase(),
      createdAt: now,
      startedAt: run.status === 'RUNNING' ? now : null,
      heartbeatAt: now,
      tagsJson: JSON.stringify(tags),
      tags: { create: tags.map((tag) => ({ tag, tagLower: tag.toLowerCase() })) },
    },
  });
}

/** QUEUED → RUNNING. Conditional, so replaying it after the run has moved on changes nothing. */
export async function markRunRunning(prisma: Db, runId: string, now = new Date()) {
  await prisma.simulationRun.updateMany({
    where: { id: runId, status: 'QUEUED' },
    data: { status: 'RUNNING', startedAt: now, heartbeatAt: now },
  });
}

/** One statement refreshes the heartbeat of every run a runner holds, however many. */
export async function touchHeartbeats(prisma: Db, runIds: string[], now = new Date()) {
  if (runIds.length === 0) return 0;
  const { count } = await prisma.simulationRun.updateMany({
    where: { id: { in: runIds }, status: { in: ['QUEUED', 'RUNNING'] } },
    data: { heartbeatAt: now },
  });
  return count;
}

/**
 * QUEUED or RUNNING runs whose heartbeat is older than `staleBefore` belong to a process that
 * stopped: they become CRASHED with the reason. Runs the caller still holds are skipped (their
 * heartbeat may only be late because the database was away). Returns the ids changed.
 */
export async function markStaleRunsCrashed(
  prisma: Db,
  options: { staleBefore: Date; exceptRunIds: string[]; now?: Date },
): Promise<string[]> {
  const now = options.now ?? new Date();
  const where = {
    status: { in: ['QUEUED' as const, 'RUNNING' as const] },
    heartbeatAt: { lt: options.staleBefore },
    ...(options.exceptRunIds.length > 0 ? { id: { notIn: options.exceptRunIds } } : {}),
  };
  const stale = await prisma.simulationRun.findMany({ where, select: { id: true, heartbeatAt: true } });
  const crashed: string[] = [];
  for (const run of stale) {
    // Conditional on the heartbeat read: a run that came back to life in between is left alone.
    const { count } = await prisma.simulationRun.updateMany({
      where: { id: run.id, status: { in: ['QUEUED', 'RUNNING'] }, heartbeatAt: run.heartbeatAt },
      data: {
        status: 'CRASHED',
        finishedAt: now,
        errorCode: 'CRASHED',
        errorMessage: `no heartbeat since ${run.heartbeatAt?.toISOString() ?? 'the start'}: the process running it stopped`,
      },
    });
    if (count === 1) crashed.push(run.id);
  }
  return crashed;
}

export interface CompletedRun {
  kpis: Kpis;
  stats: SolverStats;
  warnings: string[];
  series: { encoding: string; data: Uint8Array; rawBytes: number };
}

/**
 * COMPLETED with KPIs, solver stats and the compressed series, in one transaction. Idempotent:
 * applying it twice leaves the same row. It overrides CRASHED on purpose: a run marked CRASHED
 * while its completion waited in an outbox did finish.
 */
export async function completeRun(prisma: Db, runId: string, outcome: CompletedRun, now = new Date()) {
  const { objectiveValue, mipGap, solveMs, ...statsColumns } = solverStatsColumns(outcome.stats);
  const [run] = await prisma.$transaction([
    prisma.simulationRun.update({
      where: { id: runId },
      data: {
        status: 'COMPLETED',
        finishedAt: now,
        heartbeatAt: now,
        ...statsColumns,
        warningsJson: JSON.stringify(outcome.warnings),
      },
    }),
    writeExactFloats(prisma, runId, { ...kpiColumns(outcome.kpis), objectiveValue, mipGap, solveMs }),
    // An upsert, so a completion replayed from the outbox after it was applied changes nothing.
    prisma.runResult.upsert({
      where: { runId },
      create: {
        runId,
        encoding: outcome.series.encoding,
        data: Buffer.from(outcome.series.data),
        rawBytes: outcome.series.rawBytes,
      },
      update: {},
    }),
  ]);
  return { ...run, ...kpiColumns(outcome.kpis), objectiveValue, mipGap, solveMs };
}

/**
 * Prisma 6.19's JS engine parses float parameters with a parser that can be 1 ulp off
 * (1818.5261222769182 is stored as 1818.526122276918). KPIs must be stored exactly as the
 * engine computed them, so these columns are written as SQL literals: JavaScript prints the
 * shortest decimal that round-trips, and both SQLite and PostgreSQL parse it to that double.
 * Only finite numbers, nulls, our own column names and a uuid are interpolated.
 */
function writeExactFloats(prisma: Db, runId: string, columns: Record<string, number | null>) {
  const assignments = Object.entries(columns).map(([column, value]) => {
    if (!/^[A-Za-z0-9]+$/.test(column)) throw new Error(`unexpected column name ${column}`);
    const literal = value === null || !Number.isFinite(value) ? 'NULL' : String(value);
    return `"${column}" = ${literal}`;
  });
  if (!/^[0-9a-f-]{36}$/i.test(runId)) throw new Error(`unexpected run id ${runId}`);
  return prisma.$executeRawUnsafe(`UPDATE "SimulationRun" SET ${assignments.join(', ')} WHERE "id" = '${runId}'`);
}

export async function failRun(
  prisma: Db,
  runId: string,
  failure: { status?: 'FAILED' | 'CANCELLED' | 'CRASHED'; errorCode: string; errorMessage: string; stats?: SolverStats },
  now = new Date(),
) {
  return prisma.simulationRun.update({
    where: { id: runId },
    data: {
      status: failure.status ?? 'FAILED',
      finishedAt: now,
      heartbeatAt: now,
      errorCode: failure.errorCode,
      errorMessage: failure.errorMessage,
      ...(failure.stats ? solverStatsColumns(failure.stats) : {}),
    },
  });
}

/** KPIs as columns; a non-finite value (never expected) is stored as null, not rejected. */
function kpiColumns(kpis: Kpis): { [K in keyof Kpis]: number | null } {
  const columns = {} as { [K in keyof Kpis]: number | null };
  for (const key of Object.keys(kpis) as (keyof Kpis)[]) {
    const value = kpis[key];
    columns[key] = value === null ? null : finiteOrNull(value);
  }
  return columns;
}

function solverStatsColumns(stats: SolverStats) {
  return {
    solveStatus: stats.status,
    solverMessage: stats.message,
    objectiveValue: finiteOrNull(stats.objective),
    solveMs: stats.solveMs,
    variableCount: stats.variables,
    constraintCount: stats.constraints,
    iterationCount: stats.iterations,
    mipGap: stats.mipGap === undefined ? null : finiteOrNull(stats.mipGap),
  };
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
