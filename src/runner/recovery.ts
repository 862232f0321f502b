// Crash recovery: a run whose heartbeat stopped belongs to a process that died (SIGKILL, power
// loss, OOM). Every runner sweeps on start and then periodically; the threshold is several
// heartbeat intervals, so a run is never declared dead while its process merely ran late.
import type { DbHandle } from '../db/client.js';
import { markStaleRunsCrashed } from '../db/run-log.js';

export interface CrashSweepOptions {
  /** A QUEUED/RUNNING run whose heartbeat is older than this is CRASHED. */
  staleAfterMs: number;
  /** Runs this process holds (in a worker, queued, or with writes in its outbox). */
  heldRunIds: string[];
  now?: Date;
}

/** Marks abandoned runs CRASHED; returns their ids. */
export async function sweepCrashedRuns(db: DbHandle, options: CrashSweepOptions): Promise<string[]> {
  const now = options.now ?? new Date();
  return markStaleRunsCrashed(db, {
    staleBefore: new Date(now.getTime() - options.staleAfterMs),
    exceptRunIds: options.heldRunIds,
    now,
  });
}
