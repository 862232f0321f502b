/**
 * Aggregates over the run log: statistics for a filter, per-study statistics for many studies
 * at once (two queries whatever the number of studies), and whole-database figures. Study run
 * counts are always derived here (groupBy / count), never stored, so they cannot drift.
 */
import type { Db } from './client.js';
import type { Prisma } from '../generated/prisma-sqlite/client.js';
import type { RunStatus, SolverKind } from '../generated/prisma-sqlite/enums.js';
import { RUN_KPI_FIELDS, type RunKpiField } from './run-filters.js';

/** Which way a KPI improves; `null`: neither (e.g. total demand), so there is no "best". */
export const KPI_BETTER: Record<RunKpiField, 'lower' | 'higher' | null> = {
  totalCostEur: 'lower',
  operatingCostEur: 'lower',
  capexEur: 'lower',
  totalCo2Kg: 'lower',
  renewableFraction: 'higher',
  totalGenerationKwh: null,
  totalDemandKwh: null,
  gridImportKwh: 'lower',
  gridExportKwh: null,
  netGridUsageKwh: 'lower',
  selfConsumptionRate: 'higher',
  selfSufficiencyRate: 'higher',
  peakGridImportKw: 'lower',
  curtailmentKwh: 'lower',
  unmetDemandKwh: 'lower',
  batteryEquivalentCycles: null,
  lcoeEurPerKwh: 'lower',
  npvEur: 'higher',
  simplePaybackYears: 'lower',
  co2ReductionFraction: 'higher',
};

export interface KpiSummary {
  /** Runs that have a value for this KPI (COMPLETED ones, where the KPI is defined). */
  count: number;
  min: number | null;
  max: number | null;
  avg: number | null;
  /** min or max, whichever is better for this KPI; null when the KPI has no direction. */
  best: number | null;
}

export interface RunStatistics {
  count: number;
  byStatus: { status: RunStatus; count: number }[];
  bySolver: { solver: SolverKind; count: number }[];
  kpis: Record<RunKpiField, KpiSummary>;
  firstCreatedAt: Date | null;
  lastCreatedAt: Date | null;
}

export interface DatabaseStatistics {
  studyCount: number;
  runs: RunStatistics;
}

const kpiSelection = Object.fromEntries(RUN_KPI_FIELDS.map((k) => [k, true])) as Record<RunKpiField, true>;
const kpiAndCreatedAt = { ...kpiSelection, createdAt: true as const };

interface AggregateRow {
  _count: Partial<Record<RunKpiField | '_all', number>>;
  _min: Partial<Record<string, number | Date | null>>;
  _max: Partial<Record<string, number | Date | null>>;
  _avg: Partial<Record<string, number | null>>;
}

/** Statistics of the runs matching `where`: one aggregate query and one groupBy. */
export async function runStats(prisma: Db, where: Prisma.SimulationRunWhereInput): Promise<RunStatistics> {
  const [aggregate, groups] = await Promise.all([
    prisma.simulationRun.aggregate({
      where,
      _count: { ...kpiSelection, _all: true },
      _min: kpiAndCreatedAt,
      _max: kpiAndCreatedAt,
      _avg: kpiSelection,
    }),
    prisma.simulationRun.groupBy({ by: ['status', 'solver'], where, _count: { _all: true } }),
  ]);
  return buildStatistics(aggregate as unknown as AggregateRow, groups);
}

/**
 * Statistics of many studies in two queries (a groupBy per study × status × solver, and one
 * per study for the KPI aggregates) — what the per-request DataLoader calls for a page of
 * studies. Studies without runs get empty statistics.
 */
export async function studyStatsMany(prisma: Db, studyIds: readonly string[]): Promise<Map<string, RunStatistics>> {
  const ids = [...new Set(studyIds)];
  const where = { studyId: { in: ids } };
  const [counts, aggregates] = await Promise.all([
    prisma.simulationRun.groupBy({ by: ['studyId', 'status', 'solver'], where, _count: { _all: true } }),
    prisma.simulationRun.groupBy({
      by: ['studyId'],
      where,
      _count: { ...kpiSelection, _all: true },
      _min: kpiAndCreatedAt,
      _max: kpiAndCreatedAt,
      _avg: kpiSelection,
    }),
  ]);
  const aggregateByStudy = new Map<string, AggregateRow>();
  for (const row of aggregates) aggregateByStudy.set(row.studyId as string, row as unknown as AggregateRow);
  const result = new Map<string, RunStatistics>();
  for (const id of ids) {
    const groups = counts.filter((g) => g.studyId === id);
    result.set(id, buildStatistics(aggregateByStudy.get(id) ?? EMPTY_AGGREGATE, groups));
  }
  return result;
}

export async function databaseStats(prisma: Db): Promise<DatabaseStatistics> {
  const [studyCount, runs] = await Promise.all([prisma.study.count(), runStats(prisma, {})]);
  return { studyCount, runs };
}

const EMPTY_AGGREGATE: AggregateRow = { _count: { _all: 0 }, _min: {}, _max: {}, _avg: {} };

function buildStatistics(
  aggregate: AggregateRow,
  groups: readonly { status: RunStatus; solver: SolverKind; _count: { _all: number } }[],
): RunStatistics {
  const byStatus = new Map<RunStatus, number>();
  const bySolver = new Map<SolverKind, number>();
  for (const g of groups) {
    byStatus.set(g.status, (byStatus.get(g.status) ?? 0) + g._count._all);
    bySolver.set(g.solver, (bySolver.get(g.solver) ?? 0) + g._count._all);
  }
  const kpis = {} as Record<RunKpiField, KpiSummary>;
  for (const k of RUN_KPI_FIELDS) {
    const min = (aggregate._min[k] as number | null | undefined) ?? null;
    const max = (aggregate._max[k] as number | null | undefined) ?? null;
    const better = KPI_BETTER[k];
    kpis[k] = {
      count: aggregate._count[k] ?? 0,
      min,
      max,
      avg: aggregate._avg[k] ?? null,
      best: better === 'lower' ? min : better === 'higher' ? max : null,
    };
  }
  return {
    count: aggregate._count._all ?? 0,
    byStatus: [...byStatus].map(([status, count]) => ({ status, count })).sort((a, b) => a.status.localeCompare(b.status)),
    bySolver: [...bySolver].map(([solver, count]) => ({ solver, count })).sort((a, b) => a.solver.localeCompare(b.solver)),
    kpis,
    firstCreatedAt: toDate(aggregate._min.createdAt),
    lastCreatedAt: toDate(aggregate._max.createdAt),
  };
}

function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(v as string);
}
