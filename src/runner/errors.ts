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

/**
 * Admission control: the server already holds as many QUEUED and RUNNING runs (or as many bytes
 * of their inputs) as it is configured to. Nothing has been written: retry later.
 */
export class RunnerOverloadedError extends Error {
  readonly code = 'OVERLOADED' as const;
  constructor(
    readonly limit: { maxPendingRuns: number; pendingRuns: number; maxPendingInputBytes: number; pendingInputBytes: number },
    readonly retryAfterSeconds: number,
  ) {
    super(
      `The server is at its limit of pending runs (${limit.pendingRuns} of ${limit.maxPendingRuns} queued or running, ` +
        `${Math.round(limit.pendingInputBytes / 1024)} of ${Math.round(limit.maxPendingInputBytes / 1024)} KiB of inputs): ` +
        `nothing was started; retry in about ${retryAfterSeconds} s`,
    );
    this.name = 'RunnerOverloadedError';
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
