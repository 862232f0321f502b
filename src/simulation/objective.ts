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
 */
export function objectiveTerms(system: ResolvedSystem, dispatch: Dispatch): ObjectiveTerms {
  const dt = system.timestepHours;
  const T = system.timesteps;
  const terms: ObjectiveTerms = {
    energyCostEur: 0,
    gridCo2Kg: 0,
    gridExchangeKwh: 0,
    unmetDemandKwh: 0,
    nonCurtailableSpillKwh: 0,
  };
  const byId = new Map(system.components.map((c) => [c.id, c]));
  for (const conn of system.connections) {
    const flow = dispatch.flowKw[conn.index];
    const from = byId.get(conn.from)!;
    const to = byId.get(conn.to)!;
    for (let t = 0; t < T; t++) {
      const energyKwh = flow[t] * dt;
      if (energyKwh === 0) continue;
      if (from.kind === 'GRID') {
        terms.energyCostEur += energyKwh * from.importPriceEurPerKwh[t];
        terms.gridCo2Kg += energyKwh * from.co2KgPerKwh[t];
        terms.gridExchangeKwh += energyKwh;
      } else if (from.kind !== 'HEAT_PUMP' && from.kind !== 'ELECTRIC_BOILER') {
        terms.energyCostEur += energyKwh * from.economics.variableOmEurPerKwh;
      } else if (conn.medium === 'HEAT') {
        terms.energyCostEur += energyKwh * from.economics.variableOmEurPerKwh;
      }
      if (to.kind === 'GRID') {
        terms.energyCostEur -= energyKwh * to.exportPriceEurPerKwh[t];
        terms.gridExchangeKwh += energyKwh;
      }
    }
  }
  for (const series of Object.values(dispatch.unmetDemandKw)) {
    for (let t = 0; t < T; t++) terms.unmetDemandKwh += series[t] * dt;
  }
  for (const c of system.components) {
    if ((c.kind === 'SOLAR_PV' || c.kind === 'WIND_TURBINE') && !c.curtailable) {
      const spill = dispatch.curtailmentKw[c.id];
      if (spill) for (let t = 0; t < T; t++) terms.nonCurtailableSpillKwh += spill[t] * dt;
    }
  }
  return terms;
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
