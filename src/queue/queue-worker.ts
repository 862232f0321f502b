// Queue mode, worker side (`npm run worker`): takes simulation jobs from pg-boss, claims each run
// for its attempt (RUNNING, this worker's id, heartbeat), simulates it on this process's thread
// pool (src/runner/worker-pool.ts), writes COMPLETED / FAILED / CANCELLED guarded by the attempt
// (src/db/queue-log.ts), then acks. A job whose worker dies expires and is delivered again (next
// attempt); after the last attempt pg-boss moves it to the dead-letter queue, and a worker logs
// its run FAILED with the reason.
import os from 'node:os';
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { claimRun, failExhaustedRun, finishAttempt, handBackRun, markWorkerStopped, registerWorker, workerHeartbeat, type AttemptOutcome } from '../db/queue-log.js';
import { STOP_CODES, type StopReason } from '../runner/errors.js';
import type { RunEvent } from '../runner/run-events.js';
import { isDatabaseOutage, shortErrorText } from '../runner/run-writes.js';
import type { SimulationTaskResult } from '../runner/simulation-worker.js';
import { SimulationWorkerPool, type SimulationOutcome } from '../runner/worker-pool.js';
import { CHANNELS, encodeRunEvent, NotifyBus } from './notify-bus.js';
import { DEAD_SIMULATION_QUEUE, SIMULATION_QUEUE, type QueueSettings, type WorkerSettings } from './settings.js';

export interface SimulationJobData {
  runId: string;
  timeLimitMs: number;
}

interface HeldRun {
  runId: string;
  studyId: string | null;
  attempt: number;
  startedAtMs: number;
  abort: AbortController;
  /** HAND_BACK: this worker is stopping; EXPIRED: pg-boss has taken the job back (it will be delivered again). */
  stopReason: StopReason | 'HAND_BACK' | 'EXPIRED' | null;
}

export interface QueueWorkerOptions {
  connectionString: string;
  boss: PgBoss;
  bus: NotifyBus;
  queue: QueueSettings;
  worker: WorkerSettings;
  heartbeatIntervalMs?: number;
  progressIntervalMs?: number;
  log?: (message: string) => void;
}

