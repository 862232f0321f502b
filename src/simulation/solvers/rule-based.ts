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
 * Hot path (bench/rule-based.ts): the plan and all per-component state live in typed arrays
 * built once per call; the step loop allocates nothing and uses no closures or maps. Every
 * per-component number (parameters and per-step state) sits in ONE Float64Array, a record of
 * FIELDS slots per component: V8 reloads a typed array's backing-store pointer and length for
 * each distinct array an iteration touches, which made twenty small arrays a large part of the
 * step cost. Connections that need no step-by-step state run as whole-horizon loops (see
 * Pass). None of this changes the arithmetic: every number is computed by the same operations
 * in the same order as a plain step-by-step pass, so results are bit-identical.
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

// Slots of a component's record in Plan.state. Which slots a component uses depends on its role.
/** Converter heat capacity left this step, kW (generators and grids keep theirs in a series). */
const GIVE_LEFT = 0;
/** Converter electricity need left this step, kW (demands and grids keep theirs in a series). */
const TAKE_LEFT = 1;
/** Output given so far this step by a non-storage source, kW (kept apart from GIVE_LEFT so
 *  an unlimited capacity never turns into Infinity − Infinity). */
const GIVEN = 2;
/** Storage level tracked as flows happen within the step, kWh. */
const LEVEL = 3;
const CHARGED = 4;
const DISCHARGED = 5;
/** Storage level at the end of the previous step, kWh. */
const START_LEVEL = 6;
/** Lowest level a discharge may leave this step, kWh (see dischargeFloorSeries). */
const FLOOR = 7;
/** Charge a storage needs this step to climb back to its floor after self-discharge, kW. */
const MAKEUP = 8;
const MIN_KWH = 9;
const MAX_KWH = 10;
const CHARGE_EFF = 11;
/** chargeEfficiency · Δt, the divisor that turns a kWh gap into a charging power. */
const CHARGE_EFF_DT = 12;
const DISCHARGE_EFF = 13;
const RETENTION = 14;
const MAX_CHARGE_KW = 15;
const MAX_DISCHARGE_KW = 16;
/** Converter: maxHeatKw. */
const MAX_GIVE_KW = 17;
/** Converter: heat per electricity this step. */
const RATIO_NOW = 18;
const FIELDS = 19;

/** Bits of a pass entry's `ends`. */
const FROM_STORAGE = 1;
const TO_STORAGE = 2;
/** The source is a generator or grid: what it can still give this step is in a series at t. */
const FROM_SERIES = 4;
/** The target is a demand or grid: what it can still take this step is in a series at t. */
const TO_SERIES = 8;
/** Slots of a pass entry in Pass.entries: source record offset, target record offset, ends. */
const ENTRY = 3;

/**
 * One medium's connections in priority order, laid out for the step loop: entry k is the k-th
 * connection to serve, with the record offsets of its source and target, what kind of end each
 * is, and its flow series (so the loop never goes through a connection index or a role).
 *
 * Generators, demands and grids keep what is left of this step's output, demand or limits in
 * a series per component and side (see LeftSeries): for generators and demands these are the
 * curtailment and unmet series the dispatch reports, so nothing is copied in or out per step.
 *
 * Entries whose two ends are such series (generator/grid → demand/grid, nothing a heat
 * connection touches) depend only on what is left at their own step: the ones before the first
 * other entry (prefix) and after the last (suffix) are run as loops over the whole horizon
 * (runFree) instead of once per step. The step loop runs only entries [prefixEnd, suffixStart).
 * In the priority order the prefix comes first at every step, except that storage makeup
 * (runMakeup) precedes it: a step with makeup resets the prefix's flows and leftovers for that
 * step and runs everything in the original order (undoPrefix). Either way every flow is the
 * same sequence of operations as in a single step-by-step pass.
 */
interface Pass {
  /** ENTRY slots per connection: from·FIELDS, to·FIELDS, FROM_/TO_ STORAGE / SERIES bits. */
  entries: Int32Array;
  flowKw: Float64Array[];
  /** Per entry: the source's leftover series (FROM_SERIES) or EMPTY. */
  fromSeries: Float64Array[];
  /** Per entry: the target's leftover series (TO_SERIES) or EMPTY. */
  toSeries: Float64Array[];
  prefixEnd: number;
  suffixStart: number;
  /** The leftover series the prefix writes to, with what they hold before any flow. */
  prefixTouches: LeftSeries[];
  /** The entries that can top a storage up to its floor (non-storage → storage), same layout. */
  makeup: { entries: Int32Array; flowKw: Float64Array[]; fromSeries: Float64Array[] };
}

