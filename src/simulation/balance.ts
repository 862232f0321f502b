/**
 * Independent checker of the energy-balance semantics every solver must satisfy (see the
 * engine notes: node balances, storage dynamics and bounds, power limits, converter equations,
 * non-negativity, valid connections). It recomputes everything from the dispatch and never
 * trusts solver bookkeeping, so tests can hold any solver to the same definition.
 *
 * Residuals are reported in kW. A storage residual in kWh is divided by timestepHours so that
 * it is on the same scale as the flows that caused it.
 */
import type {
  ComponentKind,
  Dispatch,
  Medium,
  ResolvedComponent,
  ResolvedStorage,
  ResolvedSystem,
} from './types.js';

export interface BalanceCheckOptions {
  /** A residual above this is listed as a violation, kW. Default 1e-6. */
  toleranceKw?: number;
  /** Check CYCLIC / MIN_END_SOC terminal conditions. Default true; a greedy solver cannot
   *  enforce them, so its tests turn this off and read `terminalShortfalls` instead. */
  enforceTerminal?: boolean;
  /** At most this many violation messages are listed (the count is still reported). */
  maxMessages?: number;
}

export interface BalanceCheckResult {
  maxResidualKw: number;
  violations: string[];
}

const ELECTRIC_SOURCES: ReadonlySet<ComponentKind> = new Set(['GRID', 'SOLAR_PV', 'WIND_TURBINE', 'BATTERY']);
const ELECTRIC_TARGETS: ReadonlySet<ComponentKind> = new Set([
  'GRID',
  'BATTERY',
  'ELECTRIC_DEMAND',
  'HEAT_PUMP',
  'ELECTRIC_BOILER',
]);
const HEAT_SOURCES: ReadonlySet<ComponentKind> = new Set(['HEAT_PUMP', 'ELECTRIC_BOILER', 'THERMAL_STORAGE']);
const HEAT_TARGETS: ReadonlySet<ComponentKind> = new Set(['THERMAL_STORAGE', 'HEAT_DEMAND']);

export function isValidConnection(fromKind: ComponentKind, toKind: ComponentKind, medium: Medium): boolean {
  return medium === 'ELECTRICITY'
    ? ELECTRIC_SOURCES.has(fromKind) && ELECTRIC_TARGETS.has(toKind)
    : HEAT_SOURCES.has(fromKind) && HEAT_TARGETS.has(toKind);
}

/**
 * How far each storage with a CYCLIC or MIN_END_SOC condition ends from meeting it, kWh
 * (positive = not met). Storages whose condition holds within `toleranceKwh` are omitted.
 */
export function terminalShortfalls(
  system: ResolvedSystem,
  dispatch: Dispatch,
  toleranceKwh = 1e-6,
): { id: string; condition: 'CYCLIC' | 'MIN_END_SOC'; endKwh: number; requiredKwh: number }[] {
  const out: { id: string; condition: 'CYCLIC' | 'MIN_END_SOC'; endKwh: number; requiredKwh: number }[] = [];
  const last = system.timesteps - 1;
  for (const c of system.components) {
    if ((c.kind !== 'BATTERY' && c.kind !== 'THERMAL_STORAGE') || c.terminalCondition === 'FREE') continue;
    const level = dispatch.storageLevelKwh[c.id];
    if (!level || last < 0) continue;
    const endKwh = level[last];
    if (c.terminalCondition === 'CYCLIC') {
      const requiredKwh = c.initialSoc * c.energyKwh;
      if (Math.abs(endKwh - requiredKwh) > toleranceKwh) out.push({ id: c.id, condition: 'CYCLIC', endKwh, requiredKwh });
    } else {
      const requiredKwh = c.minEndSoc * c.energyKwh;
      if (requiredKwh - endKwh > toleranceKwh) out.push({ id: c.id, condition: 'MIN_END_SOC', endKwh, requiredKwh });
    }
  }
  return out;
}

