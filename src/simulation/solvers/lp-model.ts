/**
 * The dispatch LP (or MILP) of a ResolvedSystem over a window of steps, as sparse typed arrays
 * for HiGHS' model API, plus the column layout needed to read a solution back into a Dispatch.
 *
 * Constraints are the shared energy-balance semantics (see the project notes); the objective
 * reproduces `evaluateObjective` term by term, so LP objective and evaluated objective agree.
 * Columns are laid out step-major (all columns of step 0, then step 1, ...): every constraint
 * couples at most two consecutive steps, so the matrix is block-banded.
 */
import { NON_CURTAILABLE_SPILL_PENALTY_PER_KWH, objectiveWeights } from '../objective.js';
import { SolverError } from './highs.js';
import type {
  Dispatch,
  ResolvedComponent,
  ResolvedConverter,
  ResolvedDemand,
  ResolvedGenerator,
  ResolvedGrid,
  ResolvedStorage,
  ResolvedSystem,
  SolverOptions,
} from '../types.js';

/** Components with the connection indices that enter and leave them. */
export interface Topology {
  system: ResolvedSystem;
  byId: Map<string, ResolvedComponent>;
  inConnections: Map<string, number[]>;
  outConnections: Map<string, number[]>;
  grids: ResolvedGrid[];
  generators: ResolvedGenerator[];
  demands: ResolvedDemand[];
  storages: ResolvedStorage[];
  converters: ResolvedConverter[];
}

export function buildTopology(system: ResolvedSystem): Topology {
  const byId = new Map(system.components.map((c) => [c.id, c] as const));
  const inConnections = new Map<string, number[]>();
  const outConnections = new Map<string, number[]>();
  for (const c of system.components) {
    inConnections.set(c.id, []);
    outConnections.set(c.id, []);
  }
  for (const conn of system.connections) {
    const from = outConnections.get(conn.from);
    const to = inConnections.get(conn.to);
    if (!from || !to) throw new Error(`connection ${conn.id} refers to an unknown component`);
    from.push(conn.index);
    to.push(conn.index);
  }
  const topology: Topology = {
    system,
    byId,
    inConnections,
    outConnections,
    grids: [],
    generators: [],
    demands: [],
    storages: [],
    converters: [],
  };
  for (const c of system.components) {
    switch (c.kind) {
      case 'GRID':
        topology.grids.push(c);
        break;
      case 'SOLAR_PV':
      case 'WIND_TURBINE':
        topology.generators.push(c);
        break;
      case 'ELECTRIC_DEMAND':
      case 'HEAT_DEMAND':
        topology.demands.push(c);
        break;
      case 'BATTERY':
      case 'THERMAL_STORAGE':
        topology.storages.push(c);
        break;
      case 'HEAT_PUMP':
      case 'ELECTRIC_BOILER':
        topology.converters.push(c);
        break;
    }
  }
  return topology;
}

/** Which steps a model covers and where its storages start. */
export interface LpWindow {
  /** First step of the horizon covered by the model. */
  startStep: number;
  /** Number of steps covered. */
  steps: number;
  /** Storage level before `startStep`, kWh, by storage id (default: initialSoc·E). */
  initialLevelKwh?: Record<string, number>;
  /** Apply each storage's terminal condition at the window's last step. */
  applyTerminal: boolean;
  /** Lower bounds on storage levels at the window's last step, kWh, by storage id. */
  endLevelAtLeastKwh?: Record<string, number>;
}

/** Offsets of each item within one step's block of columns. */
export interface LpLayout {
  startStep: number;
  steps: number;
  colsPerStep: number;
  /** Connection i's flow is at offset i. */
  flowOffset: number;
  storageLevelOffset: number;
  curtailmentOffset: number;
  unmetOffset: number;
  /** Offsets of the MILP binaries, by storage / grid id (absent: no binary for it). */
  storageBinaryOffset: Map<string, number>;
  gridBinaryOffset: Map<string, number>;
  /** First capacity column (after all steps' columns) and their number; 0 without sizing. */
  capacityOffset: number;
  capacityColumns: number;
}

/**
 * A size that the LP chooses (sizing): constant + Σ coefficient · capacity column, with
 * `terms` as [capacity index, coefficient]. A size that is not chosen has no terms.
 */