/** What a generator, demand or grid can still give or take per step, before any flow: its
 *  input series or a constant limit. */
interface LeftSeries {
  series: Float64Array;
  input: Float64Array | null;
  constant: number;
}

/** A group of components of one role: record offsets, and per member k its series. */
interface Group {
  offsets: Int32Array;
  /** Converters: heatPerElectricity (empty for the other roles). */
  inputKw: Float64Array[];
  /** Curtailment / unmet demand / storage level at the end of each step (empty for grids, converters). */
  output: Float64Array[];
}

interface Plan {
  T: number;
  dtHours: number;
  role: Int8Array;
  /** FIELDS numbers per component, see the slot constants above. */
  state: Float64Array;
  heat: Pass;
  electric: Pass;
  flowKw: Float64Array[];
  generators: Group;
  demands: Group;
  storages: Group;
  converters: Group;
  /** Per storage (group position): the floor per step when self-discharge needs a reserve, else empty. */
  floorSeries: Float64Array[];
  /** Per storage (group position): first step at which self-discharge left it below socMin, or -1. */
  firstBelowMinStep: Int32Array;
}

const EMPTY = new Float64Array(0);

function buildPass(
  system: ResolvedSystem,
  medium: 'HEAT' | 'ELECTRICITY',
  from: Int32Array,
  to: Int32Array,
  priority: Int32Array,
  role: Int8Array,
  flowKw: Float64Array[],
  giveLeft: (LeftSeries | null)[],
  takeLeft: (LeftSeries | null)[],
  heatTouched: Uint8Array,
): Pass {
  const order = system.connections
    .filter((c) => c.medium === medium)
    .map((c) => c.index)
    // Stable sort: ties keep the user's connection order.
    .sort((a, b) => priority[a] - priority[b] || a - b);
  const endsOf = (c: number): number =>
    (role[from[c]] === STORAGE ? FROM_STORAGE : 0) |
    (role[to[c]] === STORAGE ? TO_STORAGE : 0) |
    (giveLeft[from[c]] !== null ? FROM_SERIES : 0) |
    (takeLeft[to[c]] !== null ? TO_SERIES : 0);
  const layout = (connections: number[]): Int32Array => {
    const entries = new Int32Array(ENTRY * connections.length);
    connections.forEach((c, k) => {
      entries[ENTRY * k] = from[c] * FIELDS;
      entries[ENTRY * k + 1] = to[c] * FIELDS;
      entries[ENTRY * k + 2] = endsOf(c);
    });
    return entries;
  };
  const isFree = (c: number): boolean =>
    endsOf(c) === (FROM_SERIES | TO_SERIES) && medium === 'ELECTRICITY' && heatTouched[from[c]] === 0 && heatTouched[to[c]] === 0;
  let prefixEnd = 0;
  while (prefixEnd < order.length && isFree(order[prefixEnd])) prefixEnd++;
  let suffixStart = order.length;
  while (suffixStart > prefixEnd && isFree(order[suffixStart - 1])) suffixStart--;
  const prefixTouches = new Set<LeftSeries>();
  for (const c of order.slice(0, prefixEnd)) {
    prefixTouches.add(giveLeft[from[c]]!);
    prefixTouches.add(takeLeft[to[c]]!);
  }
  const makeupOrder = order.filter((c) => (endsOf(c) & (FROM_STORAGE | TO_STORAGE)) === TO_STORAGE);
  return {
    entries: layout(order),
    flowKw: order.map((c) => flowKw[c]),
    fromSeries: order.map((c) => giveLeft[from[c]]?.series ?? EMPTY),
    toSeries: order.map((c) => takeLeft[to[c]]?.series ?? EMPTY),
    prefixEnd,
    suffixStart,
    prefixTouches: [...prefixTouches],
    makeup: {
      entries: layout(makeupOrder),
      flowKw: makeupOrder.map((c) => flowKw[c]),
      fromSeries: makeupOrder.map((c) => giveLeft[from[c]]?.series ?? EMPTY),
    },
  };
}

