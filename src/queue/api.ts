// Queue mode for one API process: the pg-boss client (send only: this process works no jobs),
// the NOTIFY bus and the executor the runner hands accepted runs to.
import type { DbHandle } from '../db/client.js';
import { NotifyBus } from './notify-bus.js';
import { QueueExecutor } from './queue-executor.js';
import { assertQueueDatabase, queueSettingsFromEnv, startBoss } from './settings.js';

export interface QueueExecution {
  executor: QueueExecutor;
  /** After the runner has closed (the executor's pool closes with the runner). */
  close(): Promise<void>;
}

export async function startQueueExecution(db: DbHandle, log: (message: string) => void): Promise<QueueExecution> {
  const connectionString = assertQueueDatabase(db.target.url);
  const settings = queueSettingsFromEnv();
  const bus = new NotifyBus({ connectionString, log });
  await bus.start();
  const boss = await startBoss(connectionString, settings, log);
  const executor = new QueueExecutor({ db, connectionString, boss, bus, settings, log });
  return {
    executor,
    async close() {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      await bus.close();
    },
  };
}
