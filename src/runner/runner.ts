// The run lifecycle: validate → admit (bounded queue) → log QUEUED → log RUNNING → simulate in a
// worker thread → log COMPLETED, FAILED or CANCELLED. This is the only module that writes a
// run's status. A run-log write the database does not take never costs the caller the result:
// it goes to the outbox and is replayed, in order, when the database answers again.
import { randomUUID } from 'node:crypto';
import type { DbHandle } from '../db/client.js';
import { touchHeartbeats, type RunRow } from '../db/run-log.js';
import { parseSolverOptions, parseSystemConfig } from '../simulation/config.js';
import type { ConfigIssue, Kpis, SolverKind, SolverStats } from '../simulation/types.js';
import { ENGINE_VERSION } from '../simulation/version.js';
import { RunInputError, RunnerClosedError, RunnerOverloadedError, STOP_CODES, type StopReason } from './errors.js';
import { DEFAULT_MAX_PENDING_INPUT_BYTES, DEFAULT_MAX_PENDING_RUNS } from './admission.js';
import { RunOutbox } from './outbox.js';
import { sweepCrashedRuns } from './recovery.js';
import { RunEvents, type RunEvent } from './run-events.js';
import { applyRunWrite, completeWrite, isDatabaseOutage, isUniqueViolation, releaseRunWrite, shortErrorText, type RunWrite } from './run-writes.js';
import type { NewRun } from '../db/run-log.js';
import type { SimulationTaskResult, SizingTask } from './simulation-worker.js';
import { SimulationWorkerPool, type SimulationOutcome } from './worker-pool.js';

/** Ids named in the log line of a crash sweep. */
const LOGGED_CRASHED_IDS = 10;

export { RunInputError, RunnerOverloadedError, RunnerClosedError } from './errors.js';

export interface RunRequest {
  system: unknown;
  options?: unknown;
  studyId?: string | null;
  tags?: string[];
  metadata?: Record<string, unknown>;
  idempotencyKey?: string | null;
  /** Set by the study runner: which trial of studyId this run is, and the values it varied. */
  trial?: { index: number; parameters: { component: string; field: string; value: number }[] };
  /** The API token's name that asked for it (null: AUTH=off); logged as SimulationRun.startedBy. */
  startedBy?: string | null;
}

export interface RunSimulationOptions {
  /** true (default): resolve with the finished run; false: as soon as the run is QUEUED. */
  wait?: boolean;
  /** Execution time limit of this run; default: the runner's runTimeLimitMs. */
  timeLimitMs?: number;
}

/** What the engine produced, kept for the caller even when the run log could not be written. */
export interface RunResultSummary {
  engineVersion: string;
  kpis: Kpis;
  stats: SolverStats;
  ruleBasedStats: SolverStats | null;
  warnings: string[];
}

export type { RunRow } from '../db/run-log.js';

export interface RunOutcome {
  /** The run as logged; null only while its log writes wait in the outbox. */
  run: RunRow | null;
  /** The run's id, also when `run` is null (the row appears under it once the outbox replays). */
  runId: string;
  result: RunResultSummary | null;
  /** Problems the caller should see, e.g. a deferred run-log write. */
  warnings: string[];
  /** True when some of this run's log writes are waiting in the outbox. */
  logDeferred: boolean;
}

export type CancelOutcome =
  | { kind: 'CANCELLED'; outcome: RunOutcome }
  | { kind: 'ALREADY_FINISHED'; run: RunRow | null; outcome: RunOutcome | null }
  | { kind: 'RUNNING_ELSEWHERE'; run: RunRow }
  | { kind: 'NOT_FOUND' };

/**
 * Sibling server processes that may hold a run this one does not (cluster mode, src/cluster/).
 * The runner only calls it; how the siblings are reached is not its business.
 */
export interface RunPeers {
  /**
   * Asks the siblings to cancel a run one of them holds: that sibling's answer, or null when
   * none holds it (or none answered in time).
   */
  cancelRun(runId: string): Promise<PeerCancelResult | null>;
}

/** What the sibling holding a run answered to a cancel (its run-log row is re-read here). */
export interface PeerCancelResult {
  kind: 'CANCELLED' | 'ALREADY_FINISHED';
  logDeferred: boolean;
  warnings: string[];
}

