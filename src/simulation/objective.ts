import type { Dispatch, ObjectiveKind, ResolvedSystem, SolverOptions } from './types.js';

/** Default value of lost load, EUR/kWh (also used as the weight of unmet kWh in CO2 and
 *  grid-exchange objectives, so no objective can "win" by not serving demand). */
export const DEFAULT_UNMET_DEMAND_PENALTY_PER_KWH = 10;
/** Weight per kWh of spilling a non-curtailable generator's output. */
export const NON_CURTAILABLE_SPILL_PENALTY_PER_KWH = 10;

export interface ObjectiveTerms {
  /** Import cost − export revenue + variable O&M, EUR. */
  energyCostEur: number;
  /** Grid import × CO2 intensity, kgCO2. */
  gridCo2Kg: number;
  /** Grid import + export, kWh. */
  gridExchangeKwh: number;
  unmetDemandKwh: number;
  /** Spilled output of generators that are not curtailable, kWh. */
  nonCurtailableSpillKwh: number;
}

export function objectiveWeights(options: SolverOptions): {
  kind: ObjectiveKind;
  costEur: number;
  co2Kg: number;
  gridExchangeKwh: number;
  unmetPenaltyPerKwh: number;
} {
  const kind = options.objective ?? 'COST';
  const unmetPenaltyPerKwh = options.unmetDemandPenaltyEurPerKwh ?? DEFAULT_UNMET_DEMAND_PENALTY_PER_KWH;
  switch (kind) {
    case 'COST':
      return { kind, costEur: 1, co2Kg: 0, gridExchangeKwh: 0, unmetPenaltyPerKwh };
    case 'CO2':
      return { kind, costEur: 0, co2Kg: 1, gridExchangeKwh: 0, unmetPenaltyPerKwh };
    case 'GRID_EXCHANGE':
      return { kind, costEur: 0, co2Kg: 0, gridExchangeKwh: 1, unmetPenaltyPerKwh };
    case 'WEIGHTED':
      return {
        kind,
        costEur: options.weights?.costEur ?? 1,
        co2Kg: options.weights?.co2Kg ?? 0,
        gridExchangeKwh: options.weights?.gridExchangeKwh ?? 0,
        unmetPenaltyPerKwh,
      };
  }
}

/**
 * The operational terms of any dispatch. Variable O&M is charged on the energy a component
 * delivers: generator output (after curtailment), storage discharge, converter heat output.
 *
 * Each total is summed step by step, connection by connection, in that order: the result is
 * the same to the last bit for every solver. The loops skip only additions that cannot change
 * a total: an accumulator that starts at +0 never becomes −0, so adding a ±0 term (a zero flow,
 * or a finite energy at a zero rate) leaves it as it is. A non-finite energy at a zero rate is
 * still added, since it turns the total into NaN.
 */
