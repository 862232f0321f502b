// `npm run worker`: one queue worker process (EXECUTION=queue deployments; docs/deploy.md).
// Needs DATABASE_URL=postgresql://… (the database the API instances use) and migrates nothing:
// the API instances migrate the run log; pg-boss creates or upgrades its own schema.
// SIGINT/SIGTERM: stop taking jobs, finish or hand back the running ones, exit 0.
import { NotifyBus } from './notify-bus.js';
import { QueueWorker } from './queue-worker.js';
import { assertQueueDatabase, queueSettingsFromEnv, startBoss, workerSettingsFromEnv } from './settings.js';

const log = (message: string) => console.warn(`[worker] ${message}`);
// pg-boss acks a job without awaiting the write; with the database away that promise rejects
// unobserved. The job then expires and is delivered again (the attempt guard makes that
// harmless), so it is logged, never fatal.
process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${(reason as Error)?.message ?? String(reason)}`));

let connectionString: string;
try {
  connectionString = assertQueueDatabase(process.env.DATABASE_URL);
} catch (error) {
  console.error(`EcoSystemiser worker cannot start: ${(error as Error).message}`);
  process.exit(1);
}
const queue = queueSettingsFromEnv();
const settings = workerSettingsFromEnv();
const bus = new NotifyBus({ connectionString, log });
await bus.start();
const boss = await startBoss(connectionString, queue, log);
const worker = new QueueWorker({ connectionString, boss, bus, queue, worker: settings, log });
await worker.start();
console.log(`EcoSystemiser worker ${worker.id}: ${settings.concurrency} slot(s), taking jobs`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log(`worker ${worker.id}: ${signal}, finishing ${worker.running} run(s)`);
    await worker.stop();
    await bus.close();
    process.exit(0);
  });
}
