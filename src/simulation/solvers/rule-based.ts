/**
 * RULE_BASED: a greedy, single-pass dispatch. Per step, connections are served in a fixed
 * priority order of (source role → target role):
 *   1 generation→demand, 2 generation→storage, 3 storage→demand, 4 grid→demand,
 *   5 generation→grid,   6 storage→grid,       7 grid→storage,   8 everything else,
 * ties keeping the user's connection order. Each flow is min(what the source can still give,
 * what the target can still take) this step.
 *
 * Heat pumps and electric boilers are "generation" on their HEAT side and "demand" on their
 * ELECTRICITY side. The heat side is dispatched first (capacity maxHeatKw), which fixes each
 * converter's electricity need; then the electric side. A converter that gets less electricity
 * than it needs has its heat output scaled down, lowest-priority heat flows first; the shortfall
 * becomes unmet heat demand or less storage charging.
 *
 * Storages with socMin > 0 and self-discharge get one departure from pure greed, needed to
 * stay within the SOC bounds: discharge stops at a floor that reserves the decay until the
 * next chance to recharge, and a storage below its floor is topped up before the priority
 * order (see dischargeFloorSeries, runMakeup).
 *
 * The result is a feasible point of the LP (energy balance exact up to rounding) except for
 * terminal storage conditions, which a greedy pass cannot look ahead to meet, and a storage
 * that nothing can recharge at all; simulate() warns about both.
 *
 * Hot path: the plan and all per-component state live in typed arrays built once per call;
 * the step loop allocates nothing and uses no closures or maps.
 */
import { evaluateObjective, objectiveWeights } from '../objective.js';
import type { Dispatch, ResolvedComponent, ResolvedSystem, SolverOptions } from '../types.js';

const GRID = 0;
const GENERATOR = 1;
const STORAGE = 2;
const DEMAND = 3;
const CONVERTER = 4;

type RoleCode = typeof GRID | typeof GENERATOR | typeof STORAGE | typeof DEMAND | typeof CONVERTER;

function roleOf(kind: ResolvedComponent['kind']): RoleCode {
  switch (kind) {
    case 'GRID':
      return GRID;
    case 'SOLAR_PV':
    case 'WIND_TURBINE':
      return GENERATOR;
    case 'BATTERY':
    case 'THERMAL_STORAGE':
      return STORAGE;
    case 'ELECTRIC_DEMAND':
    case 'HEAT_DEMAND':
      return DEMAND;
    case 'HEAT_PUMP':
    case 'ELECTRIC_BOILER':
      return CONVERTER;
  }
}

/** Priority class of a connection (lower first), per the dispatch rule above. */
export function connectionPriority(fromKind: ResolvedComponent['kind'], toKind: ResolvedComponent['kind']): number {
  const from = roleOf(fromKind);
  const to = roleOf(toKind);
  const sourceIsGeneration = from === GENERATOR || from === CONVERTER;
  const targetIsDemand = to === DEMAND || to === CONVERTER;
  if (sourceIsGeneration && targetIsDemand) return 1;
  if (sourceIsGeneration && to === STORAGE) return 2;
  if (from === STORAGE && targetIsDemand) return 3;
  if (from === GRID && targetIsDemand) return 4;
  if (sourceIsGeneration && to === GRID) return 5;
  if (from === STORAGE && to === GRID) return 6;
  if (from === GRID && to === STORAGE) return 7;
  return 8;
}