export interface CapacityExpression {
  constant: number;
  terms: readonly (readonly [number, number])[];
}

/**
 * Capacity columns of a sizing model and the components whose limits depend on them. Without
 * it (every solver but sizing) the model is exactly the dispatch model of the given sizes.
 * The topology's system must then be resolved at the LARGEST sizes: its series and limits are
 * used as (loose) column bounds, and the rows below bind each component to its chosen size.
 */
export interface LpCapacities {
  lower: Float64Array;
  upper: Float64Array;
  /** Objective coefficient per capacity column, in the model's objective unit. */
  cost: Float64Array;
  /** availableKw_t = availablePerKw_t · ratedKw. */
  generators: Map<string, { ratedKw: CapacityExpression; availablePerKw: Float64Array }>;
  storages: Map<string, { energyKwh: CapacityExpression; maxChargeKw: CapacityExpression; maxDischargeKw: CapacityExpression }>;
  converters: Map<string, { maxHeatKw: CapacityExpression }>;
}

/** A model in the form HiGHS' `passModel` takes; the matrix is row-wise (CSR). */
export interface LpModel {
  numCol: number;
  numRow: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** CSR: row r's entries are aIndex/aValue[aStart[r] .. aStart[r+1]). */
  aStart: Int32Array;
  aIndex: Int32Array;
  aValue: Float64Array;
  /** 0 continuous, 1 integer, per column; null for a pure LP. */
  integrality: Int32Array | null;
  /** Constant objective term. */
  offset: number;
  layout: LpLayout;
}

/** Grows typed arrays while rows are appended, so no per-entry JS objects are made. */
class RowBuilder {
  starts: number[] = [0];
  lower: number[] = [];
  upper: number[] = [];
  index: Int32Array;
  value: Float64Array;
  nnz = 0;

  constructor(expectedNnz: number) {
    const capacity = Math.max(16, expectedNnz);
    this.index = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
  }

  push(col: number, coefficient: number): void {
    if (coefficient === 0) return;
    if (this.nnz === this.index.length) {
      const index = new Int32Array(this.index.length * 2);
      index.set(this.index);
      const value = new Float64Array(this.value.length * 2);
      value.set(this.value);
      this.index = index;
      this.value = value;
    }
    this.index[this.nnz] = col;
    this.value[this.nnz] = coefficient;
    this.nnz++;
  }

  endRow(lower: number, upper: number): void {
    this.lower.push(lower);
    this.upper.push(upper);
    this.starts.push(this.nnz);
  }
}

/** Upper bound of one connection's flow from its two end components alone, kW. */
export function connectionUpperKw(topology: Topology, connectionIndex: number, step: number): number {
  const conn = topology.system.connections[connectionIndex];
  const from = topology.byId.get(conn.from)!;
  const to = topology.byId.get(conn.to)!;
  let upper = Infinity;
  switch (from.kind) {
    case 'GRID':
      upper = from.maxImportKw;
      break;
    case 'SOLAR_PV':
    case 'WIND_TURBINE':
      upper = from.availableKw[step];
      break;
    case 'BATTERY':
    case 'THERMAL_STORAGE':
      upper = from.maxDischargeKw;
      break;
    case 'HEAT_PUMP':
    case 'ELECTRIC_BOILER':
      upper = from.maxHeatKw;
      break;
    default:
      break;
  }
  switch (to.kind) {
    case 'GRID':
      upper = Math.min(upper, to.maxExportKw);
      break;
    case 'ELECTRIC_DEMAND':
    case 'HEAT_DEMAND':
      upper = Math.min(upper, to.demandKw[step]);
      break;
    case 'BATTERY':
    case 'THERMAL_STORAGE':
      upper = Math.min(upper, to.maxChargeKw);
      break;
    case 'HEAT_PUMP':
    case 'ELECTRIC_BOILER': {
      // A converter with no heat yield this step has no reason to draw power; bounding it
      // also keeps the LP bounded under negative import prices.
      const cop = to.heatPerElectricity[step];
      upper = Math.min(upper, cop > 0 ? to.maxHeatKw / cop : 0);
      break;
    }
    default:
      break;
  }
  return Math.max(0, upper);
}

/**
 * Objective coefficient of one connection's flow, per kW (i.e. already × Δt), mirroring
 * `objectiveTerms`: the sending side contributes import cost/CO2/exchange or variable O&M,
 * the receiving side export revenue/exchange.
 */
