// A server process killed with SIGKILL mid-run leaves a RUNNING row whose heartbeat stops; the
// next runner on that database marks it CRASHED with the reason, and nothing stays RUNNING.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulationRunner } from '../../src/runner/runner.js';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../support/databases.js';
import { quiet, until, yearSystem } from './support/systems.js';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'runner-process.ts');

/** Starts the fixture and resolves with the child and the id of its RUNNING run. */
function startDoomedRunner(databaseUrl: string): Promise<{ child: ReturnType<typeof spawn>; runId: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`fixture did not start a run: ${err}`)), 30_000);
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const match = /RUNNING ([0-9a-f-]{36})/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, runId: match[1]! });
      }
    });
    child.once('exit', (code) => reject(new Error(`fixture exited (${code}): ${err}`)));
  });
}

describe.each(PROVIDERS)('crash recovery on %s', (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('a run of a SIGKILLed process becomes CRASHED once a new runner starts', async () => {
    const { child, runId } = await startDoomedRunner(db.url);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect((await db.prisma.simulationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe('RUNNING');

    const runner = new SimulationRunner(db, { poolSize: 1, heartbeatIntervalMs: 200, staleAfterMs: 1000, log: quiet });
    try {
      await runner.ready;
      await until(async () => (await db.prisma.simulationRun.findUniqueOrThrow({ where: { id: runId } })).status === 'CRASHED');
      const run = await db.prisma.simulationRun.findUniqueOrThrow({ where: { id: runId } });
      expect(run.errorCode).toBe('CRASHED');
      expect(run.errorMessage).toMatch(/no heartbeat since .* the process running it stopped/);
      expect(run.finishedAt).not.toBeNull();
      expect(await db.prisma.simulationRun.count({ where: { status: { in: ['RUNNING', 'QUEUED'] } } })).toBe(0);
    } finally {
      await runner.close();
    }
  });

  it('never marks the runs it holds itself, however late their heartbeat', async () => {
    // Heartbeats every 10 s but "stale" after 300 ms: only the exclusion of held runs saves it.
    const runner = new SimulationRunner(db, { poolSize: 1, staleAfterMs: 300, log: quiet });
    try {
      const outcome = await runner.runSimulation({
        system: yearSystem('Held'),
        options: { solver: 'OPTIMAL' },
      });
      expect(outcome.run!.status).toBe('COMPLETED');
    } finally {
      await runner.close();
    }
  });
});
