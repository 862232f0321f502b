/**
 * The run lifecycle in the API: cancelRun, and live status over Server-Sent Events
 * (runUpdated for one run, runsUpdated for a study or all runs). Also the mapping of the
 * runner's errors to API codes, for runSimulation:
 *
 *   OVERLOADED     the server holds its maximum of pending runs (MAX_PENDING_RUNS, or their input
 *                  bytes); nothing was written, retry after extensions.retryAfterSeconds
 *   SHUTTING_DOWN  the server is stopping; nothing was written
 *   (a run over its time limit is not an API error: it is FAILED with errorCode TIMEOUT)
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import type { RunEvent, RunEvents } from '../runner/run-events.js';
import { TERMINAL_STATUSES } from '../runner/run-events.js';
import { RunnerClosedError, RunnerOverloadedError, type CancelOutcome } from '../runner/runner.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';
import { RunStatusEnum } from './enums.js';
import { IssueList, conflict, notFound } from './errors.js';
import { databaseIdOf } from './global-ids.js';
import { RUN_LIST_SELECT } from './loaders.js';
import { RunRef } from './run.js';
import { mayCancel } from '../auth/ownership.js';

/** The runner features this module needs beyond runSimulation (the real SimulationRunner has them). */
interface LifecycleRunner {
  events: RunEvents;
  cancelRun(runId: string): Promise<CancelOutcome>;
}

function lifecycleRunner(ctx: GraphQLContext): LifecycleRunner {
  const runner = ctx.runner as Partial<LifecycleRunner>;
  if (!runner.events || typeof runner.cancelRun !== 'function') {
    throw new Error('this server was started with a runner that has no run lifecycle (events, cancelRun)');
  }
  return runner as LifecycleRunner;
}

/** The runner's expected refusals as API errors; anything else is rethrown unchanged. */
export function runnerErrorToGraphQL(error: unknown): unknown {
  if (error instanceof RunnerOverloadedError) {
    return new GraphQLError(error.message, {
      extensions: {
        code: 'OVERLOADED',
        retryAfterSeconds: error.retryAfterSeconds,
        ...error.limit,
        // The status becomes 503 only when nothing else in the operation succeeded (overload.ts).
        http: { headers: { 'retry-after': String(error.retryAfterSeconds) } },
      },
    });
  }
  if (error instanceof RunnerClosedError) return new GraphQLError(error.message, { extensions: { code: 'SHUTTING_DOWN' } });
  return error;
}

const CancelRunPayloadRef = builder.objectRef<{ runId: string }>('CancelRunPayload').implement({
  fields: (t) => ({
    run: t.field({
      type: RunRef,
      description: 'The run as now logged (CANCELLED).',
      resolve: (p, _args, ctx) => ctx.db.prisma.simulationRun.findUniqueOrThrow({ where: { id: p.runId }, select: RUN_LIST_SELECT }) as never,
    }),
  }),
});

builder.mutationField('cancelRun', (t) =>
  t.field({
    type: CancelRunPayloadRef,
    description:
      'Stops a QUEUED or RUNNING run (its worker thread is terminated) and logs it CANCELLED, whichever worker process of this server holds it. ' +
      'A finished run, or one held by another server (a separate instance), is a CONFLICT.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const issues = new IssueList();
      const runId = databaseIdOf(String(args.id), 'SimulationRun', 'id', issues);
      issues.throwIfAny();
      if (!ctx.principal.scopes.has('admin')) {
        const run = await ctx.db.prisma.simulationRun.findUnique({ where: { id: runId! }, select: { startedBy: true } });
        if (!run || !mayCancel(ctx.principal, run.startedBy)) throw notFound('SimulationRun', String(args.id), 'id');
      }
      const result = await lifecycleRunner(ctx).cancelRun(runId!);
      switch (result.kind) {
        case 'CANCELLED':
          return { runId: runId! };
        case 'NOT_FOUND':
          throw notFound('SimulationRun', String(args.id), 'id');
        case 'ALREADY_FINISHED':
          throw conflict(`run already finished (${result.run?.status ?? 'logged later'}); nothing to cancel`);
        case 'RUNNING_ELSEWHERE':
          throw conflict('run is held by another server instance (not a worker of this one); cancel it there');
      }
    },
  }),
);