function flowCost(
  topology: Topology,
  connectionIndex: number,
  step: number,
  weights: ReturnType<typeof objectiveWeights>,
): number {
  const conn = topology.system.connections[connectionIndex];
  const from = topology.byId.get(conn.from)!;
  const to = topology.byId.get(conn.to)!;
  let cost = 0;
  if (from.kind === 'GRID') {
    cost +=
      weights.costEur * from.importPriceEurPerKwh[step] +
      weights.co2Kg * from.co2KgPerKwh[step] +
      weights.gridExchangeKwh;
  } else if (from.kind !== 'HEAT_PUMP' && from.kind !== 'ELECTRIC_BOILER') {
    cost += weights.costEur * from.economics.variableOmEurPerKwh;
  } else if (conn.medium === 'HEAT') {
    cost += weights.costEur * from.economics.variableOmEurPerKwh;
  }
  if (to.kind === 'GRID') {
    cost += -weights.costEur * to.exportPriceEurPerKwh[step] + weights.gridExchangeKwh;
  }
  return cost * topology.system.timestepHours;
}

function sumUpper(topology: Topology, connections: number[], step: number): number {
  let total = 0;
  for (const c of connections) total += connectionUpperKw(topology, c, step);
  return total;
}

/** A model that cannot be built (a bug in the caller or a system without finite bounds). */
function modelError(message: string): SolverError {
  return new SolverError('SOLVER_ERROR', 'ERROR', message);
}

/** rows += scale·expression's terms; returns scale·constant (for the other side of the row). */
function pushCapacity(rows: RowBuilder, capacityOffset: number, expression: CapacityExpression, scale: number): number {
  for (const [j, coefficient] of expression.terms) rows.push(capacityOffset + j, scale * coefficient);
  return scale * expression.constant;
}

/**
 * Build the dispatch model of `window` (see LpWindow) under `options`' objective; with
 * `capacities`, the sizing model (see LpCapacities): its capacity columns follow the steps'.
 */
