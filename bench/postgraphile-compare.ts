// This API and PostGraphile side by side, same table, same machine, same moment: the issue's
// PostGraphile figure (2,856 req/s) was taken on another day, and this machine's speed varies by
// more than a third from one quarter of an hour to the next, so only interleaved runs compare.
// Top 5 by cost in the largest study, 10 connections, alternating 8 s runs of each server.
//
// PostGraphile is not a dependency; install it outside the repository first:
//   npm install --prefix /tmp/postgraphile postgraphile@4
//   npx tsx bench/postgraphile-compare.ts [--postgraphile /tmp/postgraphile/node_modules/.bin/postgraphile]
//                                          [--rounds 5] [--duration 8] [--processes 1]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createDb } from '../src/db/client.js';
import { assertSeeded, BENCH_URLS } from './lib/bench-db.js';
import { loadTest, type LoadTestResult } from './lib/load-test.js';
import { benchScenarios } from './lib/scenarios.js';
import { freePort, referenceBody, startBenchServer } from './lib/server-process.js';
import { median } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    postgraphile: { type: 'string', default: '/tmp/postgraphile/node_modules/.bin/postgraphile' },
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '8' },
    processes: { type: 'string', default: '1' },
  },
});
const rounds = Number(args.rounds);
const durationSeconds = Number(args.duration);
if (!fs.existsSync(args.postgraphile!)) {
  throw new Error(`PostGraphile not found at ${args.postgraphile}: npm install --prefix /tmp/postgraphile postgraphile@4`);
}

const url = BENCH_URLS.postgres;
const db = await createDb({ databaseUrl: url });
let studyId: string;
let ours: { query: string; variables: Record<string, unknown> };
try {
  await assertSeeded(url, () => db.prisma.simulationRun.count());
  const bench = await benchScenarios(db.prisma);
  studyId = bench.studyId;
  ours = bench.scenarios.find((s) => s.key === 'top5InStudy')!;
} finally {
  await db.close();
}
// The same rows and columns in PostGraphile's generated API (`condition` is its equality filter).
const theirs = {
  query: `query Top5ByCostInStudy($study: String!) {
    allSimulationRuns(condition: { studyId: $study }, orderBy: [TOTAL_COST_EUR_ASC, ID_ASC], first: 5) {
      nodes { id systemName status solver createdAt totalCostEur totalCo2Kg renewableFraction }
    }
  }`,
  variables: { study: studyId },
};

const api = await startBenchServer(url, Number(args.processes));
const postgraphile = await startPostGraphile(args.postgraphile!, url);
try {
  const servers = [
    { name: 'EcoSystemiser', endpoint: `http://127.0.0.1:${api.port}/graphql`, body: JSON.stringify({ query: ours.query, variables: ours.variables }) },
    { name: 'PostGraphile 4', endpoint: `http://127.0.0.1:${postgraphile.port}/graphql`, body: JSON.stringify(theirs) },
  ];
  const expected = await Promise.all(servers.map((s) => referenceBody(s.endpoint, s.body, s.name)));
  assertSameRuns(expected[0], expected[1]);
  for (const s of servers) await loadTest({ url: s.endpoint, body: s.body, connections: 10, durationSeconds: 3 });

  const results: LoadTestResult[][] = servers.map(() => []);
  for (let round = 1; round <= rounds; round++) {
    const line: string[] = [];
    for (let i = 0; i < servers.length; i++) {
      const r = await loadTest({ url: servers[i].endpoint, body: servers[i].body, connections: 10, durationSeconds, expectBody: expected[i] });
      results[i].push(r);
      line.push(`${servers[i].name} ${r.requestsPerSecond.toFixed(0)} req/s (p50 ${r.latencyP50Ms} ms, bad ${r.non2xx + r.errors + r.timeouts + r.mismatches})`);
    }
    console.log(`round ${round}: ${line.join(' | ')} | ratio ${(results[0][round - 1].requestsPerSecond / results[1][round - 1].requestsPerSecond).toFixed(2)}`);
  }
  console.log(`\ntop 5 by cost in one study, PostgreSQL, 10 connections, ${rounds} alternating rounds of ${durationSeconds} s, ${args.processes} API process(es)`);
  for (let i = 0; i < servers.length; i++) {
    const rates = results[i].map((r) => r.requestsPerSecond);
    console.log(`${servers[i].name.padEnd(14)} median ${median(rates).toFixed(0)} req/s, p50 ${median(results[i].map((r) => r.latencyP50Ms)).toFixed(2)} ms (runs: ${rates.map((x) => x.toFixed(0)).join(' ')})`);
  }
  const ratios = results[0].map((r, k) => r.requestsPerSecond / results[1][k].requestsPerSecond);
  console.log(`ratio per round (EcoSystemiser / PostGraphile): ${ratios.map((x) => x.toFixed(2)).join(' ')}`);
} finally {
  api.stop();
  postgraphile.stop();
}

/** Both servers must return the same runs in the same order (ids differ in form: global vs raw). */
function assertSameRuns(oursText: string, theirsText: string): void {
  const a = (JSON.parse(oursText).data.runs.edges as { node: { systemName: string; kpis: { totalCostEur: number } } }[]).map(
    (e) => `${e.node.systemName}|${e.node.kpis.totalCostEur}`,
  );
  const b = (JSON.parse(theirsText).data.allSimulationRuns.nodes as { systemName: string; totalCostEur: number }[]).map(
    (n) => `${n.systemName}|${n.totalCostEur}`,
  );
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`the servers disagree:\n${a.join('\n')}\nvs\n${b.join('\n')}`);
}

async function startPostGraphile(bin: string, databaseUrl: string): Promise<{ port: number; stop(): void }> {
  const port = await freePort();
  const child = spawn(bin, ['-c', databaseUrl, '--host', '127.0.0.1', '--port', String(port), '--disable-query-log'], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('server listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`PostGraphile exited with code ${code}: ${out}`)));
  });
  return { port, stop: () => child.kill('SIGTERM') };
}
