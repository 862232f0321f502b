// How many server processes WEB_CONCURRENCY asks for, and how the cores are shared among them.
import os from 'node:os';

/**
 * Unset, empty or "1": one process (no cluster). "auto": one per core. Otherwise a positive
 * integer; anything else (0, negative, fractional, words) is a startup error.
 */
export function parseWebConcurrency(value: string | undefined, cores = os.availableParallelism()): number {
  const text = value?.trim() ?? '';
  if (text === '') return 1;
  if (text.toLowerCase() === 'auto') return Math.max(1, cores);
  if (/^\d+$/.test(text) && Number(text) >= 1 && Number.isSafeInteger(Number(text))) return Number(text);
  throw new Error(`WEB_CONCURRENCY must be a positive integer or "auto" (got "${value}")`);
}

/** Simulation worker threads per server process, so N processes together use the cores once. */
export function threadsPerProcess(processes: number, cores = os.availableParallelism()): number {
  return Math.max(1, Math.floor(cores / processes));
}
