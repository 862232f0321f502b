/**
 * Key performance indicators: one definition each, documented with units and formulas in
 * docs/kpis.md (conventions of the Multi-Vector Simulator and REopt: annuity-based costs via
 * the capital recovery factor, a grid-only reference scenario for savings).
 *
 * Bases: energy quantities (…Kwh, peak, cycles) cover the simulated horizon; money and CO2
 * are per year — operational terms are scaled by 8760 h / horizon hours, capex and embodied
 * emissions are annualised over each component's lifetime.
 */
import { buildGridOnlyBaseline } from './baseline.js';
import type { Dispatch, Kpis, ResolvedComponent, ResolvedSystem } from './types.js';

export const HOURS_PER_YEAR = 8760;
/** Project lifetime when no component carries an investment, years. */
export const DEFAULT_PROJECT_LIFETIME_YEARS = 20;

/** Capital recovery factor: the annuity per EUR invested at rate r over n years. */
export function capitalRecoveryFactor(rate: number, years: number): number {
  if (!(years > 0)) return 1;
  if (rate === 0) return 1 / years;
  const growth = (1 + rate) ** years;
  return (rate * growth) / (growth - 1);
}

export function clampFraction(x: number): number {
  return x > 1 ? 1 : x > 0 ? x : 0; // NaN → 0
}

/** The size a component's capexEurPerKw applies to, kW (0 where a kind has no rating). */
export function ratedPowerKw(c: ResolvedComponent): number {
  let kw = 0;
  switch (c.kind) {
    case 'GRID': {
      // A connection's size is its largest finite limit; an unlimited grid has no rating.
      const limits = [c.maxImportKw, c.maxExportKw].filter(Number.isFinite);
      kw = limits.length ? Math.max(...limits) : 0;
      break;
    }
    case 'SOLAR_PV':
    case 'WIND_TURBINE':
      kw = c.ratedKw;
      break;
    case 'BATTERY':
    case 'THERMAL_STORAGE':
      kw = Math.max(c.maxChargeKw, c.maxDischargeKw);
      break;
    case 'HEAT_PUMP':
    case 'ELECTRIC_BOILER':
      kw = c.maxHeatKw;
      break;
    case 'ELECTRIC_DEMAND':
    case 'HEAT_DEMAND':
      kw = 0;
  }
  return Number.isFinite(kw) ? kw : 0;
}

export function capexOfComponentEur(c: ResolvedComponent): number {
  const energyKwh = c.kind === 'BATTERY' || c.kind === 'THERMAL_STORAGE' ? c.energyKwh : 0;
  return c.economics.capexEurPerKw * ratedPowerKw(c) + c.economics.capexEurPerKwh * energyKwh;
}

export interface FixedEconomics {
  capexEur: number;
  annualisedCapexEur: number;
  fixedOmEurPerYear: number;
  embodiedKgCo2PerYear: number;
  /** Longest lifetime among components with an investment, else the default, years. */
  projectLifetimeYears: number;
}

export function fixedEconomics(system: ResolvedSystem): FixedEconomics {
  const out: FixedEconomics = {
    capexEur: 0,
    annualisedCapexEur: 0,
    fixedOmEurPerYear: 0,
    embodiedKgCo2PerYear: 0,
    projectLifetimeYears: 0,
  };
  for (const c of system.components) {
    const capex = capexOfComponentEur(c);
    const lifetime = c.economics.lifetimeYears;
    out.capexEur += capex;
    out.annualisedCapexEur += capex * capitalRecoveryFactor(system.discountRate, lifetime);
    out.fixedOmEurPerYear += c.economics.fixedOmEurPerYear;
    out.embodiedKgCo2PerYear += c.economics.embodiedKgCo2 / (lifetime > 0 ? lifetime : 1);
    if (capex > 0 && lifetime > out.projectLifetimeYears) out.projectLifetimeYears = lifetime;
  }
  if (out.projectLifetimeYears === 0) out.projectLifetimeYears = DEFAULT_PROJECT_LIFETIME_YEARS;
  return out;
}

