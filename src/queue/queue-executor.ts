// Queue mode, API side: the runner's executor (src/runner/runner.ts, RunExecutor). A run is
// logged QUEUED and its pg-boss job created in ONE transaction (pg-boss sends through this
// transaction's connection), so a run row never exists without its job or the other way round.
// The job id is the run id. Events of every worker reach this instance's subscribers through
// LISTEN/NOTIFY; a cancel is NOTIFYed to whichever worker holds the run.
import pg from 'pg';
import type PgBoss from 'pg-boss';
import type { DbHandle } from '../db/client.js';
import { cancelQueuedRun, connectionSql, inTransaction, jobCounts, listWorkers } from '../db/queue-log.js';
import { insertRun, KPI_COLUMNS, readRun, type RunRow } from '../db/run-log.js';
import { RunnerOverloadedError } from '../runner/errors.js';
import { TERMINAL_STATUSES, type RunEvent, type RunEvents } from '../runner/run-events.js';
import type { AcceptedRun, CancelOutcome, ExecutorStats, RunExecutor, RunOutcome, RunResultSummary } from '../runner/runner.js';
import type { Kpis, SolverStats } from '../simulation/types.js';
import { CHANNELS, encodeRunEvent, decodeRunEvent, NotifyBus } from './notify-bus.js';
import { jobExpireSeconds, SIMULATION_QUEUE, type QueueSettings } from './settings.js';

/** How long a cancel of a RUNNING run waits for its worker to confirm before saying CONFLICT. */
const CANCEL_WAIT_MS = 10_000;
/** A waiting caller re-reads the run log this often, in case a NOTIFY was lost. */
const WAIT_POLL_MS = 2_000;
/** Workers listed by queueStats: those seen in the last hour. */
const WORKERS_SEEN_WITHIN_MS = 3600_000;

export interface QueueExecutorOptions {
  db: DbHandle;
  connectionString: string;
  boss: PgBoss;
  bus: NotifyBus;
  settings: QueueSettings;
  log?: (message: string) => void;
}

export class QueueExecutor implements RunExecutor {
  private events: RunEvents | null = null;
  private readonly pool: pg.Pool;
  private readonly log: (message: string) => void;