export function checkEnergyBalance(
  system: ResolvedSystem,
  dispatch: Dispatch,
  options: BalanceCheckOptions = {},
): BalanceCheckResult {
  const tolerance = options.toleranceKw ?? 1e-6;
  const maxMessages = options.maxMessages ?? 50;
  const T = system.timesteps;
  const dt = system.timestepHours;
  const violations: string[] = [];
  let violationCount = 0;
  let maxResidualKw = 0;

  const report = (residualKw: number, message: string): void => {
    // NaN must count as a violation, so compare the negation.
    if (!(residualKw <= tolerance)) {
      violationCount++;
      if (violations.length < maxMessages) violations.push(`${message} (residual ${residualKw} kW)`);
    }
    if (!(residualKw <= maxResidualKw)) maxResidualKw = Number.isNaN(residualKw) ? Infinity : residualKw;
  };
  const structural = (message: string): void => report(Infinity, message);

  const byId = new Map<string, ResolvedComponent>(system.components.map((c) => [c.id, c]));
  const inflowKw = new Map<string, Float64Array>();
  const outflowKw = new Map<string, Float64Array>();
  for (const c of system.components) {
    inflowKw.set(c.id, new Float64Array(T));
    outflowKw.set(c.id, new Float64Array(T));
  }

  if (dispatch.flowKw.length !== system.connections.length) {
    structural(`dispatch has ${dispatch.flowKw.length} flow series for ${system.connections.length} connections`);
  }
  for (const conn of system.connections) {
    const flow = dispatch.flowKw[conn.index];
    const from = byId.get(conn.from);
    const to = byId.get(conn.to);
    if (!from || !to) {
      structural(`connection ${conn.id}: unknown component`);
      continue;
    }
    if (!isValidConnection(from.kind, to.kind, conn.medium)) {
      structural(`connection ${conn.id}: ${conn.medium} cannot flow from ${from.kind} to ${to.kind}`);
    }
    if (!flow || flow.length !== T) {
      structural(`connection ${conn.id}: flow series missing or not ${T} long`);
      continue;
    }
    const inTo = inflowKw.get(to.id)!;
    const outFrom = outflowKw.get(from.id)!;
    for (let t = 0; t < T; t++) {
      const f = flow[t];
      if (!Number.isFinite(f)) structural(`flow ${conn.id}[${t}] = ${f} is not finite`);
      else if (f < 0) report(-f, `flow ${conn.id}[${t}] = ${f} is negative`);
      inTo[t] += f;
      outFrom[t] += f;
    }
  }

  const seriesOf = (record: Record<string, Float64Array>, id: string, what: string): Float64Array | null => {
    const s = record[id];
    if (s === undefined) return null;
    if (s.length !== T) {
      structural(`${what} of ${id} is not ${T} long`);
      return null;
    }
    return s;
  };
  const checkNonNegative = (s: Float64Array, what: string): void => {
    for (let t = 0; t < T; t++) {
      if (!Number.isFinite(s[t])) structural(`${what}[${t}] = ${s[t]} is not finite`);
      else if (s[t] < 0) report(-s[t], `${what}[${t}] = ${s[t]} is negative`);
    }
  };

  for (const c of system.components) {
    const inKw = inflowKw.get(c.id)!;
    const outKw = outflowKw.get(c.id)!;
    switch (c.kind) {
      case 'GRID':
        for (let t = 0; t < T; t++) {
          if (outKw[t] > c.maxImportKw) report(outKw[t] - c.maxImportKw, `${c.id}[${t}] import ${outKw[t]} > maxImportKw ${c.maxImportKw}`);
          if (inKw[t] > c.maxExportKw) report(inKw[t] - c.maxExportKw, `${c.id}[${t}] export ${inKw[t]} > maxExportKw ${c.maxExportKw}`);
        }
        break;
      case 'SOLAR_PV':
      case 'WIND_TURBINE': {
        const curtail = seriesOf(dispatch.curtailmentKw, c.id, 'curtailment');
        if (curtail) checkNonNegative(curtail, `curtailment of ${c.id}`);
        for (let t = 0; t < T; t++) {
          const residual = Math.abs(outKw[t] + (curtail ? curtail[t] : 0) - c.availableKw[t]);
          report(residual, `${c.id}[${t}] output ${outKw[t]} + curtailment != available ${c.availableKw[t]}`);
        }
        break;
      }
      case 'ELECTRIC_DEMAND':
      case 'HEAT_DEMAND': {
        const unmet = seriesOf(dispatch.unmetDemandKw, c.id, 'unmet demand');
        if (unmet) checkNonNegative(unmet, `unmet demand of ${c.id}`);
        for (let t = 0; t < T; t++) {
          const residual = Math.abs(inKw[t] + (unmet ? unmet[t] : 0) - c.demandKw[t]);
          report(residual, `${c.id}[${t}] supply ${inKw[t]} + unmet != demand ${c.demandKw[t]}`);
        }
        break;
      }
      case 'HEAT_PUMP':
      case 'ELECTRIC_BOILER':
        for (let t = 0; t < T; t++) {
          const expectedHeatKw = c.heatPerElectricity[t] * inKw[t];
          report(Math.abs(outKw[t] - expectedHeatKw), `${c.id}[${t}] heat ${outKw[t]} != ${c.heatPerElectricity[t]} x electricity ${inKw[t]}`);
          if (outKw[t] > c.maxHeatKw) report(outKw[t] - c.maxHeatKw, `${c.id}[${t}] heat ${outKw[t]} > maxHeatKw ${c.maxHeatKw}`);
        }
        break;
      case 'BATTERY':
      case 'THERMAL_STORAGE':
        checkStorage(c, inKw, outKw, seriesOf(dispatch.storageLevelKwh, c.id, 'storage level'), dt, T, report, structural);
        break;
    }
  }

  if (options.enforceTerminal ?? true) {
    for (const s of terminalShortfalls(system, dispatch, tolerance * dt)) {
      report(Math.abs(s.endKwh - s.requiredKwh) / dt, `${s.id}: ${s.condition} requires ${s.requiredKwh} kWh at the end, got ${s.endKwh}`);
    }
  }

  if (violationCount > violations.length) violations.push(`... and ${violationCount - violations.length} more`);
  return { maxResidualKw, violations };
}

