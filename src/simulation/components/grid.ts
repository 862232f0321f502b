/**
 * GRID: connection to the public electricity grid. Import = its outflow, export = its inflow.
 * Prices and CO2 intensity may vary per step (a number or a profile, e.g. a 24-value REPEAT
 * time-of-use tariff). null limits mean unlimited (Infinity once resolved).
 */
import type { ResolvedGrid } from '../types.js';
import { economics } from './economics.js';
import { numberSchema, zodField } from './fields.js';
import { defineComponent, orNull } from './module.js';
import { numberOrProfileField, type NormalisedProfile } from './profile-input.js';

export interface GridParams {
  maxImportKw: number | null;
  maxExportKw: number | null;
  importPriceEurPerKwh: number | NormalisedProfile;
  exportPriceEurPerKwh: number | NormalisedProfile;
  co2KgPerKwh: number | NormalisedProfile;
}

export const GRID_DEFAULTS = {
  importPriceEurPerKwh: 0.3,
  exportPriceEurPerKwh: 0.08,
  co2KgPerKwh: 0.4,
} as const;

/** Prices may be negative (spot markets); magnitudes beyond 100 EUR/kWh are typos. */
const priceRule = { range: { min: -100, max: 100 }, generators: [] } as const;

export const gridComponent = defineComponent<GridParams>({
  kind: 'GRID',
  fields: {
    maxImportKw: zodField(numberSchema({ min: 0 }), { nullable: true }),
    maxExportKw: zodField(numberSchema({ min: 0 }), { nullable: true }),
    importPriceEurPerKwh: numberOrProfileField(priceRule),
    exportPriceEurPerKwh: numberOrProfileField(priceRule),
    co2KgPerKwh: numberOrProfileField({ range: { min: 0, max: 10 }, generators: [] }),
  },
  check(p, _ctx, econ) {
    if ((econ.capexEurPerKw ?? 0) > 0 && p.maxImportKw === undefined) {
      return [{ path: ['capexEurPerKw'], message: 'needs a finite maxImportKw to apply to (the grid connection is unlimited)' }];
    }
    return [];
  },
  normalise(p) {
    return {
      maxImportKw: orNull(p.maxImportKw),
      maxExportKw: orNull(p.maxExportKw),
      importPriceEurPerKwh: p.importPriceEurPerKwh ?? GRID_DEFAULTS.importPriceEurPerKwh,
      exportPriceEurPerKwh: p.exportPriceEurPerKwh ?? GRID_DEFAULTS.exportPriceEurPerKwh,
      co2KgPerKwh: p.co2KgPerKwh ?? GRID_DEFAULTS.co2KgPerKwh,
    };
  },
  defaultEconomics: () => economics({ lifetimeYears: 1 }),
  resolve(p, base, profiles): ResolvedGrid {
    return {
      ...base,
      kind: 'GRID',
      maxImportKw: p.maxImportKw ?? Infinity,
      maxExportKw: p.maxExportKw ?? Infinity,
      importPriceEurPerKwh: profiles.ownSeries(p.importPriceEurPerKwh),
      exportPriceEurPerKwh: profiles.ownSeries(p.exportPriceEurPerKwh),
      co2KgPerKwh: profiles.ownSeries(p.co2KgPerKwh),
    };
  },
});
