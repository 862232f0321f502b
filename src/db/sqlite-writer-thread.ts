// The SQLite run-log writer's thread (see sqlite-writer.ts). Every request that is waiting when
// the thread turns to its port is applied in ONE write transaction (group commit), each request
// inside its own savepoint: a request that fails rolls back alone and gets its own error, the
// others commit together. A busy database (another process holding the lock past the busy
// timeout) fails the whole batch, as it failed each write before: the runner keeps those writes
// in its outbox. Blocking on the lock, the commit and WAL checkpoints happens here, never on
// the server's event loop.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { openSqliteConnection } from './raw-sql.js';
import type { WriterError, WriterReply, WriterRequest, WriterThreadData } from './sqlite-writer.js';

const { file, busyTimeoutMs, maxBatch } = workerData as WriterThreadData;
const port = parentPort!;
const connection = openSqliteConnection(file, busyTimeoutMs);

function timed<T>(timings: [string, number][], sql: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    timings.push([sql, performance.now() - start]);
  }
}

function applyOne(request: WriterRequest, timings: [string, number][]): unknown {
  switch (request.op) {
    case 'query':
      return timed(timings, request.sql, () => connection.all(request.sql, request.params));
    case 'execute':
      return timed(timings, request.sql, () => connection.run(request.sql, request.params));
    case 'transaction':
      return request.statements.map((s) => timed(timings, s.sql, () => connection.run(s.sql, s.params ?? [])));
  }
}

function errorOf(error: unknown): WriterError {
  const e = error as { message?: unknown; code?: unknown; name?: unknown };
  return {
    message: typeof e?.message === 'string' ? e.message : String(error),
    code: typeof e?.code === 'string' ? e.code : undefined,
    name: typeof e?.name === 'string' ? e.name : 'Error',
  };
}

function applyBatch(batch: WriterRequest[]): WriterReply[] {
  const replies: WriterReply[] = [];
  try {
    connection.db
      .transaction(() => {
        for (const request of batch) {
          const timings: [string, number][] = [];
          try {
            // A nested better-sqlite3 transaction is a savepoint: released on return, rolled
            // back (and rethrown) on an error.
            const result = connection.db.transaction(() => applyOne(request, timings))();
            replies.push({ id: request.id, ok: true, result, timings });
          } catch (error) {
            replies.push({ id: request.id, ok: false, error: errorOf(error), timings });
          }
        }
      })
      .immediate();
  } catch (error) {
    // BEGIN or COMMIT failed: nothing of the batch was written.
    const failure = errorOf(error);
    return batch.map((request) => ({ id: request.id, ok: false, error: failure, timings: [] }));
  }
  return replies;
}

type Incoming = WriterRequest[] | { op: 'close' };

function close(): void {
  connection.db.close();
  port.close();
}

// The event loop posts each turn's requests as one array (sqlite-writer.ts); whatever arrays
// are already waiting join the same batch, up to maxBatch requests per transaction.
port.on('message', (first: Incoming) => {
  if (!Array.isArray(first)) {
    close();
    return;
  }
  const waiting: WriterRequest[] = [...first];
  let closing = false;
  while (waiting.length < maxBatch) {
    const next = receiveMessageOnPort(port)?.message as Incoming | undefined;
    if (!next) break;
    if (!Array.isArray(next)) {
      closing = true;
      break;
    }
    for (const request of next) waiting.push(request);
  }
  for (let start = 0; start < waiting.length; start += maxBatch) {
    port.postMessage(applyBatch(waiting.slice(start, start + maxBatch)));
  }
  if (closing) close();
});
