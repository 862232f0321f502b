/**
 * Studies that vary the design (src/runner/study-runner.ts): runStudy / cancelStudy, a study's
 * progress and results (bestRun, paretoFront, kpiStats, sensitivity), the parameter values on
 * each run, and the studyUpdated subscription. Bad study input is BAD_USER_INPUT with every
 * issue's path under `input.` (e.g. `input.parametric.parameters[0].range.step`); nothing written.
 */
import { RUN_KPI_FIELDS, type RunKpiField } from '../db/run-filters.js';
import { RunInputError } from '../runner/errors.js';
import { studyProgress, type StudyProgress, type StudyRequest, type StudyRunner } from '../runner/study-runner.js';
import type { RunEvents } from '../runner/run-events.js';
import { paretoFront } from '../studies/pareto.js';
import { sensitivity, summarize } from '../studies/statistics.js';
import type { StudySpec } from '../studies/spec.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';
import { SortDirectionEnum } from './enums.js';
import { IssueList, badUserInput, notFound } from './errors.js';
import { databaseIdOf } from './global-ids.js';
import { RUN_LIST_SELECT } from './loaders.js';
import { enumValueName } from './order.js';
import { RunRef } from './run.js';
import { runnerErrorToGraphQL } from './run-lifecycle.js';
import { StudyRef } from './study.js';
import { SolverOptionsInputRef, SystemInputRef, withoutNulls } from './system-input.js';
import { mayCancel } from '../auth/ownership.js';

function studies(ctx: GraphQLContext): StudyRunner {
  if (!ctx.studies) throw new Error('this server was started without a study runner');
  return ctx.studies;
}

// ---- inputs ------------------------------------------------------------------------------

const KpiFieldEnum = builder.enumType('KpiField', {
  description: 'A KPI of a run (units in the SimulationRun.kpis field names).',
  values: Object.fromEntries(RUN_KPI_FIELDS.map((f) => [enumValueName(f), { value: f }])) as Record<string, { value: RunKpiField }>,
});
const StudyKindEnum = builder.enumType('StudyKind', { values: ['PARAMETRIC', 'MONTE_CARLO', 'SIZING', 'PARETO'] as const });
const StudyStatusEnum = builder.enumType('StudyStatus', {
  description: 'FAILED: the sizing LP of a SIZING / PARETO study found no design (the server log says why).',
  values: ['RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED'] as const,
});
const DistributionKindEnum = builder.enumType('DistributionKind', { values: ['UNIFORM', 'NORMAL', 'TRIANGULAR', 'LOGNORMAL'] as const });
const BoundingEnum = builder.enumType('DistributionBounding', {
  description: 'TRUNCATE (default): draw within [min, max]; CLIP: draw unbounded, then clip.',
  values: ['TRUNCATE', 'CLIP'] as const,
});
const SamplingEnum = builder.enumType('SamplingMethod', { values: ['LATIN_HYPERCUBE', 'RANDOM'] as const });
const SizingObjectiveEnum = builder.enumType('SizingObjective', { values: ['COST', 'CO2'] as const });
const ParetoDirectionEnum = builder.enumType('ParetoDirection', { values: ['MIN', 'MAX'] as const });