/** Everything the step loop touches, as flat typed arrays indexed by component or connection. */
interface Plan {
  T: number;
  dtHours: number;
  role: Int8Array;
  // Connections, in priority order per medium.
  heatOrder: Int32Array;
  electricOrder: Int32Array;
  from: Int32Array;
  to: Int32Array;
  flowKw: Float64Array[];
  // Per-component working state for the current step.
  giveLeftKw: Float64Array; // grid import / generator output / converter heat capacity left
  takeLeftKw: Float64Array; // grid export / demand / converter electricity need left
  levelKwh: Float64Array; // storage level tracked as flows happen within the step
  chargedKw: Float64Array;
  dischargedKw: Float64Array;
  startLevelKwh: Float64Array; // storage level at the end of the previous step
  // Storage parameters.
  minKwh: Float64Array;
  /** Lowest level a discharge may leave this step, kWh (see dischargeFloorSeries). */
  floorKwh: Float64Array;
  /** Per storage: the floor per step when self-discharge needs a reserve, else empty. */
  floorSeries: Float64Array[];
  /** Charge a storage needs this step to climb back to its floor after self-discharge, kW. */
  makeupKw: Float64Array;
  maxKwh: Float64Array;
  chargeEff: Float64Array;
  dischargeEff: Float64Array;
  retention: Float64Array;
  maxChargeKw: Float64Array;
  maxDischargeKw: Float64Array;
  // Converter per-step values.
  heatCapacityKw: Float64Array;
  /** Output given so far this step by a non-storage source (kept apart from giveLeftKw so an
   *  unlimited capacity never turns into Infinity − Infinity). */
  givenKw: Float64Array;
  heatPerElectricityNow: Float64Array;
  // Component groups.
  grids: Int32Array;
  generators: Int32Array;
  storages: Int32Array;
  demands: Int32Array;
  converters: Int32Array;
  // Per-component input and output series (an empty array where a kind has none).
  inputSeries: Float64Array[]; // availableKw / demandKw / heatPerElectricity
  outputSeries: Float64Array[]; // curtailment / unmet / storage level
  maxImportKw: Float64Array;
  maxExportKw: Float64Array;
  maxHeatKw: Float64Array;
  /** First step at which self-discharge left a storage below socMin, or -1. */
  firstBelowMinStep: Int32Array;
}

const EMPTY = new Float64Array(0);

