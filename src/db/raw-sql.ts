// Direct driver access for the few hot paths where Prisma's per-query overhead (query
// compilation on the main thread, ~1–2 ms here) dominates: run-log writes and list pages.
// Everything else goes through Prisma. Both dialects behind one small interface.
import Database from 'better-sqlite3';
import type pg from 'pg';
import type { DatabaseProvider } from './target.js';

export interface SqlStatement {
  sql: string;
  params?: unknown[];
}

export interface RawSql {
  dialect: DatabaseProvider;
  /** Placeholder of the i-th parameter (1-based): `?` on SQLite, `$i` on PostgreSQL. */
  placeholder(index: number): string;
  /** Rows of a query. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a statement; resolves to the number of changed rows. */
  execute(sql: string, params?: unknown[]): Promise<number>;
  /** Statements in one transaction, in order; resolves to each one's changed-row count. */
  transaction(statements: SqlStatement[]): Promise<number[]>;
  close(): Promise<void>;
}

/** How a batched read yields each row: an object per row, or (`'array'`) its values in
 *  select-list order, without a key per column (most of an export's read time; bench/csv-export.ts). */
export interface BatchOptions {
  rows?: 'object' | 'array';
}

/** Prepared SQLite statements kept per connection. */
export const STATEMENT_CACHE_SIZE = 500;

export type OnQuery = ((sql: string, durationMs: number) => void) | undefined;

/** A better-sqlite3 connection with the pragmas every connection of the service uses, and a
 *  bounded cache of prepared statements. Synchronous: the caller decides which thread waits. */
export interface SqliteConnection {
  db: Database.Database;
  /** Runs a statement; returns the number of changed rows. */
  run(sql: string, params: readonly unknown[]): number;
  all<T>(sql: string, params: readonly unknown[]): T[];
}

export function openSqliteConnection(file: string, busyTimeoutMs: number): SqliteConnection {
  const db = new Database(file, { timeout: busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // The page cache stays at SQLite's 2 MiB: 64 MiB sped up reading a random study's top 5
  // (85 → 49 µs) but doubled a run's COMPLETED write (0.8 → 1.5 ms: a 144 kB series then lands
  // in newly allocated pages instead of recycled ones; bench/log-overhead.ts).
  // Clients shape list SQL through their filters, so the cache is bounded: least recently used
  // statements go first (a Map iterates in insertion order; a hit re-inserts).
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement) {
      statements.delete(sql);
    } else {
      statement = db.prepare(sql);
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
    }
    statements.set(sql, statement);
    return statement;
  };
  return {
    db,
    run: (sql, params) => prepare(sql).run(...params.map(toSqliteValue)).changes,
    all: <T>(sql: string, params: readonly unknown[]) => prepare(sql).all(...params.map(toSqliteValue)) as T[],
  };
}

/**
 * SQLite: a second connection to the same file (WAL: readers never block, writers queue on the
 * busy timeout). better-sqlite3 is synchronous, so a transaction here never interleaves with
 * another one of this connection.
 */
export function sqliteRawSql(file: string, busyTimeoutMs: number, onQuery: OnQuery): RawSql {
  const connection = openSqliteConnection(file, busyTimeoutMs);
  const run = (sql: string, params: unknown[]): number => {
    const start = performance.now();
    const changes = connection.run(sql, params);
    onQuery?.(sql, performance.now() - start);
    return changes;
  };
  return {
    dialect: 'sqlite',
    placeholder: () => '?',
    async query<T>(sql: string, params: unknown[] = []) {
      const start = performance.now();
      const rows = connection.all<T>(sql, params);
      onQuery?.(sql, performance.now() - start);
      return rows;
    },
    async execute(sql, params = []) {
      return run(sql, params);
    },
    async transaction(list) {
      // IMMEDIATE takes the write lock up front: a deferred transaction that reads first can
      // fail with SQLITE_BUSY_SNAPSHOT when another connection wrote in between.
      return connection.db.transaction(() => list.map((s) => run(s.sql, s.params ?? []))).immediate();
    },
    async close() {
      connection.db.close();
    },
  };
}

/**
 * The rows of one query on a read-only connection of its own, in batches as the consumer asks:
 * better-sqlite3 refuses other statements on a connection while an iterator is open on it, and
 * in WAL mode this reader never blocks the writers. Synchronous: the caller decides which
 * thread waits. `mmapBytes` maps up to that much of the file for the reads (csv-export-thread.ts).
 */
