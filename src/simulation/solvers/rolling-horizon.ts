/**
 * ROLLING_HORIZON: a sequence of LPs over windows of `lookaheadHours`, each committing its first
 * `commitHours` and handing its storage levels to the next. Only the last window (which reaches
 * the end of the horizon and commits everything) carries the terminal conditions, so the
 * result is a feasible dispatch of the full problem: never better than OPTIMAL.
 */
import { evaluateObjective, objectiveWeights } from '../objective.js';
import type { Dispatch, ResolvedSystem, SolveStatus, SolverOptions } from '../types.js';
import { HighsSession, SolverError, assertSolution } from './highs.js';
import { allocateDispatchSeries, buildLpModel, buildTopology, levelsAfter, readWindowSolution } from './lp-model.js';

export const DEFAULT_COMMIT_HOURS = 24;
export const DEFAULT_LOOKAHEAD_HOURS = 48;

const STATUS_SEVERITY: Record<SolveStatus, number> = {
  OPTIMAL: 0,
  FEASIBLE: 1,
  TIME_LIMIT: 2,
  INFEASIBLE: 3,
  ERROR: 4,
};

/** Window sizes in steps: at least one committed step, and a window no shorter than that. */
export function rollingWindowSteps(system: ResolvedSystem, options: SolverOptions): { commitSteps: number; windowSteps: number } {
  const dt = system.timestepHours;
  const commitSteps = Math.max(1, Math.round((options.commitHours ?? DEFAULT_COMMIT_HOURS) / dt));
  const windowSteps = Math.max(commitSteps, Math.round((options.lookaheadHours ?? DEFAULT_LOOKAHEAD_HOURS) / dt));
  return { commitSteps, windowSteps };
}

export async function solveRollingHorizon(system: ResolvedSystem, options: SolverOptions): Promise<Dispatch> {
  return runRollingHorizon(system, options);
}

/**
 * Storage levels a non-final window should end at or above, by storage id, for the window's
 * last step (an absolute step index); undefined for no target.
 */
export type WindowEndTargets = (lastStep: number) => Record<string, number> | undefined;

/**
 * The rolling horizon, optionally with end-of-window level targets. A window whose targets
 * cannot be met from the state it inherits is solved again without them, so targets never
 * make a feasible run infeasible.
 */
export async function runRollingHorizon(
  system: ResolvedSystem,
  options: SolverOptions,
  endTargets?: WindowEndTargets,
): Promise<Dispatch> {
  const started = performance.now();
  const topology = buildTopology(system);
  const series = allocateDispatchSeries(topology);
  const { commitSteps, windowSteps } = rollingWindowSteps(system, options);
  const T = system.timesteps;
  const timeLimitMs = options.timeLimitSeconds !== undefined && options.timeLimitSeconds > 0 ? options.timeLimitSeconds * 1000 : Infinity;

  let status: SolveStatus = 'OPTIMAL';
  let solveMs = 0;
  let iterations = 0;
  let variables = 0;
  let constraints = 0;
  let windows = 0;
  let targetsDropped = 0;
  let mipGap: number | undefined;
  let initialLevelKwh = levelsAfter(topology, series, -1);

  const session = await HighsSession.open();
  try {
    for (let start = 0; start < T; ) {
      const steps = Math.min(windowSteps, T - start);
      const isLast = start + steps >= T;
      const commit = isLast ? steps : commitSteps;
      const remainingMs = timeLimitMs - (performance.now() - started);
      if (remainingMs <= 0) {
        throw new SolverError('TIME_LIMIT', 'TIME_LIMIT', `ROLLING_HORIZON: time limit reached before the window at step ${start}`);
      }
      const settings = {
        timeLimitSeconds: Number.isFinite(remainingMs) ? remainingMs / 1000 : undefined,
        mipRelGap: options.mipRelGap,
      };
      const targets = isLast ? undefined : endTargets?.(start + steps - 1);
      let lp = buildLpModel(topology, options, { startStep: start, steps, initialLevelKwh, applyTerminal: isLast, endLevelAtLeastKwh: targets });
      let outcome = session.solve(lp, settings);
      if (targets && outcome.status === 'INFEASIBLE') {
        solveMs += outcome.solveMs;
        iterations += outcome.iterations;
        targetsDropped++;
        lp = buildLpModel(topology, options, { startStep: start, steps, initialLevelKwh, applyTerminal: isLast });
        outcome = session.solve(lp, settings);
      }
      assertSolution(outcome, `ROLLING_HORIZON window at step ${start} (${steps} steps)`);
      readWindowSolution(topology, lp, outcome.colValue, commit, series, initialLevelKwh);
      initialLevelKwh = levelsAfter(topology, series, start + commit - 1);

      windows++;
      solveMs += outcome.solveMs;
      iterations += outcome.iterations;
      variables = Math.max(variables, lp.numCol);
      constraints = Math.max(constraints, lp.numRow);
      if (STATUS_SEVERITY[outcome.status] > STATUS_SEVERITY[status]) status = outcome.status;
      if (outcome.mipGap !== undefined) mipGap = Math.max(mipGap ?? 0, outcome.mipGap);
      start += commit;
    }
  } finally {
    session.dispose();
  }

  const dispatch: Dispatch = {
    ...series,
    stats: {
      status,
      message:
        `${windows} windows of ${windowSteps} steps, ${commitSteps} committed each; variables/constraints are of the largest window` +
        (endTargets ? `; end-of-window storage targets dropped as unreachable in ${targetsDropped} windows` : ''),
      objective: 0,
      objectiveKind: objectiveWeights(options).kind,
      solveMs,
      variables,
      constraints,
      iterations,
      ...(mipGap !== undefined ? { mipGap } : {}),
    },
  };
  dispatch.stats.objective = evaluateObjective(system, dispatch, options);
  return dispatch;
}