function buildPlan(system: ResolvedSystem): Plan {
  const T = system.timesteps;
  const n = system.components.length;
  const indexOf = new Map<string, number>();
  system.components.forEach((c, i) => indexOf.set(c.id, i));
  const role = new Int8Array(n);
  const groups: number[][] = [[], [], [], [], []];
  const minKwh = new Float64Array(n);
  const maxKwh = new Float64Array(n);
  const chargeEff = new Float64Array(n);
  const dischargeEff = new Float64Array(n);
  const retention = new Float64Array(n);
  const maxChargeKw = new Float64Array(n);
  const maxDischargeKw = new Float64Array(n);
  const startLevelKwh = new Float64Array(n);
  const maxImportKw = new Float64Array(n);
  const maxExportKw = new Float64Array(n);
  const maxHeatKw = new Float64Array(n);
  const inputSeries: Float64Array[] = new Array(n).fill(EMPTY);
  const outputSeries: Float64Array[] = new Array(n).fill(EMPTY);
  system.components.forEach((c, i) => {
    role[i] = roleOf(c.kind);
    groups[role[i]].push(i);
    switch (c.kind) {
      case 'GRID':
        maxImportKw[i] = c.maxImportKw;
        maxExportKw[i] = c.maxExportKw;
        break;
      case 'SOLAR_PV':
      case 'WIND_TURBINE':
        inputSeries[i] = c.availableKw;
        outputSeries[i] = new Float64Array(T);
        break;
      case 'ELECTRIC_DEMAND':
      case 'HEAT_DEMAND':
        inputSeries[i] = c.demandKw;
        outputSeries[i] = new Float64Array(T);
        break;
      case 'HEAT_PUMP':
      case 'ELECTRIC_BOILER':
        inputSeries[i] = c.heatPerElectricity;
        maxHeatKw[i] = c.maxHeatKw;
        break;
      case 'BATTERY':
      case 'THERMAL_STORAGE':
        minKwh[i] = c.socMin * c.energyKwh;
        maxKwh[i] = c.socMax * c.energyKwh;
        chargeEff[i] = c.chargeEfficiency;
        dischargeEff[i] = c.dischargeEfficiency;
        retention[i] = c.retentionPerStep;
        maxChargeKw[i] = c.maxChargeKw;
        maxDischargeKw[i] = c.maxDischargeKw;
        startLevelKwh[i] = c.initialSoc * c.energyKwh;
        outputSeries[i] = new Float64Array(T);
        break;
    }
  });

  const m = system.connections.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const priority = new Int32Array(m);
  const flowKw: Float64Array[] = [];
  for (const conn of system.connections) {
    const f = indexOf.get(conn.from);
    const g = indexOf.get(conn.to);
    if (f === undefined || g === undefined) {
      throw new Error(`connection ${conn.id} refers to an unknown component`);
    }
    from[conn.index] = f;
    to[conn.index] = g;
    priority[conn.index] = connectionPriority(system.components[f].kind, system.components[g].kind);
    flowKw[conn.index] = new Float64Array(T);
  }
  const ordered = (medium: 'HEAT' | 'ELECTRICITY'): Int32Array =>
    Int32Array.from(
      system.connections
        .filter((c) => c.medium === medium)
        .map((c) => c.index)
        // Stable sort: ties keep the user's connection order.
        .sort((a, b) => priority[a] - priority[b] || a - b),
    );

  return {
    T,
    dtHours: system.timestepHours,
    role,
    heatOrder: ordered('HEAT'),
    electricOrder: ordered('ELECTRICITY'),
    from,
    to,
    flowKw,
    giveLeftKw: new Float64Array(n),
    takeLeftKw: new Float64Array(n),
    levelKwh: new Float64Array(n),
    chargedKw: new Float64Array(n),
    dischargedKw: new Float64Array(n),
    startLevelKwh,
    minKwh,
    floorKwh: new Float64Array(n),
    floorSeries: dischargeFloorSeries(system, indexOf, minKwh),
    makeupKw: new Float64Array(n),
    maxKwh,
    chargeEff,
    dischargeEff,
    retention,
    maxChargeKw,
    maxDischargeKw,
    heatCapacityKw: new Float64Array(n),
    givenKw: new Float64Array(n),
    heatPerElectricityNow: new Float64Array(n),
    grids: Int32Array.from(groups[GRID]),
    generators: Int32Array.from(groups[GENERATOR]),
    storages: Int32Array.from(groups[STORAGE]),
    demands: Int32Array.from(groups[DEMAND]),
    converters: Int32Array.from(groups[CONVERTER]),
    inputSeries,
    outputSeries,
    maxImportKw,
    maxExportKw,
    maxHeatKw,
    firstBelowMinStep: new Int32Array(n).fill(-1),
  };
}

/**
 * One pass over `order` in step t: each flow is min(what its source can still give, what its
 * target can still take). A storage's give/take follow its level as it changes within the
 * step, so charge and discharge in the same step both stay within the SOC bounds.
 * Fields are read into locals once per call: the loop body is the solver's hot path.
 */
function runOrder(p: Plan, order: Int32Array, t: number): void {
  const dt = p.dtHours;
  const { role, from, to, flowKw, giveLeftKw, takeLeftKw, givenKw, levelKwh, chargedKw, dischargedKw } = p;
  const { floorKwh, maxKwh, chargeEff, dischargeEff, maxChargeKw, maxDischargeKw } = p;
  for (let k = 0; k < order.length; k++) {
    const c = order[k];
    const f = from[c];
    const g = to[c];
    const fromStorage = role[f] === STORAGE;
    const toStorage = role[g] === STORAGE;
    let give: number;
    if (fromStorage) {
      const byEnergyKw = ((levelKwh[f] - floorKwh[f]) * dischargeEff[f]) / dt;
      const byPowerKw = maxDischargeKw[f] - dischargedKw[f];
      give = byEnergyKw < byPowerKw ? byEnergyKw : byPowerKw;
    } else {
      give = giveLeftKw[f];
    }
    let take: number;
    if (toStorage) {
      const byEnergyKw = (maxKwh[g] - levelKwh[g]) / (chargeEff[g] * dt);
      const byPowerKw = maxChargeKw[g] - chargedKw[g];
      take = byEnergyKw < byPowerKw ? byEnergyKw : byPowerKw;
    } else {
      take = takeLeftKw[g];
    }
    const x = give < take ? give : take;
    if (!(x > 0)) continue;
    flowKw[c][t] += x;
    if (fromStorage) {
      dischargedKw[f] += x;
      levelKwh[f] -= (x * dt) / dischargeEff[f];
    } else {
      giveLeftKw[f] -= x;
      givenKw[f] += x;
    }
    if (toStorage) {
      chargedKw[g] += x;
      levelKwh[g] += x * chargeEff[g] * dt;
    } else {
      takeLeftKw[g] -= x;
    }
  }
}

