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

function sum(series: Float64Array): number {
  let s = 0;
  for (let t = 0; t < series.length; t++) s += series[t];
  return s;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let t = 0; t < a.length; t++) s += a[t] * b[t];
  return s;
}

/**
 * Every energy total in one pass over the flows. The cost and CO2 terms follow exactly the
 * rules of objectiveTerms in objective.ts (variable O&M on delivered energy: generator output,
 * storage discharge, converter heat); kpis.test.ts holds the two equal.
 */
function energyTotals(system: ResolvedSystem, dispatch: Dispatch): EnergyTotals {
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
  const importConnections: Float64Array[] = [];
  for (const conn of system.connections) {
    const from = byId.get(conn.from)!;
    const to = byId.get(conn.to)!;
    const flow = dispatch.flowKw[conn.index];
    const kwh = sum(flow) * dt;
    if (from.kind === 'GRID') {
      totals.importKwh += kwh;
      totals.energyCostEur += dot(flow, from.importPriceEurPerKwh) * dt;
      totals.gridCo2Kg += dot(flow, from.co2KgPerKwh) * dt;
      importConnections.push(flow);
    } else if ((from.kind !== 'HEAT_PUMP' && from.kind !== 'ELECTRIC_BOILER') || conn.medium === 'HEAT') {
      totals.energyCostEur += kwh * from.economics.variableOmEurPerKwh;
    }
    if (from.kind === 'SOLAR_PV' || from.kind === 'WIND_TURBINE') totals.generationKwh += kwh;
    if (from.kind === 'BATTERY') totals.batteryDischargeKwh += kwh;
    if (to.kind === 'GRID') {
      totals.exportKwh += kwh;
      totals.energyCostEur -= dot(flow, to.exportPriceEurPerKwh) * dt;
    }
    if (to.kind === 'ELECTRIC_DEMAND' || to.kind === 'HEAT_DEMAND') totals.servedDemandKwh += kwh;
    if (to.kind === 'ELECTRIC_DEMAND' || to.kind === 'HEAT_PUMP' || to.kind === 'ELECTRIC_BOILER') {
      totals.electricConsumptionKwh += kwh;
    }
  }
  if (importConnections.length === 1) {
    const flow = importConnections[0];
    for (let t = 0; t < T; t++) if (flow[t] > totals.peakImportKw) totals.peakImportKw = flow[t];
  } else if (importConnections.length > 1) {
    for (let t = 0; t < T; t++) {
      let kw = 0;
      for (const flow of importConnections) kw += flow[t];
      if (kw > totals.peakImportKw) totals.peakImportKw = kw;
    }
  }
  for (const c of system.components) {
    if (c.kind === 'ELECTRIC_DEMAND' || c.kind === 'HEAT_DEMAND') totals.requestedDemandKwh += sum(c.demandKw) * dt;
    if (c.kind === 'BATTERY') totals.batteryUsableKwh += (c.socMax - c.socMin) * c.energyKwh;
  }
  for (const s of Object.values(dispatch.curtailmentKw)) totals.curtailmentKwh += sum(s) * dt;
  for (const s of Object.values(dispatch.unmetDemandKw)) totals.unmetDemandKwh += sum(s) * dt;
  return totals;
}

/** The horizon's energy cost and grid CO2, exactly as the LP objective counts them. */
export function operationalTerms(system: ResolvedSystem, dispatch: Dispatch): { energyCostEur: number; gridCo2Kg: number } {
  const e = energyTotals(system, dispatch);
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
