/**
 * SIZING: the LP chooses capacities (PV kWp, wind kW, storage kWh and charge/discharge kW, heat
 * pump / boiler kW of heat) within bounds, together with the dispatch of the whole horizon, in
 * ONE LP solved by HiGHS like the OPTIMAL solver. The objective is a year's
 *
 *   COST: Σ CRF(r, n_c)·capex_c(size) + fixed O&M_c(size) + (8760 h / horizon h)·(energy cost + penalties)
 *   CO2:  Σ embodied_c(size)/n_c + (8760 h / horizon h)·(grid CO2 + penalties)
 *
 * with CRF the capital recovery factor (kpis.ts, docs/components.md), i.e. exactly the KPIs
 * totalCostEur and totalCo2Kg of the sized design under the LP's dispatch (plus the same
 * unmet-demand and spill penalties the OPTIMAL solver uses). Sizes enter the model linearly:
 * generator output = availablePerKw_t · kW, storage level between socMin·E and socMax·E, the
 * initial and terminal levels as shares of E, charge/discharge and heat output ≤ their kW.
 *
 * What the config parser derives from a size is modelled the way it derives it, so simulating
 * `config` with the returned sizes written in reproduces the LP's costs: a storage power limit
 * that the config leaves out (default energyKwh/2) follows a sized energyKwh; fixed O&M and
 * embodied CO2 that the config leaves out (defaults per kW or kWh) scale with the size; values
 * the config gives explicitly stay constant. Pass the same (user) config to the simulation.
 */
import { parseSolverOptions } from './config.js';
import { ConfigValidationError, EngineError } from './errors.js';
import { annualisationFactor, capexOfComponentEur, capitalRecoveryFactor, computeKpis, fixedEconomics } from './kpis.js';
import { resolveSystem } from './resolve.js';
import { HighsSession, SolverError, assertSolution, type HighsOutcome, type HighsSettings } from './solvers/highs.js';
import {
  allocateDispatchSeries,
  buildLpModel,
  buildTopology,
  levelsAfter,
  readWindowSolution,
  type CapacityExpression,
  type LpCapacities,
  type LpModel,
  type Topology,
} from './solvers/lp-model.js';
import type { OptionValue } from 'highs';
import type { ComponentKind, ConfigIssue, Dispatch, ResolvedComponent, SolveStatus, SolverOptions, SystemConfig } from './types.js';

/** The fields the sizing LP can choose, per kind (all enter the model linearly). */
export const SIZABLE_FIELDS: Readonly<Record<ComponentKind, readonly string[]>> = {
  SOLAR_PV: ['peakKw'],
  WIND_TURBINE: ['ratedKw'],
  BATTERY: ['energyKwh', 'maxChargeKw', 'maxDischargeKw'],
  THERMAL_STORAGE: ['energyKwh', 'maxChargeKw', 'maxDischargeKw'],
  HEAT_PUMP: ['maxHeatKw'],
  ELECTRIC_BOILER: ['maxHeatKw'],
  GRID: [],
  ELECTRIC_DEMAND: [],
  HEAT_DEMAND: [],
};

export interface SizingBound {
  component: string;
  field: string;
  min: number;
  max: number;
}

export type SizingObjective = 'COST' | 'CO2';

export interface SizingRequest {
  bounds: readonly SizingBound[];
  objective: SizingObjective;
  /** Upper limit on the annual kgCO2 (grid + embodied per year), the epsilon constraint. */
  co2CapKg?: number;
  /** Solver options; used: unmetDemandPenaltyEurPerKwh, timeLimitSeconds (per solve). */
  options?: SolverOptions;
  /**
   * Among equally good designs and dispatches prefer the better other objective: least CO2
   * among the cheapest (COST), least cost among the lowest-CO2 ones (CO2), by adding the other
   * objective with weight TIE_BREAK_WEIGHT. Default true: without it a CO2 optimum can carry
   * any dispatch cost (exports do not change CO2), which would not be a Pareto point.
   */
  tieBreak?: boolean;
  /** Native HiGHS options for every solve, over SIZING_HIGHS_OPTIONS (benchmarks: e.g. { solver: 'ipm' }). */
  highsOptions?: Readonly<Record<string, OptionValue>>;
}