/**
 * Where accepted runs are executed when not on this process's worker threads (queue mode,
 * src/queue/). The runner validates, answers idempotency keys and builds the run's first row;
 * the executor logs it and runs it (elsewhere), publishes its events on `events`, and answers
 * cancels of runs this runner does not hold.
 */
export interface RunExecutor {
  /** Connects the executor to the runner's event stream (called once, by the constructor). */
  bind(events: RunEvents): void;
  /** Logs the run (QUEUED) and hands it over; a unique violation means its idempotency key raced. */
  submit(run: AcceptedRun, options: { wait: boolean }): Promise<RunOutcome>;
  cancelRun(runId: string): Promise<CancelOutcome>;
  /** Queue health for the API (queueStats). */
  stats(): Promise<ExecutorStats>;
  close(): Promise<void>;
}

export interface AcceptedRun {
  row: NewRun;
  timeLimitMs: number;
}

export interface ExecutorStats {
  queued: number;
  active: number;
  failed: number;
  retried: number;
  workers: { id: string; host: string; pid: number; concurrency: number; startedAt: Date; lastHeartbeatAt: Date; stoppedAt: Date | null; runsFinished: number }[];
}

export const MAX_TAGS = 32;
export const MAX_TAG_LENGTH = 64;
export const MAX_METADATA_BYTES = 64 * 1024;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
/** How often the heartbeat of every run a runner holds is refreshed (one statement for all). */
export const HEARTBEAT_INTERVAL_MS = 10_000;

export interface SimulationRunnerOptions {
  /** Worker threads; default: the number of cores. */
  poolSize?: number;
  /** Shared series slots of the pool (series-slots.ts); default 8 per thread, at least 32. */
  seriesSlots?: number;
  /**
   * Admission control: runs this runner may hold QUEUED or RUNNING at once; one more is
   * OVERLOADED (nothing written). Default DEFAULT_MAX_PENDING_RUNS.
   */
  maxPendingRuns?: number;
  /** The same bound on the bytes of the held runs' inputs (JSON). Default DEFAULT_MAX_PENDING_INPUT_BYTES. */
  maxPendingInputBytes?: number;
  /** Execution time limit per run (FAILED with TIMEOUT); default 15 min. */
  runTimeLimitMs?: number;
  heartbeatIntervalMs?: number;
  /** A run whose heartbeat is older than this is CRASHED; default 6 heartbeats. */
  staleAfterMs?: number;
  /** How often abandoned runs are looked for; default staleAfterMs / 2. */
  crashSweepIntervalMs?: number;
  /** The durable outbox file; null/absent: memory only (lost with the process). */
  outboxPath?: string | null;
  /** How often pending outbox writes are retried; default 2 s. */
  outboxRetryIntervalMs?: number;
  /** A direct run-log write slower than this is treated as failed and kept in the outbox. */
  logWriteTimeoutMs?: number;
  /** How often RUNNING runs publish a progress event (when someone listens); default 1 s. */
  progressIntervalMs?: number;
  recycleAboveWasmBytes?: number;
  recycleAfterRuns?: number;
  /** Where the runner reports trouble it handled (deferred writes, dead letters). */
  log?: (message: string) => void;
  /** Sibling processes asked to cancel a live run this runner does not hold; absent: none. */
  peers?: RunPeers | null;
  /**
   * Runs go to this executor instead of the worker threads (queue mode). Its runs' liveness is
   * the queue's business (expiry and retry), so this runner's crash sweep is off.
   */
  executor?: RunExecutor | null;
}

interface PreparedRun {
  /** The validated system with its defaults, as logged and as the worker gets it. Held only as
   *  this string while the run waits: the parsed object is rebuilt in the worker thread. */
  inputJson: string;
  systemName: string;
  timesteps: number;
  timestepHours: number;
  options: Record<string, unknown>;
  solver: SolverKind;
  objective: string;
  tags: string[];
  metadata: Record<string, unknown>;
  studyId: string | null;
  idempotencyKey: string | null;
  trial: RunRequest['trial'] | null;
  startedBy: string | null;
}

type Phase = 'admitting' | 'queued' | 'running' | 'finishing';

