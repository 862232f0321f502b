/**
 * SimulationRun: one logged run — identity and status, the system and options as run, the
 * KPIs and solver statistics once COMPLETED, the error once FAILED, tags, metadata, study.
 * Lists never read the stored input/series; those fields load on demand, batched.
 *
 * The type's shape is the full row, but list queries select RUN_LIST_SELECT (no JSON
 * documents): fields here must read inputJson/optionsJson/metadataJson only through
 * `loaders.runDetails`, never from the parent. (A Pothos `select` on the type would make the
 * Prisma plugin re-fetch every page to "complete" rows it did not load itself.)
 */
import { RUN_KPI_FIELDS, RUN_SOLVER_STATS_COLUMNS, type RunKpiField } from '../db/run-filters.js';
import type { RunListColumn } from '../db/run-sql.js';
import { builder } from './builder.js';
import { RunStatusEnum, SolverKindEnum } from './enums.js';

export const KPI_DESCRIPTIONS: Record<RunKpiField, string> = {
  totalCostEur: 'Annual total cost: annualised capex + O&M + energy bought − energy sold, EUR/year.',
  operatingCostEur: 'Annual operating cost (O&M and energy), EUR/year.',
  capexEur: 'Total undiscounted investment, EUR.',
  totalCo2Kg: 'Annual emissions: grid import and annualised embodied emissions, kgCO2/year.',
  renewableFraction: 'Share of the energy consumed that came from local renewables, 0..1.',
  totalGenerationKwh: 'Local generation delivered (after curtailment), kWh.',
  totalDemandKwh: 'Electric and heat demand, kWh.',
  gridImportKwh: 'Energy imported from the grid, kWh.',
  gridExportKwh: 'Energy exported to the grid, kWh.',
  netGridUsageKwh: 'Import − export, kWh.',
  selfConsumptionRate: 'Share of local generation used on site, 0..1.',
  selfSufficiencyRate: 'Share of electricity consumption not imported, 0..1.',
  peakGridImportKw: 'Highest average grid import of a step, kW.',
  curtailmentKwh: 'Available generation left unused, kWh.',
  unmetDemandKwh: 'Demand not served, kWh.',
  batteryEquivalentCycles: 'Battery discharge throughput ÷ usable capacity.',
  lcoeEurPerKwh: 'Annual total cost ÷ energy served, EUR/kWh (null if nothing was served).',
  npvEur: 'Net present value of the savings against the grid-only baseline, minus capex, EUR.',
  simplePaybackYears: 'Capex ÷ annual savings against the grid-only baseline, years (null without savings).',
  co2ReductionFraction: '1 − emissions ÷ grid-only baseline emissions, 0..1.',
};

export type KpiValues = Record<RunKpiField, number | null>;

export const RunKpisRef = builder.objectRef<KpiValues>('RunKpis').implement({
  description: 'Key performance indicators of a run (definitions in docs/kpis.md).',
  fields: (t) =>
    Object.fromEntries(
      RUN_KPI_FIELDS.map((k) => [k, t.float({ nullable: true, description: KPI_DESCRIPTIONS[k], resolve: (kpis) => kpis[k] ?? null })]),
    ),
});

interface SolverStatsShape {
  solveStatus: string | null;
  solverMessage: string | null;
  objectiveValue: number | null;
  solveMs: number | null;
  variableCount: number | null;
  constraintCount: number | null;
  iterationCount: number | null;
  mipGap: number | null;
}

export const SolverStatisticsRef = builder.objectRef<SolverStatsShape>('SolverStatistics').implement({
  fields: (t) => ({
    solveStatus: t.exposeString('solveStatus', { nullable: true, description: 'OPTIMAL, FEASIBLE, INFEASIBLE, TIME_LIMIT or ERROR.' }),
    solverMessage: t.exposeString('solverMessage', { nullable: true }),
    objectiveValue: t.exposeFloat('objectiveValue', { nullable: true, description: 'In the objective\'s unit (EUR, kgCO2 or kWh).' }),
    solveMs: t.exposeFloat('solveMs', { nullable: true }),
    variableCount: t.exposeInt('variableCount', { nullable: true }),
    constraintCount: t.exposeInt('constraintCount', { nullable: true }),
    iterationCount: t.exposeInt('iterationCount', { nullable: true }),
    mipGap: t.exposeFloat('mipGap', { nullable: true }),
  }),
});

