// Admission control settings from the environment: MAX_PENDING_RUNS and MAX_PENDING_INPUT_MB
// bound the runs a server holds QUEUED or RUNNING (src/runner/runner.ts refuses the next one
// as OVERLOADED). In cluster mode the server's bound is shared among its processes.
// No imports: the cluster primary checks these settings without loading the runner.

/**
 * A held run costs its input (the example systems are 1-2 KiB of JSON; a system with its own
 * 8760 h profiles ~0.3 MiB) plus ~1 KiB of bookkeeping: 2,000 example runs are a few MiB, and the
 * byte bound keeps 2,000 profile-heavy inputs from taking more than 256 MiB.
 */
export const DEFAULT_MAX_PENDING_RUNS = 2000;
export const DEFAULT_MAX_PENDING_INPUT_BYTES = 256 * 1024 * 1024;

export interface AdmissionLimits {
  maxPendingRuns: number;
  maxPendingInputBytes: number;
}

export function admissionFromEnv(env: NodeJS.ProcessEnv = process.env, processes = 1): AdmissionLimits {
  const runs = positiveInteger(env.MAX_PENDING_RUNS, 'MAX_PENDING_RUNS') ?? DEFAULT_MAX_PENDING_RUNS;
  const megabytes = positiveInteger(env.MAX_PENDING_INPUT_MB, 'MAX_PENDING_INPUT_MB');
  const bytes = megabytes === null ? DEFAULT_MAX_PENDING_INPUT_BYTES : megabytes * 1024 * 1024;
  return {
    maxPendingRuns: Math.max(1, Math.floor(runs / processes)),
    maxPendingInputBytes: Math.max(1, Math.floor(bytes / processes)),
  };
}

function positiveInteger(value: string | undefined, name: string): number | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  if (/^\d+$/.test(text) && Number(text) >= 1 && Number.isSafeInteger(Number(text))) return Number(text);
  throw new Error(`${name} must be a positive integer (got "${value}")`);
}
