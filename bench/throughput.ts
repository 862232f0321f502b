// GraphQL throughput over real HTTP: a server on 127.0.0.1 (bench/lib/bench-server.ts, one or
// more processes) over a seeded run log, loaded by wrk (or autocannon) at 10 connections for a
// bounded time per query, `--repeat` times; the table shows the median run by req/s. Every
// response is compared with the first one (the data does not change), so errors or partial
// results count as mismatches instead of inflating the figures.
//
//   npx tsx bench/throughput.ts [--provider sqlite|postgres|both] [--connections 10]
//                               [--duration 10] [--warmup 3] [--repeat 5] [--processes 1]
//                               [--tool wrk|autocannon] [--json bench/out/throughput.json]
//                               [--auth off|required|both]
//
// --auth both (issue 11: auth and limits add < 5 %): two servers over the same database, one
// AUTH=off without graphql-armor and trusted documents (BENCH_LIMITS=off), and one AUTH=required with them with a `read` token made for the run (revoked afterwards), measured in
// alternating order each repeat (off, on, on, off, …) so drift of a shared machine hits both;
// the table adds each query's change in req/s with auth on.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DatabaseProvider } from '../src/db/target.js';
import { createDb } from '../src/db/client.js';
import { assertSeeded, BENCH_URLS, providersFromArg } from './lib/bench-db.js';
import { referenceBody, startBenchServer } from './lib/server-process.js';
import { defaultLoadTool, loadTest, type LoadTestResult, type LoadTool } from './lib/load-test.js';
import { benchScenarios, type Scenario } from './lib/scenarios.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { createToken, revokeToken } from '../src/auth/token-store.js';

/** PostGraphile on the same table and machine class (the reference figures). */
const POSTGRAPHILE: Partial<Record<Scenario['key'], { requestsPerSecond: number; p50Ms: number }>> = {
  top5InStudy: { requestsPerSecond: 2856, p50Ms: 3 },
  thresholdFirst20: { requestsPerSecond: 15, p50Ms: 586 },
};

const { values: args } = parseArgs({
  options: {
    provider: { type: 'string' },
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    repeat: { type: 'string', default: '5' },
    processes: { type: 'string', default: '1' },
    tool: { type: 'string' },
    json: { type: 'string' },
    auth: { type: 'string', default: 'off' },
  },
});
if (!['off', 'required', 'both'].includes(args.auth!)) throw new Error('--auth must be off, required or both');
type AuthMode = 'off' | 'required';
const authModes: AuthMode[] = args.auth === 'both' ? ['off', 'required'] : [args.auth as AuthMode];
const connections = positiveInt('connections', args.connections);
const durationSeconds = positiveInt('duration', args.duration);
const warmupSeconds = Number(args.warmup);
const repeat = positiveInt('repeat', args.repeat);
const processes = positiveInt('processes', args.processes);
if (args.tool !== undefined && args.tool !== 'wrk' && args.tool !== 'autocannon') throw new Error('--tool must be wrk or autocannon');
const tool: LoadTool = (args.tool as LoadTool | undefined) ?? defaultLoadTool();

interface Row {
  provider: DatabaseProvider;
  auth: AuthMode;
  scenario: Scenario['key'];
  title: string;
  /** The median run by req/s. */
  result: LoadTestResult;
  /** req/s of every run, in order. */
  runs: number[];
  /** The server's median CPU µs per request over the runs. */
  cpuUsPerRequest: number;
}

const rows: Row[] = [];
for (const provider of providersFromArg(args.provider)) rows.push(...(await measureProvider(provider)));

console.log(`\n${tool}, ${connections} connections, ${processes} server process(es), median of ${repeat} × ${durationSeconds} s per query`);
console.log('provider  | auth     | query                                                        | req/s   | p50     | p97.5   | p99     | bad | runs (req/s)                   | PostGraphile / auth cost');
for (const r of rows) {
  const ref = POSTGRAPHILE[r.scenario];
  const bad = r.result.non2xx + r.result.errors + r.result.timeouts + r.result.mismatches;
  const off = r.auth === 'required' ? rows.find((o) => o.provider === r.provider && o.scenario === r.scenario && o.auth === 'off') : undefined;
  const versus = off
    ? `auth on: ${(((r.result.requestsPerSecond - off.result.requestsPerSecond) / off.result.requestsPerSecond) * 100).toFixed(1)} % req/s, CPU ${off.cpuUsPerRequest.toFixed(0)} → ${r.cpuUsPerRequest.toFixed(0)} µs/request (${(((r.cpuUsPerRequest - off.cpuUsPerRequest) / off.cpuUsPerRequest) * 100).toFixed(1)} %)`
    : ref
      ? `${ref.requestsPerSecond} req/s, p50 ${ref.p50Ms} ms → ${r.result.requestsPerSecond >= ref.requestsPerSecond ? 'ok' : 'BELOW'}`
      : '—';
  console.log(
    `${r.provider.padEnd(9)} | ${r.auth.padEnd(8)} | ${r.title.padEnd(60)} | ${r.result.requestsPerSecond.toFixed(0).padStart(7)} | ${fmt(r.result.latencyP50Ms)} | ${fmt(r.result.latencyP97_5Ms)} | ${fmt(r.result.latencyP99Ms)} | ${String(bad).padStart(3)} | ${r.runs.map((x) => x.toFixed(0)).join(' ').padEnd(30)} | ${versus}`,
  );
}
if (args.json) {
  fs.mkdirSync(path.dirname(args.json), { recursive: true });
  fs.writeFileSync(args.json, JSON.stringify({ measuredAt: new Date().toISOString(), tool, connections, processes, durationSeconds, repeat, auth: args.auth, rows }, null, 2));
}

