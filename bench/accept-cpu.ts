/**
 * Event-loop CPU per accepted `runSimulation(wait: false)`, in process: the Yoga app (through
 * `yoga.fetch`, no sockets) over the real runner and a fresh SQLite file, N requests of the
 * residential example from C concurrent callers. Reports the main thread's CPU (from /proc, so
 * it hardly moves when other processes load the machine) per accepted run while accepting,
 * with the share of it in graphql (variable coercion and execution) vs. the runner, and the
 * main isolate's heap. What bench/burst.ts measures over HTTP, without the client's CPU on the
 * same cores; for comparing a change, not as the figure.
 *
 *   npx tsx bench/accept-cpu.ts [--runs 400] [--clients 50] [--repeat 3]
 */
import fs from 'node:fs';
import { procStatCpuMs } from './lib/proc-cpu.js';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { SimulationRunner } from '../src/runner/runner.js';
import { createYogaApp } from '../src/server.js';
import { systemAsGraphQLInput } from '../src/graphql/system-input-json.js';
import { ROOT } from './lib/npm-start-server.js';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '400' }, clients: { type: 'string', default: '50' }, repeat: { type: 'string', default: '3' } },
});
const RUNS = Number(args.runs);
const CLIENTS = Number(args.clients);

function mainThreadCpuMs(): number {
  return procStatCpuMs(`/proc/self/task/${process.pid}/stat`);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-accept-'));
const url = `file:${path.join(work, 'accept.db')}`;
await migrateDatabase(url);
const db = await createDb({ databaseUrl: url });
const runner = new SimulationRunner(db, { outboxPath: path.join(work, 'outbox.jsonl'), log: () => undefined });
await runner.ready;
const yoga = createYogaApp({ db, runner });
const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/residential-pv-battery.json'), 'utf8'));
const input = { system: systemAsGraphQLInput(example.system), options: { solver: 'RULE_BASED' } };
const query = 'mutation ($input: RunSimulationInput!) { runSimulation(input: $input, wait: false) { runId } }';

async function post(i: number): Promise<boolean> {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables: { input: { ...input, tags: ['burst'], metadata: { i } } } }),
  });
  const json = (await response.json()) as { errors?: unknown[] };
  return !json.errors;
}

async function waitIdle(): Promise<void> {
  while (runner.stats().held > 0) await new Promise((r) => setTimeout(r, 100));
}

try {
  for (let i = 0; i < 20; i++) await post(i);
  await waitIdle();
  for (let round = 0; round < Number(args.repeat); round++) {
    let next = 0;
    let accepted = 0;
    const peak = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      for (const k of Object.keys(peak) as (keyof typeof peak)[]) peak[k] = Math.max(peak[k], Math.round(m[k] / 2 ** 20));
    }, 50);
    const cpu0 = mainThreadCpuMs();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < RUNS) if (await post(next++)) accepted++;
      }),
    );
    const acceptCpu = mainThreadCpuMs() - cpu0;
    const acceptMs = performance.now() - t0;
    await waitIdle();
    const burstCpu = mainThreadCpuMs() - cpu0;
    clearInterval(sampler);
    const heap = process.memoryUsage();
    console.log(
      JSON.stringify({
        accepted,
        mainCpuMsPerRunAccepting: Math.round((acceptCpu / accepted) * 100) / 100,
        mainCpuMsPerRunWholeBurst: Math.round((burstCpu / accepted) * 100) / 100,
        acceptMs: Math.round(acceptMs),
        rssMb: Math.round(heap.rss / 2 ** 20),
        heapUsedMb: Math.round(heap.heapUsed / 2 ** 20),
        // Peaks during the burst of the whole process's RSS and of the main isolate's heap.
        peakMb: peak,
        load: os.loadavg()[0],
      }),
    );
  }
} finally {
  await runner.close();
  await db.close();
  fs.rmSync(work, { recursive: true, force: true });
}