/**
 * Before the priority order: a storage below this step's discharge floor (socMin, plus the
 * reserve for self-discharge over a coming idle stretch) first draws the charge that lifts
 * it to the floor, so the dispatch stays within the SOC bounds (the LP has to do the same).
 */
function runMakeup(p: Plan, order: Int32Array, t: number): void {
  const dt = p.dtHours;
  for (let k = 0; k < order.length; k++) {
    const c = order[k];
    const f = p.from[c];
    const g = p.to[c];
    if (p.role[g] !== STORAGE || !(p.makeupKw[g] > 0) || p.role[f] === STORAGE) continue;
    const byPowerKw = p.maxChargeKw[g] - p.chargedKw[g];
    const take = p.makeupKw[g] < byPowerKw ? p.makeupKw[g] : byPowerKw;
    const give = p.giveLeftKw[f];
    const x = give < take ? give : take;
    if (!(x > 0)) continue;
    p.flowKw[c][t] += x;
    p.giveLeftKw[f] -= x;
    p.givenKw[f] += x;
    p.makeupKw[g] -= x;
    p.chargedKw[g] += x;
    p.levelKwh[g] += x * p.chargeEff[g] * dt;
  }
}

/**
 * The lowest level a discharge may leave, per step, for storages with both socMin > 0 and
 * self-discharge. A greedy pass that empties such a storage to socMin would see it decay
 * below socMin over the next idle steps (e.g. a battery through the night with only PV to
 * charge it): an infeasible point the LP never produces. So the floor holds back exactly the
 * decay until the next step at which a source could recharge it (runMakeup tops the level up
 * to the floor while it can): floor_t = socMin·E / retention^(steps until then − 1), capped at socMax·E.
 * Sources other than generators count as always available (a grid, a converter) or never
 * (another storage).
 */
function dischargeFloorSeries(system: ResolvedSystem, indexOf: Map<string, number>, minKwh: Float64Array): Float64Array[] {
  const T = system.timesteps;
  return system.components.map((c, i) => {
    if ((c.kind !== 'BATTERY' && c.kind !== 'THERMAL_STORAGE') || !(minKwh[i] > 0) || !(c.retentionPerStep < 1)) return EMPTY;
    // Sources that could charge it at step t: a grid or converter always; a generator when it has output.
    let alwaysChargeable = false;
    const generatorSeries: Float64Array[] = [];
    for (const conn of system.connections) {
      if (conn.to !== c.id) continue;
      const source = system.components[indexOf.get(conn.from)!];
      if (source.kind === 'GRID') alwaysChargeable ||= source.maxImportKw > 0;
      else if (source.kind === 'HEAT_PUMP' || source.kind === 'ELECTRIC_BOILER') alwaysChargeable ||= source.maxHeatKw > 0;
      else if (source.kind === 'SOLAR_PV' || source.kind === 'WIND_TURBINE') generatorSeries.push(source.availableKw);
    }
    if (alwaysChargeable) return EMPTY;
    const capKwh = c.socMax * c.energyKwh;
    const floor = new Float64Array(T);
    floor[T - 1] = minKwh[i];
    for (let t = T - 2; t >= 0; t--) {
      // Step t+1 ends the idle stretch only if its sources offer the makeup it would need,
      // coming from socMin after one step of decay up to its own floor.
      let offeredKw = 0;
      for (const s of generatorSeries) offeredKw += s[t + 1];
      const makeupKw = (floor[t + 1] - minKwh[i] * c.retentionPerStep) / (c.chargeEfficiency * system.timestepHours);
      const chargeableNext = offeredKw >= makeupKw;
      const f = chargeableNext ? minKwh[i] : floor[t + 1] / c.retentionPerStep;
      floor[t] = f < capKwh ? f : capKwh;
    }
    return floor;
  });
}