const RunUpdateRef = builder.objectRef<RunEvent>('RunUpdate').implement({
  description: 'A status change of a run, or a progress tick (about once a second) while it is RUNNING.',
  fields: (t) => ({
    runId: t.id({ description: 'Global id of the run.', resolve: (e) => encodeGlobalID('SimulationRun', e.runId) }),
    status: t.field({ type: RunStatusEnum, resolve: (e) => e.status }),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    elapsedMs: t.float({ nullable: true, description: 'Milliseconds since the run started.', resolve: (e) => e.elapsedMs }),
    errorCode: t.string({ nullable: true, description: 'TIMEOUT, CANCELLED, INFEASIBLE, …', resolve: (e) => e.errorCode }),
    logged: t.boolean({ description: 'False while the run log write waits for the database (outbox).', resolve: (e) => e.logged }),
    run: t.field({
      type: RunRef,
      nullable: true,
      description: 'The run as logged now; null while its first write waits in the outbox.',
      resolve: async (e, _args, ctx) =>
        (await ctx.db.prisma.simulationRun.findUnique({ where: { id: e.runId }, select: RUN_LIST_SELECT })) as never,
    }),
  }),
});

builder.subscriptionType({});

builder.subscriptionFields((t) => ({
  runUpdated: t.field({
    type: RunUpdateRef,
    description: 'The current state of one run at once, then each change; ends when the run has finished.',
    args: { id: t.arg.id({ required: true }) },
    subscribe: async function* (_root, args, ctx) {
      const issues = new IssueList();
      const runId = databaseIdOf(String(args.id), 'SimulationRun', 'id', issues)!;
      issues.throwIfAny();
      const events = lifecycleRunner(ctx).events;
      // Subscribe before reading the current state, so no change falls between the two.
      const abort = new AbortController();
      const stream = events.stream({ runId }, abort.signal);
      try {
        const row = await ctx.db.prisma.simulationRun.findUnique({ where: { id: runId }, select: { id: true, status: true, studyId: true, startedAt: true, errorCode: true } });
        if (!row) throw notFound('SimulationRun', String(args.id), 'id');
        yield {
          runId,
          studyId: row.studyId,
          status: row.status,
          at: new Date(),
          elapsedMs: row.startedAt ? Date.now() - row.startedAt.getTime() : null,
          errorCode: row.errorCode,
          logged: true,
        } satisfies RunEvent;
        if (TERMINAL_STATUSES.has(row.status)) return;
        for await (const event of stream) {
          yield event;
          if (TERMINAL_STATUSES.has(event.status)) return;
        }
      } finally {
        abort.abort();
      }
    },
    resolve: (event) => event,
  }),
  runsUpdated: t.field({
    type: RunUpdateRef,
    description: 'Every status change (and progress tick) of the runs of one study, or of all runs.',
    args: { studyId: t.arg.id({ required: false }) },
    subscribe: async function* (_root, args, ctx) {
      const issues = new IssueList();
      const studyId = args.studyId == null ? undefined : databaseIdOf(String(args.studyId), 'Study', 'studyId', issues)!;
      issues.throwIfAny();
      if (studyId !== undefined && !(await ctx.db.prisma.study.findUnique({ where: { id: studyId }, select: { id: true } }))) {
        throw notFound('Study', String(args.studyId), 'studyId');
      }
      const abort = new AbortController();
      try {
        yield* lifecycleRunner(ctx).events.stream({ studyId }, abort.signal);
      } finally {
        abort.abort();
      }
    },
    resolve: (event) => event,
  }),
}));
