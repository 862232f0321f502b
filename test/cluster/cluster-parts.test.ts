// The pieces of cluster mode that need no processes: WEB_CONCURRENCY parsing, the share of
// cores, outbox file names and the folding of retired workers' outboxes, and the run relay
// (primary switchboard + worker links) over in-memory channels.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseWebConcurrency, threadsPerProcess } from '../../src/cluster/concurrency.js';
import type { PrimaryMessage, WorkerMessage } from '../../src/cluster/messages.js';
import { foldRetiredOutboxes, retiredOutboxPaths, workerOutboxPath } from '../../src/cluster/outbox-files.js';
import { ClusterRelay } from '../../src/cluster/relay.js';
import { WorkerLink, type LinkedRunner } from '../../src/cluster/worker-link.js';
import { RunOutbox } from '../../src/runner/outbox.js';
import { RunEvents, type RunEvent } from '../../src/runner/run-events.js';
import { SimulationRunner, type CancelOutcome, type RunOutcome } from '../../src/runner/runner.js';
import type { RunWrite } from '../../src/runner/run-writes.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { quiet, SLOW_OPTIONS, until, yearSystem } from '../lifecycle/support/systems.js';

describe('WEB_CONCURRENCY', () => {
  it('unset, empty or 1 is one process; N is N; auto is one per core', () => {
    expect(parseWebConcurrency(undefined, 8)).toBe(1);
    expect(parseWebConcurrency('', 8)).toBe(1);
    expect(parseWebConcurrency('1', 8)).toBe(1);
    expect(parseWebConcurrency(' 3 ', 8)).toBe(3);
    expect(parseWebConcurrency('auto', 8)).toBe(8);
    expect(parseWebConcurrency('AUTO', 2)).toBe(2);
  });

  it.each(['0', '-1', '1.5', '2e1', 'two', 'auto2', '0x2'])('"%s" is a clear error', (value) => {
    expect(() => parseWebConcurrency(value, 8)).toThrow(`WEB_CONCURRENCY must be a positive integer or "auto" (got "${value}")`);
  });

  it('processes share the cores for simulation threads, at least one each', () => {
    expect(threadsPerProcess(2, 8)).toBe(4);
    expect(threadsPerProcess(3, 8)).toBe(2);
    expect(threadsPerProcess(4, 2)).toBe(1);
    expect(threadsPerProcess(1, 6)).toBe(6);
  });
});

const running = (runId: string, at = '2026-01-01T00:00:00.000Z'): RunWrite => ({ kind: 'running', at, runId });
const failed = (runId: string): RunWrite => ({ kind: 'fail', at: '2026-01-01T00:00:01.000Z', runId, status: 'CANCELLED', errorCode: 'CANCELLED', errorMessage: 'x' });
const idOf = (w: RunWrite) => (w.kind === 'insert' ? w.run.id : w.runId);

