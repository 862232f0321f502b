// Records the SQL (with its parameters) that Prisma and the direct driver send while a GraphQL request runs, so the
// query-plan benchmark explains exactly what the API executes, not a hand-written look-alike.
import { createDb, type DbHandle } from '../../src/db/client.js';

export interface CapturedStatement {
  sql: string;
  params: unknown[];
  durationMs: number;
}

export interface CapturingDb {
  db: DbHandle;
  /** Statements recorded since the last call, then forgets them. */
  take(): CapturedStatement[];
}

export async function createCapturingDb(databaseUrl: string): Promise<CapturingDb> {
  let statements: CapturedStatement[] = [];
  // createDb's onQuery turns Prisma's query events on and hands over the SQL; the parameters
  // are only on the raw event, so a second listener on the same events picks them up.
  let pendingSql: Array<{ sql: string; durationMs: number }> = [];
  const db = await createDb({
    databaseUrl,
    onQuery: (sql, durationMs) => {
      pendingSql.push({ sql, durationMs });
    },
  });
  const client = db.prisma as unknown as { $on(event: 'query', cb: (e: { query: string; params: string }) => void): void };
  client.$on('query', (event) => {
    const match = pendingSql.findIndex((p) => p.sql === event.query);
    const [entry] = match >= 0 ? pendingSql.splice(match, 1) : [{ sql: event.query, durationMs: NaN }];
    statements.push({ sql: entry.sql, durationMs: entry.durationMs, params: parseParams(event.params) });
  });
  // Hot paths (run-list pages and counts, src/db/run-sql.ts) bypass Prisma: record what they
  // send to the driver, parameters included.
  const driverQuery = db.sql.query.bind(db.sql);
  db.sql.query = async <T>(sql: string, params: unknown[] = []) => {
    const started = performance.now();
    const rows = await driverQuery<T>(sql, params);
    statements.push({ sql, params, durationMs: performance.now() - started });
    return rows;
  };
  return {
    db,
    take() {
      const out = statements;
      statements = [];
      pendingSql = [];
      return out;
    },
  };
}

function parseParams(params: string): unknown[] {
  try {
    const parsed = JSON.parse(params) as unknown;
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** The SQL with its long column list folded, for printing. */
export function abbreviateSql(sql: string): string {
  return sql.replace(/^SELECT (.+?) FROM /s, (whole, list: string) => {
    const count = list.split(',').length;
    return count > 4 ? `SELECT <${count} columns> FROM ` : whole;
  });
}
