// The runner's expected failures, each with the code the API reports in `extensions.code`.
import type { ConfigIssue } from '../simulation/types.js';

/** Bad input: every problem with its path. Nothing has been written. */
export class RunInputError extends Error {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(readonly issues: ConfigIssue[]) {
    super(`Invalid simulation input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'RunInputError';
  }
}

/** Every worker is busy and the waiting line is full. Nothing has been written: retry later. */
export class RunQueueFullError extends Error {
  readonly code = 'QUEUE_FULL' as const;
  constructor(
    readonly capacity: { workers: number; maxQueued: number },
    readonly retryAfterSeconds: number,
  ) {
    super(
      `The simulation queue is full (${capacity.workers} running, ${capacity.maxQueued} waiting): ` +
        `nothing was started; retry in about ${retryAfterSeconds} s`,
    );
    this.name = 'RunQueueFullError';
  }
}

/** The runner is shutting down and accepts no new runs. */
export class RunnerClosedError extends Error {
  readonly code = 'SHUTTING_DOWN' as const;
  constructor() {
    super('The simulation runner is shutting down: nothing was started');
    this.name = 'RunnerClosedError';
  }
}

/** errorCode of a run stopped by its time limit, by cancelRun, or by a shutdown. */
export const STOP_CODES = { TIMEOUT: 'TIMEOUT', CANCELLED: 'CANCELLED', SHUTDOWN: 'SHUTDOWN' } as const;
export type StopReason = keyof typeof STOP_CODES;