export interface SizedValue {
  component: string;
  field: string;
  value: number;
}

export interface SizingResult {
  /** One per bound, in the bounds' order. */
  sizes: SizedValue[];
  objective: SizingObjective;
  /** Annualised capex + fixed O&M + a year's energy cost of the sized design, EUR (KPI totalCostEur). */
  totalAnnualCostEur: number;
  annualisedCapexEur: number;
  /** Fixed O&M + a year's energy cost, EUR (KPI operatingCostEur). */
  operatingCostEur: number;
  /** A year's grid CO2 + embodied CO2 per year, kgCO2 (KPI totalCo2Kg). */
  co2Kg: number;
  /**
   * Demand left unserved over the horizon, kWh (KPI unmetDemandKwh). Not serving demand is
   * priced, not forbidden (as in the OPTIMAL solver): a CO2 cap below what any design can meet
   * is met by shedding demand rather than reported as infeasible.
   */
  unmetDemandKwh: number;
  /** The LP objective of the first solve for a year (EUR or kgCO2), penalties included. */
  objectiveValue: number;
  status: SolveStatus;
  /** HiGHS time, ms. */
  solveMs: number;
  variables: number;
  constraints: number;
}

/**
 * Dual simplex: on the residential 8760 h sizing LP HiGHS' own choice (IPM + crossover, drawn
 * by the dense capacity columns) took ~8 s against ~3.3 s for the dual simplex.
 */
export const SIZING_HIGHS_OPTIONS: Readonly<Record<string, OptionValue>> = { solver: 'simplex', simplex_strategy: 1 };

/**
 * Weight of the other objective in the tie-break, EUR per kgCO2 (COST) or kgCO2 per EUR (CO2):
 * far below any carbon price (~0.1 EUR/kg), so it only decides between (near-)equal optima,
 * yet its coefficients stay above HiGHS' dual feasibility tolerance (1e-7) so it does decide.
 * The primary objective can lose at most this weight × the other objective's range.
 */
export const TIE_BREAK_WEIGHT = 1e-4;

const ENERGY_FIELDS = new Set(['energyKwh']);

function isGiven(raw: Record<string, unknown> | undefined, key: string): boolean {
  return raw !== undefined && raw[key] !== undefined && raw[key] !== null;
}

/** Problems with sizing bounds, paths relative to the bounds list: `bounds[1].max`. */
export function validateSizingInput(system: SystemConfig, bounds: readonly SizingBound[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!Array.isArray(bounds) || bounds.length === 0) {
    return [{ path: 'bounds', message: 'give at least one bound { component, field, min, max }' }];
  }
  const components = Array.isArray(system?.components) ? system.components : [];
  const seen = new Map<string, number>();
  bounds.forEach((b, i) => {
    const at = (leaf: string) => `bounds[${i}].${leaf}`;
    const component = components.find((c) => c.id === b.component);
    if (!component) {
      issues.push({ path: at('component'), message: `unknown component "${String(b.component)}" (components: ${components.map((c) => c.id).join(', ')})` });
    } else {
      const sizable = SIZABLE_FIELDS[component.kind] ?? [];
      if (!sizable.includes(b.field)) {
        const which = sizable.length ? `sizable fields of ${component.kind}: ${sizable.join(', ')}` : `${component.kind} has no sizable field`;
        issues.push({ path: at('field'), message: `"${String(b.field)}" cannot be sized (${which})` });
      } else {
        const key = `${b.component}\u0000${b.field}`;
        const first = seen.get(key);
        if (first !== undefined) issues.push({ path: `bounds[${i}]`, message: `duplicate of bounds[${first}] (${b.component}.${b.field})` });
        else seen.set(key, i);
      }
    }
    const minOk = typeof b.min === 'number' && Number.isFinite(b.min);
    const maxOk = typeof b.max === 'number' && Number.isFinite(b.max);
    if (!minOk) issues.push({ path: at('min'), message: 'must be a finite number' });
    else if (b.min < 0) issues.push({ path: at('min'), message: `must be >= 0, got ${b.min}` });
    else if (ENERGY_FIELDS.has(b.field) && b.min <= 0) {
      issues.push({ path: at('min'), message: 'must be > 0: a storage needs energyKwh > 0 (use a small value for "almost none")' });
    }
    if (!maxOk) issues.push({ path: at('max'), message: 'must be a finite number' });
    if (minOk && maxOk && b.min > b.max) issues.push({ path: at('min'), message: `must be <= max (${b.max}), got ${b.min}` });
  });
  return issues;
}

