// Runs in a piscina worker thread: the engine and the compression of its series stay off the
// server's event loop. Returns only what the run log needs (KPIs, stats, encoded series).
import { simulate } from '../simulation/index.js';
import { encodeRunSeries, seriesFromDispatch } from '../results/run-series.js';
import type { Kpis, SolverStats } from '../simulation/types.js';

export interface SimulationTask {
  system: unknown;
  options: unknown;
}

export type SimulationTaskResult =
  | {
      ok: true;
      engineVersion: string;
      kpis: Kpis;
      stats: SolverStats;
      ruleBasedStats: SolverStats | null;
      warnings: string[];
      series: { encoding: string; data: Uint8Array; rawBytes: number };
    }
  | { ok: false; errorCode: string; errorMessage: string };

export default async function runSimulationTask(task: SimulationTask): Promise<SimulationTaskResult> {
  try {
    const result = await simulate({ system: task.system, options: task.options });
    return {
      ok: true,
      engineVersion: result.engineVersion,
      kpis: result.kpis,
      stats: result.dispatch.stats,
      ruleBasedStats: result.ruleBasedStats ?? null,
      warnings: result.warnings,
      series: encodeRunSeries(seriesFromDispatch(result.system, result.dispatch)),
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