function buildPlan(system: ResolvedSystem): Plan {
  const T = system.timesteps;
  const dtHours = system.timestepHours;
  const n = system.components.length;
  const indexOf = new Map<string, number>();
  for (let i = 0; i < n; i++) indexOf.set(system.components[i].id, i);
  const role = new Int8Array(n);
  const state = new Float64Array(n * FIELDS);
  const members: number[][] = [[], [], [], [], []];
  const inputKw: Float64Array[][] = [[], [], [], [], []];
  const output: Float64Array[][] = [[], [], [], [], []];
  // Per component: where the pass keeps what a generator or grid can still give, and what a
  // demand or grid can still take (null for the other roles).
  const giveLeft: (LeftSeries | null)[] = new Array<LeftSeries | null>(n).fill(null);
  const takeLeft: (LeftSeries | null)[] = new Array<LeftSeries | null>(n).fill(null);
  for (let i = 0; i < n; i++) {
    const c = system.components[i];
    const r = roleOf(c.kind);
    const o = i * FIELDS;
    role[i] = r;
    members[r].push(i);
    switch (c.kind) {
      case 'GRID':
        giveLeft[i] = { series: new Float64Array(T).fill(c.maxImportKw), input: null, constant: c.maxImportKw };
        takeLeft[i] = { series: new Float64Array(T).fill(c.maxExportKw), input: null, constant: c.maxExportKw };
        break;
      case 'SOLAR_PV':
      case 'WIND_TURBINE':
        giveLeft[i] = { series: seriesFilledWith(c.availableKw, T), input: c.availableKw, constant: 0 };
        output[r].push(giveLeft[i]!.series);
        break;
      case 'ELECTRIC_DEMAND':
      case 'HEAT_DEMAND':
        takeLeft[i] = { series: seriesFilledWith(c.demandKw, T), input: c.demandKw, constant: 0 };
        output[r].push(takeLeft[i]!.series);
        break;
      case 'HEAT_PUMP':
      case 'ELECTRIC_BOILER':
        inputKw[r].push(c.heatPerElectricity);
        state[o + MAX_GIVE_KW] = c.maxHeatKw;
        break;
      case 'BATTERY':
      case 'THERMAL_STORAGE': {
        const minKwh = c.socMin * c.energyKwh;
        state[o + MIN_KWH] = minKwh;
        state[o + MAX_KWH] = c.socMax * c.energyKwh;
        state[o + CHARGE_EFF] = c.chargeEfficiency;
        state[o + CHARGE_EFF_DT] = c.chargeEfficiency * dtHours;
        state[o + DISCHARGE_EFF] = c.dischargeEfficiency;
        state[o + RETENTION] = c.retentionPerStep;
        state[o + MAX_CHARGE_KW] = c.maxChargeKw;
        state[o + MAX_DISCHARGE_KW] = c.maxDischargeKw;
        state[o + START_LEVEL] = c.initialSoc * c.energyKwh;
        output[r].push(new Float64Array(T));
        break;
      }
    }
  }

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

  // After the connections are known to refer to existing components.
  const floorSeries = members[STORAGE].map((i) => dischargeFloorSeries(system, indexOf, i, state[i * FIELDS + MIN_KWH]));

  const heatTouched = new Uint8Array(n);
  for (const conn of system.connections) {
    if (conn.medium === 'HEAT') heatTouched[from[conn.index]] = heatTouched[to[conn.index]] = 1;
  }

  const group = (r: RoleCode): Group => ({
    offsets: Int32Array.from(members[r], (i) => i * FIELDS),
    inputKw: inputKw[r],
    output: output[r],
  });
  return {
    T,
    dtHours,
    role,
    state,
    heat: buildPass(system, 'HEAT', from, to, priority, role, flowKw, giveLeft, takeLeft, heatTouched),
    electric: buildPass(system, 'ELECTRICITY', from, to, priority, role, flowKw, giveLeft, takeLeft, heatTouched),
    flowKw,
    generators: group(GENERATOR),
    demands: group(DEMAND),
    storages: group(STORAGE),
    converters: group(CONVERTER),
    floorSeries,
    firstBelowMinStep: new Int32Array(members[STORAGE].length).fill(-1),
  };
}

/** A new series of T steps holding `values` (as the step loop would read them one by one:
 *  a shorter array reads as undefined, i.e. NaN, past its end). */
function seriesFilledWith(values: Float64Array, T: number): Float64Array {
  if (values.length >= T) return values.slice(0, T);
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) out[t] = values[t];
  return out;
}

