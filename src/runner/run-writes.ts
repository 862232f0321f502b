// The run log's writes as data: each can be applied now or kept in the outbox and applied
// later, in order, any number of times with the same result (every one is idempotent).
import type { DbHandle } from '../db/client.js';
import { completeRun, failRun, insertRun, markRunRunning, type CompletedRun, type NewRun } from '../db/run-log.js';

export type RunWrite =
  | { kind: 'insert'; at: string; run: NewRun }
  | { kind: 'running'; at: string; runId: string }
  | { kind: 'complete'; at: string; runId: string; outcome: Omit<CompletedRun, 'series'> & { series: StoredSeries } }
  | {
      kind: 'fail';
      at: string;
      runId: string;
      status: 'FAILED' | 'CANCELLED';
      errorCode: string;
      errorMessage: string;
    };

/** The compressed series as JSON can carry it. */
interface StoredSeries {
  encoding: string;
  dataBase64: string;
  rawBytes: number;
}

export function runIdOf(write: RunWrite): string {
  return write.kind === 'insert' ? write.run.id : write.runId;
}

export function completeWrite(runId: string, outcome: CompletedRun, at = new Date()): RunWrite {
  const { series, ...rest } = outcome;
  return {
    kind: 'complete',
    at: at.toISOString(),
    runId,
    outcome: {
      ...rest,
      series: { encoding: series.encoding, dataBase64: Buffer.from(series.data).toString('base64'), rawBytes: series.rawBytes },
    },
  };
}

type RunRow = Awaited<ReturnType<typeof insertRun>>;

/** Applies one write; returns the run row where the write produces one. */
export async function applyRunWrite(db: DbHandle, write: RunWrite): Promise<RunRow | null> {
  const at = new Date(write.at);
  switch (write.kind) {
    case 'insert':
      try {
        return await insertRun(db.prisma, write.run, at);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await db.prisma.simulationRun.findUnique({ where: { id: write.run.id } });
        if (existing) return existing; // applied before: a replay
        // While the database was away a retry with the same idempotency key ran as well. Both
        // runs happened; losing one would be worse than a duplicate, so this one keeps no key.
        return await insertRun(db.prisma, { ...write.run, idempotencyKey: null }, at);
      }
    case 'running':
      await markRunRunning(db.prisma, write.runId, at);
      return null;
    case 'complete': {
      const { series, ...rest } = write.outcome;
      const data = new Uint8Array(Buffer.from(series.dataBase64, 'base64'));
      return await completeRun(db.prisma, write.runId, { ...rest, series: { encoding: series.encoding, data, rawBytes: series.rawBytes } }, at);
    }
    case 'fail':
      return await failRun(db.prisma, write.runId, { status: write.status, errorCode: write.errorCode, errorMessage: write.errorMessage }, at);
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === 'P2002';
}

const OUTAGE_PATTERN =
  /SQLITE_BUSY|SQLITE_LOCKED|database is locked|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|Connection terminated|connection (?:closed|refused|timeout)|Can't reach database|timed out|timeout|\bP10(?:01|02|08|17)\b|\bP2024\b|\bP2034\b|deadlock/i;

/**
 * Is this error the database being away (keep the write and retry it) rather than the write
 * itself being wrong? Known outage messages say so directly; otherwise a trivial query decides:
 * if the database answers it, the write is what fails.
 */
export async function isDatabaseOutage(db: DbHandle, error: unknown): Promise<boolean> {
  if (OUTAGE_PATTERN.test(errorText(error))) return true;
  try {
    await db.prisma.$queryRawUnsafe('SELECT 1');
    return false;
  } catch {
    return true;
  }
}

/** One line for warnings and logs: Prisma's messages start with a code frame, the cause is last. */
export function shortErrorText(error: unknown): string {
  const lines = errorText(error).split('\n').map((l) => l.trim()).filter(Boolean);
  const last = lines.at(-1) ?? 'unknown error';
  return last.length > 300 ? `${last.slice(0, 300)}…` : last;
}

export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  return [code ? String(code) : '', error.message, cause ? errorText(cause) : ''].filter(Boolean).join(' ');
}