interface Job {
  id: string;
  prepared: PreparedRun;
  phase: Phase;
  timeLimitMs: number;
  abort: AbortController;
  stopReason: StopReason | null;
  startedAtMs: number | null;
  row: RunRow | null;
  logDeferred: boolean;
  warnings: string[];
  done: Promise<RunOutcome>;
  resolve: (outcome: RunOutcome) => void;
}

const REPLAY_WARNING = 'idempotency key seen before: returning the earlier run';

export class SimulationRunner {
  readonly events = new RunEvents();
  /** Settles once the outbox left by an earlier process is replayed and abandoned runs swept. */
  readonly ready: Promise<void>;
  private readonly pool: SimulationWorkerPool;
  private readonly outbox: RunOutbox;
  private readonly jobs = new Map<string, Job>();
  private readonly jobsByKey = new Map<string, Job>();
  /** Finished runs whose log still waits in the outbox, by idempotency key. */
  private readonly heldByKey = new Map<string, RunOutcome>();
  private readonly queue: Job[] = [];
  private busyWorkers = 0;
  private pendingInputBytes = 0;
  /** Moving average of a run's time on a worker, for the retry hint of an OVERLOADED refusal. */
  private meanRunSeconds = 1;
  private closing = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly settings: Required<Omit<SimulationRunnerOptions, 'poolSize' | 'seriesSlots' | 'outboxPath' | 'recycleAboveWasmBytes' | 'recycleAfterRuns' | 'peers' | 'executor'>>;
  private readonly peers: RunPeers | null;
  private readonly executor: RunExecutor | null;

  constructor(
    private readonly db: DbHandle,
    options: SimulationRunnerOptions = {},
  ) {
    this.pool = new SimulationWorkerPool({
      threads: options.poolSize,
      seriesSlots: options.seriesSlots,
      recycleAboveWasmBytes: options.recycleAboveWasmBytes,
      recycleAfterRuns: options.recycleAfterRuns,
    });
    const heartbeatIntervalMs = options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS;
    const staleAfterMs = options.staleAfterMs ?? 6 * heartbeatIntervalMs;
    this.settings = {
      maxPendingRuns: options.maxPendingRuns ?? DEFAULT_MAX_PENDING_RUNS,
      maxPendingInputBytes: options.maxPendingInputBytes ?? DEFAULT_MAX_PENDING_INPUT_BYTES,
      runTimeLimitMs: options.runTimeLimitMs ?? 15 * 60_000,
      heartbeatIntervalMs,
      staleAfterMs,
      crashSweepIntervalMs: options.crashSweepIntervalMs ?? Math.max(50, Math.floor(staleAfterMs / 2)),
      outboxRetryIntervalMs: options.outboxRetryIntervalMs ?? 2000,
      logWriteTimeoutMs: options.logWriteTimeoutMs ?? 15_000,
      progressIntervalMs: options.progressIntervalMs ?? 1000,
      log: options.log ?? ((message) => console.warn(`[runner] ${message}`)),
    };
    this.outbox = new RunOutbox(options.outboxPath ?? null);
    this.peers = options.peers ?? null;
    this.executor = options.executor ?? null;
    this.executor?.bind(this.events);
    this.ready = this.startUp();
  }

  get poolSize(): number {
    return this.pool.threads;
  }

  get maxPendingRuns(): number {
    return this.settings.maxPendingRuns;
  }

  /**
   * A study's sizing LP on a worker thread. It holds a thread like a run does (the queue waits
   * for it), so sizing never oversubscribes the cores.
   */
  async sizeDesigns(task: SizingTask): Promise<{ component: string; field: string; value: number }[][]> {
    this.busyWorkers++;
    try {
      return await this.pool.size(task);
    } finally {
      this.busyWorkers--;
      this.pump();
    }
  }

  /** Counts for health checks and tests. */
  stats() {
    return {
      running: this.busyWorkers,
      queued: this.queue.length,
      held: this.jobs.size,
      pendingInputBytes: this.pendingInputBytes,
      outboxPending: this.outbox.size,
      outboxDeadLetters: this.outbox.deadLettered.length,
      poolGeneration: this.pool.generation,
    };
  }

