/**
 * A burst of runs against `npm start`: N `runSimulation(wait: false)` of the residential example
 * (RULE_BASED, a year hourly) from C concurrent clients, while another client, in a process of
 * its own, sends `{ __typename }` every 50 ms. Reports how long the API took to accept the
 * burst, the probe latencies (p50/p99/worst: during the whole burst until every run finished,
 * while accepting, and after), the server's peak RSS over idle (main process; the simulation
 * threads are in it) and the final run counts, and the CPU time of the server's main thread
 * (the event loop) per accepted run: unlike wall-clock figures it hardly moves when other
 * processes share the machine.
 *
 *   npx tsx bench/burst.ts [--runs 1000] [--clients 50] [--provider sqlite|postgres] [--env K=V ...]
 *                          [--node-flag=--cpu-prof --node-flag=--cpu-prof-dir=/tmp/prof]
 *
 * The server is `src/main.ts` with `npm start`'s Node flags and NODE_ENV=production, on a fresh
 * SQLite file or a fresh PostgreSQL database (dropped afterwards). Writes bench/out/burst.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { procStatCpuMs } from './lib/proc-cpu.js';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startNpmStartServer } from './lib/npm-start-server.js';
import { systemAsGraphQLInput } from '../src/graphql/system-input-json.js';
import { percentile, round } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000' },
    clients: { type: 'string', default: '50' },
    provider: { type: 'string', default: 'sqlite' },
    env: { type: 'string', multiple: true, default: [] },
    'node-flag': { type: 'string', multiple: true, default: [] },
  },
});
const RUNS = Number(args.runs);
const CLIENTS = Number(args.clients);
const PROVIDER = args.provider as 'sqlite' | 'postgres';
const PROBE_INTERVAL_MS = 50;

/** The residential example as GraphQL input (a year hourly, rule-based). */
function residentialInput(): Record<string, unknown> {
  const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/residential-pv-battery.json'), 'utf8'));
  return { system: systemAsGraphQLInput(example.system), options: { solver: 'RULE_BASED' } };
}

const RUN_MUTATION = 'mutation ($input: RunSimulationInput!) { runSimulation(input: $input, wait: false) { runId } }';

/** CPU ms (user + system) one thread of a process has used, from /proc (10 ms ticks). */
function threadCpuMs(pid: number, tid = pid): number {
  try {
    return procStatCpuMs(`/proc/${pid}/task/${tid}/stat`);
  } catch {
    return NaN;
  }
}

/** CPU ms of the whole process (every thread). */
function processCpuMs(pid: number): number {
  return threadCpuMs(pid, pid) + fs.readdirSync(`/proc/${pid}/task`).filter((tid) => Number(tid) !== pid).reduce((sum, tid) => sum + threadCpuMs(pid, Number(tid)), 0);
}

function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  } catch {
    return NaN;
  }
}

const extraEnv = Object.fromEntries((args.env as string[]).map((kv) => kv.split('=', 2) as [string, string]));
const service = await startNpmStartServer({ provider: PROVIDER, env: extraEnv, nodeFlags: args['node-flag'] as string[], tag: 'burst' });
const server = service.child;
const post = service.post;

// The burst clients' requests on node:http with kept-alive sockets: undici's fetch cost the
// bench ~1.5 ms of CPU per request, on the same 2 cores as the server (1.6 s of the 2.9 s a
// burst took to be accepted), so the load generator was slowing the server it measured.
const burstAgent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
const endpointUrl = new URL(service.endpoint);
function postLight(body: unknown): Promise<{ status: number; json: any }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent: burstAgent, host: endpointUrl.hostname, port: endpointUrl.port, path: endpointUrl.pathname, method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'content-length': payload.length } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (error) {
            reject(error);
          }
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

async function counts(): Promise<Record<string, number>> {
  const { json } = await post({ query: '{ runStats { count byStatus { status count } } }' });
  const out: Record<string, number> = { total: json.data.runStats.count };
  for (const s of json.data.runStats.byStatus) out[s.status] = s.count;
  return out;
}

