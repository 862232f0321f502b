/**
 * Economic and environmental parameters, accepted on every component kind. A kind supplies
 * its defaults from its size (e.g. PV: 900 EUR/kW, fixed O&M 15 EUR/kW·a, embodied 1500
 * kgCO2/kW × peakKw); the normalised config stores the resulting absolute numbers.
 */
import type { Economics, ResolvedComponent } from '../types.js';
import { numberSchema, zodField, type FieldSpec } from './fields.js';

export const ECONOMICS_KEYS = [
  'capexEurPerKw',
  'capexEurPerKwh',
  'fixedOmEurPerYear',
  'variableOmEurPerKwh',
  'lifetimeYears',
  'embodiedKgCo2',
] as const;

export type EconomicsKey = (typeof ECONOMICS_KEYS)[number];

export const economicsFields: Record<EconomicsKey, FieldSpec<number | undefined>> = {
  capexEurPerKw: zodField(numberSchema({ min: 0 })),
  capexEurPerKwh: zodField(numberSchema({ min: 0 })),
  fixedOmEurPerYear: zodField(numberSchema({ min: 0 })),
  variableOmEurPerKwh: zodField(numberSchema({ min: 0 })),
  lifetimeYears: zodField(numberSchema({ gt: 0, max: 100 })),
  embodiedKgCo2: zodField(numberSchema({ min: 0 })),
};

export function economics(partial: Partial<Economics> & { lifetimeYears: number }): Economics {
  return {
    capexEurPerKw: partial.capexEurPerKw ?? 0,
    capexEurPerKwh: partial.capexEurPerKwh ?? 0,
    fixedOmEurPerYear: partial.fixedOmEurPerYear ?? 0,
    variableOmEurPerKwh: partial.variableOmEurPerKwh ?? 0,
    lifetimeYears: partial.lifetimeYears,
    embodiedKgCo2: partial.embodiedKgCo2 ?? 0,
  };
}

/** User values override the kind's defaults field by field. */
export function mergeEconomics(defaults: Economics, given: Partial<Record<EconomicsKey, number | undefined>>): Economics {
  const out = { ...defaults };
  for (const key of ECONOMICS_KEYS) {
    const v = given[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * The sizes the specific capex applies to: capex = capexEurPerKw·powerKw + capexEurPerKwh·energyKwh.
 * GRID: maxImportKw (0 when unlimited: a grid with capexEurPerKw > 0 must have a finite limit);
 * SOLAR_PV: peakKw; WIND_TURBINE: ratedKw; storage: max(maxChargeKw, maxDischargeKw) and
 * energyKwh; HEAT_PUMP / ELECTRIC_BOILER: maxHeatKw; demands: none.
 */
export function capexSize(component: ResolvedComponent): { powerKw: number; energyKwh: number } {
  switch (component.kind) {
    case 'GRID':
      return { powerKw: Number.isFinite(component.maxImportKw) ? component.maxImportKw : 0, energyKwh: 0 };
    case 'SOLAR_PV':
    case 'WIND_TURBINE':
      return { powerKw: component.ratedKw, energyKwh: 0 };
    case 'BATTERY':
    case 'THERMAL_STORAGE':
      return { powerKw: Math.max(component.maxChargeKw, component.maxDischargeKw), energyKwh: component.energyKwh };
    case 'HEAT_PUMP':
    case 'ELECTRIC_BOILER':
      return { powerKw: component.maxHeatKw, energyKwh: 0 };
    case 'ELECTRIC_DEMAND':
    case 'HEAT_DEMAND':
      return { powerKw: 0, energyKwh: 0 };
  }
}

/** Total, undiscounted investment of one component, EUR. */
export function capexEur(component: ResolvedComponent): number {
  const size = capexSize(component);
  return component.economics.capexEurPerKw * size.powerKw + component.economics.capexEurPerKwh * size.energyKwh;
}