  async runSimulation(request: RunRequest, runOptions: RunSimulationOptions = {}): Promise<RunOutcome> {
    const wait = runOptions.wait ?? true;
    if (this.closing) throw new RunnerClosedError();
    const prepared = await this.validate(request, runOptions);

    const key = prepared.idempotencyKey;
    if (key) {
      const earlier = await this.findByIdempotencyKey(key, wait);
      if (earlier) return earlier;
    }

    if (this.executor) return this.submitToExecutor(this.executor, prepared, runOptions, wait);

    if (this.closing) throw new RunnerClosedError();
    this.admitOrRefuse(prepared);
    if (key && this.jobsByKey.has(key)) return this.snapshotOrWait(this.jobsByKey.get(key)!, wait, [REPLAY_WARNING]);
    const job = this.admit(prepared, runOptions.timeLimitMs ?? this.settings.runTimeLimitMs);

    const insert: RunWrite = { kind: 'insert', at: new Date().toISOString(), run: newRunRow(job.id, prepared) };
    try {
      await this.write(job, insert);
    } catch (error) {
      // Only a unique violation escapes write(): two calls with one key raced in two processes.
      this.release(job);
      const earlier = key ? await this.findByIdempotencyKey(key, wait) : null;
      if (earlier) return earlier;
      throw error;
    }
    this.publish(job, 'QUEUED');
    if (job.stopReason) {
      void this.finish(job, stoppedResult(job.stopReason));
    } else {
      job.phase = 'queued';
      this.queue.push(job);
      this.pump();
    }
    return this.snapshotOrWait(job, wait, []);
  }

  /**
   * Stops a queued or running run (its worker is terminated) → CANCELLED. A live run this runner
   * does not hold is asked of the peers, if any; none holding it → RUNNING_ELSEWHERE.
   */
  async cancelRun(runId: string): Promise<CancelOutcome> {
    const held = this.cancelHeldRun(runId);
    if (held) return held;
    const run = await this.db.prisma.simulationRun.findUnique({ where: { id: runId } });
    if (!run) return { kind: 'NOT_FOUND' };
    if (run.status !== 'QUEUED' && run.status !== 'RUNNING') return { kind: 'ALREADY_FINISHED', run, outcome: null };
    if (this.executor) return this.executor.cancelRun(runId);
    const answer = this.peers ? await this.peers.cancelRun(runId) : null;
    if (!answer) return { kind: 'RUNNING_ELSEWHERE', run };
    const now = (await this.db.prisma.simulationRun.findUnique({ where: { id: runId } })) ?? run;
    if (answer.kind === 'ALREADY_FINISHED') return { kind: 'ALREADY_FINISHED', run: now, outcome: null };
    const outcome: RunOutcome = { run: answer.logDeferred ? null : now, runId, result: null, warnings: answer.warnings, logDeferred: answer.logDeferred };
    return { kind: 'CANCELLED', outcome };
  }

  /** True while this runner holds the run (admitting, queued, running or finishing). */
  holds(runId: string): boolean {
    return this.jobs.has(runId);
  }

  /**
   * cancelRun for a run this runner holds; null (synchronously decided) when it does not. What
   * a sibling process's request is answered with: it never asks the peers in turn.
   */
  cancelHeldRun(runId: string): Promise<CancelOutcome> | null {
    const job = this.jobs.get(runId);
    if (!job) return null;
    const stopped = this.stop(job, 'CANCELLED');
    return job.done.then((outcome) =>
      stopped && outcome.run?.status !== 'COMPLETED' && outcome.result === null
        ? { kind: 'CANCELLED', outcome }
        : { kind: 'ALREADY_FINISHED', run: outcome.run, outcome },
    );
  }

  /** Applies what waits in the outbox now; returns how many writes were applied and are left. */
  async flushOutbox(): Promise<{ applied: number; pending: number }> {
    const applied = await this.replayOutbox();
    return { applied, pending: this.outbox.size };
  }

  /** Marks runs whose heartbeat stopped as CRASHED now; returns their ids. */
  async sweepCrashedRuns(): Promise<string[]> {
    const crashed = await sweepCrashedRuns(this.db, {
      staleAfterMs: this.settings.staleAfterMs,
      heldRunIds: [...this.jobs.keys(), ...this.outbox.heldRunIds()],
    });
    for (const runId of crashed) {
      this.events.publish({ runId, studyId: null, status: 'CRASHED', at: new Date(), elapsedMs: null, errorCode: 'CRASHED', logged: true });
    }
    if (crashed.length > 0) {
      // A start-up after a crash of a busy server can find thousands: the first ids say which.
      const shown = crashed.slice(0, LOGGED_CRASHED_IDS).join(', ');
      const more = crashed.length > LOGGED_CRASHED_IDS ? ` and ${crashed.length - LOGGED_CRASHED_IDS} more` : '';
      this.settings.log(`marked ${crashed.length} abandoned run(s) CRASHED: ${shown}${more}`);
    }
    return crashed;
  }

