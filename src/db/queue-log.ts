// The run-log writes of queue mode (src/queue/), PostgreSQL only. A run there may be delivered
// to several workers in turn (a worker that dies has its job retried), so every write names the
// delivery it belongs to: `attempt` (1 = first delivery). A worker claims a run for its attempt,
// and its final write applies only while the run is still RUNNING under that attempt: a worker
// that was presumed dead and comes back late cannot overwrite the outcome of its successor, and
// an outcome is written exactly once. The queue itself is pg-boss's (schema pgboss).
import type pg from 'pg';
import { completeRun, failRun, type CompletedRun, type RunRow } from './run-log.js';
import { checkOut, type RawSql } from './raw-sql.js';

type Queryable = Pick<pg.ClientBase, 'query'>;

/** RawSql over one connection (a transaction's), for the run-log writes of run-log.ts. */
export function connectionSql(client: Queryable): RawSql {
  return {
    dialect: 'postgres',
    placeholder: (index) => `$${index}`,
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async execute(sql, params = []) {
      return (await client.query(sql, params)).rowCount ?? 0;
    },
    async transaction() {
      throw new Error('connectionSql: already inside a transaction');
    },
    async close() {},
  };
}

export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const { client, release } = await checkOut(pool);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    release();
  }
}

export interface ClaimedRun {
  inputJson: string;
  optionsJson: string;
  studyId: string | null;
  startedAt: Date;
}

/**
 * QUEUED (or RUNNING under an earlier attempt, whose worker is gone) → RUNNING under this
 * worker and attempt. Null when the run is finished (cancelled while queued, or completed by an
 * earlier attempt whose ack was lost), missing, or claimed by a later attempt. Claiming again
 * under the same worker and attempt succeeds (a retry after a lost answer).
 */
export async function claimRun(db: Queryable, claim: { runId: string; workerId: string; attempt: number; now?: Date }): Promise<ClaimedRun | null> {
  const at = (claim.now ?? new Date()).toISOString();
  const { rows } = await db.query(
    `UPDATE "SimulationRun" SET "status" = 'RUNNING', "workerId" = $1, "attempt" = $2, "startedAt" = $3, "heartbeatAt" = $3, "updatedAt" = $3 ` +
      // The second arm: this very claim, retried because its answer was lost with the connection.
      `WHERE "id" = $4 AND "status" IN ('QUEUED', 'RUNNING') AND (COALESCE("attempt", 0) < $2 OR ("status" = 'RUNNING' AND "attempt" = $2 AND "workerId" = $1)) ` +
      `RETURNING "inputJson", "optionsJson", "studyId", ("startedAt" AT TIME ZONE 'UTC') AS "startedAt"`,
    [claim.workerId, claim.attempt, at, claim.runId],
  );
  const row = rows[0] as ClaimedRun | undefined;
  return row ? { ...row, startedAt: new Date(row.startedAt) } : null;
}

export type AttemptOutcome =
  | { kind: 'complete'; outcome: CompletedRun }
  | { kind: 'fail'; status: 'FAILED' | 'CANCELLED'; errorCode: string; errorMessage: string };

/**
 * The final write of one attempt, in one transaction with its guard: applied only while the
 * run is RUNNING under this attempt (row locked meanwhile). Returns the run as written, or null
 * when the attempt no longer owns the run (nothing written). `notify` runs in the same
 * transaction, so listeners hear of the outcome exactly when it is committed.
 */
export async function finishAttempt(
  pool: pg.Pool,
  runId: string,
  attempt: number,
  workerId: string,
  result: AttemptOutcome,
  notify?: (client: pg.PoolClient, row: RunRow) => Promise<void>,
  now = new Date(),
): Promise<RunRow | null> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query(`SELECT "status", "attempt" FROM "SimulationRun" WHERE "id" = $1 FOR UPDATE`, [runId]);
    const current = rows[0] as { status: string; attempt: number | null } | undefined;
    if (!current || current.status !== 'RUNNING' || current.attempt !== attempt) return null;
    const db = { sql: connectionSql(client) };
    const row =
      result.kind === 'complete'
        ? await completeRun(db, runId, result.outcome, now)
        : await failRun(db, runId, { status: result.status, errorCode: result.errorCode, errorMessage: result.errorMessage }, now);
    await client.query(`UPDATE "QueueWorker" SET "runsFinished" = "runsFinished" + 1 WHERE "id" = $1`, [workerId]);
    await notify?.(client, row);
    return row;
  });
}

/** A worker that stops hands its run back: QUEUED again, for the job's next delivery. */
export async function handBackRun(db: Queryable, runId: string, attempt: number, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  const { rowCount } = await db.query(
    `UPDATE "SimulationRun" SET "status" = 'QUEUED', "workerId" = NULL, "heartbeatAt" = $1, "updatedAt" = $1 ` +
      `WHERE "id" = $2 AND "status" = 'RUNNING' AND "attempt" = $3`,
    [at, runId, attempt],
  );
  return (rowCount ?? 0) > 0;
}

