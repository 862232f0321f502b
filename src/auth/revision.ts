/**
 * "Has any token changed since I last looked?" — the question that lets a server cache tokens
 * in memory and still honour a revocation on the very next request, in every process and every
 * instance. Every token create/revoke bumps the one AuthRevision row in the same transaction
 * (token-store.ts); a cached token is trusted only while the revision it was loaded at is
 * still current.
 *
 * Why this and not a database lookup per request: the top-5 query itself is one indexed read,
 * so a second round trip would cost far more than the 5 % budget (issue 11). The revision is
 * obtained as cheaply as each provider allows:
 *
 * - SQLite: the row is re-read after any change to the database files (inotify on their
 *   directory: every commit of any process writes the -wal file), synchronously on a connection
 *   of its own. What remains is the instant between another process's commit and this process
 *   reading the inotify event, as on PostgreSQL; without inotify, a read per request.
 * - PostgreSQL: LISTEN on eco_auth_revision (src/queue/notify-bus.ts); the bump's pg_notify is
 *   delivered when its transaction commits, so the cached revision needs no query at all. A
 *   notification only says "stale": the next request re-reads the row. While the listening
 *   connection is down (notifications could be missed) every event-loop turn reads the row
 *   once, shared by all requests of that turn, until it is back.
 *   The one window left: a request handled in the instant between a revoke's commit and this
 *   process reading the notification from its socket (sub-millisecond on one network). A
 *   revoke made in this very process (token-store.ts) closes it: `revisionChangedHere`
 *   makes every source of the process forget at once, before the revoke returns.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_BUSY_TIMEOUT_MS, type DbHandle } from '../db/client.js';
import { sqliteFilePath } from '../db/target.js';
import { CHANNELS, NotifyBus } from '../queue/notify-bus.js';

export interface RevisionSource {
  /** The current token revision (0 before any token exists); a number when known without I/O. */
  current(): number | Promise<number>;
  close(): Promise<void>;
}

const forgetters = new Set<() => void>();

/** Called by token-store.ts after a token change committed in this process. */
export function revisionChangedHere(): void {
  for (const forget of forgetters) forget();
}

const READ_REVISION = 'SELECT "revision" FROM "AuthRevision" WHERE "id" = 1';

async function readRevision(db: DbHandle): Promise<number> {
  const rows = await db.sql.query<{ revision: number | bigint }>(READ_REVISION);
  return rows.length === 0 ? 0 : Number(rows[0]!.revision);
}

/** One read per event-loop turn however many requests ask during it. */
function perTurn(read: () => Promise<number>): () => Promise<number> {
  let pending: Promise<number> | null = null;
  return () => {
    if (!pending) {
      pending = read();
      setImmediate(() => (pending = null));
    }
    return pending;
  };
}

export function sqliteRevision(db: DbHandle): RevisionSource {
  const file = sqliteFilePath(db.target.url);
  if (file === null) return { current: () => readRevision(db), close: async () => undefined };
  // The row is read by a prepared statement on a read-only connection of its own, without a
  // promise (through the async RawSql path a read cost ~30 µs of a ~400 µs top-5 request; the
  // budget for auth is 5 %). And only when the database may have changed: every commit, by any
  // process, writes the -wal file (or, without WAL, the database file), and inotify tells this
  // process so, as LISTEN/NOTIFY does on PostgreSQL. Between commits the known revision stands.
  const connection = new Database(file, { readonly: true, fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  let statement: Database.Statement | null = null;
  const read = (): number => {
    statement ??= connection.prepare(READ_REVISION).pluck();
    const revision = statement.get() as number | bigint | undefined;
    return revision === undefined ? 0 : Number(revision);
  };
  let known: number | null = null;
  const forget = () => {
    known = null;
  };
  const base = path.basename(file);
  let watcher: fs.FSWatcher | null = null;
  try {
    // The directory, not the files: the -wal file comes and goes with the last connection.
    watcher = fs.watch(path.dirname(file), { persistent: false }, (_event, name) => {
      if (name === null || name.startsWith(base)) forget();
    });
    watcher.on('error', () => {
      // No more change events: back to a read per request, which is exact.
      watcher = null;
      forget();
    });
  } catch {
    watcher = null; // no inotify here: a read per request
  }
  forgetters.add(forget);
  return {
    current: () => {
      if (known !== null && watcher) return known;
      const revision = read();
      if (watcher) known = revision;
      return revision;
    },
    close: async () => {
      forgetters.delete(forget);
      watcher?.close();
      watcher = null;
      connection.close();
    },
  };
}

export async function postgresRevision(db: DbHandle, log: (message: string) => void): Promise<RevisionSource> {
  const bus = new NotifyBus({ connectionString: db.target.url, log: (message) => log(`[auth] ${message}`) });
  // A notification or a reconnect makes the known revision unknown; `epoch` lets a read that
  // was already in flight when that happened not store its (possibly older) answer.
  let known: number | null = null;
  let epoch = 0;
  const forget = () => {
    known = null;
    epoch++;
  };
  bus.on(CHANNELS.authRevision, forget);
  bus.onReconnect(forget);
  forgetters.add(forget);
  await bus.start();
  const readShared = perTurn(async () => {
    const at = epoch;
    const listening = bus.listening;
    const revision = await readRevision(db);
    if (listening && bus.listening && at === epoch) known = revision;
    return revision;
  });
  return {
    current: () => (known !== null && bus.listening ? known : readShared()),
    close: () => {
      forgetters.delete(forget);
      return bus.close();
    },
  };
}

export async function revisionSource(db: DbHandle, log: (message: string) => void): Promise<RevisionSource> {
  return db.provider === 'postgres' ? postgresRevision(db, log) : sqliteRevision(db);
}

/**
 * The statements that bump the revision, for the transaction that changes a token. On
 * PostgreSQL the NOTIFY is queued by the transaction and sent by its commit, never before.
 */
export function bumpRevisionStatements(provider: DbHandle['provider']): string[] {
  const bump = 'INSERT INTO "AuthRevision" ("id", "revision") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "revision" = "AuthRevision"."revision" + 1';
  return provider === 'postgres' ? [bump, `SELECT pg_notify('${CHANNELS.authRevision}', '')`] : [bump];
}
