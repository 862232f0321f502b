// Queue, wait:false, time limits, cancellation, live events, responsiveness and worker
// recycling of the SimulationRunner, against a real SQLite file and a real PostgreSQL database.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RunnerOverloadedError, SimulationRunner, type SimulationRunnerOptions } from '../../src/runner/runner.js';
import type { RunEvent } from '../../src/runner/run-events.js';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../support/databases.js';
import { houseSystem, quiet, SLOW_OPTIONS, until, yearSystem } from './support/systems.js';

describe.each(PROVIDERS)('run lifecycle on %s', (provider) => {
  let db: TestDatabase;
  const runners: SimulationRunner[] = [];
  const newRunner = (options: SimulationRunnerOptions = {}) => {
    const runner = new SimulationRunner(db, { poolSize: 1, log: quiet, ...options });
    runners.push(runner);
    return runner;
  };
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.close()));
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('wait: false returns the QUEUED run at once; events and the log then show RUNNING and COMPLETED', async () => {
    const runner = newRunner();
    const events: RunEvent[] = [];
    runner.events.subscribe((e) => events.push(e));
    const queued = await runner.runSimulation({ system: houseSystem('Async') }, { wait: false });
    expect(queued.run!.status).toBe('QUEUED');
    expect(queued.result).toBeNull();
    // The row commits (in the SQLite writer thread) a moment before the runner hears of it and
    // publishes COMPLETED: wait for the event, then the log must agree.
    await until(async () => events.some((e) => e.runId === queued.runId && e.status === 'COMPLETED'));
    expect((await db.prisma.simulationRun.findUniqueOrThrow({ where: { id: queued.runId } })).status).toBe('COMPLETED');
    const logged = await db.prisma.simulationRun.findUniqueOrThrow({ where: { id: queued.runId } });
    expect(logged.totalCostEur).not.toBeNull();
    expect(logged.startedAt).not.toBeNull();
    const statuses = events.filter((e) => e.runId === queued.runId).map((e) => e.status);
    expect(statuses[0]).toBe('QUEUED');
    expect(statuses).toContain('RUNNING');
    expect(statuses.at(-1)).toBe('COMPLETED');
  });

  it('refuses a run beyond MAX_PENDING_RUNS with OVERLOADED and writes nothing for it', async () => {
    const runner = newRunner({ maxPendingRuns: 2 });
    const before = await db.prisma.simulationRun.count();
    const attempts = await Promise.allSettled(
      [1, 2, 3, 4].map((i) => runner.runSimulation({ system: yearSystem(`Full ${i}`), options: SLOW_OPTIONS }, { wait: false })),
    );
    const admitted = attempts.filter((a) => a.status === 'fulfilled');
    const refused = attempts.filter((a) => a.status === 'rejected').map((a) => (a as PromiseRejectedResult).reason);
    expect(admitted).toHaveLength(2);
    expect(refused).toHaveLength(2);
    for (const error of refused) {
      expect(error).toBeInstanceOf(RunnerOverloadedError);
      expect((error as RunnerOverloadedError).code).toBe('OVERLOADED');
      expect((error as RunnerOverloadedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    expect(await db.prisma.simulationRun.count()).toBe(before + 2);
    // Cancelling frees the places: the next run is admitted.
    for (const a of admitted) await runner.cancelRun((a as PromiseFulfilledResult<{ runId: string }>).value.runId);
    const after = await runner.runSimulation({ system: houseSystem('After full') });
    expect(after.run!.status).toBe('COMPLETED');
  });

  it('cancels a running run (terminating its worker) and a queued one, and keeps working', async () => {
    const runner = newRunner();
    const running = await runner.runSimulation({ system: yearSystem('Cancel running'), options: SLOW_OPTIONS }, { wait: false });
    const queued = await runner.runSimulation({ system: houseSystem('Cancel queued') }, { wait: false });
    await until(() => runner.stats().running === 1);

    // The queued one first: cancelling the running one frees the worker for it.
    expect((await runner.cancelRun(queued.runId)).kind).toBe('CANCELLED');
    expect((await runner.cancelRun(running.runId)).kind).toBe('CANCELLED');

    const rows = await db.prisma.simulationRun.findMany({ where: { id: { in: [running.runId, queued.runId] } } });
    for (const row of rows) {
      expect(row.status).toBe('CANCELLED');
      expect(row.errorCode).toBe('CANCELLED');
      expect(row.finishedAt).not.toBeNull();
    }
    expect(rows.find((r) => r.id === queued.runId)!.startedAt).toBeNull();
    expect(await db.prisma.runResult.count({ where: { runId: { in: [running.runId, queued.runId] } } })).toBe(0);

    expect((await runner.cancelRun(running.runId)).kind).toBe('ALREADY_FINISHED');
    expect((await runner.cancelRun('00000000-0000-4000-8000-000000000000')).kind).toBe('NOT_FOUND');
    expect((await runner.runSimulation({ system: houseSystem('After cancel') })).run!.status).toBe('COMPLETED');
  });

  it('stops a run over its time limit as FAILED with TIMEOUT', async () => {
    const runner = newRunner();
    const outcome = await runner.runSimulation({ system: yearSystem('Too slow'), options: SLOW_OPTIONS }, { timeLimitMs: 200 });
    expect(outcome.result).toBeNull();
    expect(outcome.run!.status).toBe('FAILED');
    expect(outcome.run!.errorCode).toBe('TIMEOUT');
    expect(outcome.run!.errorMessage).toMatch(/time limit of 0\.2 s/);
    expect((await runner.runSimulation({ system: houseSystem('After timeout') })).run!.status).toBe('COMPLETED');
  });

  it('answers run queries while a year-long optimal solve runs in a worker', async () => {
    const runner = newRunner();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const slow = runner.runSimulation({ system: yearSystem('Busy worker'), options: SLOW_OPTIONS });
    let settled = false;
    void slow.then(() => (settled = true));
    await until(() => runner.stats().running === 1);
    loop.enable();
    const queries: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      await db.prisma.simulationRun.findMany({ orderBy: { createdAt: 'desc' }, take: 20 });
      queries.push(!settled);
    }
    loop.disable();
    // Every query answered while the solve was still going: it never held the event loop.
    expect(queries).toEqual([true, true, true, true, true]);
    expect(loop.max / 1e6).toBeLessThan(250);
    const [id] = [...(await db.prisma.simulationRun.findMany({ where: { systemName: 'Busy worker' }, select: { id: true } }))];
    await runner.cancelRun(id!.id);
    await slow;
  });

  it('replaces the worker pool once a worker reports a WASM heap above the limit', async () => {
    const runner = newRunner({ recycleAboveWasmBytes: 1 });
    const first = await runner.runSimulation({ system: houseSystem('Heap'), options: { solver: 'OPTIMAL' } });
    expect(first.run!.status).toBe('COMPLETED');
    expect(runner.stats().poolGeneration).toBe(1);
    const second = await runner.runSimulation({ system: houseSystem('Fresh pool'), options: { solver: 'OPTIMAL' } });
    expect(second.run!.status).toBe('COMPLETED');
    expect(second.run!.totalCostEur).toBe(first.run!.totalCostEur);
  });

  it('a retry with the same idempotency key while the first call runs waits for that run', async () => {
    const runner = newRunner();
    const key = `retry-${provider}`;
    const first = await runner.runSimulation({ system: houseSystem('Retried'), idempotencyKey: key }, { wait: false });
    const retry = await runner.runSimulation({ system: houseSystem('Retried'), idempotencyKey: key });
    expect(retry.runId).toBe(first.runId);
    expect(retry.run!.status).toBe('COMPLETED');
    expect(retry.warnings[0]).toMatch(/idempotency key seen before/);
    expect(await db.prisma.simulationRun.count({ where: { idempotencyKey: key } })).toBe(1);
  });
});
