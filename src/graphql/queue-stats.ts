/**
 * queueStats: the health of run execution. In-process (the default): this server's own waiting
 * line and busy threads. Queue mode (EXECUTION=queue): the pg-boss queue shared by every
 * instance, and the worker processes seen in the last hour with their last heartbeat.
 */
import type { ExecutorStats } from '../runner/runner.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';

type QueueStatsShape = ExecutorStats & { execution: 'IN_PROCESS' | 'QUEUE' };
type QueueWorkerShape = ExecutorStats['workers'][number];

interface QueueStatsRunner {
  queueStats(): Promise<QueueStatsShape>;
}

const ExecutionModeEnum = builder.enumType('ExecutionMode', {
  values: {
    IN_PROCESS: { description: 'Runs simulate on the worker threads of the API process that accepted them.' },
    QUEUE: { description: 'Runs are jobs in PostgreSQL (pg-boss), taken by worker processes (`npm run worker`).' },
  } as const,
});

const QueueWorkerRef = builder.objectRef<QueueWorkerShape>('QueueWorker').implement({
  description: 'A worker process as it last reported itself.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'WORKER_ID, or host:pid:random.' }),
    host: t.exposeString('host'),
    pid: t.exposeInt('pid'),
    concurrency: t.exposeInt('concurrency', { description: 'Runs it simulates at once.' }),
    startedAt: t.field({ type: 'DateTime', resolve: (w) => w.startedAt }),
    lastHeartbeatAt: t.field({ type: 'DateTime', resolve: (w) => w.lastHeartbeatAt }),
    stoppedAt: t.field({ type: 'DateTime', nullable: true, description: 'Set when it shut down cleanly.', resolve: (w) => w.stoppedAt }),
    runsFinished: t.exposeInt('runsFinished', { description: 'Runs it logged COMPLETED, FAILED or CANCELLED.' }),
  }),
});

const QueueStatsRef = builder.objectRef<QueueStatsShape>('QueueStats').implement({
  fields: (t) => ({
    execution: t.field({ type: ExecutionModeEnum, resolve: (s) => s.execution }),
    queued: t.exposeInt('queued', { description: 'Runs waiting for a worker (queue mode: jobs created or due for retry).' }),
    active: t.exposeInt('active', { description: 'Runs being simulated.' }),
    failed: t.exposeInt('failed', { description: 'Queue mode: jobs that used up their attempts (their runs are FAILED).' }),
    retried: t.exposeInt('retried', { description: 'Queue mode: jobs delivered more than once (a worker died or shut down holding them).' }),
    workers: t.field({ type: [QueueWorkerRef], description: 'Queue mode: worker processes seen in the last hour, latest heartbeat first.', resolve: (s) => s.workers }),
  }),
});

builder.queryField('queueStats', (t) =>
  t.field({
    type: QueueStatsRef,
    description: 'How run execution is doing: waiting and active runs, retries, and (queue mode) the worker processes.',
    resolve: (_root, _args, ctx: GraphQLContext) => {
      const runner = ctx.runner as Partial<QueueStatsRunner>;
      if (typeof runner.queueStats !== 'function') throw new Error('this server was started with a runner that reports no queue stats');
      return runner.queueStats();
    },
  }),
);