const ValueRangeInput = builder.inputType('ValueRangeInput', {
  description: 'start, start + step, … up to stop (inclusive); or count values evenly from start to stop.',
  fields: (t) => ({ start: t.float({ required: true }), stop: t.float({ required: true }), step: t.float(), count: t.int() }),
});
const SweepParameterInput = builder.inputType('SweepParameterInput', {
  description: 'A numeric field of a component (by component id), with a value list or a range.',
  fields: (t) => ({
    component: t.string({ required: true }),
    field: t.string({ required: true, description: 'e.g. energyKwh, maxChargeKw, peakKw, importPriceEurPerKwh' }),
    values: t.floatList(),
    range: t.field({ type: ValueRangeInput }),
    link: t.string({ description: 'Parameters with the same link vary together (equal lengths), not as a product.' }),
  }),
});
const ParametricInput = builder.inputType('ParametricStudyInput', {
  fields: (t) => ({ parameters: t.field({ type: [SweepParameterInput], required: true }) }),
});
const DistributionInput = builder.inputType('DistributionInput', {
  description: 'UNIFORM(min, max), TRIANGULAR(min, mode, max), NORMAL(mean, std, [min, max]), LOGNORMAL(mu, sigma of ln x, [min, max]).',
  fields: (t) => ({
    kind: t.field({ type: DistributionKindEnum, required: true }),
    min: t.float(),
    max: t.float(),
    mode: t.float(),
    mean: t.float(),
    std: t.float(),
    mu: t.float(),
    sigma: t.float(),
    bounding: t.field({ type: BoundingEnum }),
  }),
});
const MonteCarloParameterInput = builder.inputType('MonteCarloParameterInput', {
  fields: (t) => ({
    component: t.string({ required: true }),
    field: t.string({ required: true }),
    distribution: t.field({ type: DistributionInput, required: true }),
  }),
});
const MonteCarloInput = builder.inputType('MonteCarloStudyInput', {
  fields: (t) => ({
    parameters: t.field({ type: [MonteCarloParameterInput], required: true }),
    samples: t.int({ required: true }),
    sampling: t.field({ type: SamplingEnum, description: 'Default LATIN_HYPERCUBE.' }),
    seed: t.int({ description: 'The same seed gives the same samples. Default 1.' }),
  }),
});
const SizingBoundInput = builder.inputType('SizingBoundInput', {
  description: 'A capacity the LP chooses: PV peakKw, battery/thermal storage energyKwh, maxChargeKw, maxDischargeKw, heat pump maxHeatKw…',
  fields: (t) => ({
    component: t.string({ required: true }),
    field: t.string({ required: true }),
    min: t.float({ required: true }),
    max: t.float({ required: true }),
  }),
});
const SizingInput = builder.inputType('SizingStudyInput', {
  fields: (t) => ({
    bounds: t.field({ type: [SizingBoundInput], required: true }),
    objective: t.field({ type: SizingObjectiveEnum, defaultValue: 'COST', description: 'COST: total annual cost (annualised capex + operation), EUR; CO2: kgCO2 per year.' }),
    co2CapKg: t.float({ description: 'Upper limit on the annual kgCO2 (epsilon constraint).' }),
  }),
});
const ParetoInput = builder.inputType('ParetoStudyInput', {
  fields: (t) => ({
    bounds: t.field({ type: [SizingBoundInput], required: true }),
    points: t.int({ required: true, description: 'Designs on the cost/CO2 front, both ends included (≥ 2).' }),
  }),
});

const RunStudyInput = builder.inputType('RunStudyInput', {
  description: 'A base system and solver options, and exactly one of parametric, monteCarlo, sizing, pareto.',
  fields: (t) => ({
    studyId: t.id({ description: 'Add the trials to this (finished) study instead of creating one.' }),
    name: t.string({ description: 'Name of the new study (required without studyId).' }),
    description: t.string(),
    system: t.field({ type: SystemInputRef, required: true }),
    options: t.field({ type: SolverOptionsInputRef, description: 'SIZING and PARETO designs always run OPTIMAL.' }),
    tags: t.stringList({ description: 'Tags of every trial run.' }),
    parametric: t.field({ type: ParametricInput }),
    monteCarlo: t.field({ type: MonteCarloInput }),
    sizing: t.field({ type: SizingInput }),
    pareto: t.field({ type: ParetoInput }),
  }),
});

// ---- outputs -----------------------------------------------------------------------------

const StudyProgressRef = builder.objectRef<StudyProgress>('StudyProgress').implement({
  description: 'Trials by state; a trial not started yet counts as queued.',
  fields: (t) => ({
    total: t.exposeInt('total'),
    queued: t.exposeInt('queued'),
    running: t.exposeInt('running'),
    completed: t.exposeInt('completed'),
    failed: t.exposeInt('failed', { description: 'FAILED, or CRASHED twice.' }),
    cancelled: t.exposeInt('cancelled'),
    done: t.exposeInt('done'),
    trialsPerSecond: t.exposeFloat('trialsPerSecond', { nullable: true }),
    etaSeconds: t.exposeFloat('etaSeconds', { nullable: true }),
  }),
});

