/**
 * runSimulation: validates and runs one simulation through the runner, which logs it
 * (RUNNING → COMPLETED/FAILED). Bad input is a BAD_USER_INPUT error listing every issue, with
 * nothing written; an unknown study is NOT_FOUND; a server at its MAX_PENDING_RUNS is OVERLOADED (retry later) and
 * a shutting-down runner SHUTTING_DOWN. A run that fails in the engine is not an API error:
 * it comes back with status FAILED and its errorMessage.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { RunInputError } from '../runner/runner.js';
import { builder } from './builder.js';
import { runnerErrorToGraphQL } from './run-lifecycle.js';
import { IssueList, badUserInput, notFound } from './errors.js';
import { databaseIdOf } from './global-ids.js';
import { RunKpisRef, RunRef, type KpiValues } from './run.js';
import { SolverOptionsInputRef, SystemInputRef, withoutNulls } from './system-input.js';

const RunSimulationInputRef = builder.inputType('RunSimulationInput', {
  fields: (t) => ({
    system: t.field({ type: SystemInputRef, required: true }),
    options: t.field({ type: SolverOptionsInputRef }),
    studyId: t.id({ description: 'The Study to file the run under.' }),
    tags: t.stringList(),
    metadata: t.field({ type: 'JSON', description: 'Free-form JSON object stored with the run.' }),
    idempotencyKey: t.string({ description: 'A retry with the same key returns the first run instead of running again.' }),
  }),
});

interface RunSimulationPayloadShape {
  run: unknown;
  runId: string;
  logDeferred: boolean;
  kpis: KpiValues | null;
  warnings: string[];
}

const RunSimulationPayloadRef = builder.objectRef<RunSimulationPayloadShape>('RunSimulationPayload').implement({
  fields: (t) => ({
    run: t.field({
      type: RunRef,
      nullable: true,
      description: 'The run as logged; null only if the run log could not be written (see warnings, and kpis for the result).',
      resolve: (p) => p.run as never,
    }),
    runId: t.id({
      description: 'The run\'s id, also when `run` is null because its log write is deferred.',
      resolve: (p) => encodeGlobalID('SimulationRun', p.runId),
    }),
    logDeferred: t.boolean({
      description: 'true: the run log could not be written yet; the runner retries, and the run appears under runId later.',
      resolve: (p) => p.logDeferred,
    }),
    kpis: t.field({
      type: RunKpisRef,
      nullable: true,
      description: 'The KPIs the engine computed — available even when the run log write failed. Null if the simulation failed or was a replay.',
      resolve: (p) => p.kpis,
    }),
    warnings: t.stringList({ description: 'Engine warnings (e.g. unmet demand) and service warnings (e.g. run log write failed).', resolve: (p) => p.warnings }),
  }),
});

builder.mutationField('runSimulation', (t) =>
  t.field({
    type: RunSimulationPayloadRef,
    description:
      'Runs one simulation and logs it. wait: true (default) returns the finished run (seconds for a year of hourly steps); ' +
      'wait: false returns at once with the run QUEUED or RUNNING — follow it with runUpdated or by polling run(id).',
    args: {
      input: t.arg({ type: RunSimulationInputRef, required: true }),
      wait: t.arg.boolean({ defaultValue: true, description: 'Wait for the run to finish (default true).' }),
      timeLimitSeconds: t.arg.float({
        description: 'Execution time limit for this run; past it the run is FAILED with TIMEOUT. Default: the server\'s limit.',
      }),
    },
    complexity: 50,
    resolve: async (_root, { input, wait, timeLimitSeconds }, ctx) => {
      const issues = new IssueList();
      let studyId: string | null = null;
      if (input.studyId != null) {
        studyId = databaseIdOf(String(input.studyId), 'Study', 'input.studyId', issues);
      }
      if (timeLimitSeconds != null && !(timeLimitSeconds > 0 && Number.isFinite(timeLimitSeconds))) {
        issues.add('timeLimitSeconds', 'must be a positive number of seconds');
      }
      const metadata = input.metadata ?? {};
      if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
        issues.add('input.metadata', 'must be a JSON object');
      }
      issues.throwIfAny();
      if (studyId !== null && !(await ctx.db.prisma.study.findUnique({ where: { id: studyId }, select: { id: true } }))) {
        throw notFound('Study', String(input.studyId), 'input.studyId');
      }

      let outcome;
      try {
        outcome = await ctx.runner.runSimulation({
          system: withoutNulls(input.system),
          options: withoutNulls(input.options ?? {}),
          studyId,
          tags: input.tags ?? [],
          metadata: metadata as Record<string, unknown>,
          idempotencyKey: input.idempotencyKey ?? null,
          startedBy: ctx.principal.tokenName,
        }, {
          wait: wait ?? true,
          timeLimitMs: timeLimitSeconds == null ? undefined : timeLimitSeconds * 1000,
        });
      } catch (error) {
        if (error instanceof RunInputError) {
          throw badUserInput(error.issues.map((i) => ({ path: i.path ? `input.${i.path}` : 'input', message: i.message })));
        }
        throw runnerErrorToGraphQL(error);
      }
      return {
        run: outcome.run,
        runId: outcome.runId,
        logDeferred: outcome.logDeferred,
        kpis: outcome.result ? (outcome.result.kpis as unknown as KpiValues) : null,
        warnings: [...outcome.warnings, ...(outcome.result?.warnings ?? [])],
      };
    },
  }),
);