export function* sqliteReaderBatches<T>(
  file: string,
  busyTimeoutMs: number,
  sql: string,
  params: unknown[],
  batchSize: number,
  options?: BatchOptions & { mmapBytes?: number },
): Generator<T[]> {
  const reader = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  try {
    if (options?.mmapBytes) reader.pragma(`mmap_size = ${Math.floor(options.mmapBytes)}`);
    const statement = reader.prepare(sql);
    if (options?.rows === 'array') statement.raw(true);
    let batch: T[] = [];
    for (const row of statement.iterate(...params.map(toSqliteValue)) as IterableIterator<T>) {
      batch.push(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    reader.close();
  }
}

/**
 * better-sqlite3 binds neither booleans nor Dates. Prisma's SQLite adapter stores DateTime as
 * ISO text with a "+00:00" offset; the same text keeps comparisons and ordering consistent.
 */
export function toSqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  // A Buffer posted to another thread arrives as a plain Uint8Array, which better-sqlite3 does
  // not bind: the same bytes as a Buffer view.
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

/**
 * PostgreSQL statements prepared by name, per connection: planned once instead of parsed and
 * planned on every call (most of the server's CPU for an indexed page of runs). Connections
 * keep what they prepared until they close, so only the first this many distinct SQL texts
 * get a name; any others run unnamed, as before.
 */
export const PREPARED_STATEMENT_LIMIT = 200;

/** PostgreSQL: the pool Prisma's adapter uses too, so both share connections and limits. */
export function postgresRawSql(pool: pg.Pool, onQuery: OnQuery): RawSql {
  const names = new Map<string, string>();
  const statement = (sql: string, values: unknown[]): pg.QueryConfig => {
    let name = names.get(sql);
    if (name === undefined && names.size < PREPARED_STATEMENT_LIMIT) names.set(sql, (name = `eco_${names.size + 1}`));
    return name === undefined ? { text: sql, values } : { name, text: sql, values };
  };
  const timed = async <R>(sql: string, fn: () => Promise<R>): Promise<R> => {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      onQuery?.(sql, performance.now() - start);
    }
  };
  return {
    dialect: 'postgres',
    placeholder: (index) => `$${index}`,
    async query<T>(sql: string, params: unknown[] = []) {
      return timed(sql, async () => (await pool.query(statement(sql, params))).rows as T[]);
    },
    async execute(sql, params = []) {
      return timed(sql, async () => (await pool.query(statement(sql, params))).rowCount ?? 0);
    },
    async transaction(list) {
      const { client, release } = await checkOut(pool);
      try {
        await client.query('BEGIN');
        const counts: number[] = [];
        for (const s of list) {
          counts.push(await timed(s.sql, async () => (await client.query(statement(s.sql, s.params ?? []))).rowCount ?? 0));
        }
        await client.query('COMMIT');
        return counts;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * A pooled connection for a transaction or a cursor. While a client is checked out, pg-pool no
 * longer listens for its errors, and a connection reset then (the database restarting, a proxy
 * cutting it) is an 'error' event nobody handles: it ends the process. The query in flight fails
 * with the same error, so here it is only noted, and the broken client is destroyed on release
 * instead of going back to the pool.
 */
export async function checkOut(pool: pg.Pool): Promise<{ client: pg.PoolClient; release: () => void }> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  return {
    client,
    release() {
      client.removeListener('error', onError);
      client.release(broken);
    },
  };
}

/**
 * The rows of one query through a server-side cursor in a read-only transaction on `client`:
 * one plan and one snapshot, rows fetched a batch at a time as the consumer asks. Ends the
 * transaction; the caller owns the connection.
 */
export async function* cursorBatches<T>(client: pg.ClientBase, sql: string, params: unknown[], batchSize: number, options?: BatchOptions): AsyncGenerator<T[]> {
  let failed = false;
  try {
    await client.query('BEGIN READ ONLY');
    // A cursor is planned for its first 10% of rows by default (cursor_tuple_fraction), which
    // can pick an index walk with a heap fetch per row; whoever streams batches reads them all.
    await client.query('SET LOCAL cursor_tuple_fraction = 1.0');
    await client.query({ text: `DECLARE eco_export NO SCROLL CURSOR FOR ${sql}`, values: params });
    const fetch = `FETCH ${Math.floor(batchSize)} FROM eco_export`;
    for (;;) {
      const { rows } = options?.rows === 'array' ? await client.query({ text: fetch, rowMode: 'array' }) : await client.query(fetch);
      if (rows.length > 0) yield rows as T[];
      if (rows.length < batchSize) break;
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await client.query(failed ? 'ROLLBACK' : 'COMMIT').catch(() => undefined);
  }
}
