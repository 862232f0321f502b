// Runs in a piscina worker thread: the engine and the compression of its series stay off the
// server's event loop. Returns only what the run log needs (KPIs, stats, encoded series).
import { simulate } from '../simulation/index.js';
import { parseSolverOptions, parseSystemConfig } from '../simulation/config.js';
import { paretoSizings, solveSizing, type SizingBound } from '../simulation/sizing.js';
import type { SolverOptions } from '../simulation/types.js';
import { encodeRunSeries, seriesFromDispatch } from '../results/run-series.js';
import { highsMemoryBytes, highsSolveCount, shouldRecycleHighsThread, warmUpHighs } from '../simulation/solvers/highs.js';
import type { Kpis, SolverStats } from '../simulation/types.js';
import { lowerCurrentThreadPriority, simulationThreadNice } from './thread-priority.js';
import { writeIntoSlot, type SeriesSlotsShared } from './series-slots.js';
import { Piscina } from 'piscina';

lowerCurrentThreadPriority(simulationThreadNice());

// Warm HiGHS as soon as the thread starts, while it is idle: a fresh thread's first LP solve
// runs ~2× slower while V8 tiers up the WASM code. A failure here resurfaces at the first solve.
void warmUpHighs().catch(() => undefined);

export interface SimulationTask {
  /** The system as logged (JSON): the runner holds only this string while a run waits. */
  systemJson: string;
  options: unknown;
  /** The series slot (series-slots.ts) this task may write its series into; the pool sets it. */
  seriesSlot?: number;
}

/** What every simulation thread is started with (piscina's workerData). */
export interface SimulationThreadData {
  seriesSlots: SeriesSlotsShared;
}

function threadData(): SimulationThreadData | undefined {
  return Piscina.workerData as SimulationThreadData | undefined;
}

/** The thread's state after the task, so the pool can replace threads whose heap has grown. */
export interface WorkerHealth {
  wasmHeapBytes: number;
  engineAsksForRecycling: boolean;
}

export type SimulationTaskResult = (
  | {
      ok: true;
      engineVersion: string;
      kpis: Kpis;
      stats: SolverStats;
      ruleBasedStats: SolverStats | null;
      warnings: string[];
      /** `slot` is set when `data` is a view into that series slot. */
      series: { encoding: string; data: Uint8Array; rawBytes: number; slot?: number };
    }
  | { ok: false; errorCode: string; errorMessage: string }
) & { worker?: WorkerHealth };

export default async function runSimulationTask(task: SimulationTask): Promise<SimulationTaskResult> {
  const result = await simulateTask(task);
  return { ...result, worker: await workerHealth() };
}

async function workerHealth(): Promise<WorkerHealth> {
  // Asking for the heap loads HiGHS: only a thread that has solved with it has a heap to report.
  const solved = highsSolveCount() > 0;
  return { wasmHeapBytes: solved ? await highsMemoryBytes() : 0, engineAsksForRecycling: shouldRecycleHighsThread() };
}

async function simulateTask(task: SimulationTask): Promise<SimulationTaskResult> {
  try {
    const result = await simulate({ system: JSON.parse(task.systemJson) as unknown, options: task.options });
    return {
      ok: true,
      engineVersion: result.engineVersion,
      kpis: result.kpis,
      stats: result.dispatch.stats,
      ruleBasedStats: result.ruleBasedStats ?? null,
      warnings: result.warnings,
      series: inSharedMemory(encodeRunSeries(seriesFromDispatch(result.system, result.dispatch)), task.seriesSlot),
    };
  } catch (error) {
    // Engine errors carry a code (INFEASIBLE, TIME_LIMIT, ERROR, CONFIG_INVALID); anything else
    // is a bug in the engine, reported as INTERNAL with its message.
    const e = error as { code?: unknown; message?: unknown };
    return {
      ok: false,
      errorCode: typeof e?.code === 'string' ? e.code : 'INTERNAL',
      errorMessage: typeof e?.message === 'string' ? e.message : String(error),
    };
  }
}

/**
 * The compressed series (~144 kB for a year hourly) in shared memory: in the task's series slot
 * when it fits, else in a SharedArrayBuffer of its own. It travels twice, from this thread to
 * the server's event loop and from there to the SQLite writer thread, and an ordinary buffer is
 * copied by each postMessage: ~0.45 ms of event-loop time per copy (measured, 144 kB), most of a
 * completion's cost on the event loop under a burst, and one more 144 kB copy alive per run
 * waiting to be written. Shared memory is passed by reference, and stays readable in the event
 * loop for the outbox if the database refuses the write (a transferred buffer would be gone).
 * Nobody writes to it after this copy until the pool hands the slot to another task.
 */
function inSharedMemory<T extends { data: Uint8Array }>(encoded: T, slot: number | undefined): T & { slot?: number } {
  const slots = threadData()?.seriesSlots;
  const inSlot = slot !== undefined && slots ? writeIntoSlot(slots, slot, encoded.data) : null;
  if (inSlot) return { ...encoded, data: inSlot, slot };
  const shared = new Uint8Array(new SharedArrayBuffer(encoded.data.byteLength));
  shared.set(encoded.data);
  return { ...encoded, data: shared };
}

export interface SizingTask {
  systemJson: string;
  options: unknown;
  sizing: { bounds: SizingBound[]; objective: 'COST' | 'CO2'; co2CapKg?: number } | null;
  pareto: { bounds: SizingBound[]; points: number } | null;
}

/** The designs of a SIZING (one) or PARETO (points) study: the sized values of each. */
export async function sizeDesignsTask(task: SizingTask): Promise<{ component: string; field: string; value: number }[][]> {
  const system = parseSystemConfig(JSON.parse(task.systemJson) as unknown);
  const options = parseSolverOptions(task.options ?? {});
  if (!system.ok || !options.ok) throw new Error('sizing input does not validate');
  const solverOptions = options.options as SolverOptions;
  if (task.sizing) {
    const { bounds, objective, co2CapKg } = task.sizing;
    const result = await solveSizing(system.config!, { bounds, objective, co2CapKg, options: solverOptions });
    return [result.sizes];
  }
  const front = await paretoSizings(system.config!, task.pareto!.bounds, task.pareto!.points, solverOptions);
  return front.map((design) => design.sizes);
}
