// Where the seeded benchmark databases live: outside the repository (they are ~1–2 GB each),
// one per provider, overridable by environment variables.
import fs from 'node:fs';
import pg from 'pg';
import { databaseTarget, sqliteFilePath, type DatabaseProvider } from '../../src/db/target.js';

export const BENCH_URLS: Record<DatabaseProvider, string> = {
  sqlite: process.env.BENCH_SQLITE_URL ?? 'file:/tmp/eco-bench/runs.db',
  postgres: process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/eco_bench',
};

/** The providers to run: `--provider sqlite|postgres|both` (default both). */
export function providersFromArg(value: string | undefined): DatabaseProvider[] {
  if (value === undefined || value === 'both') return ['sqlite', 'postgres'];
  if (value === 'sqlite' || value === 'postgres') return [value];
  throw new Error(`--provider must be sqlite, postgres or both (got "${value}")`);
}

/** Creates the PostgreSQL database a URL names if it is missing (SQLite files create themselves). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = databaseTarget(url);
  if (target.provider !== 'postgres') return;
  const name = databaseName(url);
  await withAdminClient(url, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  });
}

/** Deletes a benchmark database: the SQLite file (with its WAL) or the PostgreSQL database. */
export async function dropDatabase(url: string): Promise<void> {
  const target = databaseTarget(url);
  if (target.provider === 'postgres') {
    const name = databaseName(url);
    await withAdminClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    return;
  }
  const file = sqliteFilePath(url);
  if (!file) return;
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/** Fails early, with the fix, when a benchmark is pointed at a database that was never seeded. */
export async function assertSeeded(url: string, countRuns: () => Promise<number>, minimumRuns = 1): Promise<number> {
  const runs = await countRuns();
  if (runs < minimumRuns) {
    throw new Error(`${url} holds ${runs} runs; seed it first: npx tsx bench/seed-runs.ts --url '${url}'`);
  }
  return runs;
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