/**
 * Entries [firstEntry, endEntry) over every step of the horizon, one entry after the other:
 * for entries between leftover series only (see Pass), the same operations as the pass in
 * dispatchHorizon.
 */
function runFree(pass: Pass, T: number, firstEntry: number, endEntry: number): void {
  for (let k = firstEntry; k < endEntry; k++) {
    const flow = pass.flowKw[k];
    const fromLeft = pass.fromSeries[k];
    const toLeft = pass.toSeries[k];
    for (let t = 0; t < T; t++) {
      const give = fromLeft[t];
      if (give <= 0) continue;
      const take = toLeft[t];
      const x = give < take ? give : take;
      if (!(x > 0)) continue;
      flow[t] += x;
      fromLeft[t] -= x;
      toLeft[t] -= x;
    }
  }
}

/** Take back what runFree did for the prefix in step t: its flows and the leftovers it drew on. */
function undoPrefix(pass: Pass, t: number): void {
  for (let k = 0; k < pass.prefixEnd; k++) pass.flowKw[k][t] = 0;
  const touched = pass.prefixTouches;
  for (let j = 0; j < touched.length; j++) {
    const { series, input, constant } = touched[j];
    series[t] = input === null ? constant : input[t];
  }
}

/**
 * Before the priority order: a storage below this step's discharge floor (socMin, plus the
 * reserve for self-discharge over a coming idle stretch) first draws the charge that lifts
 * it to the floor, so the dispatch stays within the SOC bounds (the LP has to do the same).
 */
function runMakeup(p: Plan, pass: Pass, t: number): void {
  const dt = p.dtHours;
  const s = p.state;
  const { entries, flowKw, fromSeries } = pass.makeup;
  for (let e = 0, k = 0; e < entries.length; e += ENTRY, k++) {
    const f = entries[e];
    const g = entries[e + 1];
    const makeupKw = s[g + MAKEUP];
    if (!(makeupKw > 0)) continue;
    const byPowerKw = s[g + MAX_CHARGE_KW] - s[g + CHARGED];
    const take = makeupKw < byPowerKw ? makeupKw : byPowerKw;
    const fromLeftSeries = (entries[e + 2] & FROM_SERIES) !== 0;
    const give = fromLeftSeries ? fromSeries[k][t] : s[f + GIVE_LEFT];
    const x = give < take ? give : take;
    if (!(x > 0)) continue;
    flowKw[k][t] += x;
    if (fromLeftSeries) {
      fromSeries[k][t] -= x;
    } else {
      s[f + GIVE_LEFT] -= x;
      s[f + GIVEN] += x;
    }
    s[g + MAKEUP] -= x;
    s[g + CHARGED] += x;
    s[g + LEVEL] += x * s[g + CHARGE_EFF] * dt;
  }
}

/**
 * The lowest level a discharge may leave, per step, for a storage with both socMin > 0 and
 * self-discharge. A greedy pass that empties such a storage to socMin would see it decay
 * below socMin over the next idle steps (e.g. a battery through the night with only PV to
 * charge it): an infeasible point the LP never produces. So the floor holds back exactly the
 * decay until the next step at which a source could recharge it (runMakeup tops the level up
 * to the floor while it can): floor_t = socMin·E / retention^(steps until then − 1), capped at socMax·E.
 * Sources other than generators count as always available (a grid, a converter) or never
 * (another storage). Empty when no floor above socMin is needed.
 */
function dischargeFloorSeries(
  system: ResolvedSystem,
  indexOf: Map<string, number>,
  storage: number,
  minKwh: number,
): Float64Array {
  const c = system.components[storage];
  if ((c.kind !== 'BATTERY' && c.kind !== 'THERMAL_STORAGE') || !(minKwh > 0) || !(c.retentionPerStep < 1)) return EMPTY;
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
  // Parameters in locals: the component object is one of many shapes, slow to read per step.
  const T = system.timesteps;
  const capKwh = c.socMax * c.energyKwh;
  const retention = c.retentionPerStep;
  const decayedMinKwh = minKwh * retention;
  const chargeEffDt = c.chargeEfficiency * system.timestepHours;
  const sources = generatorSeries.length;
  const floor = new Float64Array(T);
  let nextKwh = minKwh;
  floor[T - 1] = nextKwh;
  // With one source, offeredKw is that source's value (0 + x only turns −0 into +0, which
  // compares the same).
  const onlySource = sources === 1 ? generatorSeries[0] : null;
  for (let t = T - 2; t >= 0; t--) {
    // Step t+1 ends the idle stretch only if its sources offer the makeup it would need,
    // coming from socMin after one step of decay up to its own floor.
    let offeredKw = 0;
    if (onlySource !== null) offeredKw = onlySource[t + 1];
    else for (let j = 0; j < sources; j++) offeredKw += generatorSeries[j][t + 1];
    const makeupKw = (nextKwh - decayedMinKwh) / chargeEffDt;
    const f = offeredKw >= makeupKw ? minKwh : nextKwh / retention;
    nextKwh = f < capKwh ? f : capKwh;
    floor[t] = nextKwh;
  }
  return floor;
}

