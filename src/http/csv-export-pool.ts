// The reader's side of exports made in threads (csv-export-thread.ts): a small pool of threads,
// started on the first export and let go when idle, and a pull interface over one export's
// chunks that keeps the thread a couple of chunks ahead of the HTTP response (the thread
// reads and formats while the event loop writes) and no further (flat memory).
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ExportReaderMessage, ExportThreadMessage, ExportThreadTask } from './csv-export-thread.js';

/** Chunks a thread may have made and the response not yet taken. */
const CHUNKS_AHEAD = 2;

let pool: Piscina | null = null;
let running = 0;

/** Exports a thread is working on now (tests: a cancelled download frees its thread). */
export function exportsInThreads(): number {
  return running;
}

function exportPool(warmThreads = 0): Piscina {
  if (!pool) {
    const fromSource = import.meta.url.endsWith('.ts');
    pool = new Piscina({
      filename: new URL(fromSource ? './csv-export-thread.ts' : './csv-export-thread.js', import.meta.url).href,
      name: 'exportRunsCsvTask',
      minThreads: warmThreads,
      // One export per thread while it lasts; more wait for a thread (their responses have
      // started, the bytes come when one is free).
      maxThreads: Math.max(2, availableParallelism()),
      // Run from TypeScript sources (tsx, vitest), threads need the same loader.
      execArgv: fromSource ? ['--import', 'tsx'] : [],
      // A warm thread keeps V8's optimised formatter between exports.
      idleTimeout: 60_000,
    });
  }
  return pool;
}

/**
 * Starts the pool with one thread kept ready: a thread's start (the loader, the driver, the
 * modules) put ~0.35 s before the first byte of the first export.
 */
export function warmExportThread(): void {
  exportPool(1);
}

export interface ThreadChunks {
  /** The next chunk, or null after the last. Rejects if the export failed. */
  next(): Promise<Uint8Array | null>;
  /** Stops the export (the client went away); the thread closes its reader. */
  cancel(): void;
}

export function exportInThread(task: Omit<ExportThreadTask, 'port' | 'credits'>): ThreadChunks {
  const { port1, port2 } = new MessageChannel();
  const received: Uint8Array[] = [];
  let finished = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const settle = () => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  const end = (error: Error | null) => {
    if (finished) return;
    finished = true;
    failure = error;
    port1.close();
    settle();
  };
  port1.on('message', (message: ExportThreadMessage) => {
    if (message.type === 'chunk') received.push(message.bytes);
    else end(message.type === 'error' ? new Error(message.message) : null);
    settle();
  });
  running++;
  exportPool()
    .run({ ...task, port: port2, credits: CHUNKS_AHEAD } satisfies ExportThreadTask, { transferList: [port2] as never })
    .catch((error: Error) => end(error))
    .finally(() => running--);
  return {
    async next() {
      while (received.length === 0 && !finished) await new Promise<void>((resolve) => (wake = resolve));
      const chunk = received.shift();
      if (chunk) {
        if (!finished) port1.postMessage('more' satisfies ExportReaderMessage);
        return chunk;
      }
      if (failure) throw failure;
      return null;
    },
    cancel() {
      if (finished) return;
      port1.postMessage('cancel' satisfies ExportReaderMessage);
      end(null);
    },
  };
}