export function buildLpModel(topology: Topology, options: SolverOptions, window: LpWindow, capacities?: LpCapacities): LpModel {
  const { system, storages, generators, demands, grids, converters } = topology;
  const dt = system.timestepHours;
  const weights = objectiveWeights(options);
  const milp = options.forbidSimultaneous === true;
  const nConn = system.connections.length;
  const { startStep, steps } = window;
  if (capacities && milp) throw modelError('sizing is an LP: forbidSimultaneous (binaries) is not supported with it');
  if (steps <= 0 || startStep < 0 || startStep + steps > system.timesteps) {
    throw modelError(`window ${startStep}+${steps} is outside the horizon of ${system.timesteps} steps`);
  }

  const storageBinaryOffset = new Map<string, number>();
  const gridBinaryOffset = new Map<string, number>();
  const storageLevelOffset = nConn;
  const curtailmentOffset = storageLevelOffset + storages.length;
  const unmetOffset = curtailmentOffset + generators.length;
  let colsPerStep = unmetOffset + demands.length;
  if (milp) {
    // A binary only where both directions exist; otherwise there is nothing to exclude.
    for (const s of storages) {
      if (topology.inConnections.get(s.id)!.length > 0 && topology.outConnections.get(s.id)!.length > 0) {
        storageBinaryOffset.set(s.id, colsPerStep++);
      }
    }
    for (const g of grids) {
      if (topology.inConnections.get(g.id)!.length > 0 && topology.outConnections.get(g.id)!.length > 0) {
        gridBinaryOffset.set(g.id, colsPerStep++);
      }
    }
  }
  const layout: LpLayout = {
    startStep,
    steps,
    colsPerStep,
    flowOffset: 0,
    storageLevelOffset,
    curtailmentOffset,
    unmetOffset,
    storageBinaryOffset,
    gridBinaryOffset,
    capacityOffset: colsPerStep * steps,
    capacityColumns: capacities ? capacities.lower.length : 0,
  };
  const capacityOffset = layout.capacityOffset;

  const numCol = colsPerStep * steps + layout.capacityColumns;
  const colCost = new Float64Array(numCol);
  const colLower = new Float64Array(numCol);
  const colUpper = new Float64Array(numCol);
  const integrality = milp && (storageBinaryOffset.size > 0 || gridBinaryOffset.size > 0) ? new Int32Array(numCol) : null;

  for (let k = 0; k < steps; k++) {
    const t = startStep + k;
    const base = k * colsPerStep;
    for (let c = 0; c < nConn; c++) {
      colUpper[base + c] = connectionUpperKw(topology, c, t);
      colCost[base + c] = flowCost(topology, c, t, weights);
    }
    storages.forEach((s, i) => {
      // A sized storage's level window is a row (it scales with energyKwh); its largest size bounds the column.
      colLower[base + storageLevelOffset + i] = (capacities?.storages.get(s.id)?.energyKwh.terms.length ?? 0) > 0 ? 0 : s.socMin * s.energyKwh;
      colUpper[base + storageLevelOffset + i] = s.socMax * s.energyKwh;
    });
    generators.forEach((g, i) => {
      colUpper[base + curtailmentOffset + i] = Math.max(0, g.availableKw[t]);
      colCost[base + curtailmentOffset + i] = g.curtailable ? 0 : NON_CURTAILABLE_SPILL_PENALTY_PER_KWH * dt;
    });
    demands.forEach((d, i) => {
      colUpper[base + unmetOffset + i] = Math.max(0, d.demandKw[t]);
      colCost[base + unmetOffset + i] = weights.unmetPenaltyPerKwh * dt;
    });
    if (integrality) {
      for (const offset of storageBinaryOffset.values()) {
        colUpper[base + offset] = 1;
        integrality[base + offset] = 1;
      }
      for (const offset of gridBinaryOffset.values()) {
        colUpper[base + offset] = 1;
        integrality[base + offset] = 1;
      }
    }
  }

  if (capacities) {
    colLower.set(capacities.lower, capacityOffset);
    colUpper.set(capacities.upper, capacityOffset);
    colCost.set(capacities.cost, capacityOffset);
  }

  // Rough nnz estimate: every flow appears in about three rows.
  const rows = new RowBuilder(steps * (nConn * 3 + colsPerStep * 2));
  const initialLevel = (s: ResolvedStorage): number =>
    window.initialLevelKwh?.[s.id] ?? s.initialSoc * s.energyKwh;

  for (let k = 0; k < steps; k++) {
    const t = startStep + k;
    const base = k * colsPerStep;

    generators.forEach((g, i) => {
      for (const c of topology.outConnections.get(g.id)!) rows.push(base + c, 1);
      rows.push(base + curtailmentOffset + i, 1);
      const sized = capacities?.generators.get(g.id);
      if (sized) {
        const rhs = -pushCapacity(rows, capacityOffset, sized.ratedKw, -sized.availablePerKw[t]);
        rows.endRow(rhs, rhs);
      } else {
        rows.endRow(g.availableKw[t], g.availableKw[t]);
      }
    });

    demands.forEach((d, i) => {
      for (const c of topology.inConnections.get(d.id)!) rows.push(base + c, 1);
      rows.push(base + unmetOffset + i, 1);
      rows.endRow(d.demandKw[t], d.demandKw[t]);
    });

    storages.forEach((s, i) => {
      const ins = topology.inConnections.get(s.id)!;
      const outs = topology.outConnections.get(s.id)!;
      const sized = capacities?.storages.get(s.id);
      const level = base + storageLevelOffset + i;
      // L_t − r·L_{t−1} − Δt·ηc·Σin + Δt/ηd·Σout = 0, with L_{−1} moved to the right-hand side.
      rows.push(level, 1);
      if (k > 0) rows.push(base - colsPerStep + storageLevelOffset + i, -s.retentionPerStep);
      for (const c of ins) rows.push(base + c, -dt * s.chargeEfficiency);
      for (const c of outs) rows.push(base + c, dt / s.dischargeEfficiency);
      if (sized) {
        // L_{−1} = initialSoc·E, and E is a column: the term moves into the row.
        const rhs = k === 0 ? -pushCapacity(rows, capacityOffset, sized.energyKwh, -s.retentionPerStep * s.initialSoc) : 0;
        rows.endRow(rhs, rhs);
        // socMin·E ≤ L_t ≤ socMax·E (column bounds when E is fixed).
        if (sized.energyKwh.terms.length > 0) {
          rows.push(level, 1);
          const upper = -pushCapacity(rows, capacityOffset, sized.energyKwh, -s.socMax);
          rows.endRow(-Infinity, upper);
          if (s.socMin > 0) {
            rows.push(level, 1);
            const lower = -pushCapacity(rows, capacityOffset, sized.energyKwh, -s.socMin);
            rows.endRow(lower, Infinity);
          }
        }
        // A fixed limit on a single connection is already its column bound: rows only where needed.
        if (ins.length > 1 || (ins.length === 1 && sized.maxChargeKw.terms.length > 0)) {
          for (const c of ins) rows.push(base + c, 1);
          const limit = -pushCapacity(rows, capacityOffset, sized.maxChargeKw, -1);
          rows.endRow(-Infinity, limit);
        }
        if (outs.length > 1 || (outs.length === 1 && sized.maxDischargeKw.terms.length > 0)) {
          for (const c of outs) rows.push(base + c, 1);
          const limit = -pushCapacity(rows, capacityOffset, sized.maxDischargeKw, -1);
          rows.endRow(-Infinity, limit);
        }
      } else {
        const rhs = k === 0 ? s.retentionPerStep * initialLevel(s) : 0;
        rows.endRow(rhs, rhs);
      }

      if (!sized && ins.length > 1 && Number.isFinite(s.maxChargeKw)) {
        for (const c of ins) rows.push(base + c, 1);
        rows.endRow(-Infinity, s.maxChargeKw);
      }
      if (!sized && outs.length > 1 && Number.isFinite(s.maxDischargeKw)) {
        for (const c of outs) rows.push(base + c, 1);
        rows.endRow(-Infinity, s.maxDischargeKw);
      }

      const binary = storageBinaryOffset.get(s.id);
      if (binary !== undefined) {
        // b = 1 allows charging only, b = 0 discharging only; M is the tightest valid bound.
        const chargeBigM = Math.min(s.maxChargeKw, sumUpper(topology, ins, t));
        const dischargeBigM = Math.min(s.maxDischargeKw, sumUpper(topology, outs, t));
        if (!Number.isFinite(chargeBigM) || !Number.isFinite(dischargeBigM)) {
          throw modelError(`storage ${s.id}: no finite power bound for forbidSimultaneous`);
        }
        for (const c of ins) rows.push(base + c, 1);
        rows.push(base + binary, -chargeBigM);
        rows.endRow(-Infinity, 0);
        for (const c of outs) rows.push(base + c, 1);
        rows.push(base + binary, dischargeBigM);
        rows.endRow(-Infinity, dischargeBigM);
      }

      if (sized && window.applyTerminal && k === steps - 1 && s.terminalCondition !== 'FREE') {
        rows.push(level, 1);
        const share = s.terminalCondition === 'CYCLIC' ? s.initialSoc : s.minEndSoc;
        const bound = -pushCapacity(rows, capacityOffset, sized.energyKwh, -share);
        rows.endRow(bound, s.terminalCondition === 'CYCLIC' ? bound : Infinity);
      } else if (window.applyTerminal && k === steps - 1) {
        const terminalRow = terminalBounds(s);
        if (terminalRow) {
          rows.push(base + storageLevelOffset + i, 1);
          rows.endRow(terminalRow[0], terminalRow[1]);
        }
      }
      const endTarget = window.endLevelAtLeastKwh?.[s.id];
      if (endTarget !== undefined && k === steps - 1) {
        const j = base + storageLevelOffset + i;
        colLower[j] = Math.min(colUpper[j], Math.max(colLower[j], endTarget));
      }
    });

    for (const g of grids) {
      const imports = topology.outConnections.get(g.id)!;
      const exports = topology.inConnections.get(g.id)!;
      if (imports.length > 1 && Number.isFinite(g.maxImportKw)) {
        for (const c of imports) rows.push(base + c, 1);
        rows.endRow(-Infinity, g.maxImportKw);
      }
      if (exports.length > 1 && Number.isFinite(g.maxExportKw)) {
        for (const c of exports) rows.push(base + c, 1);
        rows.endRow(-Infinity, g.maxExportKw);
      }
      const binary = gridBinaryOffset.get(g.id);
      if (binary !== undefined) {
        const importBigM = Math.min(g.maxImportKw, sumUpper(topology, imports, t));
        const exportBigM = Math.min(g.maxExportKw, sumUpper(topology, exports, t));
        if (!Number.isFinite(importBigM) || !Number.isFinite(exportBigM)) {
          throw modelError(`grid ${g.id}: no finite flow bound for forbidSimultaneous`);
        }
        for (const c of imports) rows.push(base + c, 1);
        rows.push(base + binary, -importBigM);
        rows.endRow(-Infinity, 0);
        for (const c of exports) rows.push(base + c, 1);
        rows.push(base + binary, exportBigM);
        rows.endRow(-Infinity, exportBigM);
      }
    }

    for (const v of converters) {
      const heatOuts = topology.outConnections.get(v.id)!;
      const elecIns = topology.inConnections.get(v.id)!;
      if (heatOuts.length === 0 && elecIns.length === 0) continue;
      const cop = v.heatPerElectricity[t];
      for (const c of heatOuts) rows.push(base + c, 1);
      for (const c of elecIns) rows.push(base + c, -cop);
      rows.endRow(0, 0);
      const sized = capacities?.converters.get(v.id);
      if (sized && heatOuts.length > 0) {
        for (const c of heatOuts) rows.push(base + c, 1);
        const limit = -pushCapacity(rows, capacityOffset, sized.maxHeatKw, -1);
        rows.endRow(-Infinity, limit);
      } else if (heatOuts.length > 1 && Number.isFinite(v.maxHeatKw)) {
        for (const c of heatOuts) rows.push(base + c, 1);
        rows.endRow(-Infinity, v.maxHeatKw);
      }
    }
  }

  return {
    numCol,
    numRow: rows.lower.length,
    colCost,
    colLower,
    colUpper,
    rowLower: Float64Array.from(rows.lower),
    rowUpper: Float64Array.from(rows.upper),
    aStart: Int32Array.from(rows.starts),
    aIndex: rows.index.slice(0, rows.nnz),
    aValue: rows.value.slice(0, rows.nnz),
    integrality,
    offset: 0,
    layout,
  };
}