/** End-of-step level of the storage at record offset o, from the step's totals: the same
 *  formula the LP and the checker use. */
function endLevelKwh(p: Plan, o: number): number {
  const s = p.state;
  return s[o + START_LEVEL] * s[o + RETENTION] + p.dtHours * (s[o + CHARGE_EFF] * s[o + CHARGED] - s[o + DISCHARGED] / s[o + DISCHARGE_EFF]);
}

/**
 * Take `reduceKw` off the heat flows leaving the component at record offset `source` in step
 * t, lowest priority first. A thermal storage that loses charging this way may no longer
 * cover what it already discharged; then its own outflows are cut in turn (rare: only after a
 * converter shortfall).
 */
function reduceHeatOutflows(p: Plan, source: number, reduceKw: number, t: number, depth: number): void {
  const { entries, flowKw, toSeries } = p.heat;
  const s = p.state;
  const dt = p.dtHours;
  for (let k = entries.length / ENTRY - 1; k >= 0 && reduceKw > 0; k--) {
    if (entries[ENTRY * k] !== source) continue;
    const flow = flowKw[k];
    const r = flow[t] < reduceKw ? flow[t] : reduceKw;
    if (!(r > 0)) continue;
    flow[t] -= r;
    reduceKw -= r;
    const ends = entries[ENTRY * k + 2];
    if ((ends & FROM_STORAGE) !== 0) {
      s[source + DISCHARGED] -= r;
      s[source + LEVEL] += (r * dt) / s[source + DISCHARGE_EFF];
    }
    const g = entries[ENTRY * k + 1];
    if ((ends & TO_STORAGE) !== 0) {
      s[g + CHARGED] -= r;
      s[g + LEVEL] -= r * s[g + CHARGE_EFF] * dt;
      const deficitKwh = s[g + MIN_KWH] - endLevelKwh(p, g);
      // Chains of storages with losses shrink the deficit geometrically; stop at rounding level.
      if (deficitKwh > 1e-12 * (1 + s[g + MAX_KWH]) && depth < 64) {
        reduceHeatOutflows(p, g, (deficitKwh * s[g + DISCHARGE_EFF]) / dt, t, depth + 1);
      }
    } else if ((ends & TO_SERIES) !== 0) {
      toSeries[k][t] += r;
    } else {
      s[g + TAKE_LEFT] += r;
    }
  }
}

/**
 * Start step t for the storage at record offset o: the level after self-discharge, no flows
 * yet, and this step's floor. Returns the makeup charge it needs to reach that floor, kW.
 */
function beginStorageStep(s: Float64Array, o: number, floorKwh: number): number {
  const level = s[o + START_LEVEL] * s[o + RETENTION];
  s[o + LEVEL] = level;
  s[o + CHARGED] = 0;
  s[o + DISCHARGED] = 0;
  s[o + FLOOR] = floorKwh;
  const makeupKw = level < floorKwh ? (floorKwh - level) / s[o + CHARGE_EFF_DT] : 0;
  s[o + MAKEUP] = makeupKw;
  return makeupKw;
}

/** Phases of a step, in order (see dispatchHorizon). */
const HEAT_PHASE = 0;
const ELECTRIC_PHASE = 1;
const HEAT_AFTER_SETTLING_PHASE = 2;

