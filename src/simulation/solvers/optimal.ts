/**
 * OPTIMAL: one LP (MILP with `forbidSimultaneous`) over the whole horizon, solved by HiGHS.
 */
import { evaluateObjective, objectiveWeights } from '../objective.js';
import type { Dispatch, ResolvedSystem, SolverOptions } from '../types.js';
import { HighsSession, assertSolution } from './highs.js';
import { allocateDispatchSeries, buildLpModel, buildTopology, levelsAfter, readWindowSolution } from './lp-model.js';

export async function solveOptimal(system: ResolvedSystem, options: SolverOptions): Promise<Dispatch> {
  const topology = buildTopology(system);
  const initialLevelKwh = levelsAfter(topology, allocateDispatchSeries(topology), -1);
  const lp = buildLpModel(topology, options, {
    startStep: 0,
    steps: system.timesteps,
    initialLevelKwh,
    applyTerminal: true,
  });
  const session = await HighsSession.open();
  let outcome;
  try {
    outcome = session.solve(lp, { timeLimitSeconds: options.timeLimitSeconds, mipRelGap: options.mipRelGap });
  } finally {
    session.dispose();
  }
  assertSolution(outcome, 'OPTIMAL');
  const series = allocateDispatchSeries(topology);
  readWindowSolution(topology, lp, outcome.colValue, system.timesteps, series, initialLevelKwh);
  const dispatch: Dispatch = {
    ...series,
    stats: {
      status: outcome.status,
      message: outcome.message,
      objective: 0,
      objectiveKind: objectiveWeights(options).kind,
      solveMs: outcome.solveMs,
      variables: lp.numCol,
      constraints: lp.numRow,
      iterations: outcome.iterations,
      ...(outcome.mipGap !== undefined ? { mipGap: outcome.mipGap } : {}),
    },
  };
  dispatch.stats.objective = evaluateObjective(system, dispatch, options);
  return dispatch;
}
