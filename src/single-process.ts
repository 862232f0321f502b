// The default `npm start`: one process migrates the database, then serves.
import { migrateDatabase } from './db/migrate.js';
import { databaseTarget } from './db/target.js';
import { foldRetiredOutboxes, outboxBasePath } from './cluster/outbox-files.js';
import { portFromEnv, startService, stopOnSignals } from './service.js';

export async function runSingleProcess(): Promise<void> {
  const target = databaseTarget(process.env.DATABASE_URL);
  await migrateDatabase(target.url);
  const outboxPath = outboxBasePath();
  // Outbox files an earlier cluster start left for workers 2..N: this process replays them.
  const folded = foldRetiredOutboxes(outboxPath, 1);
  if (folded.moved > 0) console.warn(`outbox: ${folded.moved} deferred run-log write(s) taken over from ${folded.files.join(', ')}`);
  const service = await startService({ port: portFromEnv(), outboxPath });
  console.log(`EcoSystemiser on ${service.where}: GraphiQL at ${service.url}`);
  stopOnSignals(service.stop);
}
