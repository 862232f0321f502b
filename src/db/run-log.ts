// The run log's writes. Only src/runner calls these: it is the one place that decides a run's
// status. Each function is one statement (or one transaction), so a run is never half-written.
import type { Db } from './client.js';
import type { Kpis, SolverKind, SolverStats } from '../simulation/types.js';

export interface NewRun {
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

export async function insertRunningRun(prisma: Db, run: NewRun, now = new Date()) {
  const { tags, ...columns } = run;
  return prisma.simulationRun.create({
    data: {
      ...columns,
      systemNameLower: run.systemName.toLowerCase(),
      status: 'RUNNING',
      startedAt: now,
      heartbeatAt: now,
      tagsJson: JSON.stringify(tags),
      tags: { create: tags.map((tag) => ({ tag, tagLower: tag.toLowerCase() })) },
    },
  });
}

export interface CompletedRun {
  kpis: Kpis;
  stats: SolverStats;
  warnings: string[];
  series: { encoding: string; data: Uint8Array; rawBytes: number };
}

/** COMPLETED with KPIs, solver stats and the compressed series, in one transaction. */
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
    prisma.runResult.create({
      data: {
        runId,
        encoding: outcome.series.encoding,
        data: Buffer.from(outcome.series.data),
        rawBytes: outcome.series.rawBytes,
      },
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
