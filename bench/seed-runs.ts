// Seeds a run log for benchmarks: N runs (default 1,000,000) across S studies (default 1,000),
// with tags, into the database DATABASE_URL / --url names, after applying the committed
// migrations. Deterministic for a given --seed.
//
//   npx tsx bench/seed-runs.ts --url file:/tmp/eco-bench/runs.db
//   npx tsx bench/seed-runs.ts --url postgresql://postgres@127.0.0.1:5432/eco_bench --runs 100000
//
// Options: --runs N, --studies S, --seed K, --batch B (rows per insert), --reset (delete existing
// rows first; without it a non-empty database is refused), --ad-hoc-share F (runs with no study),
// --analyze-only (apply new migrations and refresh planner statistics of a seeded database: new
// indexes have no statistics until then).
import { parseArgs } from 'node:util';
import { migrateDatabase } from '../src/db/migrate.js';
import { databaseTarget } from '../src/db/target.js';
import { ensureDatabase } from './lib/bench-db.js';
import { Random } from './lib/random.js';
import { openSeedWriter } from './lib/seed-writer.js';
import { syntheticRun, syntheticStudy, type Row, type SyntheticStudy } from './lib/synthetic-runs.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    runs: { type: 'string', default: '1000000' },
    studies: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '20261127' },
    batch: { type: 'string', default: '5000' },
    'ad-hoc-share': { type: 'string', default: '0.02' },
    reset: { type: 'boolean', default: false },
    'analyze-only': { type: 'boolean', default: false },
  },
});

const url = args.url ?? process.env.DATABASE_URL;
if (!url) throw new Error('Pass --url (or set DATABASE_URL): the database to seed');
const runCount = positiveInt('runs', args.runs);
const studyCount = positiveInt('studies', args.studies);
const batchSize = positiveInt('batch', args.batch);
const adHocShare = Number(args['ad-hoc-share']);
if (!(adHocShare >= 0 && adHocShare < 1)) throw new Error('--ad-hoc-share must be in [0, 1)');
const rng = new Random(positiveInt('seed', args.seed));

const target = databaseTarget(url);
const started = performance.now();
await ensureDatabase(target.url);
await migrateDatabase(target.url);
const writer = await openSeedWriter(target);
try {
  if (args['analyze-only']) {
    await writer.analyze();
    log(`analyzed ${target.url} in ${seconds(started)} s`);
  } else {
    await seed();
  }
} finally {
  await writer.close();
}

async function seed(): Promise<void> {
  const existing = await writer.countRuns();
  if (existing > 0 && !args.reset) {
    throw new Error(`${target.url} already holds ${existing} runs; pass --reset to replace them`);
  }
  await writer.begin();
  try {
    if (args.reset) await writer.reset();
    const dropped = await writer.dropSecondaryIndexes();
    log(`dropped ${dropped.length} secondary indexes for the load`);
    await loadRuns();
    const t = performance.now();
    await writer.restoreSecondaryIndexes();
    log(`rebuilt ${dropped.length} indexes in ${seconds(t)} s`);
    await writer.commit();
  } catch (error) {
    await writer.rollback();
    throw error;
  }
  const t = performance.now();
  await writer.analyze();
  log(`analyzed in ${seconds(t)} s`);
  log(`seeded ${runCount.toLocaleString('en')} runs, ${studyCount} studies into ${target.url} in ${seconds(started)} s`);
}

async function loadRuns(): Promise<void> {
  const now = new Date();
  const studies = Array.from({ length: studyCount }, (_, i) => syntheticStudy(rng, i, now));
  await writer.insertStudies(studies.map((s) => s.row));
  const pickStudy = weightedPicker(studies);

  let pending: Promise<void> = Promise.resolve();
  const loadStarted = performance.now();
  let nextReport = 100_000;
  for (let done = 0; done < runCount; ) {
    const size = Math.min(batchSize, runCount - done);
    const runs: Row[] = new Array(size);
    const tags: Row[] = [];
    for (let i = 0; i < size; i++) {
      const study = pickStudy(rng.next());
      const adHoc = rng.next() < adHocShare;
      const run = syntheticRun(rng, adHoc ? null : study, study, now);
      runs[i] = run.row;
      for (const tag of run.tags) tags.push(tag);
    }
    // Generating the next batch overlaps the database writing this one (PostgreSQL only;
    // better-sqlite3 is synchronous).
    await pending;
    pending = writer.insertRuns(runs, tags);
    // Its failure is handled by the `await pending` above on the next round, not as unhandled.
    pending.catch(() => {});
    done += size;
    if (done >= nextReport || done === runCount) {
      const rate = Math.round(done / ((performance.now() - loadStarted) / 1000));
      log(`${done.toLocaleString('en')} runs (${rate.toLocaleString('en')} runs/s)`);
      nextReport += 100_000;
    }
  }
  await pending;
}

/** Studies get runs in proportion to their weight: a few big sweeps, many small studies. */
function weightedPicker(studies: SyntheticStudy[]): (u: number) => SyntheticStudy {
  const cumulative: number[] = [];
  let total = 0;
  for (const s of studies) cumulative.push((total += s.profile.weight));
  return (u) => {
    const x = u * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return studies[lo];
  };
}

function positiveInt(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got "${value}")`);
  return n;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

function log(message: string): void {
  console.log(`[seed ${target.provider}] ${message}`);
}
