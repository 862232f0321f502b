/**
 * The engine's public surface: `simulate` takes a plain config (as JSON would carry it) and
 * returns a plain result. Validate → resolve → solve → grid-only baseline → KPIs.
 * Pure: no GraphQL, Prisma or I/O, so it runs unchanged in a worker thread.
 */
import { buildGridOnlyBaseline } from './baseline.js';
import { terminalShortfalls } from './balance.js';
import { parseSolverOptions, parseSystemConfig } from './config.js';
import { ConfigValidationError, EngineError } from './errors.js';
import { computeKpis } from './kpis.js';
import { resolveSystem } from './resolve.js';
import { SolverError } from './solvers/highs.js';
import { solveHybrid } from './solvers/hybrid.js';
import { solveOptimal } from './solvers/optimal.js';
import { solveRollingHorizon } from './solvers/rolling-horizon.js';
import { solveRuleBased } from './solvers/rule-based.js';
import type {
  ConfigIssue,
  Dispatch,
  ResolvedSystem,
  SimulationResult,
  SolverKind,
  SolverOptions,
  SolverStats,
  SystemConfig,
} from './types.js';
import { ENGINE_VERSION } from './version.js';

export type * from './types.js';
export { ENGINE_VERSION } from './version.js';
export { formatIssue, parseSolverOptions, parseSystemConfig } from './config.js';
export { resolveSystem } from './resolve.js';
export { ConfigValidationError, EngineError, type EngineErrorCode } from './errors.js';
export { computeKpis } from './kpis.js';
export { buildGridOnlyBaseline } from './baseline.js';
export { checkEnergyBalance } from './balance.js';
export { evaluateObjective } from './objective.js';

export interface SimulationInput {
  system: unknown;
  options?: unknown;
}

/** Parse both inputs, reporting every issue of both at once. */
function parseInput(input: SimulationInput): { config: SystemConfig; options: SolverOptions } {
  const config = parseSystemConfig(input.system);
  const options = parseSolverOptions(input.options ?? {});
  const issues: ConfigIssue[] = [];
  // System paths stay as the config parser writes them (`components[2].energyKwh`); option
  // paths get an `options.` prefix so the two cannot be confused in one list.
  if (!config.ok) issues.push(...config.issues);
  if (!options.ok) issues.push(...options.issues.map((i) => ({ ...i, path: i.path ? `options.${i.path}` : 'options' })));
  if (!config.ok || !options.ok) throw new ConfigValidationError(issues, 'simulation input');
  return { config: config.config, options: options.options };
}

async function runSolver(
  system: ResolvedSystem,
  solver: SolverKind,
  options: SolverOptions,
): Promise<{ dispatch: Dispatch; ruleBasedStats?: SolverStats }> {
  try {
    switch (solver) {
      case 'RULE_BASED':
        return { dispatch: solveRuleBased(system, options) };
      case 'OPTIMAL':
        return { dispatch: await solveOptimal(system, options) };
      case 'ROLLING_HORIZON':
        return { dispatch: await solveRollingHorizon(system, options) };
      case 'HYBRID':
        return await solveHybrid(system, options);
    }
  } catch (error) {
    if (error instanceof SolverError) {
      const code = error.code === 'SOLVER_ERROR' ? 'ERROR' : error.code;
      throw new EngineError(code, `${solver} solver failed: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

function collectWarnings(system: ResolvedSystem, solver: SolverKind, dispatch: Dispatch, unmetDemandKwh: number): string[] {
  const warnings: string[] = [];
  const dt = system.timestepHours;
  for (const [id, unmetKw] of Object.entries(dispatch.unmetDemandKw)) {
    let kwh = 0;
    let peakKw = 0;
    for (let t = 0; t < unmetKw.length; t++) {
      kwh += unmetKw[t] * dt;
      if (unmetKw[t] > peakKw) peakKw = unmetKw[t];
    }
    if (kwh > 1e-6) warnings.push(`Demand ${id}: ${round(kwh)} kWh not served (peak shortfall ${round(peakKw)} kW).`);
  }
  if (unmetDemandKwh > 1e-6 && warnings.length === 0) warnings.push(`${round(unmetDemandKwh)} kWh of demand not served.`);
  for (const s of terminalShortfalls(system, dispatch)) {
    warnings.push(
      `Storage ${s.id}: terminal condition ${s.condition} not met (ends at ${round(s.endKwh)} kWh, requires ${round(s.requiredKwh)} kWh).`,
    );
  }
  for (const c of system.components) {
    if (c.kind !== 'BATTERY' && c.kind !== 'THERMAL_STORAGE') continue;
    const level = dispatch.storageLevelKwh[c.id];
    const floorKwh = c.socMin * c.energyKwh - 1e-6;
    const firstBelow = level ? level.findIndex((l) => l < floorKwh) : -1;
    if (firstBelow >= 0) {
      warnings.push(
        `Storage ${c.id}: self-discharge took the level below socMin from step ${firstBelow} with nothing able to recharge it.`,
      );
    }
  }
  // A greedy dispatch is FEASIBLE by construction; for the LP solvers anything but OPTIMAL
  // (e.g. a time limit with an incumbent) is worth knowing.
  if (solver !== 'RULE_BASED' && dispatch.stats.status !== 'OPTIMAL') {
    warnings.push(`Solver status ${dispatch.stats.status}: ${dispatch.stats.message}`);
  }
  return warnings;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export async function simulate(input: SimulationInput): Promise<SimulationResult> {
  const { config, options } = parseInput(input);
  const system = resolveSystem(config);
  const solver = options.solver ?? 'RULE_BASED';
  const { dispatch, ruleBasedStats } = await runSolver(system, solver, options);

  const baselineSystem = buildGridOnlyBaseline(system);
  const baseline = baselineSystem ? solveRuleBased(baselineSystem, options) : null;
  const kpis = computeKpis(system, dispatch, baseline);

  return {
    engineVersion: ENGINE_VERSION,
    solver,
    system,
    dispatch,
    kpis,
    ...(ruleBasedStats ? { ruleBasedStats } : {}),
    warnings: collectWarnings(system, solver, dispatch, kpis.unmetDemandKwh),
  };
}
