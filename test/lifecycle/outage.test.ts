// The database goes away while runs run: PostgreSQL behind a TCP proxy that resets every
// connection, SQLite locked by another writer beyond its busy timeout. The caller still gets
// the result; the writes wait in the durable outbox and land, with the same KPIs, once the
// database answers again — in this process or the next one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/client.js';
import { SimulationRunner, type RunOutcome } from '../../src/runner/runner.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { houseSystem, quiet, until } from './support/systems.js';
import { proxiedPostgres, type ProxiedPostgres } from './support/proxied-postgres.js';
import type { TcpProxy } from './support/tcp-proxy.js';

const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-outbox-'));
afterAll(() => fs.rmSync(outboxDir, { recursive: true, force: true }));

/** The logged row carries exactly the KPIs the caller was given, with its series. */
async function expectLoggedAsReturned(db: TestDatabase, outcome: RunOutcome) {
  const row = await db.prisma.simulationRun.findUniqueOrThrow({ where: { id: outcome.runId } });
  expect(row.status).toBe('COMPLETED');
  for (const [name, value] of Object.entries(outcome.result!.kpis)) {
    expect((row as unknown as Record<string, unknown>)[name], name).toBe(Number.isFinite(value) ? value : null);
  }
  expect(await db.prisma.runResult.count({ where: { runId: outcome.runId } })).toBe(1);
  expect(row.startedAt!.getTime()).toBeLessThanOrEqual(row.finishedAt!.getTime());
}

describe('PostgreSQL unreachable (connections reset by a proxy)', () => {
  let postgres: ProxiedPostgres;
  let db: TestDatabase;
  let proxy: TcpProxy;
  let viaProxy: DbHandle;
  beforeAll(async () => {
    postgres = await proxiedPostgres();
    ({ db, proxy, viaProxy } = postgres);
  });
  afterAll(() => postgres?.close());

  it('mid-run: the result is returned, and the row completes after the database is back', async () => {
    const outboxPath = path.join(outboxDir, 'pg-mid-run.jsonl');
    const runner = new SimulationRunner(viaProxy, { poolSize: 1, outboxPath, outboxRetryIntervalMs: 200, log: quiet });
    try {
      // The RUNNING row is written; then the database disappears before the outcome is.
      runner.events.subscribe((e) => e.status === 'RUNNING' && proxy.cut());
      const outcome = await runner.runSimulation({ system: houseSystem('Outage mid-run'), tags: ['outage'] });
      expect(outcome.result!.kpis.totalDemandKwh).toBeGreaterThan(0);
      expect(outcome.logDeferred).toBe(true);
      expect(outcome.run).toBeNull();
      expect(outcome.warnings.join('\n')).toMatch(/run log unavailable .*kept in the outbox/);
      expect(fs.readFileSync(outboxPath, 'utf8')).toContain(outcome.runId);
      expect((await db.prisma.simulationRun.findUniqueOrThrow({ where: { id: outcome.runId } })).status).toBe('RUNNING');

      proxy.restore();
      await until(async () => (await db.prisma.simulationRun.findUnique({ where: { id: outcome.runId } }))?.status === 'COMPLETED');
      await expectLoggedAsReturned(db, outcome);
      expect(runner.stats().outboxPending).toBe(0);
      expect(fs.readFileSync(outboxPath, 'utf8')).toBe('');
    } finally {
      proxy.restore();
      await runner.close();
    }
  });

  it('down for the whole run and the process stops: the next process replays the outbox', async () => {
    const outboxPath = path.join(outboxDir, 'pg-restart.jsonl');
    proxy.cut();
    const first = new SimulationRunner(viaProxy, { poolSize: 1, outboxPath, log: quiet });
    let outcome: RunOutcome;
    try {
      outcome = await first.runSimulation({ system: houseSystem('Outage all along'), idempotencyKey: 'outage-key' });
      expect(outcome.result).not.toBeNull();
      expect(outcome.run).toBeNull();
      // A retry while the database is still away returns the same run, not a second one.
      const retry = await first.runSimulation({ system: houseSystem('Outage all along'), idempotencyKey: 'outage-key' });
      expect(retry.runId).toBe(outcome.runId);
    } finally {
      await first.close();
    }
    const pending = fs.readFileSync(outboxPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l).write.kind);
    expect(pending).toEqual(['insert', 'running', 'complete']);
    expect(await db.prisma.simulationRun.count({ where: { id: outcome.runId } })).toBe(0);

    proxy.restore();
    const second = new SimulationRunner(viaProxy, { poolSize: 1, outboxPath, log: quiet });
    try {
      await second.ready;
      await expectLoggedAsReturned(db, outcome);
      expect((await db.prisma.simulationRun.findUniqueOrThrow({ where: { id: outcome.runId } })).idempotencyKey).toBe('outage-key');
      // Replaying again (e.g. after a crash before the file was truncated) changes nothing.
      const again = await second.runSimulation({ system: houseSystem('Outage all along'), idempotencyKey: 'outage-key' });
      expect(again.runId).toBe(outcome.runId);
      expect(await db.prisma.simulationRun.count({ where: { systemName: 'Outage all along' } })).toBe(1);
    } finally {
      await second.close();
    }
  });
});

describe('SQLite locked by another writer beyond the busy timeout', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('mid-run: the result is returned, and the row completes once the lock is gone', async () => {
    const outboxPath = path.join(outboxDir, 'sqlite-mid-run.jsonl');
    // Retries are driven by the test: a retry against the held lock would wait out the busy timeout.
    const runner = new SimulationRunner(db, { poolSize: 1, outboxPath, outboxRetryIntervalMs: 600_000, log: quiet });
    const other = new Database(db.url.replace(/^file:/, ''));
    try {
      runner.events.subscribe((e) => {
        if (e.status === 'RUNNING' && !other.inTransaction) other.exec('BEGIN IMMEDIATE');
      });
      const outcome = await runner.runSimulation({ system: houseSystem('Locked mid-run') });
      expect(outcome.result!.kpis.totalDemandKwh).toBeGreaterThan(0);
      expect(outcome.logDeferred).toBe(true);
      expect(outcome.warnings.join('\n')).toMatch(/run log unavailable \(.*(SQLITE_BUSY|locked|timed out)/i);

      other.exec('ROLLBACK');
      expect(await runner.flushOutbox()).toEqual({ applied: 1, pending: 0 });
      await expectLoggedAsReturned(db, outcome);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      await runner.close();
    }
  }, 30_000);
});