  constructor(private readonly options: QueueExecutorOptions) {
    this.log = options.log ?? ((message) => console.warn(`[queue] ${message}`));
    // Enqueue transactions only: the run row and the job on one connection.
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: 4, connectionTimeoutMillis: 5_000, allowExitOnIdle: true });
    this.pool.on('error', () => undefined);
  }

  bind(events: RunEvents): void {
    this.events = events;
    this.options.bus.on(CHANNELS.runEvents, (payload) => {
      const event = decodeRunEvent(payload);
      if (event) events.publish(event);
    });
  }

  async submit(run: AcceptedRun, { wait }: { wait: boolean }): Promise<RunOutcome> {
    const { settings, boss } = this.options;
    const { queued } = await jobCounts(this.pool, SIMULATION_QUEUE);
    if (queued >= settings.maxQueued) {
      // The queue's bound is the admission bound of queue mode: waiting jobs, not held runs.
      throw new RunnerOverloadedError(
        { maxPendingRuns: settings.maxQueued, pendingRuns: queued, maxPendingInputBytes: 0, pendingInputBytes: 0 },
        Math.max(1, Math.min(60, Math.ceil(queued / 100))),
      );
    }
    const runId = run.row.id;
    // Subscribed before the job exists: a fast worker cannot finish it unseen.
    const finished = wait ? this.terminalEvent(runId) : null;
    let row: RunRow;
    try {
      row = await inTransaction(this.pool, async (client) => {
        const inserted = await insertRun({ sql: connectionSqlOf(client) }, run.row);
        await boss.send(
          SIMULATION_QUEUE,
          { runId, timeLimitMs: run.timeLimitMs },
          {
            id: runId,
            expireInSeconds: jobExpireSeconds(settings, run.timeLimitMs),
            db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) },
          },
        );
        const event: RunEvent = { runId, studyId: run.row.studyId, status: 'QUEUED', at: new Date(), elapsedMs: null, errorCode: null, logged: true };
        // Delivered at COMMIT, and only if it commits.
        await client.query('SELECT pg_notify($1, $2), pg_notify($3, $4)', [CHANNELS.runEvents, encodeRunEvent(event), CHANNELS.jobsWaiting, '']);
        return inserted;
      });
    } catch (error) {
      finished?.cancel();
      throw error;
    }
    if (!finished) return { run: row, runId, result: null, warnings: [], logDeferred: false };
    const final = await finished.promise;
    return { run: final, runId, result: resultOf(final), warnings: [], logDeferred: false };
  }

  async cancelRun(runId: string): Promise<CancelOutcome> {
    const current = await this.readOrNull(runId);
    if (!current) return { kind: 'NOT_FOUND' };
    if (TERMINAL_STATUSES.has(current.status)) return { kind: 'ALREADY_FINISHED', run: current, outcome: null };
    if (current.status === 'QUEUED' && (await cancelQueuedRun(this.pool, runId))) {
      // The job may still be waiting: take it off the queue (a worker that fetched it meanwhile
      // finds the run CANCELLED at its claim and acks without running).
      await this.options.boss.cancel(SIMULATION_QUEUE, runId).catch((error) => this.log(`cancel of job ${runId}: ${(error as Error).message}`));
      const row = await readRun({ sql: connectionSqlOf(this.pool) }, runId);
      this.options.bus.notifySoon(CHANNELS.runEvents, encodeRunEvent({ runId, studyId: row.studyId, status: 'CANCELLED', at: new Date(), elapsedMs: null, errorCode: 'CANCELLED', logged: true }));
      return { kind: 'CANCELLED', outcome: { run: row, runId, result: null, warnings: [], logDeferred: false } };
    }
    // RUNNING on some worker: ask them all; the one holding it stops it and logs CANCELLED.
    const finished = this.terminalEvent(runId, CANCEL_WAIT_MS);
    await this.options.bus.notify(CHANNELS.cancelRun, runId);
    const row = await finished.promise;
    if (row.status === 'CANCELLED') return { kind: 'CANCELLED', outcome: { run: row, runId, result: null, warnings: [], logDeferred: false } };
    if (TERMINAL_STATUSES.has(row.status)) return { kind: 'ALREADY_FINISHED', run: row, outcome: null };
    return { kind: 'RUNNING_ELSEWHERE', run: row };
  }

  async stats(): Promise<ExecutorStats> {
    const counts = await jobCounts(this.pool, SIMULATION_QUEUE);
    const workers = await listWorkers(this.pool, new Date(Date.now() - WORKERS_SEEN_WITHIN_MS));
    return {
      queued: counts.queued,
      active: counts.active,
      failed: counts.failed,
      retried: counts.retried,
      workers: workers.map((w) => ({ ...w, lastHeartbeatAt: w.heartbeatAt })),
    };
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }

  /**
   * Resolves with the run as logged once it is terminal (or, with a timeout, as it is then):
   * a NOTIFY is the fast path, a re-read of the log every WAIT_POLL_MS the safety net.
   */
  private terminalEvent(runId: string, timeoutMs?: number): { promise: Promise<RunRow>; cancel(): void } {
    let stop = () => undefined as void;
    const promise = new Promise<RunRow>((resolve, reject) => {
      let settled = false;
      const check = async (force = false) => {
        if (settled) return;
        const row = await this.readOrNull(runId).catch(() => null);
        if (settled) return;
        if (row && (TERMINAL_STATUSES.has(row.status) || force)) {
          settled = true;
          stop();
          resolve(row);
        } else if (!row && force) {
          settled = true;
          stop();
          reject(new Error(`run ${runId} disappeared from the run log`));
        }
      };
      const unsubscribe = this.events?.subscribe((event) => {
        if (event.runId === runId && TERMINAL_STATUSES.has(event.status)) void check();
      });
      const poll = setInterval(() => void check(), WAIT_POLL_MS);
      const timer = timeoutMs ? setTimeout(() => void check(true), timeoutMs) : null;
      stop = () => {
        unsubscribe?.();
        clearInterval(poll);
        if (timer) clearTimeout(timer);
      };
    });
    return { promise, cancel: () => stop() };
  }

  private async readOrNull(runId: string): Promise<RunRow | null> {
    try {
      return await readRun({ sql: connectionSqlOf(this.pool) }, runId);
    } catch (error) {
      if ((error as { code?: string }).code === 'RUN_NOT_FOUND') return null;
      throw error;
    }
  }
}

const connectionSqlOf = (client: pg.PoolClient | pg.Pool) => connectionSql(client);

/** The result summary of a finished run, from its row (the worker's thread had the original). */
function resultOf(row: RunRow): RunResultSummary | null {
  if (row.status !== 'COMPLETED') return null;
  const kpis = {} as Record<string, number | null>;
  for (const column of KPI_COLUMNS) kpis[column] = row[column];
  const stats = {
    status: row.solveStatus,
    message: row.solverMessage,
    objective: row.objectiveValue,
    solveMs: row.solveMs,
    variables: row.variableCount,
    constraints: row.constraintCount,
    iterations: row.iterationCount,
    mipGap: row.mipGap ?? undefined,
  } as unknown as SolverStats;
  return { engineVersion: row.engineVersion, kpis: kpis as unknown as Kpis, stats, ruleBasedStats: null, warnings: JSON.parse(row.warningsJson) as string[] };
}