  /**
   * Stops accepting runs, stops the queued and running ones (FAILED with SHUTDOWN), tries the
   * outbox once more, and ends the worker threads. What the outbox still holds stays on disk.
   */
  async close(): Promise<void> {
    this.closing = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.ready.catch(() => undefined);
    const held = [...this.jobs.values()];
    for (const job of held) this.stop(job, 'SHUTDOWN');
    await Promise.all(held.map((job) => job.done));
    await this.executor?.close();
    await this.replayOutbox().catch(() => undefined);
    await this.pool.destroy();
    this.outbox.close();
  }

  private async startUp(): Promise<void> {
    const every = (ms: number, task: () => Promise<unknown>) => {
      const timer = setInterval(() => void task().catch((error) => this.settings.log(shortErrorText(error))), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.settings.heartbeatIntervalMs, () => this.beat());
    every(this.settings.progressIntervalMs, async () => this.publishProgress());
    every(this.settings.outboxRetryIntervalMs, () => this.replayOutbox());
    if (!this.executor) every(this.settings.crashSweepIntervalMs, () => this.sweepCrashedRuns());
    // Order matters: a completion replayed from the outbox must land before the sweep judges
    // its run by a heartbeat that could not be written while the database was away.
    try {
      await this.replayOutbox();
      if (this.outbox.size === 0 && !this.executor) await this.sweepCrashedRuns();
    } catch (error) {
      this.settings.log(`start-up recovery deferred: ${shortErrorText(error)}`);
    }
  }

  /** Queue health: the executor's, or this process's own queue and threads. */
  async queueStats(): Promise<ExecutorStats & { execution: 'IN_PROCESS' | 'QUEUE' }> {
    if (this.executor) return { execution: 'QUEUE', ...(await this.executor.stats()) };
    return { execution: 'IN_PROCESS', queued: this.queue.length, active: this.busyWorkers, failed: 0, retried: 0, workers: [] };
  }

  private async submitToExecutor(executor: RunExecutor, prepared: PreparedRun, runOptions: RunSimulationOptions, wait: boolean): Promise<RunOutcome> {
    if (this.closing) throw new RunnerClosedError();
    const row = newRunRow(randomUUID(), prepared);
    try {
      return await executor.submit({ row, timeLimitMs: runOptions.timeLimitMs ?? this.settings.runTimeLimitMs }, { wait });
    } catch (error) {
      // Two calls with one idempotency key raced (in this or another API instance).
      const earlier = prepared.idempotencyKey && isUniqueViolation(error) ? await this.findByIdempotencyKey(prepared.idempotencyKey, wait) : null;
      if (earlier) return earlier;
      throw error;
    }
  }

  private admit(prepared: PreparedRun, timeLimitMs: number): Job {
    let resolve!: (outcome: RunOutcome) => void;
    const done = new Promise<RunOutcome>((r) => (resolve = r));
    const job: Job = {
      id: randomUUID(),
      prepared,
      phase: 'admitting',
      timeLimitMs,
      abort: new AbortController(),
      stopReason: null,
      startedAtMs: null,
      row: null,
      logDeferred: false,
      warnings: [],
      done,
      resolve,
    };
    this.jobs.set(job.id, job);
    this.pendingInputBytes += prepared.inputJson.length;
    if (prepared.idempotencyKey) this.jobsByKey.set(prepared.idempotencyKey, job);
    return job;
  }

  private release(job: Job): void {
    if (this.jobs.delete(job.id)) this.pendingInputBytes -= job.prepared.inputJson.length;
    const key = job.prepared.idempotencyKey;
    if (key && this.jobsByKey.get(key) === job) this.jobsByKey.delete(key);
  }

  private pump(): void {
    while (this.busyWorkers < this.pool.threads && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.busyWorkers++;
      void this.execute(job);
    }
  }

  private async execute(job: Job): Promise<void> {
    job.phase = 'running';
    job.startedAtMs = Date.now();
    let outcome: SimulationOutcome;
    const limit = setTimeout(() => this.stop(job, 'TIMEOUT'), job.timeLimitMs);
    try {
      await this.write(job, { kind: 'running', at: new Date().toISOString(), runId: job.id });
      this.publish(job, 'RUNNING');
      outcome = await this.pool.run({ systemJson: job.prepared.inputJson, options: job.prepared.options }, job.abort.signal);
      this.meanRunSeconds = 0.8 * this.meanRunSeconds + 0.2 * ((Date.now() - job.startedAtMs) / 1000);
    } catch (error) {
      outcome = job.stopReason
        ? stoppedResult(job.stopReason, job.timeLimitMs)
        : { ok: false, errorCode: 'INTERNAL', errorMessage: `simulation worker failed: ${shortErrorText(error)}` };
    } finally {
      clearTimeout(limit);
      // The worker is free before the final write: database latency must not idle a thread.
      this.busyWorkers--;
      this.pump();
    }
    await this.finish(job, outcome);
  }

  /** Asks a run to stop; false when it is already finishing. */
  private stop(job: Job, reason: StopReason): boolean {
    if (job.phase === 'finishing' || job.stopReason) return job.stopReason === reason;
    job.stopReason = reason;
    if (job.phase === 'queued') {
      this.queue.splice(this.queue.indexOf(job), 1);
      void this.finish(job, stoppedResult(reason));
    } else if (job.phase === 'running') {
      job.abort.abort(reason);
    }
    // 'admitting': runSimulation sees stopReason once the insert is written.
    return true;
  }

  private async finish(job: Job, outcome: SimulationOutcome): Promise<void> {
    job.phase = 'finishing';
    const now = new Date();
    const write: RunWrite = outcome.ok
      ? completeWrite(job.id, { kpis: outcome.kpis, stats: outcome.stats, warnings: outcome.warnings, series: outcome.series }, now, outcome.releaseSeries)
      : {
          kind: 'fail',
          at: now.toISOString(),
          runId: job.id,
          status: job.stopReason === 'CANCELLED' && !outcome.ok ? 'CANCELLED' : 'FAILED',
          errorCode: outcome.errorCode,
          errorMessage: outcome.errorMessage,
        };
    await this.write(job, write);

    const result: RunResultSummary | null = outcome.ok
      ? { engineVersion: outcome.engineVersion, kpis: outcome.kpis, stats: outcome.stats, ruleBasedStats: outcome.ruleBasedStats, warnings: outcome.warnings }
      : null;
    if (!outcome.ok && job.logDeferred) job.warnings.push(`simulation failed (${outcome.errorCode}): ${outcome.errorMessage}`);
    const final: RunOutcome = {
      run: job.logDeferred ? null : job.row,
      runId: job.id,
      result,
      warnings: job.warnings,
      logDeferred: job.logDeferred,
    };
    this.release(job);
    const key = job.prepared.idempotencyKey;
    if (key && job.logDeferred) this.heldByKey.set(key, final);
    const status = write.kind === 'complete' ? 'COMPLETED' : write.kind === 'fail' ? write.status : 'FAILED';
    this.publish(job, status, outcome.ok ? null : outcome.errorCode);
    job.resolve(final);
  }

  /**
   * Applies a run-log write now, or keeps it in the outbox when the database does not take it
   * (or when an earlier write of the same run is still waiting there: order per run is kept).
   */
  private async write(job: Job, write: RunWrite): Promise<void> {
    if (this.outbox.holds(job.id)) {
      this.outbox.append(write);
      releaseRunWrite(write);
      void this.replayOutbox();
      return;
    }
    const applying = applyRunWrite(this.db, write);
    // Borrowed series bytes go back only when the database call is over, even one that timed
    // out and is still reading them; the outbox has its own copy by then.
    const settled = () => releaseRunWrite(write);
    try {
      const row = await withTimeout(applying, this.settings.logWriteTimeoutMs, 'run-log write timed out');
      if (row) job.row = row;
    } catch (error) {
      if (write.kind === 'insert' && isUniqueViolation(error)) throw error;
      this.outbox.append(write);
      if (!job.logDeferred) {
        job.logDeferred = true;
        job.warnings.push(
          `run log unavailable (${shortErrorText(error)}): run ${job.id} is kept in the outbox and will be logged when the database answers`,
        );
      }
      this.settings.log(`run ${job.id}: ${write.kind} write deferred to the outbox: ${shortErrorText(error)}`);
    } finally {
      applying.then(settled, settled);
    }
  }

  private async replayOutbox(): Promise<number> {
    if (this.outbox.size === 0) return 0;
    const applied = await this.outbox.replay(
      (write) => withTimeout(applyRunWrite(this.db, write), this.settings.logWriteTimeoutMs, 'run-log write timed out'),
      async (error) => ((await isDatabaseOutage(this.db, error)) ? 'outage' : 'refused'),
    );
    for (const [key, outcome] of this.heldByKey) {
      if (!this.outbox.holds(outcome.runId)) this.heldByKey.delete(key);
    }
    if (applied > 0) this.settings.log(`outbox: ${applied} run-log write(s) applied, ${this.outbox.size} pending`);
    return applied;
  }

  private async beat(): Promise<void> {
    const ids = [...this.jobs.keys()].filter((id) => !this.outbox.holds(id));
    if (ids.length === 0) return;
    await touchHeartbeats(this.db, ids);
  }

  private publishProgress(): void {
    if (this.events.subscriberCount === 0) return;
    for (const job of this.jobs.values()) if (job.phase === 'running') this.publish(job, 'RUNNING');
  }

  private publish(job: Job, status: RunEvent['status'], errorCode: string | null = null): void {
    this.events.publish({
      runId: job.id,
      studyId: job.prepared.studyId,
      status,
      at: new Date(),
      elapsedMs: job.startedAtMs === null ? null : Date.now() - job.startedAtMs,
      errorCode,
      logged: !this.outbox.holds(job.id),
    });
  }

  private async findByIdempotencyKey(key: string, wait: boolean): Promise<RunOutcome | null> {
    const live = this.jobsByKey.get(key);
    if (live) return this.snapshotOrWait(live, wait, [REPLAY_WARNING]);
    const held = this.heldByKey.get(key);
    if (held) return { ...held, warnings: [REPLAY_WARNING, ...held.warnings] };
    let existing: RunRow | null;
    try {
      existing = await this.db.prisma.simulationRun.findUnique({ where: { idempotencyKey: key } });
    } catch (error) {
      // The database is away: this process's own runs were checked above; the run goes ahead
      // rather than fail, and the outbox keeps it even if another process ran the same key.
      if (await isDatabaseOutage(this.db, error)) return null;
      throw error;
    }
    return existing ? { run: existing, runId: existing.id, result: null, warnings: [REPLAY_WARNING], logDeferred: false } : null;
  }

  private async snapshotOrWait(job: Job, wait: boolean, warnings: string[]): Promise<RunOutcome> {
    if (wait) {
      const outcome = await job.done;
      return warnings.length > 0 ? { ...outcome, warnings: [...warnings, ...outcome.warnings] } : outcome;
    }
    return { run: job.logDeferred ? null : job.row, runId: job.id, result: null, warnings: [...warnings, ...job.warnings], logDeferred: job.logDeferred };
  }

  /**
   * Refuses a run past either admission bound. Synchronous from the check to admit()'s
   * reservation, so concurrent calls cannot overfill between them.
   */
  private admitOrRefuse(prepared: PreparedRun): void {
    const { maxPendingRuns, maxPendingInputBytes } = this.settings;
    if (this.jobs.size + 1 <= maxPendingRuns && this.pendingInputBytes + prepared.inputJson.length <= maxPendingInputBytes) return;
    // A slot opens when a worker finishes one of the runs ahead: about (queued / workers + 1) runs' time.
    const queued = Math.max(0, this.jobs.size - this.pool.threads);
    const retryAfterSeconds = Math.min(300, Math.max(1, Math.ceil((this.meanRunSeconds * (queued + 1)) / this.pool.threads)));
    throw new RunnerOverloadedError(
      { maxPendingRuns, pendingRuns: this.jobs.size, maxPendingInputBytes, pendingInputBytes: this.pendingInputBytes },
      retryAfterSeconds,
    );
  }

  private async validate(request: RunRequest, runOptions: RunSimulationOptions): Promise<PreparedRun> {
    const issues: ConfigIssue[] = [];
    const system = parseSystemConfig(request.system);
    if (!system.ok) issues.push(...system.issues.map((i) => ({ ...i, path: prefixPath('system', i.path) })));
    const options = parseSolverOptions(request.options ?? {});
    if (!options.ok) issues.push(...options.issues.map((i) => ({ ...i, path: prefixPath('options', i.path) })));

    const tags = request.tags ?? [];
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) {
      issues.push({ path: 'tags', message: 'must be a list of strings' });
    } else {
      if (tags.length > MAX_TAGS) issues.push({ path: 'tags', message: `at most ${MAX_TAGS} tags` });
      tags.forEach((tag, i) => {
        if (tag.trim().length === 0) issues.push({ path: `tags[${i}]`, message: 'must not be empty' });
        else if (tag.length > MAX_TAG_LENGTH) issues.push({ path: `tags[${i}]`, message: `at most ${MAX_TAG_LENGTH} characters` });
        else if (tags.indexOf(tag) !== i) issues.push({ path: `tags[${i}]`, message: `duplicate tag "${tag}"` });
      });
    }

    const metadata = request.metadata ?? {};
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      issues.push({ path: 'metadata', message: 'must be a JSON object' });
    } else if (Buffer.byteLength(JSON.stringify(metadata), 'utf8') > MAX_METADATA_BYTES) {
      issues.push({ path: 'metadata', message: `at most ${MAX_METADATA_BYTES} bytes of JSON` });
    }