/** [lower, upper] of the last level for a storage's terminal condition, or null for FREE. */
function terminalBounds(s: ResolvedStorage): [number, number] | null {
  switch (s.terminalCondition) {
    case 'CYCLIC': {
      const levelKwh = s.initialSoc * s.energyKwh;
      return [levelKwh, levelKwh];
    }
    case 'MIN_END_SOC':
      return [s.minEndSoc * s.energyKwh, Infinity];
    case 'FREE':
      return null;
  }
}

/** Σ cost·x + offset: the model's objective at a column vector. */
export function modelObjective(model: LpModel, colValue: ArrayLike<number>): number {
  let total = model.offset;
  for (let j = 0; j < model.numCol; j++) total += model.colCost[j] * colValue[j];
  return total;
}

/** Row-wise matrix to column-wise (CSC), for writers that list columns. */
export function toColumnWise(model: LpModel): { starts: Int32Array; rowIndex: Int32Array; values: Float64Array } {
  const nnz = model.aIndex.length;
  const starts = new Int32Array(model.numCol + 1);
  for (let e = 0; e < nnz; e++) starts[model.aIndex[e] + 1]++;
  for (let j = 0; j < model.numCol; j++) starts[j + 1] += starts[j];
  const cursor = starts.slice(0, model.numCol);
  const rowIndex = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let r = 0; r < model.numRow; r++) {
    for (let e = model.aStart[r]; e < model.aStart[r + 1]; e++) {
      const slot = cursor[model.aIndex[e]]++;
      rowIndex[slot] = r;
      values[slot] = model.aValue[e];
    }
  }
  return { starts, rowIndex, values };
}