try {
  // Warm-up: the worker threads load the engine; the first requests compile the documents.
  const input = residentialInput();
  for (let i = 0; i < 4; i++) {
    const r = await post({ query: RUN_MUTATION, variables: { input: { ...input, tags: ['warm-up'] } } });
    if (r.json.errors) throw new Error(JSON.stringify(r.json.errors));
  }
  while ((await counts()).COMPLETED !== 4) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1000));
  const idleRssMb = rssMb(server.pid!);

  let peakRssMb = idleRssMb;
  const rssTimer = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(server.pid!))), 100);

  // The probe is another client in another process (bench/lib/probe-client.mjs).
  const probeSamples: { atMs: number; ms: number }[] = [];
  const probe = spawn(process.execPath, [path.join(ROOT, 'bench/lib/probe-client.mjs'), service.endpoint, String(PROBE_INTERVAL_MS)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const probeExited = new Promise((resolve) => probe.once('exit', resolve));
  let pending = '';
  probe.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line) probeSamples.push(JSON.parse(line));
  });
  while (probeSamples.length === 0) await new Promise((r) => setTimeout(r, 20));
  probeSamples.length = 0;

  const refused: Record<string, number> = {};
  let accepted = 0;
  let next = 0;
  const mainCpuAtStart = threadCpuMs(server.pid!);
  const benchCpuAtStart = process.cpuUsage();
  const processCpuAtStart = processCpuMs(server.pid!);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < RUNS) {
        const i = next++;
        const r = await postLight({ query: RUN_MUTATION, variables: { input: { ...input, tags: ['burst'], metadata: { i } } } });
        if (r.json.errors) {
          const code = r.json.errors[0]?.extensions?.code ?? `HTTP ${r.status}`;
          refused[code] = (refused[code] ?? 0) + 1;
        } else accepted++;
      }
    }),
  );
  const acceptSeconds = (performance.now() - start) / 1000;
  const acceptedAtMs = Date.now();
  const mainCpuAccepting = threadCpuMs(server.pid!) - mainCpuAtStart;
  const benchCpu = process.cpuUsage(benchCpuAtStart);

  let final = await counts();
  while ((final.COMPLETED ?? 0) + (final.FAILED ?? 0) + (final.CRASHED ?? 0) + (final.CANCELLED ?? 0) < final.total) {
    await new Promise((r) => setTimeout(r, 200));
    final = await counts();
  }
  const doneSeconds = (performance.now() - start) / 1000;
  const mainCpuBurst = threadCpuMs(server.pid!) - mainCpuAtStart;
  const processCpuBurst = processCpuMs(server.pid!) - processCpuAtStart;
  probe.stdin!.end();
  await probeExited;
  clearInterval(rssTimer);

  const latency = (samples: { ms: number }[]) => {
    const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
    return { count: sorted.length, p50Ms: round(percentile(sorted, 0.5)), p99Ms: round(percentile(sorted, 0.99)), worstMs: round(sorted.at(-1)!) };
  };
  const result = {
    provider: PROVIDER,
    runs: RUNS,
    clients: CLIENTS,
    env: extraEnv,
    accepted,
    refused,
    acceptSeconds: round(acceptSeconds),
    acceptedPerSecond: round(accepted / acceptSeconds),
    allFinishedSeconds: round(doneSeconds),
    completedPerSecond: round(accepted / doneSeconds),
    probe: latency(probeSamples),
    // While the burst was being accepted, and after (only completions left).
    probeAccepting: latency(probeSamples.filter((s) => s.atMs <= acceptedAtMs)),
    probeAfter: latency(probeSamples.filter((s) => s.atMs > acceptedAtMs)),
    // The event loop's CPU per accepted run while accepting (includes the completions that
    // land meanwhile) and over the whole burst (every run's insert, RUNNING and COMPLETED).
    mainThreadCpuMsPerRun: { accepting: round(mainCpuAccepting / accepted), wholeBurst: round(mainCpuBurst / accepted) },
    processCpuMsPerRun: round(processCpuBurst / accepted),
    // This process (the 50 clients) while accepting: it shares the machine's cores with the server.
    loadGeneratorCpuMsAccepting: round((benchCpu.user + benchCpu.system) / 1000),
    idleRssMb: round(idleRssMb),
    peakRssMb: round(peakRssMb),
    rssGrowthMb: round(peakRssMb - idleRssMb),
    finalCounts: final,
    load: os.loadavg().map(round),
    at: new Date().toISOString(),
  };
  console.log(JSON.stringify(result, null, 2));
  fs.mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
  fs.appendFileSync(path.join(ROOT, 'bench/out/burst.json'), `${JSON.stringify(result)}\n`);
} finally {
  await service.stop();
}
