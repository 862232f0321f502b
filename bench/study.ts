/**
 * A 1,000-trial parametric study through the real API and run log (issue 8): `runStudy` of the
 * residential example (RULE_BASED, 8760 h) sweeping the battery over 1,000 sizes, against
 * `npm start` on a fresh database. Reports the wall time from runStudy to COMPLETED, trials/s,
 * the server's CPU seconds (÷ wall = cores used) and the logging share: the run log's time per
 * trial measured without the engine (bench/log-overhead.ts measures that part alone).
 *
 *   npx tsx bench/study.ts [--trials 1000] [--provider sqlite|postgres]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemAsGraphQLInput } from '../src/graphql/system-input-json.js';
import { cpuSeconds, ROOT, startNpmStartServer } from './lib/npm-start-server.js';
import { round } from './lib/stats.js';

const { values: args } = parseArgs({
  options: { trials: { type: 'string', default: '1000' }, provider: { type: 'string', default: 'sqlite' } },
});
const TRIALS = Number(args.trials);
const provider = args.provider as 'sqlite' | 'postgres';
const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/residential-pv-battery.json'), 'utf8'));
const service = await startNpmStartServer({ provider, tag: 'study' });
try {
  // Warm-up: worker threads load the engine, documents compile.
  const warm = await service.post({
    query: 'mutation($input: RunSimulationInput!) { runSimulation(input: $input) { run { status } } }',
    variables: { input: { system: systemAsGraphQLInput(example.system) } },
  });
  if (warm.json.errors) throw new Error(JSON.stringify(warm.json.errors));
  const cpu0 = cpuSeconds(service.child.pid!);
  const t0 = performance.now();
  const started = await service.post({
    query: 'mutation($input: RunStudyInput!) { runStudy(input: $input) { study { id } } }',
    variables: {
      input: {
        name: 'Battery sweep',
        system: systemAsGraphQLInput(example.system),
        options: { solver: 'RULE_BASED' },
        parametric: { parameters: [{ component: 'battery', field: 'energyKwh', range: { start: 1, stop: 20, count: TRIALS } }] },
      },
    },
  });
  if (started.json.errors) throw new Error(JSON.stringify(started.json.errors));
  const id = started.json.data.runStudy.study.id;
  let progress: any;
  for (;;) {
    const r = await service.post({ query: 'query($id: ID!) { study(id: $id) { status progress { total completed failed done trialsPerSecond } } }', variables: { id } });
    progress = r.json.data.study;
    if (progress.status !== 'RUNNING') break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const wallSeconds = (performance.now() - t0) / 1000;
  const serverCpuSeconds = cpuSeconds(service.child.pid!) - cpu0;
  const result = {
    provider,
    trials: TRIALS,
    status: progress.status,
    progress: progress.progress,
    wallSeconds: round(wallSeconds),
    trialsPerSecond: round(TRIALS / wallSeconds),
    serverCpuSeconds: round(serverCpuSeconds),
    coresUsed: round(serverCpuSeconds / wallSeconds),
    cores: os.availableParallelism(),
    load: os.loadavg().map(round),
    at: new Date().toISOString(),
  };
  console.log(JSON.stringify(result, null, 2));
  fs.mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
  fs.appendFileSync(path.join(ROOT, 'bench/out/study.json'), `${JSON.stringify(result)}\n`);
} finally {
  await service.stop();
}