// ---------------------------------------------------------------------------------------------
// Reading a solution back.
// ---------------------------------------------------------------------------------------------

export type DispatchSeries = Omit<Dispatch, 'stats'>;

/** Zero-filled series of the horizon's length for every connection, storage, generator, demand. */
export function allocateDispatchSeries(topology: Topology): DispatchSeries {
  const T = topology.system.timesteps;
  const series: DispatchSeries = {
    flowKw: topology.system.connections.map(() => new Float64Array(T)),
    storageLevelKwh: {},
    curtailmentKw: {},
    unmetDemandKw: {},
  };
  for (const s of topology.storages) series.storageLevelKwh[s.id] = new Float64Array(T);
  for (const g of topology.generators) series.curtailmentKw[g.id] = new Float64Array(T);
  for (const d of topology.demands) series.unmetDemandKw[d.id] = new Float64Array(T);
  return series;
}

/**
 * Copy the first `steps` steps of a window's solution into `target`. Flows are clipped to
 * their bounds (the solver may return −1e-10 where 0 is meant); curtailment, unmet demand and
 * storage levels are then recomputed from the flows by `reconcileSteps`, so the dispatch meets
 * the balance equations to rounding rather than to the solver's feasibility tolerance.
 */
export function readWindowSolution(
  topology: Topology,
  model: LpModel,
  colValue: ArrayLike<number>,
  steps: number,
  target: DispatchSeries,
  initialLevelKwh: Record<string, number>,
): void {
  const { layout } = model;
  const nConn = topology.system.connections.length;
  for (let k = 0; k < steps; k++) {
    const base = k * layout.colsPerStep;
    const t = layout.startStep + k;
    for (let c = 0; c < nConn; c++) {
      const j = base + layout.flowOffset + c;
      target.flowKw[c][t] = Math.min(model.colUpper[j], Math.max(0, colValue[j]));
    }
  }
  reconcileSteps(topology, target, layout.startStep, layout.startStep + steps, initialLevelKwh);
}