interface KpiSummaryShape {
  kpi: RunKpiField;
  count: number;
  mean: number | null;
  std: number | null;
  min: number | null;
  p5: number | null;
  p50: number | null;
  p95: number | null;
  max: number | null;
}
const KpiSummaryRef = builder.objectRef<KpiSummaryShape>('KpiDistribution').implement({
  description: 'Over the COMPLETED runs. std: sample (n − 1); percentiles interpolated between ranks (type 7).',
  fields: (t) => ({
    kpi: t.field({ type: KpiFieldEnum, resolve: (s) => s.kpi }),
    count: t.exposeInt('count'),
    mean: t.exposeFloat('mean', { nullable: true }),
    std: t.exposeFloat('std', { nullable: true }),
    min: t.exposeFloat('min', { nullable: true }),
    p5: t.exposeFloat('p5', { nullable: true }),
    p50: t.exposeFloat('p50', { nullable: true }),
    p95: t.exposeFloat('p95', { nullable: true }),
    max: t.exposeFloat('max', { nullable: true }),
  }),
});

interface SensitivityShape {
  parameter: string;
  kpi: RunKpiField;
  count: number;
  pearson: number | null;
  spearman: number | null;
  elasticity: number | null;
}
const SensitivityRef = builder.objectRef<SensitivityShape>('ParameterSensitivity').implement({
  fields: (t) => ({
    parameter: t.exposeString('parameter', { description: 'component.field' }),
    kpi: t.field({ type: KpiFieldEnum, resolve: (s) => s.kpi }),
    count: t.exposeInt('count'),
    pearson: t.exposeFloat('pearson', { nullable: true }),
    spearman: t.exposeFloat('spearman', { nullable: true, description: 'Ranks, ties averaged.' }),
    elasticity: t.exposeFloat('elasticity', {
      nullable: true,
      description: 'Least-squares slope of the KPI on the parameter × median(parameter) / median(KPI): % KPI change per % parameter change.',
    }),
  }),
});

const RunParameterRef = builder.objectRef<{ key: string; component: string; field: string; value: number }>('RunParameter').implement({
  description: 'A value a study trial set on this run.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'component.field, as in RunFilter.parameter and RunOrder.parameter' }),
    component: t.exposeString('component'),
    field: t.exposeString('field'),
    value: t.exposeFloat('value'),
  }),
});

builder.objectFields(RunRef, (t) => ({
  parameters: t.field({
    type: [RunParameterRef],
    description: 'The parameter values of a study trial (sized values for SIZING / PARETO); empty outside studies.',
    resolve: (run, _args, ctx) => ctx.loaders.runParameters.load(run.id),
  }),
  trialIndex: t.int({ nullable: true, description: 'Which trial of its study this run is.', resolve: (run) => run.trialIndex }),
}));

/** The completed runs of a study with their KPIs and parameter values, for the statistics. */
async function completedTrials(ctx: GraphQLContext, studyId: string) {
  const runs = await ctx.db.prisma.simulationRun.findMany({
    where: { studyId, status: 'COMPLETED' },
    select: { id: true, ...Object.fromEntries(RUN_KPI_FIELDS.map((k) => [k, true])), parameters: { select: { key: true, value: true } } },
    orderBy: { id: 'asc' },
  });
  return runs.map((run) => ({
    id: run.id as string,
    kpis: run as unknown as Record<string, number | null>,
    parameters: Object.fromEntries((run.parameters as { key: string; value: number }[]).map((p) => [p.key, p.value])),
  }));
}

