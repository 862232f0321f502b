// EXECUTION=queue end to end, with real processes on a real PostgreSQL: API instances enqueue
// runs as pg-boss jobs, worker processes take them. Each test has its own database (dropped
// afterwards) and its own processes (killed afterwards).
import { afterEach, describe, expect, it } from 'vitest';
import { houseSystem, SLOW_OPTIONS, until, yearSystem } from '../lifecycle/support/systems.js';
import { startTcpProxy, throughProxy, type TcpProxy } from '../lifecycle/support/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { graphql, RUN, startApi, startWorker, subscribe, type Spawned } from './support.js';

/** Short intervals so expiry and retries happen within a test. */
const FAST_QUEUE = { QUEUE_MAINTENANCE_SECONDS: '1', QUEUE_POLL_SECONDS: '0.5' };

let processes: Spawned[] = [];
let databases: TestDatabase[] = [];
let proxies: TcpProxy[] = [];

afterEach(async () => {
  for (const p of processes) p.kill('SIGKILL');
  await Promise.all(processes.map((p) => p.exited));
  processes = [];
  for (const proxy of proxies) await proxy.close();
  proxies = [];
  for (const db of databases) await db.drop();
  databases = [];
});

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase('postgres');
  databases.push(db);
  return db;
}

function track<T extends Spawned>(p: T): T {
  processes.push(p);
  return p;
}

