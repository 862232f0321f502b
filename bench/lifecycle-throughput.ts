/**
 * Concurrent throughput of the whole run lifecycle (validate → log QUEUED → RUNNING → simulate
 * in the worker pool → log COMPLETED with KPIs and compressed series), rule-based dispatch,
 * 24 h and 8760 h horizons, on a fresh SQLite file and a fresh PostgreSQL database. All runs
 * are submitted at once; runs/s = runs ÷ wall time from the first submission to the last
 * completion. Pool size: the number of cores unless given.
 *
 *   npx tsx bench/lifecycle-throughput.ts [runs24h=400] [runs8760h=60] [poolSize]
 *
 * Writes bench/out/lifecycle-throughput.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import { SimulationRunner } from '../src/runner/runner.js';
import { createTestDatabase, PROVIDERS } from '../test/support/databases.js';
import { houseSystem } from '../test/lifecycle/support/systems.js';
import { round } from './lib/stats.js';

const runs24 = Number(process.argv[2] ?? 400);
const runs8760 = Number(process.argv[3] ?? 60);
const poolSize = process.argv[4] ? Number(process.argv[4]) : os.availableParallelism();

interface Row {
  provider: string;
  horizonHours: number;
  runs: number;
  poolSize: number;
  wallSeconds: number;
  runsPerSecond: number;
  medianLatencyMs: number;
  p95LatencyMs: number;
}

const results: Row[] = [];
for (const provider of PROVIDERS) {
  for (const [hours, runs] of [
    [24, runs24],
    [8760, runs8760],
  ] as const) {
    const db = await createTestDatabase(provider);
    const runner = new SimulationRunner(db, { poolSize, maxPendingRuns: runs });
    try {
      // Warm-up outside the timed region: worker threads start and load the engine.
      await Promise.all(Array.from({ length: poolSize * 2 }, (_, i) => runner.runSimulation({ system: houseSystem(`warm ${i}`, hours) })));
      const latencies: number[] = [];
      const start = performance.now();
      const outcomes = await Promise.all(
        Array.from({ length: runs }, async (_, i) => {
          const t0 = performance.now();
          const outcome = await runner.runSimulation({ system: houseSystem(`bench ${i}`, hours) });
          latencies.push(performance.now() - t0);
          return outcome;
        }),
      );
      const wallSeconds = (performance.now() - start) / 1000;
      const bad = outcomes.filter((o) => o.run?.status !== 'COMPLETED' || o.warnings.length > 0);
      if (bad.length > 0) throw new Error(`${bad.length} runs did not complete cleanly: ${bad[0]!.warnings.join('; ')}`);
      latencies.sort((a, b) => a - b);
      const row: Row = {
        provider,
        horizonHours: hours,
        runs,
        poolSize,
        wallSeconds: round(wallSeconds),
        runsPerSecond: round(runs / wallSeconds),
        medianLatencyMs: round(latencies[Math.floor(latencies.length / 2)]!),
        p95LatencyMs: round(latencies[Math.floor(latencies.length * 0.95)]!),
      };
      results.push(row);
      console.log(JSON.stringify(row));
    } finally {
      await runner.close();
      await db.drop();
    }
  }
}

fs.mkdirSync('bench/out', { recursive: true });
fs.writeFileSync(
  'bench/out/lifecycle-throughput.json',
  JSON.stringify({ measuredAt: new Date().toISOString(), cores: os.availableParallelism(), node: process.version, results }, null, 2) + '\n',
);
