// The cluster primary (WEB_CONCURRENCY=N, N ≥ 2): migrates the database once, folds outbox
// files of retired workers, forks N workers that all serve PORT (node:cluster hands them the
// connections), restarts one that dies unexpectedly (with a growing backoff), relays run events
// and cancels between them (relay.ts), and on SIGINT/SIGTERM asks every worker to shut down
// gracefully, killing those still running after a timeout. It serves nothing itself.
import cluster, { type Worker } from 'node:cluster';
import { migrateDatabase } from '../db/migrate.js';
import { databaseTarget } from '../db/target.js';
import { isWorkerMessage, WORKER_COUNT_ENV, WORKER_INDEX_ENV, type PrimaryMessage } from './messages.js';
import { foldRetiredOutboxes, outboxBasePath } from './outbox-files.js';
import { ClusterRelay } from './relay.js';

export interface PrimaryOptions {
  workers: number;
  /** First restart delay after a crash; doubles per crash in a row, up to maxRestartDelayMs. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** A worker that ran this long before dying starts its backoff afresh. */
  stableAfterMs?: number;
  /** How long workers get to shut down before they are killed. */
  shutdownTimeoutMs?: number;
  log?: (message: string) => void;
}

/** One worker index (1..N): the process serving it now, and its crash history. */
interface Slot {
  index: number;
  worker: Worker | null;
  startedAt: number;
  ready: boolean;
  /** Has any process of this slot ever been ready? (If the first one fails, the start failed.) */
  everReady: boolean;
  crashesInARow: number;
  restartTimer: NodeJS.Timeout | null;
}

export async function runPrimary(options: PrimaryOptions): Promise<void> {
  const log = options.log ?? ((message: string) => console.warn(`[primary] ${message}`));
  const target = databaseTarget(process.env.DATABASE_URL);
  await migrateDatabase(target.url);
  const folded = foldRetiredOutboxes(outboxBasePath(), options.workers);
  if (folded.files.length > 0) {
    log(`outbox: ${folded.moved} deferred run-log write(s) of retired workers moved from ${folded.files.join(', ')} to worker 1`);
  }
  const supervisor = new Supervisor(options, log);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void supervisor.shutdown().then((code) => process.exit(code));
    });
  }
  supervisor.start((code) => process.exit(code));
}

class Supervisor {
  private readonly slots: Slot[];
  private readonly relay = new ClusterRelay();
  private stopping = false;
  private announced = false;
  private fail: (code: number) => void = () => undefined;

  constructor(
    private readonly options: PrimaryOptions,
    private readonly log: (message: string) => void,
  ) {
    this.slots = Array.from({ length: options.workers }, (_, i) => ({
      index: i + 1,
      worker: null,
      startedAt: 0,
      ready: false,
      everReady: false,
      crashesInARow: 0,
      restartTimer: null,
    }));
  }

  /** Forks every worker; `exit` is called if the cluster cannot start (a first worker failed). */
  start(exit: (code: number) => void): void {
    this.fail = exit;
    for (const slot of this.slots) this.fork(slot);
  }

  /** Asks every worker to stop, waits (at most shutdownTimeoutMs), then kills the rest. */
  async shutdown(): Promise<number> {
    this.stopping = true;
    const live: Worker[] = [];
    for (const slot of this.slots) {
      if (slot.restartTimer) clearTimeout(slot.restartTimer);
      slot.restartTimer = null;
      if (slot.worker && !isGone(slot.worker)) live.push(slot.worker);
    }
    const exited = live.map((worker) => new Promise<void>((resolve) => (isGone(worker) ? resolve() : worker.once('exit', () => resolve()))));
    for (const worker of live) send(worker, { type: 'eco:shutdown' });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.shutdownTimeoutMs ?? 30_000);
    });
    const result = await Promise.race([Promise.all(exited), timedOut]);
    clearTimeout(timer);
    if (result !== 'timeout') return 0;
    const stuck = live.filter((worker) => !isGone(worker));
    this.log(`${stuck.length} worker(s) did not stop in time: killing ${stuck.map((w) => w.process.pid).join(', ')}`);
    for (const worker of stuck) worker.process.kill('SIGKILL');
    await Promise.all(exited);
    return 1;
  }

  private fork(slot: Slot): void {
    slot.restartTimer = null;
    if (this.stopping) return;
    const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(slot.index), [WORKER_COUNT_ENV]: String(this.slots.length) });
    slot.worker = worker;
    slot.startedAt = Date.now();
    slot.ready = false;
    worker.on('message', (message: unknown) => {
      if (!isWorkerMessage(message)) return;
      if (message.type === 'eco:ready') return this.onReady(slot, worker, message.url, message.where);
      this.relay.handle(worker.id, message);
    });
    // A send to a worker whose channel just closed is reported here; its 'exit' follows.
    worker.on('error', (error) => this.log(`worker ${slot.index} (pid ${worker.process.pid}): ${error.message}`));
    worker.once('exit', (code, signal) => this.onExit(slot, worker, code, signal));
  }

  private onReady(slot: Slot, worker: Worker, url: string, where: string): void {
    if (slot.worker !== worker) return;
    const again = slot.everReady;
    slot.ready = true;
    slot.everReady = true;
    this.relay.add(worker.id, (message) => send(worker, message));
    if (again) this.log(`worker ${slot.index} (pid ${worker.process.pid}) is serving again`);
    if (!this.announced && this.slots.every((s) => s.ready)) {
      this.announced = true;
      console.log(`EcoSystemiser on ${where}, ${this.slots.length} worker processes: GraphiQL at ${url}`);
    }
  }

  private onExit(slot: Slot, worker: Worker, code: number | null, signal: string | null): void {
    this.relay.remove(worker.id);
    if (slot.worker !== worker) return;
    slot.worker = null;
    slot.ready = false;
    if (this.stopping) return;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!slot.everReady) {
      // The first process of this slot never served: the configuration or the environment is
      // wrong (port taken, database unreachable…), and restarting would loop.
      this.log(`worker ${slot.index} (pid ${worker.process.pid}) failed to start (${how}); stopping the cluster`);
      void this.shutdown().then(() => this.fail(1));
      return;
    }
    const livedMs = Date.now() - slot.startedAt;
    slot.crashesInARow = livedMs >= (this.options.stableAfterMs ?? 60_000) ? 1 : slot.crashesInARow + 1;
    const delay = Math.min(
      this.options.maxRestartDelayMs ?? 30_000,
      (this.options.restartDelayMs ?? 1_000) * 2 ** (slot.crashesInARow - 1),
    );
    this.log(`worker ${slot.index} (pid ${worker.process.pid}) exited unexpectedly (${how}); restarting it in ${(delay / 1000).toFixed(1)} s`);
    slot.restartTimer = setTimeout(() => this.fork(slot), delay);
  }
}

function isGone(worker: Worker): boolean {
  return worker.isDead() || worker.process.exitCode !== null || worker.process.signalCode !== null;
}

function send(worker: Worker, message: PrimaryMessage): void {
  // With a callback, a closed channel is reported there instead of as an 'error' event.
  if (worker.isConnected()) worker.send(message, undefined, () => undefined);
}