builder.objectFields(StudyRef, (t) => ({
  kind: t.field({ type: StudyKindEnum, nullable: true, description: 'null: a plain label that runs point to.', resolve: (s) => s.kind as never }),
  status: t.field({ type: StudyStatusEnum, nullable: true, resolve: (s) => s.status as never }),
  progress: t.field({
    type: StudyProgressRef,
    complexity: 5,
    resolve: (s, _args, ctx) => studyProgress(ctx.db, s),
  }),
  parameterKeys: t.stringList({
    description: 'The parameters its trials vary (component.field).',
    resolve: async (s, _args, ctx) =>
      (await ctx.db.prisma.runParameter.findMany({ where: { run: { studyId: s.id } }, distinct: ['key'], select: { key: true }, orderBy: { key: 'asc' } })).map((r) => r.key),
  }),
  bestRun: t.field({
    type: RunRef,
    nullable: true,
    description: 'The COMPLETED run with the lowest (ASC, default) or highest (DESC) value of the KPI; ties by id.',
    args: { kpi: t.arg({ type: KpiFieldEnum, required: true }), direction: t.arg({ type: SortDirectionEnum, defaultValue: 'asc' }) },
    complexity: 5,
    resolve: (s, args, ctx) =>
      ctx.db.prisma.simulationRun.findFirst({
        where: { studyId: s.id, status: 'COMPLETED', [args.kpi]: { not: null } },
        orderBy: [{ [args.kpi]: args.direction ?? 'asc' }, { id: 'asc' }],
        select: RUN_LIST_SELECT,
      }) as never,
  }),
  paretoFront: t.field({
    type: [RunRef],
    description: 'The COMPLETED runs no other run beats on both KPIs (default: both minimised), by ascending x.',
    args: {
      x: t.arg({ type: KpiFieldEnum, required: true }),
      y: t.arg({ type: KpiFieldEnum, required: true }),
      xDirection: t.arg({ type: ParetoDirectionEnum, defaultValue: 'MIN' }),
      yDirection: t.arg({ type: ParetoDirectionEnum, defaultValue: 'MIN' }),
    },
    complexity: 20,
    resolve: async (s, args, ctx) => {
      const rows = await ctx.db.prisma.simulationRun.findMany({
        where: { studyId: s.id, status: 'COMPLETED', [args.x]: { not: null }, [args.y]: { not: null } },
        select: RUN_LIST_SELECT,
      });
      const points = rows.map((row) => ({ row, x: (row as Record<string, unknown>)[args.x] as number, y: (row as Record<string, unknown>)[args.y] as number }));
      return paretoFront(points, args.xDirection ?? 'MIN', args.yDirection ?? 'MIN').map((p) => p.row) as never;
    },
  }),
  kpiStats: t.field({
    type: [KpiSummaryRef],
    description: 'count, mean, std, min, p5, p50, p95, max of every KPI over the COMPLETED runs.',
    complexity: 20,
    resolve: async (s, _args, ctx) => {
      const trials = await completedTrials(ctx, s.id);
      return RUN_KPI_FIELDS.map((kpi) => ({ kpi, ...summarize(trials.map((t) => t.kpis[kpi])) }));
    },
  }),
  sensitivity: t.field({
    type: [SensitivityRef],
    description: 'Per parameter and KPI: Pearson and Spearman correlation and the elasticity at the median, over the COMPLETED runs.',
    args: { kpis: t.arg({ type: [KpiFieldEnum], description: 'Default: every KPI.' }) },
    complexity: 20,
    resolve: async (s, args, ctx) => {
      const trials = await completedTrials(ctx, s.id);
      const keys = [...new Set(trials.flatMap((t) => Object.keys(t.parameters)))].sort();
      return sensitivity(trials, keys, args.kpis ?? [...RUN_KPI_FIELDS]) as SensitivityShape[];
    },
  }),
}));

// ---- mutations ---------------------------------------------------------------------------

interface RunStudyInputShape {
  studyId?: string | number | null;
  name?: string | null;
  description?: string | null;
  system: unknown;
  options?: unknown;
  tags?: string[] | null;
  parametric?: unknown;
  monteCarlo?: unknown;
  sizing?: unknown;
  pareto?: unknown;
}

const StudyPayloadRef = builder.objectRef<{ studyId: string }>('RunStudyPayload').implement({
  fields: (t) => ({
    study: t.field({ type: StudyRef, resolve: (p, _args, ctx) => ctx.db.prisma.study.findUniqueOrThrow({ where: { id: p.studyId } }) as never }),
    progress: t.field({
      type: StudyProgressRef,
      resolve: async (p, _args, ctx) => studyProgress(ctx.db, await ctx.db.prisma.study.findUniqueOrThrow({ where: { id: p.studyId } })),
    }),
  }),
});

