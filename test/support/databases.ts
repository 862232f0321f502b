// Every test file gets its own, freshly migrated database per provider, dropped afterwards:
// runs never see each other's rows, nothing depends on a previous run's state.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type CreateDbOptions, type DbHandle } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import type { DatabaseProvider } from '../../src/db/target.js';

export const PROVIDERS: DatabaseProvider[] = ['sqlite', 'postgres'];

/** Server-level URL of the PostgreSQL that tests use (trust auth on this machine and CI). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends DbHandle {
  url: string;
  /** Disconnects and deletes the database. */
  drop(): Promise<void>;
}

export async function createTestDatabase(
  provider: DatabaseProvider,
  options: Omit<CreateDbOptions, 'databaseUrl'> = {},
): Promise<TestDatabase> {
  const name = `eco_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  let url: string;
  let cleanup: () => Promise<void>;
  if (provider === 'postgres') {
    await adminQuery(`CREATE DATABASE "${name}"`);
    const u = new URL(TEST_POSTGRES_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    cleanup = () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-test-'));
    url = `file:${path.join(dir, `${name}.db`)}`;
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  await migrateDatabase(url);
  const handle = await createDb({ ...options, databaseUrl: url });
  return {
    ...handle,
    url,
    async drop() {
      await handle.close();
      await cleanup();
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
