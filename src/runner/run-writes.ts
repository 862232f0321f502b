// The run log's writes as data: each can be applied now or kept in the outbox and applied
// later, in order, any number of times with the same result (every one is idempotent).
import type { DbHandle } from '../db/client.js';
import { completeRun, failRun, insertRun, markRunRunning, type CompletedRun, type NewRun, type RunRow } from '../db/run-log.js';

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

/** The compressed series as the outbox file carries it (JSON). */
interface PersistedSeries {
  encoding: string;
  dataBase64: string;
  rawBytes: number;
}

/**
 * The compressed series of a completion while it is in memory: still bytes. Base64 of the ~144 kB
 * series and back cost ~1 ms, more than the database write itself, and almost every write is
 * applied at once. It becomes base64 text only when the outbox writes it to its file
 * (JSON.stringify calls toJSON); what an outbox file holds comes back as a PersistedSeries.
 */
export class SeriesBytes {
  constructor(
    readonly encoding: string,
    readonly data: Uint8Array,
    readonly rawBytes: number,
    /** Set when `data` is borrowed (a pool's series slot): gives it back. */
    readonly release?: () => void,
  ) {}

  /** The same bytes in memory of its own, for a write that outlives the borrowed buffer. */
  owned(): SeriesBytes {
    return this.release ? new SeriesBytes(this.encoding, Buffer.from(this.data), this.rawBytes) : this;
  }

  toJSON(): PersistedSeries {
    const { data } = this;
    return {
      encoding: this.encoding,
      dataBase64: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
      rawBytes: this.rawBytes,
    };
  }
}

type StoredSeries = SeriesBytes | PersistedSeries;

export function runIdOf(write: RunWrite): string {
  return write.kind === 'insert' ? write.run.id : write.runId;
}

/** `releaseSeries`: the series' bytes are borrowed and this gives them back (SeriesBytes.release). */
export function completeWrite(runId: string, outcome: CompletedRun, at = new Date(), releaseSeries?: () => void): RunWrite {
  const { series, ...rest } = outcome;
  return {
    kind: 'complete',
    at: at.toISOString(),
    runId,
    outcome: { ...rest, series: new SeriesBytes(series.encoding, series.data, series.rawBytes, releaseSeries) },
  };
}

/** The write with bytes of its own (what the outbox keeps: it may hold a write for hours). */
export function ownedRunWrite(write: RunWrite): RunWrite {
  if (write.kind !== 'complete' || !(write.outcome.series instanceof SeriesBytes) || !write.outcome.series.release) return write;
  return { ...write, outcome: { ...write.outcome, series: write.outcome.series.owned() } };
}

/** Gives back the borrowed bytes of a write, once no database call reads them any more. */
export function releaseRunWrite(write: RunWrite): void {
  if (write.kind === 'complete' && write.outcome.series instanceof SeriesBytes) write.outcome.series.release?.();
}

/** Applies one write; returns the run row where the write produces one. */
export async function applyRunWrite(db: DbHandle, write: RunWrite): Promise<RunRow | null> {
  const at = new Date(write.at);
  switch (write.kind) {
    case 'insert':
      try {
        return await insertRun(db, write.run, at);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await db.prisma.simulationRun.findUnique({ where: { id: write.run.id } });
        if (existing) return existing; // applied before: a replay
        // While the database was away a retry with the same idempotency key ran as well. Both
        // runs happened; losing one would be worse than a duplicate, so this one keeps no key.
        return await insertRun(db, { ...write.run, idempotencyKey: null }, at);
      }
    case 'running':
      await markRunRunning(db, write.runId, at);
      return null;
    case 'complete': {
      const { series, ...rest } = write.outcome;
      const data = series instanceof SeriesBytes ? series.data : Buffer.from(series.dataBase64, 'base64');
      return await completeRun(db, write.runId, { ...rest, series: { encoding: series.encoding, data, rawBytes: series.rawBytes } }, at);
    }
    case 'fail':
      return await failRun(db, write.runId, { status: write.status, errorCode: write.errorCode, errorMessage: write.errorMessage }, at);
  }
}

/** Prisma's P2002, or the same from the drivers the run log writes through (raw-sql.ts). */
const UNIQUE_VIOLATION_CODES = new Set(['P2002', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

export function isUniqueViolation(error: unknown): boolean {
  return UNIQUE_VIOLATION_CODES.has((error as { code?: unknown })?.code as string);
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