function withSizes(config: SystemConfig, sizes: readonly SizedValue[]): SystemConfig {
  const copy = structuredClone(config);
  for (const s of sizes) {
    const target = copy.components.find((c) => c.id === s.component);
    if (target) target[s.field] = s.value;
  }
  return copy;
}

const constant = (value: number): CapacityExpression => ({ constant: value, terms: [] });
const column = (j: number, coefficient = 1): CapacityExpression => ({ constant: 0, terms: [[j, coefficient]] });
const scaled = (e: CapacityExpression, k: number): CapacityExpression => ({
  constant: e.constant * k,
  terms: e.terms.map(([j, c]) => [j, c * k] as const),
});

/** Annual cost and CO2 of the capacities, affine in the capacity columns (EUR, kgCO2 per year). */
interface CapacityObjective {
  costEurPerYear: Float64Array;
  costConstantEur: number;
  co2KgPerYear: Float64Array;
  co2ConstantKg: number;
}

interface SizingModel {
  topology: Topology;
  lp: LpModel;
  /** Objective vectors over all columns in model units (horizon; × perYear = annual). */
  costVector: Float64Array;
  costOffset: number;
  co2Vector: Float64Array;
  co2Offset: number;
  /** Pure CO2 (no penalties) of a solution, model units, for the cap row. */
  co2CapRow: { index: Int32Array; value: Float64Array; constant: number };
  perYear: number;
}

interface ExtraRow {
  index: ArrayLike<number>;
  value: ArrayLike<number>;
  lower: number;
  upper: number;
}

/** A copy of `model` with rows appended (columns stay as they are). */
function appendRows(model: LpModel, extra: readonly ExtraRow[]): LpModel {
  if (extra.length === 0) return model;
  const added = extra.reduce((n, r) => n + r.index.length, 0);
  const aIndex = new Int32Array(model.aIndex.length + added);
  const aValue = new Float64Array(model.aValue.length + added);
  aIndex.set(model.aIndex);
  aValue.set(model.aValue);
  const aStart = new Int32Array(model.numRow + extra.length + 1);
  aStart.set(model.aStart);
  const rowLower = new Float64Array(model.numRow + extra.length);
  const rowUpper = new Float64Array(model.numRow + extra.length);
  rowLower.set(model.rowLower);
  rowUpper.set(model.rowUpper);
  let nnz = model.aIndex.length;
  extra.forEach((r, k) => {
    for (let e = 0; e < r.index.length; e++) {
      aIndex[nnz] = r.index[e];
      aValue[nnz] = r.value[e];
      nnz++;
    }
    aStart[model.numRow + k + 1] = nnz;
    rowLower[model.numRow + k] = r.lower;
    rowUpper[model.numRow + k] = r.upper;
  });
  return { ...model, numRow: model.numRow + extra.length, aStart, aIndex, aValue, rowLower, rowUpper };
}

/** Nonzero entries of a dense vector, as a row. */
function sparseRow(vector: Float64Array): { index: Int32Array; value: Float64Array } {
  let n = 0;
  for (let j = 0; j < vector.length; j++) if (vector[j] !== 0) n++;
  const index = new Int32Array(n);
  const value = new Float64Array(n);
  n = 0;
  for (let j = 0; j < vector.length; j++) {
    if (vector[j] !== 0) {
      index[n] = j;
      value[n] = vector[j];
      n++;
    }
  }
  return { index, value };
}