export function annualisationFactor(system: ResolvedSystem): number {
  return HOURS_PER_YEAR / (system.timesteps * system.timestepHours);
}

interface EnergyTotals {
  /** Import cost − export revenue + variable O&M over the horizon, EUR (as objectiveTerms). */
  energyCostEur: number;
  /** Grid import × intensity over the horizon, kgCO2 (as objectiveTerms). */
  gridCo2Kg: number;
  generationKwh: number;
  importKwh: number;
  exportKwh: number;
  peakImportKw: number;
  servedDemandKwh: number;
  electricConsumptionKwh: number;
  requestedDemandKwh: number;
  curtailmentKwh: number;
  unmetDemandKwh: number;
  batteryDischargeKwh: number;
  batteryUsableKwh: number;
}

/**
 * Sums and dot products over the horizon, requested first and computed together. Each one is
 * a chain of additions in step order (which fixes the result to the last bit, so it must stay
 * that way), but chains are independent of each other: computing the sum and the price dot
 * products of one flow in a single loop reads the flow once, and running independent sums side
 * by side keeps the CPU busy while each addition completes.
 */
class Reductions {
  private readonly a: Float64Array[] = [];
  /** null for a plain sum. */
  private readonly b: (Float64Array | null)[] = [];
  private values: Float64Array | null = null;

  /** Σ_t a[t]·b[t] over t < a.length; returns a handle for value(). */
  dot(a: Float64Array, b: Float64Array): number {
    this.a.push(a);
    this.b.push(b);
    return this.a.length - 1;
  }

  /** Σ_t a[t] over t < a.length. */
  sum(a: Float64Array): number {
    this.a.push(a);
    this.b.push(null);
    return this.a.length - 1;
  }

  value(handle: number): number {
    if (this.values === null) this.values = this.run();
    return this.values[handle];
  }

  private run(): Float64Array {
    const out = new Float64Array(this.a.length);
    // Requests on the same series are computed in one loop.
    const bySeries = new Map<Float64Array, number[]>();
    this.a.forEach((a, h) => {
      const list = bySeries.get(a);
      if (list) list.push(h);
      else bySeries.set(a, [h]);
    });
    const plainSums: number[] = [];
    for (const [a, handles] of bySeries) {
      const sums = handles.filter((h) => this.b[h] === null);
      const dots = handles.filter((h) => this.b[h] !== null);
      let k = 0;
      if (sums.length > 0 && dots.length > 0) {
        // The sum rides along with the first one or two dot products.
        if (dots.length >= 2) {
          sumDot2(a, this.b[dots[0]]!, this.b[dots[1]]!, out, sums[0], dots[0], dots[1]);
          k = 2;
        } else {
          sumDot(a, this.b[dots[0]]!, out, sums[0], dots[0]);
          k = 1;
        }
      } else if (sums.length > 0) {
        plainSums.push(sums[0]);
      }
      for (; k + 1 < dots.length; k += 2) dot2(a, this.b[dots[k]]!, this.b[dots[k + 1]]!, out, dots[k], dots[k + 1]);
      if (k < dots.length) out[dots[k]] = dot(a, this.b[dots[k]]!);
    }
    // Plain sums side by side, in fours and twos where their lengths agree.
    let i = 0;
    while (i < plainSums.length) {
      const h0 = plainSums[i];
      const n = this.a[h0].length;
      const sameLength = (j: number): boolean => i + j < plainSums.length && this.a[plainSums[i + j]].length === n;
      if (sameLength(1) && sameLength(2) && sameLength(3)) {
        sum4(this.a[h0], this.a[plainSums[i + 1]], this.a[plainSums[i + 2]], this.a[plainSums[i + 3]], out, plainSums, i);
        i += 4;
      } else if (sameLength(1)) {
        sum2(this.a[h0], this.a[plainSums[i + 1]], out, plainSums, i);
        i += 2;
      } else {
        out[h0] = sum(this.a[h0]);
        i += 1;
      }
    }
    // Duplicate plain sums of one series share the value computed for the first.
    for (const handles of bySeries.values()) {
      const sums = handles.filter((h) => this.b[h] === null);
      for (let j = 1; j < sums.length; j++) out[sums[j]] = out[sums[0]];
    }
    return out;
  }
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let t = 0; t < a.length; t++) s += a[t];
  return s;
}