function checkStorage(
  s: ResolvedStorage,
  inKw: Float64Array,
  outKw: Float64Array,
  level: Float64Array | null,
  dt: number,
  T: number,
  report: (residualKw: number, message: string) => void,
  structural: (message: string) => void,
): void {
  if (!level) {
    structural(`storage level of ${s.id} missing`);
    return;
  }
  const minKwh = s.socMin * s.energyKwh;
  const maxKwh = s.socMax * s.energyKwh;
  let previousKwh = s.initialSoc * s.energyKwh;
  for (let t = 0; t < T; t++) {
    const expectedKwh =
      previousKwh * s.retentionPerStep + dt * (s.chargeEfficiency * inKw[t] - outKw[t] / s.dischargeEfficiency);
    report(Math.abs(level[t] - expectedKwh) / dt, `${s.id}[${t}] level ${level[t]} kWh != dynamics ${expectedKwh} kWh`);
    if (level[t] < minKwh) report((minKwh - level[t]) / dt, `${s.id}[${t}] level ${level[t]} kWh < socMin ${minKwh} kWh`);
    if (level[t] > maxKwh) report((level[t] - maxKwh) / dt, `${s.id}[${t}] level ${level[t]} kWh > socMax ${maxKwh} kWh`);
    if (inKw[t] > s.maxChargeKw) report(inKw[t] - s.maxChargeKw, `${s.id}[${t}] charge ${inKw[t]} > maxChargeKw ${s.maxChargeKw}`);
    if (outKw[t] > s.maxDischargeKw) report(outKw[t] - s.maxDischargeKw, `${s.id}[${t}] discharge ${outKw[t]} > maxDischargeKw ${s.maxDischargeKw}`);
    previousKwh = level[t];
  }
}
