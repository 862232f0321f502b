/** The KPIs as the explorer shows them: labels and units (shared with the CSV export), and the
 *  RunOrderField / RunFilter names the API knows them by. */
import { KPI_PRESENTATION, type PresentedKpi } from '../../src/results/kpi-units';
import type { RunKpiValuesFragment, RunOrderField } from './gql/graphql';

export type KpiField = keyof Omit<RunKpiValuesFragment, '__typename'> & PresentedKpi;

export const KPI_FIELDS = Object.keys(KPI_PRESENTATION) as KpiField[];

export const DEFAULT_KPI_COLUMNS: KpiField[] = ['totalCostEur', 'totalCo2Kg', 'renewableFraction', 'selfSufficiencyRate', 'gridImportKwh'];

/** Which way a KPI improves (the Pareto front and "best" use it); null: neither. */
export const KPI_BETTER: Record<KpiField, 'lower' | 'higher' | null> = {
  totalCostEur: 'lower', operatingCostEur: 'lower', capexEur: 'lower', totalCo2Kg: 'lower', renewableFraction: 'higher',
  totalGenerationKwh: null, totalDemandKwh: null, gridImportKwh: 'lower', gridExportKwh: null, netGridUsageKwh: 'lower',
  selfConsumptionRate: 'higher', selfSufficiencyRate: 'higher', peakGridImportKw: 'lower', curtailmentKwh: 'lower',
  unmetDemandKwh: 'lower', batteryEquivalentCycles: null, lcoeEurPerKwh: 'lower', npvEur: 'higher',
  simplePaybackYears: 'lower', co2ReductionFraction: 'higher',
};

export function kpiLabel(field: KpiField): string {
  return KPI_PRESENTATION[field].label;
}

export function kpiUnit(field: KpiField): string {
  return KPI_PRESENTATION[field].unit;
}

export function isKpiField(name: string): name is KpiField {
  return name in KPI_PRESENTATION;
}

/** totalCo2Kg → TOTAL_CO2_KG (the API's enum spelling, as the server derives it). */
export function orderFieldOf(field: string): RunOrderField {
  return field.replace(/([A-Z])/g, '_$1').toUpperCase() as RunOrderField;
}

export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '—';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e7 || abs < 1e-3)) return value.toExponential(2);
  return value.toLocaleString('en-US', { maximumFractionDigits: abs >= 100 ? 0 : digits });
}

export function formatKpi(field: KpiField, value: number | null | undefined): string {
  return formatNumber(value, KPI_PRESENTATION[field].unit === '0..1' ? 3 : 2);
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  return new Date(value).toISOString().replace('T', ' ').slice(0, 19);
}