function sum2(a0: Float64Array, a1: Float64Array, out: Float64Array, handles: number[], at: number): void {
  let s0 = 0;
  let s1 = 0;
  for (let t = 0; t < a0.length; t++) {
    s0 += a0[t];
    s1 += a1[t];
  }
  out[handles[at]] = s0;
  out[handles[at + 1]] = s1;
}

function sum4(
  a0: Float64Array,
  a1: Float64Array,
  a2: Float64Array,
  a3: Float64Array,
  out: Float64Array,
  handles: number[],
  at: number,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let t = 0; t < a0.length; t++) {
    s0 += a0[t];
    s1 += a1[t];
    s2 += a2[t];
    s3 += a3[t];
  }
  out[handles[at]] = s0;
  out[handles[at + 1]] = s1;
  out[handles[at + 2]] = s2;
  out[handles[at + 3]] = s3;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let t = 0; t < a.length; t++) s += a[t] * b[t];
  return s;
}

function dot2(a: Float64Array, b0: Float64Array, b1: Float64Array, out: Float64Array, h0: number, h1: number): void {
  let s0 = 0;
  let s1 = 0;
  for (let t = 0; t < a.length; t++) {
    const x = a[t];
    s0 += x * b0[t];
    s1 += x * b1[t];
  }
  out[h0] = s0;
  out[h1] = s1;
}

function sumDot(a: Float64Array, b: Float64Array, out: Float64Array, hSum: number, hDot: number): void {
  let s = 0;
  let d = 0;
  for (let t = 0; t < a.length; t++) {
    const x = a[t];
    s += x;
    d += x * b[t];
  }
  out[hSum] = s;
  out[hDot] = d;
}

function sumDot2(
  a: Float64Array,
  b0: Float64Array,
  b1: Float64Array,
  out: Float64Array,
  hSum: number,
  h0: number,
  h1: number,
): void {
  let s = 0;
  let d0 = 0;
  let d1 = 0;
  for (let t = 0; t < a.length; t++) {
    const x = a[t];
    s += x;
    d0 += x * b0[t];
    d1 += x * b1[t];
  }
  out[hSum] = s;
  out[h0] = d0;
  out[h1] = d1;
}

const NONE = -1;

/**
 * Every energy total in one pass over the flows. The cost and CO2 terms follow exactly the
 * rules of objectiveTerms in objective.ts (variable O&M on delivered energy: generator output,
 * storage discharge, converter heat); kpis.test.ts holds the two equal.
 * With `costOnly`, only energyCostEur and gridCo2Kg are computed (the other totals stay 0).
 */