    const timeLimitMs = runOptions.timeLimitMs;
    if (timeLimitMs !== undefined && !(Number.isFinite(timeLimitMs) && timeLimitMs > 0 && timeLimitMs <= 24 * 3600_000)) {
      issues.push({ path: 'timeLimitMs', message: 'must be a positive number of milliseconds, at most 24 h' });
    }

    const studyId = request.studyId ?? null;
    if (studyId !== null) {
      const study = await this.db.prisma.study.findUnique({ where: { id: studyId }, select: { id: true } });
      if (!study) issues.push({ path: 'studyId', message: `unknown study "${studyId}"` });
    }

    const idempotencyKey = request.idempotencyKey ?? null;
    if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      issues.push({ path: 'idempotencyKey', message: `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` });
    }

    if (issues.length > 0 || !system.ok || !options.ok) throw new RunInputError(issues);
    const config = system.config!;
    return {
      inputJson: JSON.stringify(config),
      systemName: config.name,
      timesteps: config.horizon?.timesteps ?? 8760,
      timestepHours: config.horizon?.timestepHours ?? 1,
      options: options.options as Record<string, unknown>,
      solver: (options.options.solver ?? 'RULE_BASED') as SolverKind,
      objective: options.options.objective ?? 'COST',
      tags: tags as string[],
      metadata: metadata as Record<string, unknown>,
      studyId,
      idempotencyKey,
      trial: request.trial ?? null,
      startedBy: request.startedBy ?? null,
    };
  }
}