function primarySize(c: ResolvedComponent): { field: string; value: number } | null {
  switch (c.kind) {
    case 'SOLAR_PV':
    case 'WIND_TURBINE':
      return { field: c.kind === 'SOLAR_PV' ? 'peakKw' : 'ratedKw', value: c.ratedKw };
    case 'BATTERY':
    case 'THERMAL_STORAGE':
      return { field: 'energyKwh', value: c.energyKwh };
    case 'HEAT_PUMP':
    case 'ELECTRIC_BOILER':
      return { field: 'maxHeatKw', value: c.maxHeatKw };
    default:
      return null;
  }
}

function upperOf(e: CapacityExpression, upper: Float64Array): number {
  let u = e.constant;
  for (const [j, c] of e.terms) u += c * upper[j];
  return u;
}

function buildSizingModel(config: SystemConfig, bounds: readonly SizingBound[], options: SolverOptions): SizingModel {
  // Resolved at the largest sizes, its series and limits bound every column loosely.
  const system = resolveSystem(withSizes(config, bounds.map((b) => ({ component: b.component, field: b.field, value: b.max }))));
  const topology = buildTopology(system);
  const perYear = annualisationFactor(system);
  const rawById = new Map(config.components.map((c) => [c.id, c as Record<string, unknown>]));

  const lower: number[] = bounds.map((b) => b.min);
  const upper: number[] = bounds.map((b) => b.max);
  const columnOf = new Map<string, number>();
  bounds.forEach((b, j) => columnOf.set(`${b.component}\u0000${b.field}`, j));
  const sized = (id: string, field: string): number | undefined => columnOf.get(`${id}\u0000${field}`);

  const capacities: LpCapacities = {
    lower: new Float64Array(0),
    upper: new Float64Array(0),
    cost: new Float64Array(0),
    generators: new Map(),
    storages: new Map(),
    converters: new Map(),
  };
  // Annual cost / CO2 terms per column, collected before the auxiliary columns are known.
  const costTerms: [number, number][] = [];
  const co2Terms: [number, number][] = [];
  let costConstantEur = 0;
  let co2ConstantKg = 0;
  const auxRows: { aux: number; expression: CapacityExpression }[] = [];
  const addTo = (terms: [number, number][], e: CapacityExpression, k: number): number => {
    for (const [j, c] of e.terms) terms.push([j, c * k]);
    return e.constant * k;
  };

  for (const c of system.components) {
    const raw = rawById.get(c.id);
    const lifetime = c.economics.lifetimeYears;
    const crf = capitalRecoveryFactor(system.discountRate, lifetime);
    const embodiedYears = lifetime > 0 ? lifetime : 1;
    const primary = primarySize(c);
    const primaryColumn = primary ? sized(c.id, primary.field) : undefined;
    const anySized = (SIZABLE_FIELDS[c.kind] ?? []).some((f) => sized(c.id, f) !== undefined);
    if (!anySized) {
      costConstantEur += capexOfComponentEur(c) * crf + c.economics.fixedOmEurPerYear;
      co2ConstantKg += c.economics.embodiedKgCo2 / embodiedYears;
      continue;
    }
    let powerKw: CapacityExpression = constant(0);
    let energyKwh: CapacityExpression = constant(0);
    if (c.kind === 'SOLAR_PV' || c.kind === 'WIND_TURBINE') {
      const ratedKw = column(primaryColumn!);
      const availablePerKw = new Float64Array(c.availableKw.length);
      if (c.ratedKw > 0) for (let t = 0; t < availablePerKw.length; t++) availablePerKw[t] = c.availableKw[t] / c.ratedKw;
      capacities.generators.set(c.id, { ratedKw, availablePerKw });
      powerKw = ratedKw;
    } else if (c.kind === 'HEAT_PUMP' || c.kind === 'ELECTRIC_BOILER') {
      const maxHeatKw = column(primaryColumn!);
      capacities.converters.set(c.id, { maxHeatKw });
      powerKw = maxHeatKw;
    } else if (c.kind === 'BATTERY' || c.kind === 'THERMAL_STORAGE') {
      energyKwh = primaryColumn !== undefined ? column(primaryColumn) : constant(c.energyKwh);
      const power = (field: 'maxChargeKw' | 'maxDischargeKw'): CapacityExpression => {
        const j = sized(c.id, field);
        if (j !== undefined) return column(j);
        // Left out of the config, the limit is a fixed multiple of energyKwh (default C/2).
        if (primaryColumn !== undefined && !isGiven(raw, field)) return scaled(energyKwh, c[field] / c.energyKwh);
        return constant(c[field]);
      };
      const maxChargeKw = power('maxChargeKw');
      const maxDischargeKw = power('maxDischargeKw');
      capacities.storages.set(c.id, { energyKwh, maxChargeKw, maxDischargeKw });
      if (maxChargeKw.terms.length === 0 && maxDischargeKw.terms.length === 0) {
        powerKw = constant(Math.max(maxChargeKw.constant, maxDischargeKw.constant));
      } else if (c.economics.capexEurPerKw > 0) {
        // capex applies to max(charge, discharge): an auxiliary column m ≥ both, priced, so m = max.
        const aux = lower.length;
        lower.push(0);
        upper.push(Math.max(upperOf(maxChargeKw, Float64Array.from(upper)), upperOf(maxDischargeKw, Float64Array.from(upper))));
        auxRows.push({ aux, expression: maxChargeKw }, { aux, expression: maxDischargeKw });
        powerKw = column(aux);
      }
    }
    const e = c.economics;
    costConstantEur += addTo(costTerms, powerKw, crf * e.capexEurPerKw) + addTo(costTerms, energyKwh, crf * e.capexEurPerKwh);
    // Fixed O&M and embodied CO2 left to their defaults are per kW or kWh of the primary size.
    const perPrimary = (key: 'fixedOmEurPerYear' | 'embodiedKgCo2'): CapacityExpression =>
      primaryColumn !== undefined && !isGiven(raw, key)
        ? column(primaryColumn, primary!.value > 0 ? e[key] / primary!.value : 0)
        : constant(e[key]);
    costConstantEur += addTo(costTerms, perPrimary('fixedOmEurPerYear'), 1);
    co2ConstantKg += addTo(co2Terms, perPrimary('embodiedKgCo2'), 1 / embodiedYears);
  }

  const nCapacity = lower.length;
  capacities.lower = Float64Array.from(lower);
  capacities.upper = Float64Array.from(upper);
  capacities.cost = new Float64Array(nCapacity);
  const capacityObjective: CapacityObjective = {
    costEurPerYear: new Float64Array(nCapacity),
    costConstantEur,
    co2KgPerYear: new Float64Array(nCapacity),
    co2ConstantKg,
  };
  for (const [j, v] of costTerms) capacityObjective.costEurPerYear[j] += v;
  for (const [j, v] of co2Terms) capacityObjective.co2KgPerYear[j] += v;

  const window = { startStep: 0, steps: system.timesteps, applyTerminal: true };
  const lpOptions: SolverOptions = { ...options, forbidSimultaneous: false };
  const costLp = buildLpModel(topology, { ...lpOptions, objective: 'COST' }, window, capacities);
  const co2Lp = buildLpModel(topology, { ...lpOptions, objective: 'CO2' }, window, capacities);
  const offset = costLp.layout.capacityOffset;

  const costVector = costLp.colCost.slice();
  const co2Vector = co2Lp.colCost.slice();
  for (let j = 0; j < nCapacity; j++) {
    costVector[offset + j] = capacityObjective.costEurPerYear[j] / perYear;
    co2Vector[offset + j] = capacityObjective.co2KgPerYear[j] / perYear;
  }

  // Grid CO2 of the dispatch plus embodied CO2 of the capacities, model units.
  const capVector = new Float64Array(costLp.numCol);
  const dt = system.timestepHours;
  const { colsPerStep } = costLp.layout;
  for (const conn of system.connections) {
    const from = topology.byId.get(conn.from)!;
    if (from.kind !== 'GRID') continue;
    for (let k = 0; k < system.timesteps; k++) capVector[k * colsPerStep + conn.index] = from.co2KgPerKwh[k] * dt;
  }
  for (let j = 0; j < nCapacity; j++) capVector[offset + j] = capacityObjective.co2KgPerYear[j] / perYear;

  const auxExtra: ExtraRow[] = auxRows.map(({ aux, expression }) => ({
    index: [offset + aux, ...expression.terms.map(([j]) => offset + j)],
    value: [1, ...expression.terms.map(([, c]) => -c)],
    lower: expression.constant,
    upper: Infinity,
  }));
  return {
    topology,
    lp: appendRows(costLp, auxExtra),
    costVector,
    costOffset: capacityObjective.costConstantEur / perYear,
    co2Vector,
    co2Offset: capacityObjective.co2ConstantKg / perYear,
    co2CapRow: { ...sparseRow(capVector), constant: capacityObjective.co2ConstantKg / perYear },
    perYear,
  };
}