function energyTotals(system: ResolvedSystem, dispatch: Dispatch, costOnly = false): EnergyTotals {
  const dt = system.timestepHours;
  const T = system.timesteps;
  const byId = new Map(system.components.map((c) => [c.id, c]));
  const totals: EnergyTotals = {
    energyCostEur: 0,
    gridCo2Kg: 0,
    generationKwh: 0,
    importKwh: 0,
    exportKwh: 0,
    peakImportKw: 0,
    servedDemandKwh: 0,
    electricConsumptionKwh: 0,
    requestedDemandKwh: 0,
    curtailmentKwh: 0,
    unmetDemandKwh: 0,
    batteryDischargeKwh: 0,
    batteryUsableKwh: 0,
  };
  // First every reduction is requested, then all are computed, then combined in the order
  // the totals have always been added up in.
  const r = new Reductions();
  const connections = system.connections.map((conn) => {
    const from = byId.get(conn.from)!;
    const to = byId.get(conn.to)!;
    const flow = dispatch.flowKw[conn.index];
    const fromGrid = from.kind === 'GRID';
    const chargesOm = !fromGrid && ((from.kind !== 'HEAT_PUMP' && from.kind !== 'ELECTRIC_BOILER') || conn.medium === 'HEAT');
    return {
      from,
      to,
      flow,
      chargesOm,
      sum: costOnly && !chargesOm ? NONE : r.sum(flow),
      importCost: from.kind === 'GRID' ? r.dot(flow, from.importPriceEurPerKwh) : NONE,
      importCo2: from.kind === 'GRID' ? r.dot(flow, from.co2KgPerKwh) : NONE,
      exportRevenue: to.kind === 'GRID' ? r.dot(flow, to.exportPriceEurPerKwh) : NONE,
    };
  });
  const demandSums = costOnly ? [] : system.components.map((c) => (c.kind === 'ELECTRIC_DEMAND' || c.kind === 'HEAT_DEMAND' ? r.sum(c.demandKw) : NONE));
  const curtailmentSums = costOnly ? [] : Object.values(dispatch.curtailmentKw).map((s) => r.sum(s));
  const unmetSums = costOnly ? [] : Object.values(dispatch.unmetDemandKw).map((s) => r.sum(s));

  const importConnections: Float64Array[] = [];
  for (const { from, to, flow, chargesOm, sum, importCost, importCo2, exportRevenue } of connections) {
    const kwh = sum === NONE ? 0 : r.value(sum) * dt;
    if (from.kind === 'GRID') {
      totals.importKwh += kwh;
      totals.energyCostEur += r.value(importCost) * dt;
      totals.gridCo2Kg += r.value(importCo2) * dt;
      importConnections.push(flow);
    } else if (chargesOm) {
      totals.energyCostEur += kwh * from.economics.variableOmEurPerKwh;
    }
    if (from.kind === 'SOLAR_PV' || from.kind === 'WIND_TURBINE') totals.generationKwh += kwh;
    if (from.kind === 'BATTERY') totals.batteryDischargeKwh += kwh;
    if (to.kind === 'GRID') {
      totals.exportKwh += kwh;
      totals.energyCostEur -= r.value(exportRevenue) * dt;
    }
    if (to.kind === 'ELECTRIC_DEMAND' || to.kind === 'HEAT_DEMAND') totals.servedDemandKwh += kwh;
    if (to.kind === 'ELECTRIC_DEMAND' || to.kind === 'HEAT_PUMP' || to.kind === 'ELECTRIC_BOILER') {
      totals.electricConsumptionKwh += kwh;
    }
  }
  if (costOnly) return totals;
  let peakImportKw = 0;
  if (importConnections.length === 1) {
    const flow = importConnections[0];
    for (let t = 0; t < T; t++) if (flow[t] > peakImportKw) peakImportKw = flow[t];
  } else if (importConnections.length > 1) {
    for (let t = 0; t < T; t++) {
      let kw = 0;
      for (const flow of importConnections) kw += flow[t];
      if (kw > peakImportKw) peakImportKw = kw;
    }
  }
  totals.peakImportKw = peakImportKw;
  system.components.forEach((c, i) => {
    if (c.kind === 'ELECTRIC_DEMAND' || c.kind === 'HEAT_DEMAND') totals.requestedDemandKwh += r.value(demandSums[i]) * dt;
    if (c.kind === 'BATTERY') totals.batteryUsableKwh += (c.socMax - c.socMin) * c.energyKwh;
  });
  for (const handle of curtailmentSums) totals.curtailmentKwh += r.value(handle) * dt;
  for (const handle of unmetSums) totals.unmetDemandKwh += r.value(handle) * dt;
  return totals;
}

/** The horizon's energy cost and grid CO2, exactly as the LP objective counts them. */
export function operationalTerms(system: ResolvedSystem, dispatch: Dispatch): { energyCostEur: number; gridCo2Kg: number } {
  const e = energyTotals(system, dispatch, true);
  return { energyCostEur: e.energyCostEur, gridCo2Kg: e.gridCo2Kg };
}