function parseJsonColumn<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * The row columns each SimulationRun field below reads, so a list page reads only what the
 * query asks for (run-list.ts). Keep in step with the resolvers: a field missing here (or added
 * to the type elsewhere) makes the list read every column, never too few. `kpis` reads `status`
 * plus the KPI columns its selection names.
 */
export const RUN_FIELD_COLUMNS: Readonly<Record<string, readonly RunListColumn[]>> = {
  id: ['id'],
  databaseId: ['id'],
  systemName: ['systemName'],
  status: ['status'],
  solver: ['solver'],
  objective: ['objective'],
  timesteps: ['timesteps'],
  timestepHours: ['timestepHours'],
  engineVersion: ['engineVersion'],
  idempotencyKey: ['idempotencyKey'],
  createdAt: ['createdAt'],
  startedAt: ['startedAt'],
  finishedAt: ['finishedAt'],
  updatedAt: ['updatedAt'],
  heartbeatAt: ['heartbeatAt'],
  durationMs: ['startedAt', 'finishedAt'],
  errorCode: ['errorCode'],
  errorMessage: ['errorMessage'],
  kpis: ['status'],
  solverStatistics: RUN_SOLVER_STATS_COLUMNS,
  tags: ['tagsJson'],
  warnings: ['warningsJson'],
  system: ['id'],
  options: ['id'],
  metadata: ['id'],
  parameters: ['id'],
  trialIndex: ['trialIndex'],
  startedBy: ['startedBy'],
  __typename: [],
};

export const RunRef = builder.prismaNode('SimulationRun', {
  id: { field: 'id' },
  // node(id) of a deleted or unknown row is null, not an error (findUnique, not ...OrThrow).
  nullable: true,
  description: 'One simulation run as logged: RUNNING before any work, then COMPLETED with KPIs or FAILED with an error.',
  fields: (t) => ({
    databaseId: t.exposeString('id', { description: 'The raw database id (the `id` field is a Relay global id).' }),
    systemName: t.exposeString('systemName'),
    status: t.expose('status', { type: RunStatusEnum }),
    solver: t.expose('solver', { type: SolverKindEnum }),
    objective: t.exposeString('objective', { description: 'COST, CO2, GRID_EXCHANGE or WEIGHTED.' }),
    timesteps: t.exposeInt('timesteps'),
    timestepHours: t.exposeFloat('timestepHours'),
    engineVersion: t.exposeString('engineVersion'),
    idempotencyKey: t.exposeString('idempotencyKey', { nullable: true }),
    startedBy: t.exposeString('startedBy', { nullable: true, description: 'The name of the API token that started the run; null when started with AUTH=off.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    heartbeatAt: t.expose('heartbeatAt', { type: 'DateTime', nullable: true }),
    durationMs: t.float({
      nullable: true,
      description: 'finishedAt − startedAt, milliseconds.',
      resolve: (run) => (run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null),
    }),
    errorCode: t.exposeString('errorCode', { nullable: true }),
    errorMessage: t.exposeString('errorMessage', { nullable: true }),
    kpis: t.field({
      type: RunKpisRef,
      nullable: true,
      description: 'Null until the run COMPLETED.',
      // The row itself: its KPI columns carry the KPI names (no per-run copy of 20 fields).
      resolve: (run) => (run.status === 'COMPLETED' ? run : null),
    }),
    solverStatistics: t.field({
      type: SolverStatisticsRef,
      nullable: true,
      resolve: (run) => (run.solveStatus === null && run.solveMs === null ? null : run),
    }),
    tags: t.stringList({ resolve: (run) => parseJsonColumn<string[]>(run.tagsJson, []) }),
    warnings: t.stringList({ resolve: (run) => parseJsonColumn<string[]>(run.warningsJson, []) }),
    system: t.field({
      type: 'JSON',
      description: 'The system exactly as run, every default filled in.',
      complexity: 20,
      resolve: async (run, _args, ctx) => parseJsonColumn((await ctx.loaders.runDetails.load(run.id))?.inputJson ?? 'null', null),
    }),
    options: t.field({
      type: 'JSON',
      description: 'The solver options as run, every default filled in.',
      resolve: async (run, _args, ctx) => parseJsonColumn((await ctx.loaders.runDetails.load(run.id))?.optionsJson ?? 'null', null),
    }),
    metadata: t.field({
      type: 'JSON',
      description: 'Free-form metadata given with the run.',
      resolve: async (run, _args, ctx) => parseJsonColumn((await ctx.loaders.runDetails.load(run.id))?.metadataJson ?? '{}', {}),
    }),
  }),
});