/**
 * Dispatch every step of the horizon, in order (storage levels carry over).
 *
 * A step runs up to three passes over connections, each a range of one medium's entries:
 * heat (converters at full capacity), electricity, and — only if some converter got less
 * electricity than its heat needed — heat again with every converter exhausted. In each pass
 * every flow is min(what its source can still give, what its target can still take); a
 * storage's give/take follow its level as it changes within the step, so charge and discharge
 * in the same step both stay within the SOC bounds. The pass is written once, inside the step
 * loop, because it is the solver's hot path: a call per step and pass costs ~15% here.
 */
function dispatchHorizon(p: Plan): void {
  const { T, dtHours: dt, state: s, heat, electric, floorSeries, firstBelowMinStep } = p;
  const storages = p.storages.offsets;
  const levelSeriesKwh = p.storages.output;
  const converters = p.converters.offsets;
  const heatPerElectricity = p.converters.inputKw;
  const hasHeat = heat.entries.length > 0;
  // Storages are closed at the end of a step and opened for the next in one loop; step 0 here.
  let anyMakeup = false;
  if (T > 0) {
    for (let k = 0; k < storages.length; k++) {
      const o = storages[k];
      const floorOverTime = floorSeries[k];
      if (beginStorageStep(s, o, floorOverTime.length > 0 ? floorOverTime[0] : s[o + MIN_KWH]) > 0) anyMakeup = true;
    }
  }
  const heatEntries = heat.flowKw.length;
  const { prefixEnd, suffixStart } = electric;
  const electricMakeup = electric.makeup.flowKw.length > 0;
  runFree(electric, T, 0, prefixEnd);
  for (let t = 0; t < T; t++) {
    for (let phase = hasHeat ? HEAT_PHASE : ELECTRIC_PHASE; phase <= HEAT_AFTER_SETTLING_PHASE; phase++) {
      let pass: Pass;
      let firstEntry: number;
      let endEntry: number;
      if (phase === HEAT_PHASE) {
        for (let k = 0; k < converters.length; k++) {
          const o = converters[k];
          const ratio = heatPerElectricity[k][t];
          s[o + RATIO_NOW] = ratio;
          // A converter with no conversion this step cannot produce heat at all.
          s[o + GIVE_LEFT] = ratio > 0 ? s[o + MAX_GIVE_KW] : 0;
          s[o + GIVEN] = 0;
        }
        if (anyMakeup) runMakeup(p, heat, t);
        pass = heat;
        firstEntry = 0;
        endEntry = heatEntries;
      } else if (phase === ELECTRIC_PHASE) {
        for (let k = 0; k < converters.length; k++) {
          const o = converters[k];
          const heatKw = hasHeat ? s[o + GIVEN] : 0;
          s[o + TAKE_LEFT] = heatKw > 0 ? heatKw / s[o + RATIO_NOW] : 0;
        }
        pass = electric;
        endEntry = suffixStart;
        if (anyMakeup && electricMakeup) {
          // Makeup comes before the prefix in the priority order: redo this step in that order.
          undoPrefix(electric, t);
          runMakeup(p, electric, t);
          firstEntry = 0;
        } else {
          firstEntry = prefixEnd;
        }
      } else {
        if (!hasHeat || !settleConverters(p, t)) break;
        pass = heat;
        firstEntry = 0;
        endEntry = heatEntries;
      }

      const { entries, flowKw, fromSeries, toSeries } = pass;
      for (let k = firstEntry, e = ENTRY * firstEntry; k < endEntry; k++, e += ENTRY) {
        const f = entries[e];
        const g = entries[e + 1];
        const ends = entries[e + 2];
        let give: number;
        if ((ends & FROM_SERIES) !== 0) {
          give = fromSeries[k][t];
        } else if ((ends & FROM_STORAGE) !== 0) {
          const byEnergyKw = ((s[f + LEVEL] - s[f + FLOOR]) * s[f + DISCHARGE_EFF]) / dt;
          const byPowerKw = s[f + MAX_DISCHARGE_KW] - s[f + DISCHARGED];
          give = byEnergyKw < byPowerKw ? byEnergyKw : byPowerKw;
        } else {
          give = s[f + GIVE_LEFT];
        }
        // Nothing to give (and not NaN): the flow below would be ≤ 0 whatever the target takes.
        if (give <= 0) continue;
        let take: number;
        if ((ends & TO_SERIES) !== 0) {
          take = toSeries[k][t];
        } else if ((ends & TO_STORAGE) !== 0) {
          const byEnergyKw = (s[g + MAX_KWH] - s[g + LEVEL]) / s[g + CHARGE_EFF_DT];
          const byPowerKw = s[g + MAX_CHARGE_KW] - s[g + CHARGED];
          take = byEnergyKw < byPowerKw ? byEnergyKw : byPowerKw;
        } else {
          take = s[g + TAKE_LEFT];
        }
        const x = give < take ? give : take;
        if (!(x > 0)) continue;
        flowKw[k][t] += x;
        if ((ends & FROM_SERIES) !== 0) {
          fromSeries[k][t] -= x;
        } else if ((ends & FROM_STORAGE) !== 0) {
          s[f + DISCHARGED] += x;
          s[f + LEVEL] -= (x * dt) / s[f + DISCHARGE_EFF];
        } else {
          s[f + GIVE_LEFT] -= x;
          s[f + GIVEN] += x;
        }
        if ((ends & TO_SERIES) !== 0) {
          toSeries[k][t] -= x;
        } else if ((ends & TO_STORAGE) !== 0) {
          s[g + CHARGED] += x;
          s[g + LEVEL] += x * s[g + CHARGE_EFF] * dt;
        } else {
          s[g + TAKE_LEFT] -= x;
        }
      }
    }

    anyMakeup = false;
    const next = t + 1;
    for (let k = 0; k < storages.length; k++) {
      const o = storages[k];
      // endLevelKwh, inlined.
      const level = s[o + START_LEVEL] * s[o + RETENTION] + dt * (s[o + CHARGE_EFF] * s[o + CHARGED] - s[o + DISCHARGED] / s[o + DISCHARGE_EFF]);
      levelSeriesKwh[k][t] = level;
      s[o + START_LEVEL] = level;
      if (level < s[o + MIN_KWH] - 1e-9 && firstBelowMinStep[k] < 0) firstBelowMinStep[k] = t;
      if (next < T) {
        const floorOverTime = floorSeries[k];
        if (beginStorageStep(s, o, floorOverTime.length > 0 ? floorOverTime[next] : s[o + MIN_KWH]) > 0) anyMakeup = true;
      }
    }
  }
  runFree(electric, T, suffixStart, electric.flowKw.length);
}

