// Prints the query plan of every SQL statement the API sends for the benchmark scenarios, on
// both providers: the requests go through yoga.fetch against a seeded database, createDb's
// onQuery hook records the SQL Prisma generated, and each statement is then explained —
// PostgreSQL: EXPLAIN (ANALYZE, BUFFERS); SQLite: EXPLAIN QUERY PLAN — and timed raw through
// the driver (median of --repeat executions, no Prisma, no GraphQL).
//
//   npx tsx bench/query-plans.ts [--provider sqlite|postgres|both] [--repeat 30]
//
// Databases: BENCH_SQLITE_URL / BENCH_POSTGRES_URL (defaults in bench/lib/bench-db.ts), seeded
// with bench/seed-runs.ts.
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { sqliteFilePath, type DatabaseProvider } from '../src/db/target.js';
import { createYogaApp } from '../src/server.js';
import { assertSeeded, BENCH_URLS, providersFromArg } from './lib/bench-db.js';
import { abbreviateSql, createCapturingDb, type CapturedStatement } from './lib/captured-sql.js';
import { executeGraphql, queriesOnlyRunner } from './lib/graphql-client.js';
import { benchScenarios } from './lib/scenarios.js';
import { ms, summarize } from './lib/stats.js';

const { values: args } = parseArgs({
  options: { provider: { type: 'string' }, repeat: { type: 'string', default: '30' } },
});
const repeat = Number(args.repeat);
if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat must be a positive integer');

for (const provider of providersFromArg(args.provider)) await explainProvider(provider);

async function explainProvider(provider: DatabaseProvider): Promise<void> {
  const url = BENCH_URLS[provider];
  const capturing = await createCapturingDb(url);
  const { db } = capturing;
  const runs = await assertSeeded(url, () => db.prisma.simulationRun.count());
  const { scenarios, studyRuns } = await benchScenarios(db.prisma);
  const yoga = createYogaApp({ db, runner: queriesOnlyRunner });
  const raw = await openRawDriver(provider, url);
  console.log(`\n==== ${provider}: ${runs.toLocaleString('en')} runs (largest study: ${studyRuns} runs) ====`);
  try {
    for (const scenario of scenarios) {
      // Once to warm caches and Prisma's query compiler, once to capture.
      await executeGraphql(yoga, scenario);
      capturing.take();
      await executeGraphql(yoga, scenario);
      const statements = capturing.take().filter((s) => /^\s*SELECT/i.test(s.sql));
      console.log(`\n--- ${scenario.title}: ${statements.length} SQL statement(s)`);
      for (const statement of statements) {
        console.log(`\n${abbreviateSql(statement.sql)}\n  params: ${JSON.stringify(statement.params)}`);
        console.log(indent(await raw.explain(statement)));
        const samples: number[] = [];
        for (let i = 0; i < repeat; i++) samples.push(await raw.time(statement));
        const s = summarize(samples);
        console.log(`  raw ${provider} execution: median ${ms(s.medianMs)} ms, p95 ${ms(s.p95Ms)} ms (n=${s.n})`);
      }
    }
  } finally {
    await raw.close();
    await db.prisma.$disconnect();
  }
}

interface RawDriver {
  explain(statement: CapturedStatement): Promise<string>;
  /** Milliseconds to execute the statement and read every row. */
  time(statement: CapturedStatement): Promise<number>;
  close(): Promise<void>;
}

async function openRawDriver(provider: DatabaseProvider, url: string): Promise<RawDriver> {
  if (provider === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      async explain({ sql, params }) {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      },
      async time({ sql, params }) {
        const t = performance.now();
        await client.query(sql, params);
        return performance.now() - t;
      },
      close: () => client.end(),
    };
  }
  const db = new Database(sqliteFilePath(url)!, { readonly: true });
  return {
    async explain({ sql, params }) {
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...sqliteParams(params)) as Array<{ id: number; parent: number; detail: string }>;
      const depth = new Map<number, number>([[0, 0]]);
      return rows
        .map((r) => {
          const d = (depth.get(r.parent) ?? 0) + 1;
          depth.set(r.id, d);
          return `${'  '.repeat(d - 1)}${r.detail}`;
        })
        .join('\n');
    },
    async time({ sql, params }) {
      const statement = db.prepare(sql);
      const t = performance.now();
      statement.all(...sqliteParams(params));
      return performance.now() - t;
    },
    async close() {
      db.close();
    },
  };
}

/** better-sqlite3 refuses booleans; SQLite stores them as 0/1 (as Prisma does). */
function sqliteParams(params: unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
