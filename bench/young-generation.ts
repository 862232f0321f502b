/**
 * What the young generation's size costs a list query: the same bench server
 * (lib/bench-server.ts, over the seeded run log) started with each `--max-semi-space-size` in
 * turn, round after round, loaded by wrk at 10 connections. Per server: req/s, the server's CPU
 * per request (from /proc, which moves less with the machine's load than req/s), and from
 * `--trace-gc` the scavenges' and mark-compacts' time per request. Flags alternate within each
 * round, so the machine's drift hits every setting alike.
 *
 *   npx tsx bench/young-generation.ts [--semi 16,64] [--provider sqlite|postgres] [--query 0|1|2]
 *                                     [--rounds 2] [--duration 8] [--warmup 4]
 *
 * --query: 0 top 5 by cost in a study, 1 threshold `first: 20`, 2 the same with totalCount.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDb } from '../src/db/client.js';
import { assertSeeded, BENCH_URLS } from './lib/bench-db.js';
import { benchScenarios } from './lib/scenarios.js';
import { loadTest } from './lib/load-test.js';
import { procStatCpuMs } from './lib/proc-cpu.js';

const { values: args } = parseArgs({
  options: {
    semi: { type: 'string', default: '16,64' },
    provider: { type: 'string', default: 'sqlite' },
    query: { type: 'string', default: '0' },
    rounds: { type: 'string', default: '2' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '4' },
  },
});
const provider = args.provider as 'sqlite' | 'postgres';
const url = BENCH_URLS[provider];
const db = await createDb({ databaseUrl: url });
await assertSeeded(url, () => db.prisma.simulationRun.count());
const { scenarios } = await benchScenarios(db.prisma as never);
await db.prisma.$disconnect();
const scenario = scenarios[Number(args.query)];
const body = JSON.stringify({ query: scenario.query, variables: scenario.variables });
const serverEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lib/bench-server.ts');

interface GcTally {
  scavenges: number;
  scavengeMs: number;
  markCompacts: number;
  markCompactMs: number;
}

async function measure(semiMb: number) {
  const child = spawn(process.execPath, [`--max-semi-space-size=${semiMb}`, '--trace-gc', '--import', 'tsx', serverEntry], {
    env: { ...process.env, BENCH_DATABASE_URL: url, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const gc: GcTally = { scavenges: 0, scavengeMs: 0, markCompacts: 0, markCompactMs: 0 };
  let counting = false;
  let pending = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const listening = /^LISTENING (\d+)/.exec(line);
        if (listening) resolve(Number(listening[1]));
        // `[pid:isolate]  1234 ms: Scavenge 12.3 (20.1) -> 8.0 (20.1) MB, 1.23 / 0.00 ms ...`
        const event = counting && /: (Scavenge|Mark-Compact)[^,]*, ([\d.]+) \//.exec(line);
        if (!event) continue;
        if (event[1] === 'Scavenge') {
          gc.scavenges++;
          gc.scavengeMs += Number(event[2]);
        } else {
          gc.markCompacts++;
          gc.markCompactMs += Number(event[2]);
        }
      }
    });
  });
  try {
    const endpoint = `http://127.0.0.1:${port}/graphql`;
    await loadTest({ url: endpoint, body, connections: 10, durationSeconds: Number(args.warmup) });
    counting = true;
    const cpuBefore = procStatCpuMs(`/proc/${child.pid}/stat`);
    const result = await loadTest({ url: endpoint, body, connections: 10, durationSeconds: Number(args.duration) });
    const cpuMs = procStatCpuMs(`/proc/${child.pid}/stat`) - cpuBefore;
    counting = false;
    const perRequestUs = (ms: number) => Math.round((ms * 1000) / result.totalRequests);
    return {
      semiMb,
      requestsPerSecond: Math.round(result.requestsPerSecond),
      cpuUsPerRequest: perRequestUs(cpuMs),
      scavenges: gc.scavenges,
      scavengeUsPerRequest: perRequestUs(gc.scavengeMs),
      markCompacts: gc.markCompacts,
      markCompactUsPerRequest: perRequestUs(gc.markCompactMs),
      bad: result.non2xx + result.errors + result.timeouts,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const settings = (args.semi as string).split(',').map(Number);
console.log(`${provider}, ${scenario.title}, wrk 10 connections, ${args.duration} s per server`);
for (let round = 1; round <= Number(args.rounds); round++) {
  // Alternate the order too: first-in-round is not always the same setting.
  const order = round % 2 === 1 ? settings : [...settings].reverse();
  for (const semiMb of order) console.log(JSON.stringify({ round, ...(await measure(semiMb)) }));
}
// Exit explicitly: one run stayed alive after its last server had stopped.
process.exit(0);