/**
 * Scale down the heat of converters that got less electricity than their heat needs (their
 * heat flows are cut, lowest priority first). Returns whether any was short: then the step
 * gets one more heat pass with every converter exhausted (their electricity is settled), so
 * thermal storage can cover what they could not deliver.
 */
function settleConverters(p: Plan, t: number): boolean {
  const s = p.state;
  const converters = p.converters.offsets;
  let anyConverterShort = false;
  for (let k = 0; k < converters.length; k++) {
    const o = converters[k];
    const heatKw = s[o + GIVEN];
    if (!(heatKw > 0)) continue;
    const electricityKw = heatKw / s[o + RATIO_NOW] - s[o + TAKE_LEFT];
    const excessHeatKw = heatKw - electricityKw * s[o + RATIO_NOW];
    if (excessHeatKw > 0) {
      reduceHeatOutflows(p, o, excessHeatKw, t, 0);
      anyConverterShort = true;
    }
  }
  if (anyConverterShort) for (let k = 0; k < converters.length; k++) s[converters[k] + GIVE_LEFT] = 0;
  return anyConverterShort;
}

export function solveRuleBased(system: ResolvedSystem, options: SolverOptions): Dispatch {
  const started = performance.now();
  const p = buildPlan(system);
  dispatchHorizon(p);

  const storageLevelKwh: Record<string, Float64Array> = {};
  const curtailmentKw: Record<string, Float64Array> = {};
  const unmetDemandKw: Record<string, Float64Array> = {};
  const belowMin: string[] = [];
  // Keys in component order, as callers iterating these records expect; group members are
  // in component order too, so a running count per role finds each one's series.
  const seen = [0, 0, 0, 0, 0];
  system.components.forEach((c, i) => {
    const k = seen[p.role[i]]++;
    if (p.role[i] === STORAGE) {
      storageLevelKwh[c.id] = p.storages.output[k];
      if (p.firstBelowMinStep[k] >= 0) belowMin.push(`${c.id} (from step ${p.firstBelowMinStep[k]})`);
    } else if (p.role[i] === GENERATOR) curtailmentKw[c.id] = p.generators.output[k];
    else if (p.role[i] === DEMAND) unmetDemandKw[c.id] = p.demands.output[k];
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