export function objectiveTerms(system: ResolvedSystem, dispatch: Dispatch): ObjectiveTerms {
  const dt = system.timestepHours;
  const T = system.timesteps;
  let energyCostEur = 0;
  let gridCo2Kg = 0;
  let gridExchangeKwh = 0;
  const byId = new Map(system.components.map((c) => [c.id, c]));
  for (const conn of system.connections) {
    const flow = dispatch.flowKw[conn.index];
    if (!(0 < T)) continue;
    const from = byId.get(conn.from);
    const to = byId.get(conn.to);
    if (from === undefined || to === undefined) {
      // Not a valid system: as when reading the kinds per step, fail at the first energy.
      for (let t = 0; t < T; t++) {
        if (flow[t] * dt !== 0) throw new TypeError(`connection ${conn.id} refers to an unknown component`);
      }
      continue;
    }
    // Everything that depends on the component kinds is read once per connection: the
    // components are of several shapes, and reading them per step is the slow part.
    const exportPrice = to.kind === 'GRID' ? to.exportPriceEurPerKwh : null;
    if (from.kind === 'GRID') {
      const importPrice = from.importPriceEurPerKwh;
      const co2 = from.co2KgPerKwh;
      for (let t = 0; t < T; t++) {
        const energyKwh = flow[t] * dt;
        if (energyKwh === 0) continue;
        energyCostEur += energyKwh * importPrice[t];
        gridCo2Kg += energyKwh * co2[t];
        gridExchangeKwh += energyKwh;
        if (exportPrice !== null) {
          energyCostEur -= energyKwh * exportPrice[t];
          gridExchangeKwh += energyKwh;
        }
      }
      continue;
    }
    // Variable O&M on what the source delivers; a converter delivers heat, not electricity.
    const chargesOm = (from.kind !== 'HEAT_PUMP' && from.kind !== 'ELECTRIC_BOILER') || conn.medium === 'HEAT';
    const omEurPerKwh = chargesOm ? from.economics.variableOmEurPerKwh : 0;
    if (chargesOm && omEurPerKwh !== 0) {
      for (let t = 0; t < T; t++) {
        const energyKwh = flow[t] * dt;
        if (energyKwh === 0) continue;
        energyCostEur += energyKwh * omEurPerKwh;
        if (exportPrice !== null) {
          energyCostEur -= energyKwh * exportPrice[t];
          gridExchangeKwh += energyKwh;
        }
      }
    } else if (exportPrice !== null) {
      for (let t = 0; t < T; t++) {
        const energyKwh = flow[t] * dt;
        if (energyKwh === 0) continue;
        if (chargesOm && energyKwh - energyKwh !== 0) energyCostEur += energyKwh * omEurPerKwh;
        energyCostEur -= energyKwh * exportPrice[t];
        gridExchangeKwh += energyKwh;
      }
    } else if (chargesOm) {
      for (let t = 0; t < T; t++) {
        const energyKwh = flow[t] * dt;
        if (energyKwh - energyKwh !== 0) energyCostEur += energyKwh * omEurPerKwh;
      }
    }
  }
  let unmetDemandKwh = 0;
  for (const series of Object.values(dispatch.unmetDemandKw)) unmetDemandKwh = addEnergyKwh(unmetDemandKwh, series, T, dt);
  let nonCurtailableSpillKwh = 0;
  for (const c of system.components) {
    if ((c.kind === 'SOLAR_PV' || c.kind === 'WIND_TURBINE') && !c.curtailable) {
      const spill = dispatch.curtailmentKw[c.id];
      if (spill) nonCurtailableSpillKwh = addEnergyKwh(nonCurtailableSpillKwh, spill, T, dt);
    }
  }
  return { energyCostEur, gridCo2Kg, gridExchangeKwh, unmetDemandKwh, nonCurtailableSpillKwh };
}

/** totalKwh + Σ_t seriesKw[t]·dt, added step by step (zero steps are no-ops, see objectiveTerms). */
function addEnergyKwh(totalKwh: number, seriesKw: Float64Array, T: number, dt: number): number {
  if (Number.isFinite(dt)) {
    for (let t = 0; t < T; t++) {
      const kw = seriesKw[t];
      if (kw !== 0) totalKwh += kw * dt;
    }
  } else {
    for (let t = 0; t < T; t++) totalKwh += seriesKw[t] * dt;
  }
  return totalKwh;
}

/** The value the LP minimises, for any dispatch: lets rule-based and optimal be compared. */
export function evaluateObjective(system: ResolvedSystem, dispatch: Dispatch, options: SolverOptions): number {
  const w = objectiveWeights(options);
  const terms = objectiveTerms(system, dispatch);
  return (
    w.costEur * terms.energyCostEur +
    w.co2Kg * terms.gridCo2Kg +
    w.gridExchangeKwh * terms.gridExchangeKwh +
    w.unmetPenaltyPerKwh * terms.unmetDemandKwh +
    NON_CURTAILABLE_SPILL_PENALTY_PER_KWH * terms.nonCurtailableSpillKwh
  );
}