async function statusCounts(db: TestDatabase): Promise<Record<string, number>> {
  const rows = await db.sql.query<{ status: string; n: number }>(`SELECT "status"::text AS status, count(*)::int AS n FROM "SimulationRun" GROUP BY 1`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Submits runs with wait: false, `inFlight` requests at a time; returns the run ids. */
async function submitMany(port: number, count: number, inFlight = 16, timesteps = 24): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const answer = await graphql(port, RUN, { input: { system: houseSystem(`House ${i}`, timesteps) }, wait: false });
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      ids.push(answer.data.runSimulation.runId);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return ids;
}

describe('EXECUTION=queue (pg-boss, real processes)', () => {
  it('refuses to start with SQLite', async () => {
    const api = startApi('file:./data/never-created.db');
    await expect(api).rejects.toThrow(/EXECUTION=queue needs DATABASE_URL=postgresql/);
  });

  it('one API and two workers: 500 runs end as exactly 500 COMPLETED rows, split across both workers', async () => {
    const db = await database();
    const api = track(await startApi(db.url, FAST_QUEUE));
    const [w1, w2] = await Promise.all([track(await startWorker(db.url, FAST_QUEUE)), track(await startWorker(db.url, FAST_QUEUE))]);
    const ids = await submitMany(api.port, 500);
    expect(new Set(ids).size).toBe(500);
    await until(async () => (await statusCounts(db)).COMPLETED === 500, 150_000, 250);
    expect(await statusCounts(db)).toEqual({ COMPLETED: 500 });
    const byWorker = await db.sql.query<{ workerId: string; n: number; attempts: number }>(
      `SELECT "workerId", count(*)::int AS n, max("attempt")::int AS attempts FROM "SimulationRun" GROUP BY 1`,
    );
    const split = Object.fromEntries(byWorker.map((r) => [r.workerId, r.n]));
    expect(Object.keys(split).sort()).toEqual([w1.id, w2.id].sort());
    expect(split[w1.id]).toBeGreaterThan(0);
    expect(split[w2.id]).toBeGreaterThan(0);
    expect(byWorker.every((r) => r.attempts === 1)).toBe(true);
    expect((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "RunResult"`))[0]!.n).toBe(500);
    const stats = await graphql(api.port, `{ queueStats { execution queued active failed retried workers { id runsFinished lastHeartbeatAt } } }`);
    expect(stats.data.queueStats).toMatchObject({ execution: 'QUEUE', queued: 0, active: 0, failed: 0, retried: 0 });
    const finished = Object.fromEntries(stats.data.queueStats.workers.map((w: any) => [w.id, w.runsFinished]));
    expect(finished).toEqual(split);
  }, 240_000);

  it('a worker SIGKILLed mid-run: the job expires, another worker runs it again, and it completes exactly once', async () => {
    const db = await database();
    const env = { ...FAST_QUEUE, QUEUE_JOB_EXPIRE_SECONDS: '25' };
    const api = track(await startApi(db.url, env));
    const first = track(await startWorker(db.url, env));
    // A year of LP dispatch: a few seconds in a fresh worker, well inside the job's expiry.
    const answer = await graphql(api.port, RUN, { input: { system: yearSystem('Killed mid-run'), options: { solver: 'OPTIMAL' } }, wait: false });
    const runId = answer.data.runSimulation.runId as string;
    const id = Buffer.from(runId, 'base64').toString('utf8').split(':')[1]!;
    const row = async () => (await db.sql.query<any>(`SELECT "status"::text AS status, "workerId", "attempt", "errorCode" FROM "SimulationRun" WHERE "id" = $1`, [id]))[0];
    await until(async () => (await row()).status === 'RUNNING', 20_000);
    expect(await row()).toMatchObject({ workerId: first.id, attempt: 1 });
    first.kill('SIGKILL');
    await first.exited;
    const second = track(await startWorker(db.url, env));
    await until(async () => (await row()).status === 'COMPLETED', 90_000, 250).catch(async (error) => {
      const jobs = await db.sql.query(`SELECT "name", "state"::text, "retry_count", "started_on", "output" FROM pgboss.job`);
      throw new Error(`${error.message}: run ${JSON.stringify(await row())}, jobs ${JSON.stringify(jobs)}\n${second.output()}\n${api.output()}`);
    });
    expect(await row()).toMatchObject({ status: 'COMPLETED', workerId: second.id, attempt: 2, errorCode: null });
    expect(await statusCounts(db)).toEqual({ COMPLETED: 1 });
    expect((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "RunResult" WHERE "runId" = $1`, [id]))[0]!.n).toBe(1);
    const stats = await graphql(api.port, `{ queueStats { retried active } }`);
    expect(stats.data.queueStats).toEqual({ retried: 1, active: 0 });
  }, 180_000);

  it('a run whose attempts all expire ends FAILED with the reason (RETRIES_EXHAUSTED), never stays RUNNING', async () => {
    const db = await database();
    const env = { ...FAST_QUEUE, QUEUE_JOB_EXPIRE_SECONDS: '2', QUEUE_MAX_ATTEMPTS: '2' };
    const api = track(await startApi(db.url, env));
    track(await startWorker(db.url, env));
    const answer = await graphql(api.port, RUN, { input: { system: yearSystem('Always too slow'), options: SLOW_OPTIONS }, wait: false });
    const id = Buffer.from(answer.data.runSimulation.runId, 'base64').toString('utf8').split(':')[1]!;
    const row = async () => (await db.sql.query<any>(`SELECT "status"::text AS status, "attempt", "errorCode", "errorMessage" FROM "SimulationRun" WHERE "id" = $1`, [id]))[0];
    await until(async () => (await row()).status === 'FAILED', 60_000, 250);
    expect(await row()).toMatchObject({ status: 'FAILED', attempt: 2, errorCode: 'RETRIES_EXHAUSTED' });
    expect((await row()).errorMessage).toMatch(/gave up after 2 attempt\(s\)/);
    const stats = await graphql(api.port, `{ queueStats { failed queued active } }`);
    expect(stats.data.queueStats).toEqual({ failed: 1, queued: 0, active: 0 });
  }, 120_000);

  it('back-pressure: above QUEUE_MAX_QUEUED waiting jobs runSimulation is OVERLOADED with retryAfterSeconds, nothing written', async () => {
    const db = await database();
    const api = track(await startApi(db.url, { ...FAST_QUEUE, QUEUE_MAX_QUEUED: '3' }));
    // No worker: every job waits.
    for (let i = 0; i < 3; i++) {
      const ok = await graphql(api.port, RUN, { input: { system: houseSystem(`Waiting ${i}`) }, wait: false });
      expect(ok.data.runSimulation.run.status).toBe('QUEUED');
    }
    const refused = await graphql(api.port, RUN, { input: { system: houseSystem('One too many') }, wait: false });
    expect(refused.errors[0].extensions).toMatchObject({ code: 'OVERLOADED', maxPendingRuns: 3 });
    expect(refused.errors[0].extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(await statusCounts(db)).toEqual({ QUEUED: 3 });
    const stats = await graphql(api.port, `{ queueStats { queued active } }`);
    expect(stats.data.queueStats).toEqual({ queued: 3, active: 0 });
  }, 60_000);

  it('SIGTERM: a worker hands back the run it cannot finish within its grace period; another completes it; it exits 0', async () => {
    const db = await database();
    const env = { ...FAST_QUEUE, WORKER_SHUTDOWN_GRACE_MS: '300' };
    const api = track(await startApi(db.url, env));
    const first = track(await startWorker(db.url, env));
    const answer = await graphql(api.port, RUN, { input: { system: yearSystem('Handed back'), options: { solver: 'OPTIMAL' } }, wait: false });
    const id = Buffer.from(answer.data.runSimulation.runId, 'base64').toString('utf8').split(':')[1]!;
    const row = async () => (await db.sql.query<any>(`SELECT "status"::text AS status, "workerId", "attempt" FROM "SimulationRun" WHERE "id" = $1`, [id]))[0];
    await until(async () => (await row()).status === 'RUNNING', 20_000);
    first.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await row()).toMatchObject({ status: 'QUEUED', workerId: null, attempt: 1 });
    const second = track(await startWorker(db.url, env));
    await until(async () => (await row()).status === 'COMPLETED', 60_000, 250);
    expect(await row()).toMatchObject({ status: 'COMPLETED', workerId: second.id, attempt: 2 });
    const stats = await graphql(api.port, `{ queueStats { workers { id stoppedAt } } }`);
    const stopped = stats.data.queueStats.workers.find((w: any) => w.id === first.id);
    expect(stopped.stoppedAt).not.toBeNull();
  }, 120_000);

  it('PostgreSQL connections cut (TCP proxy) while workers run: they reconnect and every run completes once', async () => {
    const db = await database();
    const proxy = await startTcpProxy('127.0.0.1', 5432);
    proxies.push(proxy);
    const viaProxy = throughProxy(db.url, proxy);
    const env = { ...FAST_QUEUE, QUEUE_JOB_EXPIRE_SECONDS: '15' };
    const api = track(await startApi(db.url, env));
    const workers = [track(await startWorker(viaProxy, env)), track(await startWorker(viaProxy, env))];
    const ids = await submitMany(api.port, 60, 4, 168);
    await until(async () => ((await statusCounts(db)).COMPLETED ?? 0) >= 5, 60_000, 50);
    proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    proxy.restore();
    const more = await submitMany(api.port, 20, 4, 24);
    await until(async () => (await statusCounts(db)).COMPLETED === 80, 120_000, 250).catch(async (error) => {
      const jobs = await db.sql.query(`SELECT "state"::text, "retry_count", count(*)::int FROM pgboss.job GROUP BY 1, 2`);
      const stuck = await db.sql.query(`SELECT "status"::text, "workerId", "attempt" FROM "SimulationRun" WHERE "status" <> 'COMPLETED'`);
      throw new Error(`${error.message}: ${JSON.stringify(await statusCounts(db))} jobs ${JSON.stringify(jobs)} stuck ${JSON.stringify(stuck)}\n${workers.map((w) => w.output().slice(-3000)).join('\n---\n')}`);
    });
    expect(await statusCounts(db)).toEqual({ COMPLETED: 80 });
    // The cut did reach them (their LISTEN connection dropped and came back).
    for (const worker of workers) expect(worker.output()).toMatch(/listening connection lost/);
    expect(new Set([...ids, ...more]).size).toBe(80);
    expect((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "RunResult"`))[0]!.n).toBe(80);
  }, 240_000);

  it('a subscriber on API A sees a run of API B finish on a worker; a cancel sent to A stops a run of B on that worker', async () => {
    const db = await database();
    const a = track(await startApi(db.url, FAST_QUEUE));
    const b = track(await startApi(db.url, FAST_QUEUE));
    const worker = track(await startWorker(db.url, FAST_QUEUE));

    const all = await subscribe(a.port, `subscription { runsUpdated { runId status errorCode } }`);
    // Yoga starts the subscription when the stream is read: wait until it delivers.
    for (let i = 0; all.payloads.length === 0 && i < 20; i++) {
      await graphql(b.port, RUN, { input: { system: houseSystem(`Warm-up ${i}`) }, wait: true });
      await until(() => all.payloads.length > 0, 1_000).catch(() => undefined);
    }
    const done = await graphql(b.port, RUN, { input: { system: houseSystem('Finished on B') }, wait: true });
    const doneId = done.data.runSimulation.runId;
    await until(() => all.payloads.some((p) => p.data?.runsUpdated?.runId === doneId && p.data.runsUpdated.status === 'COMPLETED'), 10_000);
    const seen = all.payloads.filter((p) => p.data.runsUpdated.runId === doneId).map((p) => p.data.runsUpdated.status);
    expect(seen).toEqual(expect.arrayContaining(['QUEUED', 'RUNNING', 'COMPLETED']));

    const slow = await graphql(b.port, RUN, { input: { system: yearSystem('Cancelled through A'), options: SLOW_OPTIONS }, wait: false });
    const slowId = slow.data.runSimulation.runId as string;
    const one = await subscribe(a.port, `subscription ($id: ID!) { runUpdated(id: $id) { status errorCode run { status } } }`, { id: slowId });
    await until(() => one.payloads.some((p) => p.data?.runUpdated?.status === 'RUNNING'), 20_000);
    const cancelled = await graphql(a.port, `mutation ($id: ID!) { cancelRun(id: $id) { run { status errorCode } } }`, { id: slowId });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data.cancelRun.run).toMatchObject({ status: 'CANCELLED', errorCode: 'CANCELLED' });
    await until(() => one.payloads.some((p) => p.data?.runUpdated?.status === 'CANCELLED'), 10_000);
    const id = Buffer.from(slowId, 'base64').toString('utf8').split(':')[1]!;
    const [row] = await db.sql.query<any>(`SELECT "status"::text AS status, "workerId" FROM "SimulationRun" WHERE "id" = $1`, [id]);
    expect(row).toEqual({ status: 'CANCELLED', workerId: worker.id });
    // A cancel of a run still waiting for a worker: taken off the queue, never run.
    worker.kill('SIGKILL');
    await worker.exited;
    const waiting = await graphql(b.port, RUN, { input: { system: houseSystem('Never run') }, wait: false });
    const waitingId = waiting.data.runSimulation.runId;
    const cancelQueued = await graphql(a.port, `mutation ($id: ID!) { cancelRun(id: $id) { run { status } } }`, { id: waitingId });
    expect(cancelQueued.data.cancelRun.run.status).toBe('CANCELLED');
    all.close();
    one.close();
  }, 180_000);
});