function requestIssues(system: SystemConfig, request: SizingRequest): ConfigIssue[] {
  const issues = validateSizingInput(system, request.bounds);
  if (request.objective !== 'COST' && request.objective !== 'CO2') {
    issues.push({ path: 'objective', message: `must be COST or CO2, got ${JSON.stringify(request.objective)}` });
  }
  if (request.co2CapKg !== undefined && !(Number.isFinite(request.co2CapKg) && request.co2CapKg >= 0)) {
    issues.push({ path: 'co2CapKg', message: `must be a finite number >= 0, got ${String(request.co2CapKg)}` });
  }
  return issues;
}

function parsedOptions(options: SolverOptions | undefined): SolverOptions {
  const parsed = parseSolverOptions(options ?? {});
  if (!parsed.ok) {
    throw new ConfigValidationError(parsed.issues.map((i) => ({ ...i, path: i.path ? `options.${i.path}` : 'options' })), 'sizing options');
  }
  return parsed.options;
}

function solveOrThrow(session: HighsSession, lp: LpModel, settings: HighsSettings, context: string): HighsOutcome & { colValue: Float64Array } {
  const outcome = session.solve(lp, settings);
  try {
    assertSolution(outcome, context);
  } catch (error) {
    if (error instanceof SolverError) {
      throw new EngineError(error.code === 'SOLVER_ERROR' ? 'ERROR' : error.code, `sizing failed: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return outcome;
}

function dot(vector: Float64Array, x: ArrayLike<number>): number {
  let total = 0;
  for (let j = 0; j < vector.length; j++) if (vector[j] !== 0) total += vector[j] * x[j];
  return total;
}

/**
 * The design within `bounds` that minimises a year's total cost (or CO2), with the dispatch
 * of the whole horizon in the same LP. Throws ConfigValidationError on bad bounds or options,
 * EngineError when HiGHS finds no solution (e.g. INFEASIBLE under a too tight co2CapKg).
 */
export async function solveSizing(system: SystemConfig, request: SizingRequest): Promise<SizingResult> {
  const issues = requestIssues(system, request);
  if (issues.length > 0) throw new ConfigValidationError(issues, 'sizing input');
  const options = parsedOptions(request.options);
  const model = buildSizingModel(system, request.bounds, options);
  const primaryIsCost = request.objective === 'COST';
  const primary = primaryIsCost ? { vector: model.costVector, offset: model.costOffset } : { vector: model.co2Vector, offset: model.co2Offset };
  const secondary = primaryIsCost ? { vector: model.co2Vector, offset: model.co2Offset } : { vector: model.costVector, offset: model.costOffset };

  let lp = model.lp;
  if (request.co2CapKg !== undefined) {
    const row = model.co2CapRow;
    lp = appendRows(lp, [{ index: row.index, value: row.value, lower: -Infinity, upper: request.co2CapKg / model.perYear - row.constant }]);
  }
  const settings: HighsSettings = {
    timeLimitSeconds: options.timeLimitSeconds,
    highsOptions: { ...SIZING_HIGHS_OPTIONS, ...request.highsOptions },
  };
  // The tie-break rides along in the same LP as a small weight on the other objective: a true
  // second (lexicographic) solve, even hot-started, took 45-60 s on the 8760 h house.
  const colCost = primary.vector.slice();
  let objectiveOffset = primary.offset;
  if (request.tieBreak !== false) {
    for (let j = 0; j < colCost.length; j++) colCost[j] += TIE_BREAK_WEIGHT * secondary.vector[j];
    objectiveOffset += TIE_BREAK_WEIGHT * secondary.offset;
  }
  const session = await HighsSession.open();
  let chosen: HighsOutcome & { colValue: Float64Array };
  try {
    chosen = solveOrThrow(session, { ...lp, colCost, offset: objectiveOffset }, settings, `sizing (${request.objective})`);
  } finally {
    session.dispose();
  }
  const solveMs = chosen.solveMs;

  const offset = lp.layout.capacityOffset;
  const sizes: SizedValue[] = request.bounds.map((b, j) => {
    const v = Math.min(b.max, Math.max(b.min, chosen.colValue[offset + j]));
    // Solver noise in the 13th digit would be stored on the run and shown to users.
    return { component: b.component, field: b.field, value: Number(v.toPrecision(12)) };
  });

  // The sized design's own KPIs of the LP's dispatch: what simulating it will report.
  const sizedSystem = resolveSystem(withSizes(system, sizes));
  const topology = buildTopology(sizedSystem);
  const series = allocateDispatchSeries(topology);
  readWindowSolution(topology, lp, chosen.colValue, sizedSystem.timesteps, series, levelsAfter(topology, series, -1));
  const dispatch: Dispatch = {
    ...series,
    stats: {
      status: chosen.status,
      message: chosen.message,
      objective: 0,
      objectiveKind: request.objective,
      solveMs,
      variables: lp.numCol,
      constraints: lp.numRow,
      iterations: chosen.iterations,
    },
  };
  const kpis = computeKpis(sizedSystem, dispatch, null);
  return {
    sizes,
    objective: request.objective,
    totalAnnualCostEur: kpis.totalCostEur,
    annualisedCapexEur: fixedEconomics(sizedSystem).annualisedCapexEur,
    operatingCostEur: kpis.operatingCostEur,
    co2Kg: kpis.totalCo2Kg,
    unmetDemandKwh: kpis.unmetDemandKwh,
    objectiveValue: (dot(primary.vector, chosen.colValue) + primary.offset) * model.perYear,
    status: chosen.status,
    solveMs,
    variables: lp.numCol,
    constraints: lp.numRow,
  };
}

/**
 * `points` sizings from the pure-cost one (first) to the pure-CO2 one (last): the ends ARE
 * solveSizing(COST) and solveSizing(CO2); in between, the cheapest design under a CO2 cap
 * stepped evenly from the cost end's CO2 down to the CO2 end's (epsilon constraint).
 */
export async function paretoSizings(
  system: SystemConfig,
  bounds: readonly SizingBound[],
  points: number,
  options?: SolverOptions,
): Promise<SizingResult[]> {
  if (!Number.isInteger(points) || points < 2) {
    throw new ConfigValidationError([{ path: 'points', message: `must be an integer >= 2, got ${String(points)}` }], 'pareto input');
  }
  const base = { bounds, ...(options ? { options } : {}) };
  const costEnd = await solveSizing(system, { ...base, objective: 'COST' });
  const co2End = await solveSizing(system, { ...base, objective: 'CO2' });
  const front: SizingResult[] = [costEnd];
  for (let i = 1; i < points - 1; i++) {
    const co2CapKg = costEnd.co2Kg + ((co2End.co2Kg - costEnd.co2Kg) * i) / (points - 1);
    front.push(await solveSizing(system, { ...base, objective: 'COST', co2CapKg }));
  }
  front.push(co2End);
  return front;
}