/** End-of-step level from the step's totals: the same formula the LP and the checker use. */
function endLevelKwh(p: Plan, s: number): number {
  return (
    p.startLevelKwh[s] * p.retention[s] +
    p.dtHours * (p.chargeEff[s] * p.chargedKw[s] - p.dischargedKw[s] / p.dischargeEff[s])
  );
}

/**
 * Take `reduceKw` off the heat flows leaving component `source` in step t, lowest priority
 * first. A thermal storage that loses charging this way may no longer cover what it already
 * discharged; then its own outflows are cut in turn (rare: only after a converter shortfall).
 */
function reduceHeatOutflows(p: Plan, source: number, reduceKw: number, t: number, depth: number): void {
  const order = p.heatOrder;
  for (let k = order.length - 1; k >= 0 && reduceKw > 0; k--) {
    const c = order[k];
    if (p.from[c] !== source) continue;
    const flow = p.flowKw[c];
    const r = flow[t] < reduceKw ? flow[t] : reduceKw;
    if (!(r > 0)) continue;
    flow[t] -= r;
    reduceKw -= r;
    if (p.role[source] === STORAGE) {
      p.dischargedKw[source] -= r;
      p.levelKwh[source] += (r * p.dtHours) / p.dischargeEff[source];
    }
    const g = p.to[c];
    if (p.role[g] === STORAGE) {
      p.chargedKw[g] -= r;
      p.levelKwh[g] -= r * p.chargeEff[g] * p.dtHours;
      const deficitKwh = p.minKwh[g] - endLevelKwh(p, g);
      // Chains of storages with losses shrink the deficit geometrically; stop at rounding level.
      if (deficitKwh > 1e-12 * (1 + p.maxKwh[g]) && depth < 64) {
        reduceHeatOutflows(p, g, (deficitKwh * p.dischargeEff[g]) / p.dtHours, t, depth + 1);
      }
    } else {
      p.takeLeftKw[g] += r;
    }
  }
}

/** Dispatch every step of the horizon, in order (storage levels carry over). */
function dispatchHorizon(p: Plan): void {
  const { T, grids, generators, demands, storages, converters, inputSeries, outputSeries } = p;
  const { giveLeftKw, takeLeftKw, givenKw, levelKwh, chargedKw, dischargedKw, startLevelKwh } = p;
  const { retention, minKwh, maxImportKw, maxExportKw, maxHeatKw, heatCapacityKw, heatPerElectricityNow } = p;
  const { heatOrder, electricOrder, firstBelowMinStep, floorKwh, floorSeries, makeupKw, chargeEff, dtHours } = p;
  const hasHeat = heatOrder.length > 0;
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < grids.length; k++) {
      const i = grids[k];
      giveLeftKw[i] = maxImportKw[i];
      takeLeftKw[i] = maxExportKw[i];
    }
    for (let k = 0; k < generators.length; k++) giveLeftKw[generators[k]] = inputSeries[generators[k]][t];
    for (let k = 0; k < demands.length; k++) takeLeftKw[demands[k]] = inputSeries[demands[k]][t];
    let anyMakeup = false;
    for (let k = 0; k < storages.length; k++) {
      const i = storages[k];
      const level = startLevelKwh[i] * retention[i];
      levelKwh[i] = level;
      chargedKw[i] = 0;
      dischargedKw[i] = 0;
      const floor = floorSeries[i].length > 0 ? floorSeries[i][t] : minKwh[i];
      floorKwh[i] = floor;
      const makeup = level < floor ? (floor - level) / (chargeEff[i] * dtHours) : 0;
      makeupKw[i] = makeup;
      if (makeup > 0) anyMakeup = true;
    }

    if (hasHeat) {
      for (let k = 0; k < converters.length; k++) {
        const i = converters[k];
        const ratio = inputSeries[i][t];
        heatPerElectricityNow[i] = ratio;
        // A converter with no conversion this step cannot produce heat at all.
        heatCapacityKw[i] = ratio > 0 ? maxHeatKw[i] : 0;
        giveLeftKw[i] = heatCapacityKw[i];
        givenKw[i] = 0;
      }
      if (anyMakeup) runMakeup(p, heatOrder, t);
      runOrder(p, heatOrder, t);
    }
    for (let k = 0; k < converters.length; k++) {
      const i = converters[k];
      const heatKw = hasHeat ? givenKw[i] : 0;
      takeLeftKw[i] = heatKw > 0 ? heatKw / heatPerElectricityNow[i] : 0;
    }

    if (anyMakeup) runMakeup(p, electricOrder, t);
    runOrder(p, electricOrder, t);

    if (hasHeat) settleConverters(p, t);

    for (let k = 0; k < storages.length; k++) {
      const i = storages[k];
      const level = endLevelKwh(p, i);
      outputSeries[i][t] = level;
      startLevelKwh[i] = level;
      if (level < minKwh[i] - 1e-9 && firstBelowMinStep[i] < 0) firstBelowMinStep[i] = t;
    }
    for (let k = 0; k < generators.length; k++) outputSeries[generators[k]][t] = giveLeftKw[generators[k]];
    for (let k = 0; k < demands.length; k++) outputSeries[demands[k]][t] = takeLeftKw[demands[k]];
  }
}

