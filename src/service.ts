// One server process: the database client, the simulation runner, the Yoga app listening on a
// port, and the way to stop them in order. Migrating is not its business (whoever starts
// processes does it once: src/single-process.ts, or the cluster primary).
import { createDb } from './db/client.js';
import { databaseTarget } from './db/target.js';
import { admissionFromEnv } from './runner/admission.js';
import { HEARTBEAT_INTERVAL_MS, SimulationRunner, type RunPeers } from './runner/runner.js';
import { StudyRunner } from './runner/study-runner.js';
import { hostFromEnv } from './env-settings.js';
import { createYogaApp, startHttpServer } from './server.js';
import { createServerAuth } from './auth/guard.js';
import { assertBindAllowed, authSettingsFromEnv } from './auth/settings.js';
import { executionModeFromEnv } from './queue/settings.js';

export interface ServiceOptions {
  port: number;
  /** The durable run outbox of this process (one file per process). */
  outboxPath: string;
  /** Simulation worker threads; default: the number of cores. */
  poolSize?: number;
  /** Server processes sharing the admission bounds (cluster mode); default 1. */
  processes?: number;
  /** Sibling processes that may hold runs (cluster mode). */
  peers?: RunPeers;
  /** Called with the runner before the server listens (cluster mode connects it to the relay). */
  onRunner?: (runner: SimulationRunner) => void;
  log?: (message: string) => void;
}

export interface Service {
  runner: SimulationRunner;
  /** Where it serves GraphQL (and GraphiQL), e.g. http://localhost:4000/graphql. */
  url: string;
  /** The database, for the start-up line: the SQLite URL, or "PostgreSQL". */
  where: string;
  /** Stops listening, stops the runner (held runs end as SHUTDOWN), disconnects the database. */
  stop(): Promise<void>;
}

export function portFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.PORT ?? 4000);
}

/**
 * RUN_HEARTBEAT_MS (default 10 s): how often held runs' heartbeats and study leases are renewed.
 * A run is CRASHED after 6 missed beats, a study's lease may be taken over after 3.
 */
export function heartbeatFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.RUN_HEARTBEAT_MS?.trim() ?? '';
  if (text === '') return HEARTBEAT_INTERVAL_MS;
  if (/^\d+$/.test(text) && Number(text) >= 50) return Number(text);
  throw new Error(`RUN_HEARTBEAT_MS must be an integer of at least 50 (got "${env.RUN_HEARTBEAT_MS}")`);
}

export async function startService(options: ServiceOptions): Promise<Service> {
  // Before anything starts: a network bind without auth is refused (src/auth/settings.ts).
  const authSettings = authSettingsFromEnv();
  assertBindAllowed(authSettings, hostFromEnv());
  const target = databaseTarget(process.env.DATABASE_URL);
  const db = await createDb({ databaseUrl: target.url });
  const log = options.log ?? ((message: string) => console.warn(message));
  // EXECUTION=queue: runs go to pg-boss jobs that `npm run worker` processes take (src/queue/).
  const queue = executionModeFromEnv() === 'queue' ? await (await import('./queue/api.js')).startQueueExecution(db, log) : null;
  // The outbox keeps run-log writes the database refused, to replay them when it answers again.
  const runner = new SimulationRunner(db, {
    // Queue mode simulates nothing here: one idle thread is what the pool keeps at least.
    poolSize: queue ? 1 : options.poolSize,
    executor: queue?.executor,
    ...admissionFromEnv(process.env, options.processes ?? 1),
    heartbeatIntervalMs: heartbeatFromEnv(),
    outboxPath: options.outboxPath,
    peers: options.peers,
    log,
  });
  options.onRunner?.(runner);
  await runner.ready;
  const maxTrials = process.env.STUDY_MAX_TRIALS ? Number(process.env.STUDY_MAX_TRIALS) : undefined;
  if (maxTrials !== undefined && !(Number.isSafeInteger(maxTrials) && maxTrials >= 1)) throw new Error(`STUDY_MAX_TRIALS must be a positive integer (got "${process.env.STUDY_MAX_TRIALS}")`);
  const studies = new StudyRunner(db, runner, { maxTrials, leaseStaleAfterMs: 3 * heartbeatFromEnv(), log: options.log ?? ((message) => console.warn(message)) });
  // Studies a stopped process was driving (their lease lapsed) go on here.
  await studies.resumeAbandoned().catch((error) => console.warn(`studies: resume deferred: ${(error as Error).message}`));
  const auth = await createServerAuth(db, authSettings, log);
  const yoga = createYogaApp({ db, runner, studies, auth });
  const server = await startHttpServer(yoga, options.port);
  return {
    runner,
    url: `http://localhost:${options.port}${yoga.graphqlEndpoint}`,
    where: db.provider === 'sqlite' ? db.target.url : 'PostgreSQL',
    async stop() {
      server.close();
      await studies.close();
      await runner.close();
      await auth?.close();
      await queue?.close();
      await db.close();
    },
  };
}

/** Calls `stop` once on the first SIGINT or SIGTERM, then exits with 0. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      await stop();
      process.exit(0);
    });
  }
}