describe('outbox files per worker', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-cluster-outbox-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Writes an outbox file through RunOutbox itself, as a worker would have. */
  const leave = (file: string, writes: RunWrite[]) => {
    const outbox = new RunOutbox(file);
    for (const write of writes) outbox.append(write);
    outbox.close();
  };

  it('worker 1 uses the base file, worker i > 1 a .w<i> name next to it', () => {
    expect(workerOutboxPath('data/run-outbox.jsonl', 1)).toBe('data/run-outbox.jsonl');
    expect(workerOutboxPath('data/run-outbox.jsonl', 2)).toBe(path.join('data', 'run-outbox.w2.jsonl'));
    expect(workerOutboxPath('/var/eco/outbox', 12)).toBe('/var/eco/outbox.w12');
    expect(workerOutboxPath('outbox.jsonl', 3)).toBe('outbox.w3.jsonl');
  });

  it('finds only the files of workers above N, lowest first', () => {
    const base = path.join(dir, 'run-outbox.jsonl');
    for (const name of ['run-outbox.jsonl', 'run-outbox.w2.jsonl', 'run-outbox.w3.jsonl', 'run-outbox.w10.jsonl', 'run-outbox.w4.jsonl.dead', 'other.w5.jsonl', 'run-outbox.wx.jsonl']) {
      fs.writeFileSync(path.join(dir, name), '');
    }
    expect(retiredOutboxPaths(base, 2)).toEqual([path.join(dir, 'run-outbox.w3.jsonl'), path.join(dir, 'run-outbox.w10.jsonl')]);
    expect(retiredOutboxPaths(base, 1)).toHaveLength(3);
    expect(retiredOutboxPaths(base, 10)).toEqual([]);
    expect(retiredOutboxPaths(path.join(dir, 'missing', 'x.jsonl'), 1)).toEqual([]);
  });

  it('folds retired workers\' entries into worker 1\'s file: RunOutbox loads them all, per-run order kept, seq renumbered', () => {
    const base = path.join(dir, 'run-outbox.jsonl');
    leave(base, [running('a'), failed('a')]);
    leave(workerOutboxPath(base, 2), [running('keep-2')]); // worker 2 still exists with N = 2
    leave(workerOutboxPath(base, 3), [running('c', '2026-01-01T00:00:02.000Z'), failed('c'), running('d')]);
    leave(workerOutboxPath(base, 4), [running('e')]);
    // A torn last line in a retired file (crash mid-append) is dropped, as RunOutbox does.
    fs.appendFileSync(workerOutboxPath(base, 4), '{"seq": 2, "wri');
    fs.writeFileSync(`${workerOutboxPath(base, 3)}.dead`, '{"raw":"x"}\n');

    const folded = foldRetiredOutboxes(base, 2);
    expect(folded).toEqual({ files: [workerOutboxPath(base, 3), workerOutboxPath(base, 4)], moved: 4 });
    expect(fs.existsSync(workerOutboxPath(base, 3))).toBe(false);
    expect(fs.existsSync(workerOutboxPath(base, 4))).toBe(false);
    expect(fs.existsSync(`${workerOutboxPath(base, 3)}.dead`)).toBe(false);
    expect(fs.readFileSync(`${base}.dead`, 'utf8')).toBe('{"raw":"x"}\n');
    expect(fs.existsSync(workerOutboxPath(base, 2))).toBe(true);

    const lines = fs.readFileSync(base, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const reopened = new RunOutbox(base);
    try {
      expect(reopened.pending.map(idOf)).toEqual(['a', 'a', 'c', 'c', 'd', 'e']);
      expect(reopened.pending[2]).toEqual(running('c', '2026-01-01T00:00:02.000Z'));
      expect(reopened.pending[3]).toEqual(failed('c'));
      expect(reopened.holds('e')).toBe(true);
    } finally {
      reopened.close();
    }
    // Nothing left to fold the second time.
    expect(foldRetiredOutboxes(base, 2)).toEqual({ files: [], moved: 0 });
  });

  it('folding into a worker 1 file that does not exist yet creates it', () => {
    const base = path.join(dir, 'nested', 'run-outbox.jsonl');
    fs.mkdirSync(path.dirname(base));
    leave(workerOutboxPath(base, 2), [running('x'), running('y')]);
    expect(foldRetiredOutboxes(base, 1).moved).toBe(2);
    const reopened = new RunOutbox(base);
    expect(reopened.pending.map(idOf)).toEqual(['x', 'y']);
    reopened.close();
  });
});

