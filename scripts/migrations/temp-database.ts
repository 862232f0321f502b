// Throw-away databases for the drift check: a SQLite file in a temp folder or a PostgreSQL
// database on the server CHECK_POSTGRES_URL names; dropped whatever happens.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseProvider } from '../../src/db/target.js';

export const CHECK_POSTGRES_URL =
  process.env.CHECK_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TempDatabase {
  provider: DatabaseProvider;
  url: string;
  /** Runs a multi-statement SQL script (as `migrate diff --script` prints it). */
  execute(script: string): Promise<void>;
  drop(): Promise<void>;
}

export async function createTempDatabase(provider: DatabaseProvider, label: string): Promise<TempDatabase> {
  const name = `eco_drift_${label}_${randomBytes(4).toString('hex')}`;
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-drift-'));
    const file = path.join(dir, `${name}.db`);
    return {
      provider,
      url: `file:${file}`,
      async execute(script) {
        const db = new Database(file);
        try {
          db.exec(script);
        } finally {
          db.close();
        }
      },
      async drop() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  await withClient(CHECK_POSTGRES_URL, (c) => c.query(`CREATE DATABASE "${name}"`));
  const u = new URL(CHECK_POSTGRES_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    provider,
    url,
    async execute(script) {
      await withClient(url, (c) => c.query(script));
    },
    async drop() {
      await withClient(CHECK_POSTGRES_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
