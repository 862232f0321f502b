// A cluster worker process (forked by primary.ts): today's server without the migration (the
// primary did it), with its share of the cores, its own outbox file, and the run relay to its
// siblings. Stops on the primary's eco:shutdown, or on SIGINT/SIGTERM sent to it directly.
import { threadsPerProcess } from './concurrency.js';
import { isPrimaryMessage, WORKER_COUNT_ENV, WORKER_INDEX_ENV, type WorkerMessage } from './messages.js';
import { outboxBasePath, workerOutboxPath } from './outbox-files.js';
import { processChannel, WorkerLink } from './worker-link.js';
import { portFromEnv, startService, type Service } from '../service.js';

export async function runClusterWorker(): Promise<void> {
  const index = Number(process.env[WORKER_INDEX_ENV]);
  const count = Number(process.env[WORKER_COUNT_ENV]);
  if (!Number.isInteger(index) || index < 1 || !Number.isInteger(count) || count < 1) {
    throw new Error(`cluster worker started without ${WORKER_INDEX_ENV}/${WORKER_COUNT_ENV}`);
  }

  let service: Service | null = null;
  let stopping = false;
  const link = new WorkerLink(processChannel());
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (!service) return; // still starting: it stops once started (below)
    await service.stop();
    link.close();
    process.exit(0);
  };
  process.on('message', (message) => {
    if (isPrimaryMessage(message) && message.type === 'eco:shutdown') void stop();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop());

  service = await startService({
    port: portFromEnv(),
    outboxPath: workerOutboxPath(outboxBasePath(), index),
    poolSize: threadsPerProcess(count),
    processes: count,
    peers: link,
    onRunner: (runner) => link.attach(runner),
    log: (message) => console.warn(`[worker ${index}] ${message}`),
  });
  if (stopping) {
    await service.stop();
    link.close();
    process.exit(0);
  }
  const ready: WorkerMessage = { type: 'eco:ready', url: service.url, where: service.where };
  process.send!(ready, undefined, undefined, () => undefined);
}
