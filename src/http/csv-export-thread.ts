// Runs in a thread of the export pool (csv-export-pool.ts): reads one runs export from the
// database and writes its CSV bytes, so neither the reading (better-sqlite3's synchronous
// steps, pg's row parsing) nor the formatting run on the event loop. An export of 100,000 runs
// is ~1.5–2 s of CPU: on the event loop every other request waited through it, and the HTTP
// writes could not overlap the reading.
import type { MessagePort } from 'node:worker_threads';
import pg from 'pg';
import { cursorBatches, sqliteReaderBatches } from '../db/raw-sql.js';
import { runCsvChunks, type Values } from './csv-run-lines.js';

/** Where the thread reads from: a connection of its own, opened for the export and closed after. */
export type ExportSource = { provider: 'sqlite'; file: string; busyTimeoutMs: number } | { provider: 'postgres'; url: string };

export interface ExportThreadTask {
  source: ExportSource;
  sql: string;
  params: unknown[];
  /** The select list's names, in order (the rows are read as arrays). */
  names: readonly string[];
  chunkBytes: number;
  batchSize: number;
  /** Chunks the thread may send before the reader asks for more ('more', one each). */
  credits: number;
  port: MessagePort;
}

/** From the thread to the reader, on the task's port. */
export type ExportThreadMessage = { type: 'chunk'; bytes: Uint8Array } | { type: 'done' } | { type: 'error'; message: string };
/** From the reader: one more chunk may come, or stop. */
export type ExportReaderMessage = 'more' | 'cancel';

/** Bytes of the database file mapped at most; a larger file's rest is read as before. */
const EXPORT_MMAP_BYTES = 4 * 1024 ** 3;

function sqliteBatches(source: Extract<ExportSource, { provider: 'sqlite' }>, task: ExportThreadTask): Generator<Values[]> {
  // Memory-mapped reads: an export in index order visits table pages at random, and through
  // read() each page was a system call and a copy into a 2 MiB cache it soon left (1.4 s of
  // 100,000 rows' 45 columns vs 0.55 s mapped; bench/csv-export.ts). The mapping is the OS's
  // page cache, shared and reclaimable, and goes when the reader closes.
  return sqliteReaderBatches<Values>(source.file, source.busyTimeoutMs, task.sql, task.params, task.batchSize, { rows: 'array', mmapBytes: EXPORT_MMAP_BYTES });
}

/**
 * The thread's PostgreSQL connection, kept between exports: a new backend plans its first
 * query with cold catalog caches (~0.2 s more before the first byte). Dropped when it fails or
 * the server closes it; the next export connects again.
 */
let idle: { url: string; client: pg.Client } | null = null;

/** How the export connections show in pg_stat_activity. */
export const EXPORT_APPLICATION_NAME = 'ecosystemiser-export';

async function postgresClient(url: string): Promise<{ client: pg.Client; reused: boolean }> {
  if (idle?.url === url) {
    const { client } = idle;
    idle = null;
    return { client, reused: true };
  }
  idle?.client.end().catch(() => undefined);
  idle = null;
  // As the service's pool: a silent network drop fails the connect in seconds.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, application_name: EXPORT_APPLICATION_NAME });
  const drop = () => {
    if (idle?.client === client) idle = null;
  };
  // A server that drops the connection fails the current FETCH, or the next export's first
  // query; the event itself must not take the thread down.
  client.on('error', drop);
  client.on('end', drop);
  await client.connect();
  return { client, reused: false };
}

async function* postgresBatches(source: Extract<ExportSource, { provider: 'postgres' }>, task: ExportThreadTask): AsyncGenerator<Values[]> {
  for (;;) {
    const { client, reused } = await postgresClient(source.url);
    let rows = 0;
    let healthy = false;
    try {
      for await (const batch of cursorBatches<Values>(client, task.sql, task.params, task.batchSize, { rows: 'array' })) {
        rows += batch.length;
        yield batch;
      }
      healthy = true;
      return;
    } catch (error) {
      // A kept connection the server closed while it was idle (restart, idle timeout, a
      // terminated backend) fails its first query, possibly before this thread saw the close:
      // nothing was sent yet, so the export starts over on a new connection.
      if (reused && rows === 0) continue;
      throw error;
    } finally {
      // cursorBatches ends its transaction; a connection whose export failed is not reused.
      if (healthy && idle === null) idle = { url: source.url, client };
      else await client.end().catch(() => undefined);
    }
  }
}

/** Buffer.concat's small results are slices of Node's shared pool, which must not be moved. */
function transferList(bytes: Uint8Array): ArrayBuffer[] {
  return bytes.buffer.byteLength > Buffer.poolSize ? [bytes.buffer as ArrayBuffer] : [];
}

export async function exportRunsCsvTask(task: ExportThreadTask): Promise<void> {
  const { port } = task;
  let credits = task.credits;
  let stopped = false;
  let wake: (() => void) | null = null;
  const onMessage = (message: ExportReaderMessage) => {
    if (message === 'more') credits++;
    else stopped = true;
    wake?.();
  };
  // The reader gone (its port closed) is a cancel too: this thread must not wait for credit forever.
  const onClose = () => onMessage('cancel');
  port.on('message', onMessage);
  port.on('close', onClose);
  const { source } = task;
  try {
    const batches = source.provider === 'sqlite' ? sqliteBatches(source, task) : postgresBatches(source, task);
    for await (const chunk of runCsvChunks(batches, task.names, task.chunkBytes)) {
      while (credits === 0 && !stopped) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (stopped) break;
      credits--;
      port.postMessage({ type: 'chunk', bytes: chunk } satisfies ExportThreadMessage, transferList(chunk));
    }
    if (!stopped) port.postMessage({ type: 'done' } satisfies ExportThreadMessage);
  } catch (error) {
    if (!stopped) port.postMessage({ type: 'error', message: (error as Error).message ?? String(error) } satisfies ExportThreadMessage);
  } finally {
    port.off('message', onMessage);
    port.off('close', onClose);
  }
}
