// What logging costs a run, without the simulation: the RUNNING insert and the COMPLETED update
// (KPIs, solver statistics, compressed series, one transaction) through the runner's own write
// path (src/runner/run-writes.ts → src/db/run-log.ts), timed per call. The outcome written is
// a real one: the residential example is simulated once (rule-based) before timing starts.
//
//   npx tsx bench/log-overhead.ts [--provider sqlite|postgres|both] [--database fresh|seeded|both]
//                                 [--series real|small|both] [--runs 300] [--warmup 30]
//                                 [--json bench/out/log-overhead.json]
//
// --series: "real" writes the example's 8760 h series (~144 kB compressed), "small" its first
// 100 bytes, to isolate what the blob costs; default both. (--small-series = --series small.)
// Besides wall time it sums the time the database client reports for the statements themselves
// (createDb's onQuery hook: driver calls for the run log, Prisma queries elsewhere), so the rest
// — building statements, converting parameters and rows — is visible.
//
// fresh: a new migrated database per provider (dropped afterwards). seeded: the 1,000,000-run
// benchmark database (indexes are deeper there); the runs written are deleted afterwards.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDb, type DbHandle } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import type { CompletedRun, NewRun } from '../src/db/run-log.js';
import type { DatabaseProvider } from '../src/db/target.js';
import runSimulationTask from '../src/runner/simulation-worker.js';
import { applyRunWrite, completeWrite } from '../src/runner/run-writes.js';
import { assertSeeded, BENCH_URLS, dropDatabase, ensureDatabase, providersFromArg } from './lib/bench-db.js';
import { ms, summarize, type Summary } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    provider: { type: 'string' },
    database: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '30' },
    json: { type: 'string' },
    series: { type: 'string', default: 'both' },
    'small-series': { type: 'boolean', default: false },
  },
});
type SeriesSize = 'real' | 'small';
const seriesArg = args['small-series'] ? 'small' : args.series;
const seriesSizes: SeriesSize[] | null =
  seriesArg === 'both' ? ['real', 'small'] : seriesArg === 'real' || seriesArg === 'small' ? [seriesArg] : null;
if (!seriesSizes) throw new Error(`--series must be real, small or both (got "${seriesArg}")`);
const runs = positiveInt('runs', args.runs);
const warmup = positiveInt('warmup', args.warmup);
const databases: Array<'fresh' | 'seeded'> | null =
  args.database === 'both' ? ['fresh', 'seeded'] : args.database === 'fresh' || args.database === 'seeded' ? [args.database] : null;
if (!databases) throw new Error(`--database must be fresh, seeded or both (got "${args.database}")`);

const example = JSON.parse(
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'residential-pv-battery.json'), 'utf8'),
) as { system: { name: string; horizon?: { timesteps?: number; timestepHours?: number } } };
const options = { solver: 'RULE_BASED', objective: 'COST' };
const simulated = await runSimulationTask({ systemJson: JSON.stringify(example.system), options });
if (!simulated.ok) throw new Error(`The example did not simulate (${simulated.errorCode}): ${simulated.errorMessage}`);
const outcomes: Record<SeriesSize, CompletedRun> = {
  real: { kpis: simulated.kpis, stats: simulated.stats, warnings: simulated.warnings, series: simulated.series },
  small: {
    kpis: simulated.kpis,
    stats: simulated.stats,
    warnings: simulated.warnings,
    series: { ...simulated.series, data: simulated.series.data.subarray(0, 100) },
  },
};
console.log(
  `outcome: series ${simulated.series.encoding}, ${simulated.series.data.byteLength} bytes compressed (${simulated.series.rawBytes} raw); small: 100 bytes`,
);

interface Row {
  provider: DatabaseProvider;
  database: 'fresh' | 'seeded';
  series: SeriesSize;
  seriesBytes: number;
  runningInsert: Summary;
  completedUpdate: Summary;
  perRun: Summary;
  /** Per run, the time the database client reports for the statements alone. */
  sqlPerRun: Summary;
}

const rows: Row[] = [];
for (const provider of providersFromArg(args.provider)) {
  for (const database of databases) for (const series of seriesSizes) rows.push(await measure(provider, database, series));
}

console.log('\nprovider  | database | series         | RUNNING insert (median / p95) | COMPLETED update (median / p95) | per run (median / p95)  | of which SQL (median)');
for (const r of rows) {
  const pair = (s: Summary) => `${ms(s.medianMs)} / ${ms(s.p95Ms)} ms`.padEnd(29);
  const series = `${r.series} (${r.seriesBytes} B)`.padEnd(14);
  console.log(`${r.provider.padEnd(9)} | ${r.database.padEnd(8)} | ${series} | ${pair(r.runningInsert)} | ${pair(r.completedUpdate)}   | ${pair(r.perRun).padEnd(23)} | ${ms(r.sqlPerRun.medianMs)} ms`);
}
if (args.json) {
  fs.mkdirSync(path.dirname(args.json), { recursive: true });
  fs.writeFileSync(args.json, JSON.stringify({ measuredAt: new Date().toISOString(), runs, rows }, null, 2));
}

