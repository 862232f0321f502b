// The worker threads that run simulations, off the event loop. HiGHS's WASM heap grows to the
// largest model a thread has solved and never shrinks, so when a worker reports a heap above
// the limit (or enough solves), the whole pool is replaced: new runs go to fresh threads, the
// old pool finishes the runs it holds and then exits.
import os from 'node:os';
import { Piscina } from 'piscina';
import { SeriesSlots } from './series-slots.js';
import type { SimulationTask, SimulationTaskResult, SimulationThreadData, SizingTask } from './simulation-worker.js';

export interface WorkerPoolOptions {
  /** Worker threads; default: the number of cores. */
  threads?: number;
  /**
   * Shared buffers for finished runs' series (series-slots.ts): one per running task and per
   * finished run whose write is pending; past that a series gets a buffer of its own. Default 8
   * per thread, at least 32.
   */
  seriesSlots?: number;
  /** Replace the pool once a worker's WASM heap exceeds this (bytes). */
  recycleAboveWasmBytes?: number;
  /** Replace the pool after this many runs, whatever their heap. */
  recycleAfterRuns?: number;
}

export const DEFAULT_RECYCLE_ABOVE_WASM_BYTES = 768 * 1024 * 1024;
export const DEFAULT_RECYCLE_AFTER_RUNS = 5000;

/**
 * A simulation's result as the pool hands it over. When the series sits in one of the pool's
 * shared slots (series-slots.ts), `releaseSeries` gives the slot back: call it once nothing
 * reads `series.data` any more (written to the database, or copied). Calling it again, or for a
 * result without a slot, does nothing.
 */
export type PooledSimulationResult = SimulationTaskResult & { releaseSeries: () => void };

/** A run's outcome as its caller holds it: the pool's result, or one made up for a stopped or
 *  crashed task (which has no slot to give back). */
export type SimulationOutcome = SimulationTaskResult & { releaseSeries?: () => void };

const NOTHING_TO_RELEASE = () => undefined;

export class SimulationWorkerPool {
  readonly threads: number;
  private pool: Piscina<SimulationTask, SimulationTaskResult>;
  /** Shared by every generation of the pool: a retiring pool's results still use them. */
  private readonly seriesSlots: SeriesSlots;
  private runsOnPool = 0;
  private readonly retiring = new Set<Promise<void>>();
  /** Incremented at every replacement (tests and metrics read it). */
  generation = 0;

  constructor(private readonly options: WorkerPoolOptions = {}) {
    this.threads = options.threads ?? os.availableParallelism();
    this.seriesSlots = new SeriesSlots(options.seriesSlots ?? Math.max(32, this.threads * 8));
    this.pool = this.createPool();
  }

  /** Series slots free now (tests and metrics). */
  get freeSeriesSlots(): number {
    return this.seriesSlots.available;
  }

  /** Runs one task; an abort terminates the worker thread running it (piscina replaces it). */
  async run(task: SimulationTask, signal?: AbortSignal): Promise<PooledSimulationResult> {
    const slot = this.seriesSlots.acquire();
    let result: SimulationTaskResult;
    try {
      result = await this.pool.run(slot === null ? task : { ...task, seriesSlot: slot }, { signal: signal ?? null });
    } catch (error) {
      if (slot !== null) this.seriesSlots.releaseLater(slot);
      throw error;
    }
    let releaseSeries = NOTHING_TO_RELEASE;
    if (slot !== null) {
      if (result.ok && result.series.slot === slot) {
        let held = true;
        releaseSeries = () => {
          if (held) this.seriesSlots.release(slot);
          held = false;
        };
      } else {
        this.seriesSlots.release(slot);
      }
    }
    this.runsOnPool++;
    const heapBytes = result.worker?.wasmHeapBytes ?? 0;
    if (
      heapBytes > (this.options.recycleAboveWasmBytes ?? DEFAULT_RECYCLE_ABOVE_WASM_BYTES) ||
      result.worker?.engineAsksForRecycling ||
      this.runsOnPool >= (this.options.recycleAfterRuns ?? DEFAULT_RECYCLE_AFTER_RUNS)
    ) {
      this.recycle();
    }
    return { ...result, releaseSeries };
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
      workerData: { seriesSlots: this.seriesSlots.shared } satisfies SimulationThreadData,
    });
  }
}
