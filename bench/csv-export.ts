// CSV export throughput and server memory: GET /export/runs.csv over real HTTP from a server in
// this process, on a seeded database (bench/seed-runs.ts), reading the stream as a client would.
// Reports rows/s and the heap/RSS sampled every 50 ms while streaming (flat = the export does
// not hold the result in memory).
//   npx tsx bench/seed-runs.ts --url file:/tmp/eco-bench/csv.db --runs 100000
//   npx tsx bench/csv-export.ts --url file:/tmp/eco-bench/csv.db [--limit-filter '{"status":{"eq":"COMPLETED"}}']
import { readFileSync } from 'node:fs';
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

// As a user's server would be, up for a moment before the first export: on SQLite its export
// thread has started (csv-export-pool.ts) and round 1 measures a thread whose code is cold.
await new Promise((resolve) => setTimeout(resolve, 1000));

const mb = (bytes: number) => Math.round(bytes / 1048576);
// RSS split as the kernel keeps it: anonymous memory is every thread's heap and buffers (what
// "flat server memory" is about); file-backed pages are the database file mapped by the export
// thread (the OS's page cache, shared and dropped when the export's reader closes).
function rssKinds(): { anon: number; file: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { anon: kb('RssAnon'), file: kb('RssFile') + kb('RssShmem') };
}
for (let round = 1; round <= 3; round++) {
  global.gc?.();
  const before = { heap: process.memoryUsage().heapUsed, ...rssKinds() };
  const samples: { heap: number; anon: number; file: number }[] = [];
  const sampler = setInterval(() => samples.push({ heap: process.memoryUsage().heapUsed, ...rssKinds() }), 50);
  const started = performance.now();
  // CPU time of this process (server and client): on a shared machine it moves far less than
  // wall-clock time, so before/after comparisons there should look at it too.
  const cpuBefore = process.cpuUsage();
  const response = await fetch(`http://127.0.0.1:${port}/export/runs.csv?${query}`);
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  let lines = 0;
  let bytes = 0;
  let firstByteMs = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (bytes === 0) firstByteMs = performance.now() - started;
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  const rows = lines - 1;
  const max = (kind: 'heap' | 'anon' | 'file') => mb(Math.max(...samples.map((s) => s[kind])));
  console.log(
    `round ${round} (${db.provider}): ${rows} rows, ${mb(bytes)} MB in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds)} rows/s (first bytes after ${firstByteMs.toFixed(0)} ms; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s); ` +
      `event-loop heap ${mb(before.heap)} -> max ${max('heap')} MB, anonymous RSS ${mb(before.anon)} -> max ${max('anon')} MB, ` +
      `file-backed RSS ${mb(before.file)} -> max ${max('file')} MB (client and server in one process)`,
  );
}
server.close();
await db.close();
