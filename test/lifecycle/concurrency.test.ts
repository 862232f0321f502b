// 200 simultaneous runSimulation calls through one runner: every one admitted, logged once and
// COMPLETED, and no database contention (SQLITE_BUSY, deadlock) reaches a caller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulationRunner } from '../../src/runner/runner.js';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../support/databases.js';
import { houseSystem } from './support/systems.js';

const CALLS = 200;

describe.each(PROVIDERS)('200 concurrent runs on %s', (provider) => {
  let db: TestDatabase;
  let runner: SimulationRunner;
  const logged: string[] = [];
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    runner = new SimulationRunner(db, { poolSize: 2, maxPendingRuns: CALLS, log: (m) => logged.push(m) });
  });
  afterAll(async () => {
    await runner?.close();
    await db?.drop();
  });

  it('gives exactly 200 COMPLETED rows and no contention errors', async () => {
    const study = await db.prisma.study.create({ data: { name: 'concurrency' } });
    const outcomes = await Promise.all(
      Array.from({ length: CALLS }, (_, i) =>
        runner.runSimulation({ system: houseSystem(`Concurrent ${i}`), studyId: study.id, tags: [`n${i % 7}`] }),
      ),
    );
    for (const outcome of outcomes) {
      expect(outcome.warnings).toEqual([]);
      expect(outcome.logDeferred).toBe(false);
      expect(outcome.run!.status).toBe('COMPLETED');
    }
    expect(new Set(outcomes.map((o) => o.runId)).size).toBe(CALLS);
    const rows = await db.prisma.simulationRun.groupBy({ by: ['status'], where: { studyId: study.id }, _count: true });
    expect(rows).toEqual([{ status: 'COMPLETED', _count: CALLS }]);
    expect(await db.prisma.runResult.count({ where: { run: { studyId: study.id } } })).toBe(CALLS);
    expect(logged.filter((m) => /deferred|BUSY|deadlock/i.test(m))).toEqual([]);
    expect(runner.stats()).toMatchObject({ running: 0, queued: 0, held: 0, outboxPending: 0 });
  });
});
