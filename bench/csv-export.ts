// CSV export throughput and server memory: GET /export/runs.csv over real HTTP from a server in
// this process, on a seeded database (bench/seed-runs.ts), reading the stream as a client would.
// Reports rows/s and the heap/RSS sampled every 50 ms while streaming (flat = the export does
// not hold the result in memory).
//   npx tsx bench/seed-runs.ts --url file:/tmp/eco-bench/csv.db --runs 100000
//   npx tsx bench/csv-export.ts --url file:/tmp/eco-bench/csv.db [--limit-filter '{"status":{"eq":"COMPLETED"}}']
import { createDb } from '../src/db/client.js';
import { createYogaApp, startHttpServer } from '../src/server.js';
import { queriesOnlyRunner } from './lib/graphql-client.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const url = args.get('url') ?? 'file:/tmp/eco-bench/csv.db';
const filter = args.get('filter');
const orderBy = args.get('order-by') ?? JSON.stringify([{ field: 'TOTAL_COST_EUR', direction: 'ASC' }]);

const db = await createDb({ databaseUrl: url });
const server = await startHttpServer(createYogaApp({ db, runner: queriesOnlyRunner }), 0, '127.0.0.1');
const port = (server.address() as { port: number }).port;
const query = new URLSearchParams({ orderBy, ...(filter ? { filter } : {}) });

const mb = (bytes: number) => Math.round(bytes / 1048576);
for (let round = 1; round <= 3; round++) {
  global.gc?.();
  const before = process.memoryUsage();
  const samples: { heap: number; rss: number }[] = [];
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    samples.push({ heap: m.heapUsed, rss: m.rss });
  }, 50);
  const started = performance.now();
  // CPU time of this process (server and client): on a shared machine it moves far less than
  // wall-clock time, so before/after comparisons there should look at it too.
  const cpuBefore = process.cpuUsage();
  const response = await fetch(`http://127.0.0.1:${port}/export/runs.csv?${query}`);
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  let lines = 0;
  let bytes = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  const rows = lines - 1;
  const maxHeap = Math.max(...samples.map((s) => s.heap));
  const maxRss = Math.max(...samples.map((s) => s.rss));
  console.log(
    `round ${round} (${db.provider}): ${rows} rows, ${mb(bytes)} MB in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds)} rows/s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s); ` +
      `heap ${mb(before.heapUsed)} -> max ${mb(maxHeap)} MB, rss ${mb(before.rss)} -> max ${mb(maxRss)} MB (client and server in one process)`,
  );
}
server.close();
await db.close();