async function measureProvider(provider: DatabaseProvider): Promise<Row[]> {
  const url = BENCH_URLS[provider];
  // Token tables (and any other new migration) on a database seeded before them.
  if (authModes.includes('required')) await migrateDatabase(url);
  const db = await createDb({ databaseUrl: url });
  let scenarios: Scenario[];
  let token: string | null = null;
  const tokenName = `bench-throughput-${process.pid}`;
  try {
    await assertSeeded(url, () => db.prisma.simulationRun.count());
    scenarios = (await benchScenarios(db.prisma)).scenarios;
    if (authModes.includes('required')) token = (await createToken(db, tokenName, ['read'])).token;
  } catch (error) {
    await db.close();
    throw error;
  }
  const servers = new Map<AuthMode, Awaited<ReturnType<typeof startBenchServer>>>();
  try {
    // With --auth both the "off" server is the baseline without auth AND without graphql-armor /
    // trusted documents, so the difference is what issue 11 adds as a whole.
    for (const mode of authModes) {
      const limits = args.auth === 'both' && mode === 'off' ? 'off' : 'on';
      servers.set(mode, await startBenchServer(url, processes, { BENCH_AUTH: mode, BENCH_LIMITS: limits }));
    }
    const headersOf = (mode: AuthMode): Record<string, string> => (mode === 'required' ? { authorization: `Bearer ${token}` } : {});
    const endpointOf = (mode: AuthMode) => `http://127.0.0.1:${servers.get(mode)!.port}/graphql`;
    const out: Row[] = [];
    for (const scenario of scenarios) {
      const body = JSON.stringify({ query: scenario.query, variables: scenario.variables });
      const expectBody = new Map<AuthMode, string>();
      for (const mode of authModes) {
        expectBody.set(mode, await referenceBody(endpointOf(mode), body, scenario.title, headersOf(mode)));
        if (warmupSeconds > 0) await loadTest({ url: endpointOf(mode), body, connections, durationSeconds: warmupSeconds, tool, headers: headersOf(mode) });
      }
      const results = new Map<AuthMode, LoadTestResult[]>(authModes.map((mode) => [mode, []]));
      // The server's CPU per request: on this shared machine req/s drifts by 2× between minutes,
      // CPU per request far less, so the cost of auth reads best from it.
      const cpu = new Map<AuthMode, number[]>(authModes.map((mode) => [mode, []]));
      for (let i = 0; i < repeat; i++) {
        // Alternate which mode goes first, so a trend in the machine's load favours neither.
        const order = i % 2 === 0 ? authModes : [...authModes].reverse();
        for (const mode of order) {
          const cpuBefore = servers.get(mode)!.cpuMs();
          const result = await loadTest({ url: endpointOf(mode), body, connections, durationSeconds, expectBody: expectBody.get(mode), tool, headers: headersOf(mode) });
          const cpuUsPerRequest = ((servers.get(mode)!.cpuMs() - cpuBefore) * 1000) / result.totalRequests;
          console.log(`${provider} auth=${mode} ${scenario.title}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.latencyP50Ms} ms, server CPU ${cpuUsPerRequest.toFixed(0)} µs/request`);
          results.get(mode)!.push(result);
          cpu.get(mode)!.push(cpuUsPerRequest);
        }
      }
      for (const mode of authModes) {
        const list = results.get(mode)!;
        const byRate = [...list].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
        const median = byRate[Math.floor((byRate.length - 1) / 2)];
        const cpuList = [...cpu.get(mode)!].sort((a, b) => a - b);
        out.push({ provider, auth: mode, scenario: scenario.key, title: scenario.title, result: median, runs: list.map((r) => r.requestsPerSecond), cpuUsPerRequest: cpuList[Math.floor((cpuList.length - 1) / 2)] });
      }
    }
    return out;
  } finally {
    for (const server of servers.values()) server.stop();
    if (token) await revokeToken(db, tokenName).catch(() => undefined);
    await db.close();
  }
}

function fmt(msValue: number): string {
  return `${Number(msValue.toFixed(2))} ms`.padStart(7);
}

function positiveInt(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got "${value}")`);
  return n;
}