builder.mutationFields((t) => ({
  runStudy: t.field({
    type: StudyPayloadRef,
    description:
      'Creates a study (or adds to one) and starts its trials; returns at once. Every trial is a logged run with its parameter values. ' +
      'Follow it with study(id) { progress } or studyUpdated.',
    args: { input: t.arg({ type: RunStudyInput, required: true }) },
    complexity: 50,
    resolve: async (_root, { input }, ctx) => {
      const raw = input as unknown as RunStudyInputShape;
      const issues = new IssueList();
      const studyId = raw.studyId == null ? null : databaseIdOf(String(raw.studyId), 'Study', 'input.studyId', issues);
      issues.throwIfAny();
      if (studyId !== null && !(await ctx.db.prisma.study.findUnique({ where: { id: studyId }, select: { id: true } }))) {
        throw notFound('Study', String(raw.studyId), 'input.studyId');
      }
      const spec = withoutNulls({ parametric: raw.parametric, monteCarlo: raw.monteCarlo, sizing: raw.sizing, pareto: raw.pareto }) as StudySpec;
      const request: StudyRequest = {
        studyId,
        name: raw.name,
        description: raw.description,
        system: withoutNulls(raw.system),
        options: withoutNulls(raw.options ?? {}),
        spec,
        tags: raw.tags ?? [],
        startedBy: ctx.principal.tokenName,
      };
      try {
        return { studyId: await studies(ctx).startStudy(request) };
      } catch (error) {
        if (error instanceof RunInputError) {
          throw badUserInput(error.issues.map((i) => ({ path: i.path ? `input.${i.path}` : 'input', message: i.message })));
        }
        throw runnerErrorToGraphQL(error);
      }
    },
  }),
  cancelStudy: t.field({
    type: StudyRef,
    description: 'Stops a running study: trials not started never start, queued and running ones are CANCELLED. A finished study is returned as it is.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const issues = new IssueList();
      const id = databaseIdOf(String(args.id), 'Study', 'id', issues);
      issues.throwIfAny();
      const study = await ctx.db.prisma.study.findUnique({ where: { id: id! }, select: { createdBy: true } });
      if (!study || !mayCancel(ctx.principal, study.createdBy)) throw notFound('Study', String(args.id), 'id');
      await studies(ctx).cancelStudy(id!);
      return ctx.db.prisma.study.findUniqueOrThrow({ where: { id: id! } }) as never;
    },
  }),
}));

// ---- subscription ------------------------------------------------------------------------

const StudyUpdateRef = builder.objectRef<{ studyId: string; progress: StudyProgress }>('StudyUpdate').implement({
  fields: (t) => ({
    study: t.field({ type: StudyRef, resolve: (u, _args, ctx) => ctx.db.prisma.study.findUniqueOrThrow({ where: { id: u.studyId } }) as never }),
    progress: t.field({ type: StudyProgressRef, resolve: (u) => u.progress }),
  }),
});

/** Progress is re-counted at most this often while trials end in bursts. */
const STUDY_UPDATE_INTERVAL_MS = 250;

builder.subscriptionField('studyUpdated', (t) =>
  t.field({
    type: StudyUpdateRef,
    description: "A study's progress at once, then whenever its trials change (at most every 250 ms); ends when the study has finished.",
    args: { id: t.arg.id({ required: true }) },
    subscribe: async function* (_root, args, ctx) {
      const issues = new IssueList();
      const studyId = databaseIdOf(String(args.id), 'Study', 'id', issues)!;
      issues.throwIfAny();
      const events = (ctx.runner as { events?: RunEvents }).events;
      if (!events) throw new Error('this server was started with a runner that has no run events');
      let changed: (() => void) | null = null;
      const unsubscribe = events.subscribe((event) => {
        if (event.studyId === studyId) changed?.();
      });
      try {
        for (;;) {
          const study = await ctx.db.prisma.study.findUnique({ where: { id: studyId } });
          if (!study) throw notFound('Study', String(args.id), 'id');
          const progress = await studyProgress(ctx.db, study);
          yield { studyId, progress };
          if (study.status !== 'RUNNING' && progress.running === 0) return;
          // Wait for a change of one of its runs (or a second: sized designs, other processes' trials).
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 1000);
            changed = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          changed = null;
          await new Promise((r) => setTimeout(r, STUDY_UPDATE_INTERVAL_MS));
        }
      } finally {
        unsubscribe();
      }
    },
    resolve: (update) => update,
  }),
);