/** Recompute curtailment, unmet demand and storage levels of steps [from, to) from the flows. */
export function reconcileSteps(
  topology: Topology,
  target: DispatchSeries,
  fromStep: number,
  toStep: number,
  initialLevelKwh: Record<string, number>,
): void {
  const dt = topology.system.timestepHours;
  const flows = target.flowKw;
  const sumAt = (connections: number[], t: number): number => {
    let total = 0;
    for (const c of connections) total += flows[c][t];
    return total;
  };
  // Converters first: their heat flows feed demands and tanks, recomputed below. The solver
  // meets heat = COP·electricity only to its feasibility tolerance, which on large systems is
  // more than the balance checker allows; the heat side is rescaled to the exact ratio.
  for (const v of topology.converters) {
    const heatOuts = topology.outConnections.get(v.id)!;
    const elecIns = topology.inConnections.get(v.id)!;
    for (let t = fromStep; t < toStep; t++) {
      const heatKw = sumAt(heatOuts, t);
      const targetKw = v.heatPerElectricity[t] * sumAt(elecIns, t);
      if (heatKw === targetKw) continue;
      if (heatKw > 0) {
        const scale = targetKw / heatKw;
        for (const c of heatOuts) flows[c][t] *= scale;
      } else {
        // No heat delivered: the electricity drawn is a solver residue.
        for (const c of elecIns) flows[c][t] = 0;
      }
    }
  }
  for (const g of topology.generators) {
    const outs = topology.outConnections.get(g.id)!;
    const curtailment = target.curtailmentKw[g.id];
    for (let t = fromStep; t < toStep; t++) curtailment[t] = Math.max(0, g.availableKw[t] - sumAt(outs, t));
  }
  for (const d of topology.demands) {
    const ins = topology.inConnections.get(d.id)!;
    const unmet = target.unmetDemandKw[d.id];
    for (let t = fromStep; t < toStep; t++) unmet[t] = Math.max(0, d.demandKw[t] - sumAt(ins, t));
  }
  for (const s of topology.storages) {
    const ins = topology.inConnections.get(s.id)!;
    const outs = topology.outConnections.get(s.id)!;
    const level = target.storageLevelKwh[s.id];
    let previous = initialLevelKwh[s.id] ?? s.initialSoc * s.energyKwh;
    for (let t = fromStep; t < toStep; t++) {
      previous =
        previous * s.retentionPerStep +
        dt * (s.chargeEfficiency * sumAt(ins, t) - sumAt(outs, t) / s.dischargeEfficiency);
      level[t] = previous;
    }
  }
}

/** Storage levels at the end of `step` (or the initial levels when step < 0), by id. */
export function levelsAfter(topology: Topology, series: DispatchSeries, step: number): Record<string, number> {
  const levels: Record<string, number> = {};
  for (const s of topology.storages) {
    levels[s.id] = step < 0 ? s.initialSoc * s.energyKwh : series.storageLevelKwh[s.id][step];
  }
  return levels;
}
