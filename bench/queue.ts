/**
 * Runs per second through the pg-boss queue (EXECUTION=queue: one API process, 1, 2 or 4 worker
 * processes with one slot each) next to the in-process runner (one API process on the same
 * PostgreSQL, its pool on every core), rule-based dispatch, 24 h and 8760 h. Real processes, as
 * deployed; runs are submitted over HTTP with wait: false, 16 requests in flight; runs/s = runs ÷
 * wall time from the first submission to the last COMPLETED row. Queue overhead per run:
 * startedAt (the worker's claim) − createdAt (the API's insert, same transaction as the job),
 * median and p99, both clocks this machine's.
 *
 *   npx tsx bench/queue.ts [runs24h=300] [runs8760h=40]
 *
 * The overhead in those throughput cases includes waiting behind the other runs. The per-run cost
 * of the queue alone is measured apart: `npx tsx bench/queue.ts idle [runs=40]` submits runs one
 * at a time (wait: true) to an idle system, 24 h, and reports createdAt → startedAt and the
 * whole request's time, queue (1 worker) next to in-process.
 *
 * Writes bench/out/queue.json (or bench/out/queue-idle.json).
 */
import fs from 'node:fs';
import os from 'node:os';
import { houseSystem } from '../test/lifecycle/support/systems.js';
import { createTestDatabase } from '../test/support/databases.js';
import { graphql, RUN, startApi, startWorker, type Spawned } from '../test/queue/support.js';

const runs24 = Number(process.argv[2] === 'idle' ? 0 : (process.argv[2] ?? 300));
const runs8760 = Number(process.argv[3] ?? 40);
const QUEUE_ENV = { QUEUE_POLL_SECONDS: '0.5', QUEUE_MAINTENANCE_SECONDS: '10' };

interface Row {
  execution: string;
  workers: number | null;
  horizonHours: number;
  runs: number;
  wallSeconds: number;
  runsPerSecond: number;
  overheadMedianMs: number;
  overheadP99Ms: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function measure(execution: 'queue' | 'in-process', workers: number, hours: number, runs: number): Promise<Row> {
  const db = await createTestDatabase('postgres');
  const processes: Spawned[] = [];
  try {
    const api = await startApi(db.url, { ...QUEUE_ENV, EXECUTION: execution });
    processes.push(api);
    if (execution === 'queue') {
      for (let i = 0; i < workers; i++) processes.push(await startWorker(db.url, QUEUE_ENV));
    }
    // Warm-up (engine and HiGHS loaded, prepared statements), not counted.
    await graphql(api.port, RUN, { input: { system: houseSystem('warm-up', hours) }, wait: true });
    await db.sql.execute(`DELETE FROM "SimulationRun"`);
    const started = performance.now();
    let next = 0;
    const lane = async () => {
      while (next < runs) {
        const i = next++;
        const answer = await graphql(api.port, RUN, { input: { system: houseSystem(`House ${i}`, hours) }, wait: false });
        if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      }
    };
    await Promise.all(Array.from({ length: 16 }, lane));
    for (;;) {
      const [{ n }] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "SimulationRun" WHERE "status" = 'COMPLETED'`);
      if (n >= runs) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const waits = (
      await db.sql.query<{ ms: number }>(`SELECT EXTRACT(EPOCH FROM ("startedAt" - "createdAt")) * 1000 AS ms FROM "SimulationRun"`)
    )
      .map((r) => Number(r.ms))
      .sort((a, b) => a - b);
    return {
      execution,
      workers: execution === 'queue' ? workers : null,
      horizonHours: hours,
      runs,
      wallSeconds: Number(wallSeconds.toFixed(2)),
      runsPerSecond: Number((runs / wallSeconds).toFixed(1)),
      overheadMedianMs: Number(quantile(waits, 0.5).toFixed(1)),
      overheadP99Ms: Number(quantile(waits, 0.99).toFixed(1)),
    };
  } finally {
    for (const p of processes) p.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.exited));
    await db.drop();
  }
}

async function idle(execution: 'queue' | 'in-process', runs: number) {
  const db = await createTestDatabase('postgres');
  const processes: Spawned[] = [];
  try {
    const api = await startApi(db.url, { ...QUEUE_ENV, EXECUTION: execution });
    processes.push(api);
    if (execution === 'queue') processes.push(await startWorker(db.url, QUEUE_ENV));
    for (let i = 0; i < 3; i++) await graphql(api.port, RUN, { input: { system: houseSystem('warm-up') }, wait: true });
    await db.sql.execute(`DELETE FROM "SimulationRun"`);
    const requestMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const answer = await graphql(api.port, RUN, { input: { system: houseSystem(`Idle ${i}`) }, wait: true });
      requestMs.push(performance.now() - t0);
      if (answer.data?.runSimulation?.run?.status !== 'COMPLETED') throw new Error(JSON.stringify(answer));
    }
    const waits = (await db.sql.query<{ ms: number }>(`SELECT EXTRACT(EPOCH FROM ("startedAt" - "createdAt")) * 1000 AS ms FROM "SimulationRun"`))
      .map((r) => Number(r.ms))
      .sort((a, b) => a - b);
    requestMs.sort((a, b) => a - b);
    return {
      execution,
      runs,
      enqueueToStartMedianMs: Number(quantile(waits, 0.5).toFixed(1)),
      enqueueToStartP99Ms: Number(quantile(waits, 0.99).toFixed(1)),
      requestMedianMs: Number(quantile(requestMs, 0.5).toFixed(1)),
      requestP99Ms: Number(quantile(requestMs, 0.99).toFixed(1)),
    };
  } finally {
    for (const p of processes) p.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.exited));
    await db.drop();
  }
}

const machine = { cores: os.availableParallelism(), cpu: os.cpus()[0]?.model, node: process.version };
if (process.argv[2] === 'idle') {
  const runs = Number(process.argv[3] ?? 40);
  const rows = [await idle('in-process', runs), await idle('queue', runs)];
  for (const row of rows) console.log(JSON.stringify(row));
  fs.mkdirSync('bench/out', { recursive: true });
  fs.writeFileSync('bench/out/queue-idle.json', JSON.stringify({ machine, at: new Date().toISOString(), rows }, null, 2) + '\n');
  process.exit(0);
}

const results: Row[] = [];
for (const [hours, runs] of [
  [24, runs24],
  [8760, runs8760],
] as const) {
  const cases: [('queue' | 'in-process'), number][] = [['in-process', 0], ['queue', 1], ['queue', 2], ['queue', 4]];
  for (const [execution, workers] of cases) {
    const row = await measure(execution, workers, hours, runs);
    results.push(row);
    console.log(JSON.stringify(row));
  }
}
fs.mkdirSync('bench/out', { recursive: true });
fs.writeFileSync(
  'bench/out/queue.json',
  JSON.stringify({ machine, at: new Date().toISOString(), results }, null, 2) + '\n',
);