export class QueueWorker {
  readonly id: string;
  private readonly pool: pg.Pool;
  private readonly threads: SimulationWorkerPool;
  private readonly held = new Map<string, HeldRun>();
  private readonly loopIds: string[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private stopping = false;
  private readonly log: (message: string) => void;

  constructor(private readonly options: QueueWorkerOptions) {
    this.id = options.worker.workerId;
    this.log = options.log ?? ((message) => console.warn(`[worker ${this.id}] ${message}`));
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: 2 + Math.min(4, options.worker.concurrency), connectionTimeoutMillis: 5_000 });
    // A connection dropped while idle (restart, network cut) is reported here; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.threads = new SimulationWorkerPool({ threads: options.worker.concurrency });
  }

  get running(): number {
    return this.held.size;
  }

  async start(): Promise<void> {
    const { boss, bus, worker, queue } = this.options;
    await registerWorker(this.pool, { id: this.id, host: os.hostname(), pid: process.pid, concurrency: worker.concurrency });
    bus.on(CHANNELS.cancelRun, (runId) => this.cancel(runId));
    bus.on(CHANNELS.jobsWaiting, () => this.wake());
    // Anything queued while the listener was away is found at once, not at the next poll.
    bus.onReconnect(() => this.wake());
    const every = (ms: number, task: () => Promise<unknown> | void) => {
      const timer = setInterval(() => void Promise.resolve(task()).catch((error) => this.log(shortErrorText(error))), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.heartbeatIntervalMs ?? 5_000, () => workerHeartbeat(this.pool, this.id, [...this.held.keys()]));
    every(this.options.progressIntervalMs ?? 1_000, () => this.publishProgress());
    // One pg-boss work loop per slot: each takes one job at a time.
    for (let i = 0; i < worker.concurrency; i++) {
      const loopId = await boss.work<SimulationJobData>(
        SIMULATION_QUEUE,
        { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: queue.pollSeconds },
        async ([job]) => {
          try {
            return await this.runJob(job);
          } finally {
            // Straight on to the next job instead of sleeping a poll interval (pg-boss's loop
            // waits between fetches even when it found work).
            if (!this.stopping) boss.notifyWorker(loopId);
          }
        },
      );
      this.loopIds.push(loopId);
    }
    await boss.work<SimulationJobData>(DEAD_SIMULATION_QUEUE, { includeMetadata: true, batchSize: 10, pollingIntervalSeconds: queue.pollSeconds }, (jobs) =>
      this.failExhausted(jobs),
    );
  }

  /**
   * Stops taking jobs, lets running runs finish for up to the grace period, then hands the rest
   * back (QUEUED again; their jobs are failed, so pg-boss delivers them to another worker).
   */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const { boss, worker } = this.options;
    for (const loopId of this.loopIds) await boss.offWork({ id: loopId }).catch(() => undefined);
    const deadline = Date.now() + worker.shutdownGraceMs;
    while (this.held.size > 0 && Date.now() < deadline) await sleep(100);
    for (const run of this.held.values()) this.stopRun(run, 'HAND_BACK');
    while (this.held.size > 0) await sleep(50);
    for (const timer of this.timers) clearInterval(timer);
    await boss.stop({ graceful: true, timeout: 2_000, wait: true }).catch((error) => this.log(`pg-boss stop: ${shortErrorText(error)}`));
    await markWorkerStopped(this.pool, this.id).catch(() => undefined);
    await this.threads.destroy();
    await this.pool.end().catch(() => undefined);
  }

  private wake(): void {
    if (this.stopping) return;
    for (const loopId of this.loopIds) this.options.boss.notifyWorker(loopId);
  }

  private cancel(runId: string): void {
    const run = this.held.get(runId);
    if (run) this.stopRun(run, 'CANCELLED');
  }

  private stopRun(run: HeldRun, reason: HeldRun['stopReason']): void {
    if (run.stopReason) return;
    run.stopReason = reason;
    run.abort.abort(reason);
  }

  private async runJob(job: PgBoss.JobWithMetadata<SimulationJobData>): Promise<unknown> {
    const { runId, timeLimitMs } = job.data;
    const attempt = job.retryCount + 1;
    const claimed = await this.withRetries(`claim of run ${runId}`, () => claimRun(this.pool, { runId, workerId: this.id, attempt }));
    if (!claimed) return { skipped: 'run finished, missing or claimed by a later attempt' };
    const run: HeldRun = { runId, studyId: claimed.studyId, attempt, startedAtMs: Date.now(), abort: new AbortController(), stopReason: null };
    this.held.set(runId, run);
    try {
      this.publish(run, 'RUNNING');
      const limit = setTimeout(() => this.stopRun(run, 'TIMEOUT'), timeLimitMs);
      // Past its expiry pg-boss fails the job and delivers it again: this attempt's work is void,
      // and its thread is better used by the next job.
      const expiry = setTimeout(() => this.stopRun(run, 'EXPIRED'), Math.max(0, job.expireInSeconds * 1000 - 500));
      let result: SimulationOutcome;
      try {
        result = await this.threads.run({ systemJson: claimed.inputJson, options: JSON.parse(claimed.optionsJson) }, run.abort.signal);
      } catch (error) {
        result = run.stopReason
          ? { ok: false, errorCode: run.stopReason === 'HAND_BACK' || run.stopReason === 'EXPIRED' ? 'SHUTDOWN' : STOP_CODES[run.stopReason], errorMessage: stopMessage(run.stopReason, timeLimitMs) }
          : { ok: false, errorCode: 'INTERNAL', errorMessage: `simulation worker failed: ${shortErrorText(error)}` };
      } finally {
        clearTimeout(limit);
        clearTimeout(expiry);
      }
      // The series' shared slot goes back once this attempt no longer needs its bytes.
      try {
        return await this.settleAttempt(run, result, timeLimitMs);
      } finally {
        result.releaseSeries?.();
      }
    } finally {
      this.held.delete(runId);
    }
  }

  private async settleAttempt(run: HeldRun, result: SimulationTaskResult, timeLimitMs: number): Promise<unknown> {
    const { runId, attempt } = run;
    if (run.stopReason === 'EXPIRED') {
      await handBackRun(this.pool, runId, attempt).catch(() => undefined);
      throw new Error(`run ${runId} was still running when its job expired (attempt ${attempt})`);
    }
    if (run.stopReason === 'HAND_BACK') {
      await handBackRun(this.pool, runId, attempt).catch(() => undefined);
      this.publish(run, 'QUEUED');
      // A failed job is delivered again (the next attempt): that is the hand-back.
      throw new Error(`worker ${this.id} shut down before run ${runId} finished: handed back`);
    }
    const outcome: AttemptOutcome = result.ok
      ? { kind: 'complete', outcome: { kpis: result.kpis, stats: result.stats, warnings: result.warnings, series: result.series } }
      : { kind: 'fail', status: run.stopReason === 'CANCELLED' ? 'CANCELLED' : 'FAILED', errorCode: result.errorCode, errorMessage: result.errorMessage };
    const row = await this.withRetries(`outcome of run ${runId}`, () =>
      finishAttempt(this.pool, runId, attempt, this.id, outcome, async (client, written) => {
        const event = this.event(run, written.status, written.errorCode);
        await client.query('SELECT pg_notify($1, $2)', [CHANNELS.runEvents, encodeRunEvent(event)]);
      }),
    );
    if (!row) this.log(`run ${runId}: attempt ${attempt} no longer owns the run; its outcome was not written`);
    return { status: row?.status ?? 'SUPERSEDED', attempt };
  }

  /** Dead-lettered jobs: their run used up its attempts → FAILED with pg-boss's last reason. */
  private async failExhausted(jobs: PgBoss.JobWithMetadata<SimulationJobData>[]): Promise<void> {
    for (const job of jobs) {
      const reason = reasonOf(job.output);
      const message = `gave up after ${this.options.queue.maxAttempts} attempt(s): ${reason}`;
      const row = await failExhaustedRun(this.pool, job.data.runId, message);
      if (row) {
        this.options.bus.notifySoon(
          CHANNELS.runEvents,
          encodeRunEvent({ runId: row.id, studyId: row.studyId, status: 'FAILED', at: new Date(), elapsedMs: null, errorCode: 'RETRIES_EXHAUSTED', logged: true }),
        );
      }
    }
  }

  /**
   * A write the database does not take because it is away is retried (the job stays active;
   * should this worker die meanwhile, the job's expiry hands it to another). Anything else fails
   * the attempt.
   */
  private async withRetries<T>(what: string, write: () => Promise<T>): Promise<T> {
    let delayMs = 200;
    for (let tries = 1; ; tries++) {
      try {
        return await write();
      } catch (error) {
        if (tries >= 300 || !(await isDatabaseOutage({ prisma: { $queryRawUnsafe: (q: string) => this.pool.query(q) } } as never, error))) throw error;
        if (tries === 1) this.log(`${what} waits for the database: ${shortErrorText(error)}`);
        await sleep(delayMs);
        delayMs = Math.min(2_000, delayMs * 2);
      }
    }
  }

  private publishProgress(): void {
    for (const run of this.held.values()) if (!run.stopReason) this.publish(run, 'RUNNING');
  }

  private publish(run: HeldRun, status: RunEvent['status'], errorCode: string | null = null): void {
    this.options.bus.notifySoon(CHANNELS.runEvents, encodeRunEvent(this.event(run, status, errorCode)));
  }

  private event(run: HeldRun, status: RunEvent['status'], errorCode: string | null): RunEvent {
    return { runId: run.runId, studyId: run.studyId, status, at: new Date(), elapsedMs: Date.now() - run.startedAtMs, errorCode, logged: true };
  }
}

function stopMessage(reason: NonNullable<HeldRun['stopReason']>, timeLimitMs: number): string {
  if (reason === 'TIMEOUT') return `the run exceeded its time limit of ${(timeLimitMs / 1000).toFixed(1)} s and was stopped`;
  if (reason === 'CANCELLED') return 'cancelled by request';
  return 'the worker shut down before the run finished';
}

function reasonOf(output: unknown): string {
  const o = output as { value?: { message?: unknown }; message?: unknown } | null;
  const message = o?.value?.message ?? o?.message;
  return typeof message === 'string' ? message : JSON.stringify(output ?? 'unknown');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