async function measure(provider: DatabaseProvider, database: 'fresh' | 'seeded', series: SeriesSize): Promise<Row> {
  const outcome = outcomes[series];
  const url = database === 'seeded' ? BENCH_URLS[provider] : freshUrl(provider);
  if (database === 'fresh') {
    await ensureDatabase(url);
    await migrateDatabase(url);
  }
  let sqlMs = 0;
  const db = await createDb({ databaseUrl: url, onQuery: (_sql, durationMs) => (sqlMs += durationMs) });
  const written: string[] = [];
  try {
    if (database === 'seeded') await assertSeeded(url, () => db.prisma.simulationRun.count());
    const insertMs: number[] = [];
    const completeMs: number[] = [];
    const perRunMs: number[] = [];
    const sqlPerRunMs: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      const id = randomUUID();
      written.push(id);
      sqlMs = 0;
      const t0 = performance.now();
      await applyRunWrite(db, { kind: 'insert', at: new Date().toISOString(), run: newRun(id) });
      const t1 = performance.now();
      await applyRunWrite(db, completeWrite(id, outcome));
      const t2 = performance.now();
      if (i < warmup) continue;
      insertMs.push(t1 - t0);
      completeMs.push(t2 - t1);
      perRunMs.push(t2 - t0);
      sqlPerRunMs.push(sqlMs);
    }
    await assertCompleted(db, written);
    await assertSeriesStored(db, written.at(-1)!, outcome.series.data);
    const row: Row = {
      provider,
      database,
      series,
      seriesBytes: outcome.series.data.byteLength,
      runningInsert: summarize(insertMs),
      completedUpdate: summarize(completeMs),
      perRun: summarize(perRunMs),
      sqlPerRun: summarize(sqlPerRunMs),
    };
    console.log(`${provider} ${database} ${series} series: per run median ${ms(row.perRun.medianMs)} ms, p95 ${ms(row.perRun.p95Ms)} ms (n=${runs})`);
    return row;
  } finally {
    if (database === 'seeded') await db.prisma.simulationRun.deleteMany({ where: { id: { in: written } } });
    await db.close();
    if (database === 'fresh') await dropDatabase(url);
  }
}

/** A benchmark that silently wrote nothing would report excellent figures. */
async function assertCompleted(db: DbHandle, ids: string[]): Promise<void> {
  const completed = await db.prisma.simulationRun.count({ where: { id: { in: ids }, status: 'COMPLETED', totalCostEur: { not: null } } });
  const results = await db.prisma.runResult.count({ where: { runId: { in: ids } } });
  if (completed !== ids.length || results !== ids.length) {
    throw new Error(`expected ${ids.length} COMPLETED runs with results, found ${completed} runs and ${results} results`);
  }
}

/** …and one that stored a truncated or empty blob would flatter the blob's cost. */
async function assertSeriesStored(db: DbHandle, id: string, expected: Uint8Array): Promise<void> {
  const { data } = await db.prisma.runResult.findUniqueOrThrow({ where: { runId: id }, select: { data: true } });
  if (!Buffer.from(data).equals(Buffer.from(expected))) throw new Error(`run ${id}: the stored series differs from the one written`);
}

function newRun(id: string): NewRun {
  return {
    id,
    status: 'RUNNING',
    systemName: example.system.name,
    solver: 'RULE_BASED',
    objective: 'COST',
    timesteps: example.system.horizon?.timesteps ?? 8760,
    timestepHours: example.system.horizon?.timestepHours ?? 1,
    engineVersion: simulated.ok ? simulated.engineVersion : 'unknown',
    studyId: null,
    inputJson: JSON.stringify(example.system),
    optionsJson: JSON.stringify(options),
    tags: ['bench', 'log-overhead'],
    metadataJson: '{}',
    idempotencyKey: `bench-${id}`,
  };
}

function freshUrl(provider: DatabaseProvider): string {
  const name = `eco_log_bench_${Date.now().toString(36)}`;
  if (provider === 'sqlite') return `file:/tmp/eco-bench/${name}.db`;
  const u = new URL(BENCH_URLS.postgres);
  u.pathname = `/${name}`;
  return u.toString();
}

function positiveInt(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got "${value}")`);
  return n;
}