/** A cluster in memory: one relay, `n` worker links with fake runners, synchronous channels. */
function memoryCluster(n: number, answerTimeoutMs = 200) {
  const relay = new ClusterRelay();
  const toWorker = new Map<number, (message: unknown) => void>();
  const sent: { from: number; message: WorkerMessage }[] = [];
  const workers = Array.from({ length: n }, (_, i) => {
    const id = i + 1;
    const listeners = new Set<(message: unknown) => void>();
    toWorker.set(id, (message) => queueMicrotask(() => listeners.forEach((l) => l(structuredClone(message)))));
    const link = new WorkerLink(
      {
        send: (message) => {
          sent.push({ from: id, message });
          queueMicrotask(() => relay.handle(id, structuredClone(message)));
        },
        onMessage: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      { answerTimeoutMs },
    );
    const held = new Map<string, { kind: CancelOutcome['kind']; delayMs: number }>();
    const runner: LinkedRunner & { held: typeof held } = {
      events: new RunEvents(),
      held,
      cancelHeldRun(runId) {
        const job = held.get(runId);
        if (!job) return null;
        held.delete(runId);
        const outcome: RunOutcome = { run: null, runId, result: null, warnings: ['w'], logDeferred: true };
        return new Promise((resolve) =>
          setTimeout(() => resolve(job.kind === 'CANCELLED' ? { kind: 'CANCELLED', outcome } : { kind: 'ALREADY_FINISHED', run: null, outcome }), job.delayMs),
        );
      },
    };
    link.attach(runner);
    relay.add(id, (message: PrimaryMessage) => toWorker.get(id)!(message));
    return { id, link, runner };
  });
  return { relay, workers, sent };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const event = (runId: string, status: RunEvent['status']): RunEvent => ({
  runId,
  studyId: null,
  status,
  at: new Date('2026-02-03T04:05:06.789Z'),
  elapsedMs: 12,
  errorCode: null,
  logged: true,
});

describe('run relay between workers', () => {
  it('an event published by one worker reaches every other worker once, Dates revived, never echoed back', async () => {
    const { workers, sent } = memoryCluster(3);
    const seen = workers.map(() => [] as RunEvent[]);
    workers.forEach((w, i) => w.runner.events.subscribe((e) => seen[i]!.push(e)));
    workers[0]!.runner.events.publish(event('r1', 'RUNNING'));
    workers[2]!.runner.events.publish(event('r2', 'COMPLETED'));
    await settle();
    // Own events synchronously, the others' a moment later.
    for (const events of seen) expect(events.map((e) => e.runId).sort()).toEqual(['r1', 'r2']);
    expect(seen[1]![0]!.at).toBeInstanceOf(Date);
    expect(seen[1]![0]).toEqual(event('r1', 'RUNNING'));
    // Only the two originals went to the primary: relayed events are not sent again.
    expect(sent.filter((s) => s.message.type === 'eco:run-event')).toHaveLength(2);
  });

  it('cancelRun reaches the sibling that holds the run, and its answer comes back', async () => {
    const { workers } = memoryCluster(3);
    workers[2]!.runner.held.set('run-x', { kind: 'CANCELLED', delayMs: 50 });
    expect(await workers[0]!.link.cancelRun('run-x')).toEqual({ kind: 'CANCELLED', logDeferred: true, warnings: ['w'] });
    workers[1]!.runner.held.set('run-y', { kind: 'ALREADY_FINISHED', delayMs: 0 });
    expect(await workers[2]!.link.cancelRun('run-y')).toMatchObject({ kind: 'ALREADY_FINISHED' });
  });

  it('a cancel held longer than the answer timeout still returns the holder\'s answer (the timeout is for "who holds it")', async () => {
    const { workers } = memoryCluster(2, 50);
    workers[1]!.runner.held.set('slow', { kind: 'CANCELLED', delayMs: 300 });
    expect(await workers[0]!.link.cancelRun('slow')).toMatchObject({ kind: 'CANCELLED' });
  });

  it('no sibling holds it: null at once; no sibling at all: null at once', async () => {
    const { workers } = memoryCluster(3, 10_000);
    const started = Date.now();
    expect(await workers[0]!.link.cancelRun('nobody')).toBeNull();
    const alone = memoryCluster(1, 10_000);
    expect(await alone.workers[0]!.link.cancelRun('nobody')).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('siblings that never answer: null after the answer timeout', async () => {
    const relay = new ClusterRelay();
    const link = new WorkerLink({ send: (m) => relay.handle(1, m), onMessage: () => () => undefined }, { answerTimeoutMs: 100 });
    relay.add(1, () => undefined);
    relay.add(2, () => undefined); // a sibling that swallows the request
    const started = Date.now();
    expect(await link.cancelRun('r')).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('a sibling that exits while others have not answered, or while cancelling, does not leave the requester waiting', async () => {
    const { relay, workers } = memoryCluster(3, 10_000);
    // Worker 3 holds the run and is cancelling it when its process is gone.
    workers[2]!.runner.held.set('r', { kind: 'CANCELLED', delayMs: 5_000 });
    const pending = workers[0]!.link.cancelRun('r');
    await settle();
    relay.remove(3);
    expect(await pending).toBeNull();
  });
});

describe('two SimulationRunners on one database, linked like two cluster workers', () => {
  let db: TestDatabase;
  const runners: SimulationRunner[] = [];
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    for (const runner of runners) await runner.close();
    await db?.drop();
  });

  /** Runners whose WorkerLinks talk through one in-memory relay (JSON, as over IPC). */
  function linkedRunners(n: number) {
    const relay = new ClusterRelay();
    return Array.from({ length: n }, (_, i) => {
      const id = i + 1;
      const listeners = new Set<(message: unknown) => void>();
      const link = new WorkerLink({
        send: (message) => setImmediate(() => relay.handle(id, JSON.parse(JSON.stringify(message)))),
        onMessage: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      });
      const runner = new SimulationRunner(db, { poolSize: 1, peers: link, log: quiet });
      link.attach(runner);
      relay.add(id, (message) => setImmediate(() => listeners.forEach((l) => l(JSON.parse(JSON.stringify(message))))));
      runners.push(runner);
      return runner;
    });
  }

  it('cancelRun on the runner that does not hold the run cancels it on the one that does; events cross over', async () => {
    const [a, b] = linkedRunners(2);
    const seenOnB: RunEvent[] = [];
    b!.events.subscribe((e) => seenOnB.push(e));
    const started = await a!.runSimulation({ system: yearSystem('Held by A'), options: SLOW_OPTIONS }, { wait: false });
    await until(() => a!.stats().running === 1, 30_000);
    expect(b!.holds(started.runId)).toBe(false);
    const cancelled = await b!.cancelRun(started.runId);
    expect(cancelled.kind).toBe('CANCELLED');
    if (cancelled.kind !== 'CANCELLED') throw new Error('unreachable');
    expect(cancelled.outcome.run).toMatchObject({ id: started.runId, status: 'CANCELLED', errorCode: 'CANCELLED' });
    expect(a!.holds(started.runId)).toBe(false);
    await until(() => seenOnB.some((e) => e.runId === started.runId && e.status === 'CANCELLED'));
    expect(seenOnB.filter((e) => e.runId === started.runId).map((e) => e.status)).toEqual(expect.arrayContaining(['QUEUED', 'RUNNING', 'CANCELLED']));
    expect(seenOnB.every((e) => e.at instanceof Date)).toBe(true);
    // Finished now, wherever it is asked.
    expect((await b!.cancelRun(started.runId)).kind).toBe('ALREADY_FINISHED');
    expect((await a!.cancelRun(started.runId)).kind).toBe('ALREADY_FINISHED');
  });

  it('a live run no sibling holds (another instance, or a dead process) stays RUNNING_ELSEWHERE', async () => {
    const [a] = linkedRunners(2);
    const lone = new SimulationRunner(db, { poolSize: 1, log: quiet }); // not linked: another instance
    runners.push(lone);
    const started = await lone.runSimulation({ system: yearSystem('Held elsewhere'), options: SLOW_OPTIONS }, { wait: false });
    await until(() => lone.stats().running === 1, 30_000);
    expect((await a!.cancelRun(started.runId)).kind).toBe('RUNNING_ELSEWHERE');
    expect((await lone.cancelRun(started.runId)).kind).toBe('CANCELLED');
  });
});
