/**
 * Aggregates: `runStats(filter)` over any filter, `databaseStats`, and the RunStats type that
 * Study.stats shares. The numbers come from src/db/run-queries.ts (groupBy / aggregate).
 */
import { RUN_KPI_FIELDS, runFilterToWhere, type RunKpiField } from '../db/run-filters.js';
import { databaseStats, runStats, type DatabaseStatistics, type KpiSummary, type RunStatistics } from '../db/run-queries.js';
import { builder } from './builder.js';
import { RunStatusEnum, SolverKindEnum } from './enums.js';
import { IssueList } from './errors.js';
import { RunFilterInput, toRunFilter } from './filters.js';
import { KPI_DESCRIPTIONS } from './run.js';

export const KpiSummaryRef = builder.objectRef<KpiSummary>('KpiSummary').implement({
  description: 'Range of one KPI over a set of runs; runs without a value (not COMPLETED) are left out.',
  fields: (t) => ({
    count: t.exposeInt('count', { description: 'Runs with a value.' }),
    min: t.exposeFloat('min', { nullable: true }),
    max: t.exposeFloat('max', { nullable: true }),
    avg: t.exposeFloat('avg', { nullable: true }),
    best: t.exposeFloat('best', {
      nullable: true,
      description: 'min or max, whichever is better for this KPI (e.g. min cost, max renewable fraction); null if neither is.',
    }),
  }),
});

export const KpiStatisticsRef = builder.objectRef<Record<RunKpiField, KpiSummary>>('KpiStatistics').implement({
  fields: (t) =>
    Object.fromEntries(
      RUN_KPI_FIELDS.map((k) => [k, t.field({ type: KpiSummaryRef, description: KPI_DESCRIPTIONS[k], resolve: (stats) => stats[k] })]),
    ),
});

const StatusCountRef = builder.objectRef<{ status: string; count: number }>('StatusCount').implement({
  fields: (t) => ({
    status: t.field({ type: RunStatusEnum, resolve: (c) => c.status as never }),
    count: t.exposeInt('count'),
  }),
});

const SolverCountRef = builder.objectRef<{ solver: string; count: number }>('SolverCount').implement({
  fields: (t) => ({
    solver: t.field({ type: SolverKindEnum, resolve: (c) => c.solver as never }),
    count: t.exposeInt('count'),
  }),
});

export const RunStatsRef = builder.objectRef<RunStatistics>('RunStats').implement({
  description: 'Counts and KPI ranges over a set of runs.',
  fields: (t) => ({
    count: t.exposeInt('count'),
    byStatus: t.field({ type: [StatusCountRef], description: 'Statuses with at least one run.', resolve: (s) => s.byStatus }),
    bySolver: t.field({ type: [SolverCountRef], description: 'Solvers with at least one run.', resolve: (s) => s.bySolver }),
    kpis: t.field({ type: KpiStatisticsRef, resolve: (s) => s.kpis }),
    firstRunAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.firstCreatedAt }),
    lastRunAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.lastCreatedAt }),
  }),
});

const DatabaseStatsRef = builder.objectRef<DatabaseStatistics>('DatabaseStats').implement({
  fields: (t) => ({
    studyCount: t.exposeInt('studyCount'),
    runCount: t.int({ resolve: (s) => s.runs.count }),
    runs: t.field({ type: RunStatsRef, description: 'Status and solver distribution, KPI ranges over every run.', resolve: (s) => s.runs }),
  }),
});

builder.queryFields((t) => ({
  runStats: t.field({
    type: RunStatsRef,
    description: 'Statistics of the runs matching `filter` (the same filter as `runs`).',
    args: { filter: t.arg({ type: RunFilterInput }) },
    complexity: 20,
    resolve: async (_root, args, ctx) => {
      const issues = new IssueList();
      const filter = toRunFilter(args.filter, 'filter', issues);
      issues.throwIfAny();
      return runStats(ctx.db.prisma, runFilterToWhere(filter, { provider: ctx.db.provider }));
    },
  }),
  databaseStats: t.field({
    type: DatabaseStatsRef,
    complexity: 20,
    resolve: (_root, _args, ctx) => databaseStats(ctx.db.prisma),
  }),
}));
