/**
 * One run at a time against `npm start`: `runSimulation(wait: true)` of the residential example
 * (RULE_BASED, a year hourly), N times in a row from one client, on a fresh SQLite file or
 * PostgreSQL database. Reports the client-side latency of each call (validate, log QUEUED,
 * simulate in a worker thread, log COMPLETED with the series, answer): p50, p90, mean, worst.
 * What a user waiting on one run sees, as opposed to bench/burst.ts's many at once.
 *
 *   npx tsx bench/single-run.ts [--runs 200] [--provider sqlite|postgres]
 *
 * Appends the figures to bench/out/single-run.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startNpmStartServer } from './lib/npm-start-server.js';
import { systemAsGraphQLInput } from '../src/graphql/system-input-json.js';
import { percentile, round } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    provider: { type: 'string', default: 'sqlite' },
  },
});
const RUNS = Number(args.runs);
const PROVIDER = args.provider as 'sqlite' | 'postgres';
const WARM_UP_RUNS = 10;

const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/residential-pv-battery.json'), 'utf8'));
const input = { system: systemAsGraphQLInput(example.system), options: { solver: 'RULE_BASED' } };
const MUTATION = 'mutation ($input: RunSimulationInput!) { runSimulation(input: $input, wait: true) { run { id status } } }';

const service = await startNpmStartServer({ provider: PROVIDER, tag: 'single-run' });
try {
  const once = async (tag: string) => {
    const start = performance.now();
    const { json } = await service.post({ query: MUTATION, variables: { input: { ...input, tags: [tag] } } });
    const ms = performance.now() - start;
    if (json.errors || json.data.runSimulation.run.status !== 'COMPLETED') throw new Error(JSON.stringify(json));
    return ms;
  };
  // The first runs compile the documents and warm the threads' JIT.
  for (let i = 0; i < WARM_UP_RUNS; i++) await once('warm-up');
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await once('single'));
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => round(percentile(sorted, p));
  const result = {
    provider: PROVIDER,
    runs: RUNS,
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    meanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length),
    worstMs: round(sorted.at(-1)!),
    load: os.loadavg().map(round),
    at: new Date().toISOString(),
  };
  console.log(JSON.stringify(result, null, 2));
  fs.mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
  fs.appendFileSync(path.join(ROOT, 'bench/out/single-run.json'), `${JSON.stringify(result)}\n`);
} finally {
  await service.stop();
}
