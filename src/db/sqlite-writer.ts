// The run log's SQLite writes in a thread of their own. better-sqlite3 is synchronous: on the
// event loop, every run's QUEUED insert and COMPLETED update (with its ~144 kB series) was a
// transaction the whole API waited for, and a WAL checkpoint or another process's lock (busy
// timeout 5 s) stalled every request for as long. Here the event loop only posts the
// statements and awaits the answer; the thread applies what is waiting in one transaction per
// batch (sqlite-writer-thread.ts). The same RawSql interface as the direct connection, so the
// run-log functions (run-log.ts) neither know nor care which thread writes. An answer comes
// only after the commit: a run acknowledged as QUEUED is in the database, as before.
import { Worker } from 'node:worker_threads';
import type { OnQuery, RawSql, SqlStatement } from './raw-sql.js';

export interface WriterThreadData {
  file: string;
  busyTimeoutMs: number;
  /** Requests applied in one transaction at most (bounds a batch's lock time). */
  maxBatch: number;
}

export type WriterRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  | { id: number; op: 'execute'; sql: string; params: unknown[] }
  | { id: number; op: 'transaction'; statements: SqlStatement[] };

export interface WriterError {
  message: string;
  code: string | undefined;
  name: string;
}

export type WriterReply =
  | { id: number; ok: true; result: unknown; timings: [string, number][] }
  | { id: number; ok: false; error: WriterError; timings: [string, number][] };

/** Requests in one group commit at most; more wait for the next turn of the thread. */
export const WRITER_MAX_BATCH = 256;

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/** An error from the thread as the drivers raise it: message, name and `code` (SQLITE_BUSY, …). */
function rebuildError(error: WriterError): Error {
  const rebuilt = new Error(error.message) as Error & { code?: string };
  rebuilt.name = error.name;
  if (error.code !== undefined) rebuilt.code = error.code;
  return rebuilt;
}

export function sqliteWriterSql(file: string, busyTimeoutMs: number, onQuery: OnQuery): RawSql {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './sqlite-writer-thread.ts' : './sqlite-writer-thread.js', import.meta.url);
  const workerData = { file, busyTimeoutMs, maxBatch: WRITER_MAX_BATCH } satisfies WriterThreadData;
  // From TypeScript sources (tsx, vitest) the thread needs tsx's loader. `--import tsx` in the
  // thread's execArgv registers it too late for the entry itself (its hooks are installed
  // asynchronously), so a one-line script registers it and then imports the entry.
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`, {
        eval: true,
        workerData,
      })
    : new Worker(entry, { workerData });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: Error | null = null;
  // The thread keeps the process alive only while it has work: an idle writer must not stop a
  // script from exiting.
  worker.unref();

  const settle = (reply: WriterReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (onQuery) for (const [sql, ms] of reply.timings) onQuery(sql, ms);
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(rebuildError(reply.error));
  };
  worker.on('message', (replies: WriterReply[]) => replies.forEach(settle));
  const failAll = (error: Error) => {
    failure = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the SQLite writer thread stopped (exit code ${code})`)));

  // Requests made during one turn of the event loop go to the thread as one message, posted when
  // the turn ends (setImmediate): under a burst each postMessage woke the thread again and, on
  // a 2-core machine, handed it the core the event loop was using; one message per turn is one
  // wake-up, and the thread then commits that turn's writes together anyway.
  let outgoing: WriterRequest[] = [];
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    if (outgoing.length === 0) return;
    const requests = outgoing;
    outgoing = [];
    worker.postMessage(requests);
  };

  const send = <T>(request: WithoutId<WriterRequest>): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      outgoing.push({ ...request, id } as WriterRequest);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    });
  };

  return {
    dialect: 'sqlite',
    placeholder: () => '?',
    query: <T>(sql: string, params: unknown[] = []) => send<T[]>({ op: 'query', sql, params }),
    execute: (sql, params = []) => send<number>({ op: 'execute', sql, params }),
    transaction: (statements) => send<number[]>({ op: 'transaction', statements }),
    async close() {
      if (failure) return;
      // Requests already posted are answered first: the thread reads the close after them.
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.ref();
      flush();
      worker.postMessage({ op: 'close' });
      await exited;
    },
  };
}