function newRunRow(id: string, prepared: PreparedRun): NewRun {
  return {
    id,
    status: 'QUEUED',
    systemName: prepared.systemName,
    solver: prepared.solver,
    objective: prepared.objective,
    timesteps: prepared.timesteps,
    timestepHours: prepared.timestepHours,
    engineVersion: ENGINE_VERSION,
    studyId: prepared.studyId,
    inputJson: prepared.inputJson,
    optionsJson: JSON.stringify(prepared.options),
    tags: prepared.tags,
    metadataJson: JSON.stringify(prepared.metadata),
    idempotencyKey: prepared.idempotencyKey,
    trialIndex: prepared.trial?.index ?? null,
    parameters: prepared.trial?.parameters ?? [],
    startedBy: prepared.startedBy,
  };
}

function stoppedResult(reason: StopReason, timeLimitMs?: number): SimulationTaskResult {
  const messages: Record<StopReason, string> = {
    TIMEOUT: `the run exceeded its time limit of ${((timeLimitMs ?? 0) / 1000).toFixed(1)} s and was stopped`,
    CANCELLED: 'cancelled by request',
    SHUTDOWN: 'the server shut down before the run finished',
  };
  return { ok: false, errorCode: STOP_CODES[reason], errorMessage: messages[reason] };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function prefixPath(prefix: string, path: string): string {
  if (!path) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}
