/**
 * Units and short labels of the run KPIs, for people reading them: CSV headers (src/http) and
 * the explorer's table headers (web/) share this one list, so a unit never differs between a
 * download and the screen. No imports: the web bundle includes this file as it is.
 */
export interface KpiPresentation {
  label: string;
  /** The unit as a header shows it ("" for a count with no unit). */
  unit: string;
  /** 0..1 values the UI shows as percentages. */
  fraction?: boolean;
}

export const KPI_PRESENTATION = {
  totalCostEur: { label: 'Total cost', unit: 'EUR/year' },
  operatingCostEur: { label: 'Operating cost', unit: 'EUR/year' },
  capexEur: { label: 'Capex', unit: 'EUR' },
  totalCo2Kg: { label: 'CO2', unit: 'kgCO2/year' },
  renewableFraction: { label: 'Renewable fraction', unit: '0..1', fraction: true },
  totalGenerationKwh: { label: 'Generation', unit: 'kWh' },
  totalDemandKwh: { label: 'Demand', unit: 'kWh' },
  gridImportKwh: { label: 'Grid import', unit: 'kWh' },
  gridExportKwh: { label: 'Grid export', unit: 'kWh' },
  netGridUsageKwh: { label: 'Net grid usage', unit: 'kWh' },
  selfConsumptionRate: { label: 'Self-consumption', unit: '0..1', fraction: true },
  selfSufficiencyRate: { label: 'Self-sufficiency', unit: '0..1', fraction: true },
  peakGridImportKw: { label: 'Peak grid import', unit: 'kW' },
  curtailmentKwh: { label: 'Curtailment', unit: 'kWh' },
  unmetDemandKwh: { label: 'Unmet demand', unit: 'kWh' },
  batteryEquivalentCycles: { label: 'Battery cycles', unit: 'cycles' },
  lcoeEurPerKwh: { label: 'LCOE', unit: 'EUR/kWh' },
  npvEur: { label: 'NPV', unit: 'EUR' },
  simplePaybackYears: { label: 'Payback', unit: 'years' },
  co2ReductionFraction: { label: 'CO2 reduction', unit: '0..1', fraction: true },
} as const satisfies Record<string, KpiPresentation>;

export type PresentedKpi = keyof typeof KPI_PRESENTATION;

/** "totalCostEur [EUR/year]": a column name a spreadsheet user can read the unit from. */
export function headerWithUnit(name: string, unit: string): string {
  return unit ? `${name} [${unit}]` : name;
}
