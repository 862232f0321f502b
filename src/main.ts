// `npm start`: migrate the database DATABASE_URL names (default: SQLite under data/), start
// the worker pool and serve GraphQL on PORT (default 4000). WEB_CONCURRENCY=N (or "auto": one
// per core) serves PORT from N processes (src/cluster/); unset or 1: one process.
import cluster from 'node:cluster';
import { parseWebConcurrency } from './cluster/concurrency.js';
import { admissionFromEnv } from './runner/admission.js';
import { assertQueueDatabase, executionModeFromEnv } from './queue/settings.js';
import { assertBindAllowed, authSettingsFromEnv, authStartupLine } from './auth/settings.js';
import { hostFromEnv, persistedOnlyFromEnv } from './env-settings.js';

/** EXECUTION=queue: PostgreSQL only; one process per API instance (scale out with more instances). */
function checkExecutionMode(processes: number): void {
  if (executionModeFromEnv() !== 'queue') return;
  assertQueueDatabase(process.env.DATABASE_URL);
  if (processes > 1) {
    throw new Error('EXECUTION=queue runs one process per API instance (events already reach every instance through PostgreSQL): leave WEB_CONCURRENCY unset, start more instances instead');
  }
}

if (cluster.isWorker) {
  const { runClusterWorker } = await import('./cluster/worker.js');
  await runClusterWorker();
} else {
  let processes: number;
  try {
    processes = parseWebConcurrency(process.env.WEB_CONCURRENCY);
    admissionFromEnv(process.env);
    checkExecutionMode(processes);
    const host = hostFromEnv();
    const auth = authSettingsFromEnv();
    assertBindAllowed(auth, host);
    console.log(authStartupLine(auth, host));
    if (persistedOnlyFromEnv()) {
      console.log('PERSISTED_ONLY: only trusted (codegen) documents run, by sha256 hash; introspection and GraphiQL are off.');
    }
  } catch (error) {
    console.error(`EcoSystemiser cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  // Imported on demand: the primary loads neither the schema nor the engine.
  if (processes > 1) await (await import('./cluster/primary.js')).runPrimary({ workers: processes });
  else await (await import('./single-process.js')).runSingleProcess();
}