/** Annual operating cost (EUR) and emissions (kgCO2): what a system and its baseline are compared on. */
function annualOperation(
  system: ResolvedSystem,
  terms: { energyCostEur: number; gridCo2Kg: number },
  fixed: FixedEconomics,
): { operatingCostEur: number; co2Kg: number } {
  const perYear = annualisationFactor(system);
  return {
    operatingCostEur: fixed.fixedOmEurPerYear + perYear * terms.energyCostEur,
    co2Kg: perYear * terms.gridCo2Kg + fixed.embodiedKgCo2PerYear,
  };
}

/**
 * All KPIs of one dispatch. `baseline` is the dispatch of buildGridOnlyBaseline(system)
 * (null when there is none: then npvEur, simplePaybackYears and co2ReductionFraction are null).
 */
export function computeKpis(system: ResolvedSystem, dispatch: Dispatch, baseline: Dispatch | null): Kpis {
  const perYear = annualisationFactor(system);
  const fixed = fixedEconomics(system);
  const e = energyTotals(system, dispatch);
  const operation = annualOperation(system, e, fixed);
  const totalCostEur = fixed.annualisedCapexEur + operation.operatingCostEur;

  const onSiteRenewableKwh = e.generationKwh - e.exportKwh;
  const netSupplyKwh = onSiteRenewableKwh + e.importKwh;

  let npvEur: number | null = null;
  let simplePaybackYears: number | null = null;
  let co2ReductionFraction: number | null = null;
  const baselineSystem = baseline ? buildGridOnlyBaseline(system) : null;
  if (baseline && baselineSystem) {
    const baseFixed = fixedEconomics(baselineSystem);
    const baseOperation = annualOperation(baselineSystem, operationalTerms(baselineSystem, baseline), baseFixed);
    const savingsEurPerYear = baseOperation.operatingCostEur - operation.operatingCostEur;
    const extraAnnualisedCapexEur = fixed.annualisedCapexEur - baseFixed.annualisedCapexEur;
    const annuityFactor = 1 / capitalRecoveryFactor(system.discountRate, fixed.projectLifetimeYears);
    npvEur = (savingsEurPerYear - extraAnnualisedCapexEur) * annuityFactor;
    const extraCapexEur = fixed.capexEur - baseFixed.capexEur;
    simplePaybackYears = savingsEurPerYear > 0 ? Math.max(0, extraCapexEur) / savingsEurPerYear : null;
    co2ReductionFraction = baseOperation.co2Kg > 0 ? clampFraction(1 - operation.co2Kg / baseOperation.co2Kg) : null;
  }

  const servedKwh = e.servedDemandKwh;
  return {
    totalCostEur,
    operatingCostEur: operation.operatingCostEur,
    capexEur: fixed.capexEur,
    totalCo2Kg: operation.co2Kg,
    renewableFraction: netSupplyKwh > 0 ? clampFraction(onSiteRenewableKwh / netSupplyKwh) : 0,
    totalGenerationKwh: e.generationKwh,
    totalDemandKwh: e.requestedDemandKwh,
    gridImportKwh: e.importKwh,
    gridExportKwh: e.exportKwh,
    netGridUsageKwh: e.importKwh - e.exportKwh,
    selfConsumptionRate: e.generationKwh > 0 ? clampFraction(1 - e.exportKwh / e.generationKwh) : 0,
    selfSufficiencyRate: e.electricConsumptionKwh > 0 ? clampFraction(1 - e.importKwh / e.electricConsumptionKwh) : 0,
    peakGridImportKw: e.peakImportKw,
    curtailmentKwh: e.curtailmentKwh,
    unmetDemandKwh: e.unmetDemandKwh,
    batteryEquivalentCycles: e.batteryUsableKwh > 0 ? e.batteryDischargeKwh / e.batteryUsableKwh : 0,
    lcoeEurPerKwh: servedKwh > 0 ? totalCostEur / (perYear * servedKwh) : null,
    npvEur,
    simplePaybackYears,
    co2ReductionFraction,
  };
}