/** A run that no worker holds yet → CANCELLED. False when a worker has claimed it (or it ended). */
export async function cancelQueuedRun(db: Queryable, runId: string, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  const { rowCount } = await db.query(
    `UPDATE "SimulationRun" SET "status" = 'CANCELLED', "errorCode" = 'CANCELLED', "errorMessage" = 'cancelled by request', ` +
      `"finishedAt" = $1, "heartbeatAt" = $1, "updatedAt" = $1 WHERE "id" = $2 AND "status" = 'QUEUED'`,
    [at, runId],
  );
  return (rowCount ?? 0) > 0;
}

/** A run whose job used up its attempts → FAILED with the reason (only if not finished meanwhile). */
export async function failExhaustedRun(db: Queryable, runId: string, errorMessage: string, now = new Date()): Promise<RunRow | null> {
  const at = now.toISOString();
  const { rows } = await db.query(
    `UPDATE "SimulationRun" SET "status" = 'FAILED', "errorCode" = 'RETRIES_EXHAUSTED', "errorMessage" = $1, ` +
      `"finishedAt" = $2, "heartbeatAt" = $2, "updatedAt" = $2 WHERE "id" = $3 AND "status" IN ('QUEUED', 'RUNNING') RETURNING "id", "studyId"`,
    [errorMessage, at, runId],
  );
  return (rows[0] as RunRow | undefined) ?? null;
}

export async function registerWorker(db: Queryable, worker: { id: string; host: string; pid: number; concurrency: number }, now = new Date()): Promise<void> {
  const at = now.toISOString();
  await db.query(
    `INSERT INTO "QueueWorker" ("id", "host", "pid", "concurrency", "startedAt", "heartbeatAt") VALUES ($1, $2, $3, $4, $5, $5) ` +
      `ON CONFLICT ("id") DO UPDATE SET "host" = $2, "pid" = $3, "concurrency" = $4, "startedAt" = $5, "heartbeatAt" = $5, "stoppedAt" = NULL`,
    [worker.id, worker.host, worker.pid, worker.concurrency, at],
  );
}

/** The worker's heartbeat and that of every run it holds, in one statement. */
export async function workerHeartbeat(db: Queryable, workerId: string, runIds: string[], now = new Date()): Promise<void> {
  const at = now.toISOString();
  await db.query(
    `WITH "runs" AS (UPDATE "SimulationRun" SET "heartbeatAt" = $1 WHERE "id" = ANY($3::text[]) AND "status" = 'RUNNING' AND "workerId" = $2) ` +
      `UPDATE "QueueWorker" SET "heartbeatAt" = $1, "stoppedAt" = NULL WHERE "id" = $2`,
    [at, workerId, runIds],
  );
}

export async function markWorkerStopped(db: Queryable, workerId: string, now = new Date()): Promise<void> {
  await db.query(`UPDATE "QueueWorker" SET "stoppedAt" = $1, "heartbeatAt" = $1 WHERE "id" = $2`, [now.toISOString(), workerId]);
}

export interface QueueWorkerRow {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  startedAt: Date;
  heartbeatAt: Date;
  stoppedAt: Date | null;
  runsFinished: number;
}

/** Workers seen since `since`, most recent heartbeat first. */
export async function listWorkers(db: Queryable, since: Date): Promise<QueueWorkerRow[]> {
  const { rows } = await db.query(
    `SELECT "id", "host", "pid", "concurrency", ("startedAt" AT TIME ZONE 'UTC') AS "startedAt", ("heartbeatAt" AT TIME ZONE 'UTC') AS "heartbeatAt", ` +
      `("stoppedAt" AT TIME ZONE 'UTC') AS "stoppedAt", "runsFinished" FROM "QueueWorker" WHERE "heartbeatAt" >= $1 ORDER BY "heartbeatAt" DESC, "id" LIMIT 1000`,
    [since.toISOString()],
  );
  return (rows as QueueWorkerRow[]).map((r) => ({
    ...r,
    startedAt: new Date(r.startedAt),
    heartbeatAt: new Date(r.heartbeatAt),
    stoppedAt: r.stoppedAt ? new Date(r.stoppedAt) : null,
  }));
}

export interface JobCounts {
  queued: number;
  active: number;
  failed: number;
  /** Jobs (not yet archived) that needed more than one delivery. */
  retried: number;
  completed: number;
}

/** Counts of one pg-boss queue by state (pg-boss's own table; its archive is not counted). */
export async function jobCounts(db: Queryable, queue: string): Promise<JobCounts> {
  const { rows } = await db.query(
    `SELECT "state"::text AS "state", count(*)::int AS "jobs", (count(*) FILTER (WHERE "retry_count" > 0 OR "state" = 'retry'))::int AS "retried" ` +
      `FROM pgboss.job WHERE "name" = $1 GROUP BY "state"`,
    [queue],
  );
  const counts: JobCounts = { queued: 0, active: 0, failed: 0, retried: 0, completed: 0 };
  for (const row of rows as { state: string; jobs: number; retried: number }[]) {
    if (row.state === 'created' || row.state === 'retry') counts.queued += row.jobs;
    else if (row.state === 'active') counts.active += row.jobs;
    else if (row.state === 'failed') counts.failed += row.jobs;
    else if (row.state === 'completed') counts.completed += row.jobs;
    counts.retried += row.retried;
  }
  return counts;
}
