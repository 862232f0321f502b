// Server time per GraphQL request for the three list queries, over a seeded run log
// (bench/seed-runs.ts), on both providers. Each request goes through yoga.fetch — parse,
// validate, complexity limit, resolvers, Prisma, the database, serialisation — with no socket,
// so the figure is the server's own time. Median and p95 over many sequential requests.
//
//   npx tsx bench/graphql-queries.ts [--provider sqlite|postgres|both] [--iterations 300]
//                                    [--warmup 30] [--max-seconds 30] [--json bench/out/graphql-queries.json]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '../src/db/client.js';
import type { DatabaseProvider } from '../src/db/target.js';
import { createYogaApp } from '../src/server.js';
import { assertSeeded, BENCH_URLS, providersFromArg } from './lib/bench-db.js';
import { executeGraphql, queriesOnlyRunner } from './lib/graphql-client.js';
import { benchScenarios, type Scenario } from './lib/scenarios.js';
import { ms, summarize, type Summary } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    provider: { type: 'string' },
    iterations: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '30' },
    'max-seconds': { type: 'string', default: '30' },
    json: { type: 'string' },
  },
});
const iterations = positiveInt('iterations', args.iterations);
const warmup = positiveInt('warmup', args.warmup);
const maxMs = positiveInt('max-seconds', args['max-seconds']) * 1000;

interface Row {
  provider: DatabaseProvider;
  runs: number;
  scenario: Scenario['key'];
  title: string;
  targetMs: number;
  sqlStatementsPerRequest: number;
  summary: Summary;
}

const rows: Row[] = [];
for (const provider of providersFromArg(args.provider)) rows.push(...(await measureProvider(provider)));

console.log('\nprovider  | query                                                        | target   | median    | p95       | SQL/req | n');
for (const r of rows) {
  const verdict = r.summary.medianMs < r.targetMs ? 'ok' : 'MISSED';
  console.log(
    `${r.provider.padEnd(9)} | ${r.title.padEnd(60)} | < ${String(r.targetMs).padEnd(3)} ms | ${ms(r.summary.medianMs).padStart(6)} ms | ${ms(r.summary.p95Ms).padStart(6)} ms | ${String(r.sqlStatementsPerRequest).padStart(7)} | ${r.summary.n} ${verdict}`,
  );
}
if (args.json) {
  fs.mkdirSync(path.dirname(args.json), { recursive: true });
  fs.writeFileSync(args.json, JSON.stringify({ measuredAt: new Date().toISOString(), rows }, null, 2));
}

async function measureProvider(provider: DatabaseProvider): Promise<Row[]> {
  const url = BENCH_URLS[provider];
  let statements = 0;
  const db = await createDb({ databaseUrl: url, onQuery: () => statements++ });
  try {
    const runs = await assertSeeded(url, () => db.prisma.simulationRun.count());
    const { scenarios, studyRuns } = await benchScenarios(db.prisma);
    const yoga = createYogaApp({ db, runner: queriesOnlyRunner });
    console.log(`${provider}: ${runs.toLocaleString('en')} runs, largest study ${studyRuns} runs`);
    const out: Row[] = [];
    for (const scenario of scenarios) {
      for (let i = 0; i < warmup; i++) await executeGraphql(yoga, scenario);
      statements = 0;
      const samples: number[] = [];
      const started = performance.now();
      while (samples.length < iterations && performance.now() - started < maxMs) {
        const t = performance.now();
        await executeGraphql(yoga, scenario);
        samples.push(performance.now() - t);
      }
      const summary = summarize(samples);
      out.push({
        provider,
        runs,
        scenario: scenario.key,
        title: scenario.title,
        targetMs: scenario.targetMs,
        sqlStatementsPerRequest: statements / samples.length,
        summary,
      });
      console.log(`  ${scenario.title}: median ${ms(summary.medianMs)} ms, p95 ${ms(summary.p95Ms)} ms (n=${summary.n})`);
    }
    return out;
  } finally {
    await db.prisma.$disconnect();
  }
}

function positiveInt(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got "${value}")`);
  return n;
}