/**
 * Scale down the heat of converters that got less electricity than their heat needs, then let
 * thermal storage cover what they could not deliver.
 */
function settleConverters(p: Plan, t: number): void {
  let anyConverterShort = false;
  for (let k = 0; k < p.converters.length; k++) {
    const i = p.converters[k];
    const heatKw = p.givenKw[i];
    if (!(heatKw > 0)) continue;
    const electricityKw = heatKw / p.heatPerElectricityNow[i] - p.takeLeftKw[i];
    const excessHeatKw = heatKw - electricityKw * p.heatPerElectricityNow[i];
    if (excessHeatKw > 0) {
      reduceHeatOutflows(p, i, excessHeatKw, t, 0);
      anyConverterShort = true;
    }
  }
  if (anyConverterShort) {
    // One more heat pass with every converter exhausted (their electricity is settled).
    for (let k = 0; k < p.converters.length; k++) p.giveLeftKw[p.converters[k]] = 0;
    runOrder(p, p.heatOrder, t);
  }
}

export function solveRuleBased(system: ResolvedSystem, options: SolverOptions): Dispatch {
  const started = performance.now();
  const p = buildPlan(system);
  dispatchHorizon(p);

  const storageLevelKwh: Record<string, Float64Array> = {};
  const curtailmentKw: Record<string, Float64Array> = {};
  const unmetDemandKw: Record<string, Float64Array> = {};
  const belowMin: string[] = [];
  system.components.forEach((c, i) => {
    if (p.role[i] === STORAGE) {
      storageLevelKwh[c.id] = p.outputSeries[i];
      if (p.firstBelowMinStep[i] >= 0) belowMin.push(`${c.id} (from step ${p.firstBelowMinStep[i]})`);
    } else if (p.role[i] === GENERATOR) curtailmentKw[c.id] = p.outputSeries[i];
    else if (p.role[i] === DEMAND) unmetDemandKw[c.id] = p.outputSeries[i];
  });

  const dispatch: Dispatch = {
    flowKw: p.flowKw,
    storageLevelKwh,
    curtailmentKw,
    unmetDemandKw,
    stats: {
      status: 'FEASIBLE',
      message:
        belowMin.length === 0
          ? 'rule-based dispatch'
          : `rule-based dispatch; self-discharge took storage below socMin with nothing to recharge it: ${belowMin.join(', ')}`,
      objective: 0,
      objectiveKind: objectiveWeights(options).kind,
      solveMs: 0,
      variables: 0,
      constraints: 0,
      iterations: 0,
    },
  };
  dispatch.stats.objective = evaluateObjective(system, dispatch, options);
  dispatch.stats.solveMs = performance.now() - started;
  return dispatch;
}
