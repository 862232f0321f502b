// Queue mode's switches, all from the environment (docs/deploy.md lists them), and the one
// pg-boss set-up both sides share: queue names, retry and expiry policy, maintenance interval.
import os from 'node:os';
import PgBoss from 'pg-boss';

export type ExecutionMode = 'in-process' | 'queue';

/** The simulation jobs, one per run; the job id is the run id. */
export const SIMULATION_QUEUE = 'simulation';
/** Jobs that used up their attempts land here; a worker logs their run FAILED with the reason. */
export const DEAD_SIMULATION_QUEUE = 'simulation-dead';

/** EXECUTION: unset / "in-process" (default) or "queue" (PostgreSQL only). */
export function executionModeFromEnv(env: NodeJS.ProcessEnv = process.env): ExecutionMode {
  const value = (env.EXECUTION ?? '').trim().toLowerCase();
  if (value === '' || value === 'in-process' || value === 'local') return 'in-process';
  if (value === 'queue') return 'queue';
  throw new Error(`EXECUTION must be "in-process" or "queue" (got "${env.EXECUTION}")`);
}

/** Queue mode needs PostgreSQL: the jobs live in the run log's database. */
export function assertQueueDatabase(databaseUrl: string | undefined): string {
  if (!databaseUrl || !/^postgres(ql)?:\/\//i.test(databaseUrl.trim())) {
    throw new Error('EXECUTION=queue needs DATABASE_URL=postgresql://… (the job queue lives in the run log\'s PostgreSQL database); SQLite runs in-process');
  }
  return databaseUrl.trim();
}

export interface QueueSettings {
  /** Attempts of a job before its run is FAILED (QUEUE_MAX_ATTEMPTS, default 3). */
  maxAttempts: number;
  /** Queued jobs above which runSimulation is refused with OVERLOADED (QUEUE_MAX_QUEUED, default 10000). */
  maxQueued: number;
  /**
   * How long a job may stay active before pg-boss takes it back (a dead worker's job is retried
   * after this). QUEUE_JOB_EXPIRE_SECONDS; default: the run's time limit + 60 s.
   */
  jobExpireSeconds: number | null;
  /** How often pg-boss looks for expired jobs (QUEUE_MAINTENANCE_SECONDS, default 10). */
  maintenanceSeconds: number;
  /** A worker's poll interval when idle (QUEUE_POLL_SECONDS, default 2; NOTIFY wakes it sooner). */
  pollSeconds: number;
  /** pg-boss's own connections per process (QUEUE_BOSS_CONNECTIONS, default 3). */
  bossConnections: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, { integer = true } = {}): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'} (got "${raw}")`);
  }
  return value;
}

export function queueSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  return {
    maxAttempts: positive(env, 'QUEUE_MAX_ATTEMPTS', 3),
    maxQueued: positive(env, 'QUEUE_MAX_QUEUED', 10_000),
    jobExpireSeconds: env.QUEUE_JOB_EXPIRE_SECONDS ? positive(env, 'QUEUE_JOB_EXPIRE_SECONDS', 0) : null,
    maintenanceSeconds: positive(env, 'QUEUE_MAINTENANCE_SECONDS', 10),
    pollSeconds: Math.max(0.5, positive(env, 'QUEUE_POLL_SECONDS', 2, { integer: false })),
    bossConnections: positive(env, 'QUEUE_BOSS_CONNECTIONS', 3),
  };
}

export interface WorkerSettings {
  /** Runs simulated at once by this worker (WORKER_CONCURRENCY, default: the cores). */
  concurrency: number;
  /** WORKER_ID, default host:pid:random. */
  workerId: string;
  /** How long SIGTERM waits for running runs before handing them back (WORKER_SHUTDOWN_GRACE_MS, default 30 s). */
  shutdownGraceMs: number;
}

export function workerSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerSettings {
  return {
    concurrency: positive(env, 'WORKER_CONCURRENCY', os.availableParallelism()),
    workerId: env.WORKER_ID?.trim() || `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`,
    shutdownGraceMs: positive(env, 'WORKER_SHUTDOWN_GRACE_MS', 30_000),
  };
}

/** The job's time to live while active: past it pg-boss fails it and retries (or dead-letters) it. */
export function jobExpireSeconds(settings: QueueSettings, timeLimitMs: number): number {
  return settings.jobExpireSeconds ?? Math.ceil(timeLimitMs / 1000) + 60;
}

/**
 * A started pg-boss on the run log's database (its own schema, `pgboss`), with both queues.
 * pg-boss creates or migrates its schema itself, under an advisory lock (safe from many
 * processes at once).
 */
export async function startBoss(connectionString: string, settings: QueueSettings, log: (message: string) => void): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    max: settings.bossConnections,
    application_name: 'ecosystemiser-queue',
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
    schedule: false,
  });
  // pg-boss reports failed polls and maintenance here (e.g. while the database is away); it
  // keeps polling, so they are logged, never fatal.
  boss.on('error', (error) => log(`pg-boss: ${error.message}`));
  await boss.start();
  await ensureQueue(boss, DEAD_SIMULATION_QUEUE, { name: DEAD_SIMULATION_QUEUE, retryLimit: 5 });
  await ensureQueue(boss, SIMULATION_QUEUE, {
    name: SIMULATION_QUEUE,
    retryLimit: settings.maxAttempts - 1,
    retryDelay: 0,
    deadLetter: DEAD_SIMULATION_QUEUE,
  });
  return boss;
}

async function ensureQueue(boss: PgBoss, name: string, options: PgBoss.Queue): Promise<void> {
  if (await boss.getQueue(name)) await boss.updateQueue(name, options);
  else {
    try {
      await boss.createQueue(name, options);
    } catch (error) {
      // Another process created it between the check and here.
      if (!(await boss.getQueue(name))) throw error;
    }
  }
}
