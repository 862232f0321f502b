// The worker threads that run simulations, off the event loop. HiGHS's WASM heap grows to the
// largest model a thread has solved and never shrinks, so when a worker reports a heap above
// the limit (or enough solves), the whole pool is replaced: new runs go to fresh threads, the
// old pool finishes the runs it holds and then exits.
import os from 'node:os';
import { Piscina } from 'piscina';
import type { SimulationTask, SimulationTaskResult, SizingTask } from './simulation-worker.js';

export interface WorkerPoolOptions {
  /** Worker threads; default: the number of cores. */
  threads?: number;
  /** Replace the pool once a worker's WASM heap exceeds this (bytes). */
  recycleAboveWasmBytes?: number;
  /** Replace the pool after this many runs, whatever their heap. */
  recycleAfterRuns?: number;
}

export const DEFAULT_RECYCLE_ABOVE_WASM_BYTES = 768 * 1024 * 1024;
export const DEFAULT_RECYCLE_AFTER_RUNS = 5000;

export class SimulationWorkerPool {
  readonly threads: number;
  private pool: Piscina<SimulationTask, SimulationTaskResult>;
  private runsOnPool = 0;
  private readonly retiring = new Set<Promise<void>>();
  /** Incremented at every replacement (tests and metrics read it). */
  generation = 0;

  constructor(private readonly options: WorkerPoolOptions = {}) {
    this.threads = options.threads ?? os.availableParallelism();
    this.pool = this.createPool();
  }

  /** Runs one task; an abort terminates the worker thread running it (piscina replaces it). */
  async run(task: SimulationTask, signal?: AbortSignal): Promise<SimulationTaskResult> {
    const result = await this.pool.run(task, { signal: signal ?? null });
    this.runsOnPool++;
    const heapBytes = result.worker?.wasmHeapBytes ?? 0;
    if (
      heapBytes > (this.options.recycleAboveWasmBytes ?? DEFAULT_RECYCLE_ABOVE_WASM_BYTES) ||
      result.worker?.engineAsksForRecycling ||
      this.runsOnPool >= (this.options.recycleAfterRuns ?? DEFAULT_RECYCLE_AFTER_RUNS)
    ) {
      this.recycle();
    }
    return result;
  }

  /** The sizing LP of a study, on a pool thread (the same threads as the simulations). */
  async size(task: SizingTask): Promise<{ component: string; field: string; value: number }[][]> {
    return (await this.pool.run(task as never, { name: 'sizeDesignsTask' })) as never;
  }

  recycle(): void {
    const old = this.pool;
    this.pool = this.createPool();
    this.runsOnPool = 0;
    this.generation++;
    // close() lets the tasks already on the old pool finish before its threads exit.
    const closing = old.close().catch(() => undefined);
    this.retiring.add(closing);
    void closing.finally(() => this.retiring.delete(closing));
  }

  async destroy(): Promise<void> {
    await Promise.all([this.pool.destroy(), ...this.retiring]);
  }

  private createPool(): Piscina<SimulationTask, SimulationTaskResult> {
    const fromSource = import.meta.url.endsWith('.ts');
    return new Piscina({
      filename: new URL(fromSource ? './simulation-worker.ts' : './simulation-worker.js', import.meta.url).href,
      minThreads: 1,
      maxThreads: this.threads,
      // Run from TypeScript sources (tsx, vitest), workers need the same loader.
      execArgv: fromSource ? ['--import', 'tsx'] : [],
      idleTimeout: 60_000,
    });
  }
}
