// One Prisma client per process, for the provider DATABASE_URL names. Both generated clients
// come from the same models file, so the SQLite client's types describe either.
import { PrismaClient as SqliteClient } from '../generated/prisma-sqlite/client.js';
import { PrismaClient as PostgresClient } from '../generated/prisma-postgres/client.js';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { postgresRawSql, sqliteRawSql, type RawSql } from './raw-sql.js';
import { sqliteWriterSql } from './sqlite-writer.js';
import { databaseTarget, sqliteFilePath, type DatabaseProvider, type DatabaseTarget } from './target.js';

export type Db = SqliteClient;

export interface DbHandle {
  prisma: Db;
  /** Direct driver access for hot paths (list pages, run-log reads); see raw-sql.ts. */
  sql: RawSql;
  /** Where the run log writes: on SQLite a connection in its own thread with group commit
   *  (sqlite-writer.ts), on PostgreSQL the same pool as `sql`. */
  writeSql: RawSql;
  provider: DatabaseProvider;
  target: DatabaseTarget;
  /** Disconnects Prisma and the raw connections. */
  close(): Promise<void>;
}

export interface CreateDbOptions {
  databaseUrl?: string;
  /** Called for every SQL query the client sends (tests count them to catch N+1). */
  onQuery?: (sql: string, durationMs: number) => void;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const target = databaseTarget(options.databaseUrl ?? process.env.DATABASE_URL);
  const log = options.onQuery ? ([{ emit: 'event', level: 'query' }] as const) : undefined;
  let prisma: Db;
  let sql: RawSql;
  let writeSql: RawSql;
  if (target.provider === 'postgres') {
    // A silent network drop must fail a query in seconds (the runner then defers the write to its
    // outbox), not hang until the OS gives up on the socket.
    const pool = new pg.Pool({
      connectionString: target.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      allowExitOnIdle: true,
    });
    // An idle connection the server drops (restart, network cut) is reported on the pool; the
    // next query reconnects. Unhandled, that event would take the whole process down.
    pool.on('error', () => undefined);
    const adapter = new PrismaPg(pool);
    prisma = new PostgresClient({ adapter, log: log ? [...log] : [] }) as unknown as Db;
    sql = postgresRawSql(pool, options.onQuery);
    writeSql = sql;
  } else {
    const adapter = new PrismaBetterSQLite3({ url: target.url, timeout: SQLITE_BUSY_TIMEOUT_MS });
    prisma = new SqliteClient({ adapter, log: log ? [...log] : [] });
    // WAL lets readers run while a run is being written; busy_timeout makes writers queue
    // instead of failing with SQLITE_BUSY.
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    await prisma.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
    const file = sqliteFilePath(target.url);
    sql = sqliteRawSql(file ?? ':memory:', SQLITE_BUSY_TIMEOUT_MS, options.onQuery);
    // An in-memory database exists only on its own connection: there the reads' connection writes too.
    writeSql = file === null ? sql : sqliteWriterSql(file, SQLITE_BUSY_TIMEOUT_MS, options.onQuery);
  }
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (prisma as unknown as { $on(e: 'query', cb: (ev: { query: string; duration: number }) => void): void }).$on(
      'query',
      (ev) => onQuery(ev.query, ev.duration),
    );
  }
  return {
    prisma,
    sql,
    writeSql,
    provider: target.provider,
    target,
    async close() {
      await prisma.$disconnect();
      if (writeSql !== sql) await writeSql.close();
      await sql.close();
    },
  };
}
