// Synthetic run-log rows for benchmarks: studies that sweep PV and battery sizes for a site, with
// KPIs derived from one simple energy balance so they correlate the way real runs do (more PV
// and storage → higher renewable fraction and capex, less grid import and CO2). Shapes, not
// physics: the engine is not involved, only plausible distributions for the query planner.
import { Random } from './random.js';
import type { Kpis } from '../../src/simulation/types.js';

export type RunStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'CRASHED';
export type SolverKind = 'RULE_BASED' | 'OPTIMAL' | 'ROLLING_HORIZON' | 'HYBRID';

/** Column name → PostgreSQL type, in insert order. SQLite stores the same names. */
export const STUDY_COLUMNS = [
  ['id', 'text'],
  ['name', 'text'],
  ['description', 'text'],
  ['createdAt', 'timestamp(3)'],
  ['updatedAt', 'timestamp(3)'],
] as const;

export const RUN_COLUMNS = [
  ['id', 'text'],
  ['studyId', 'text'],
  ['systemName', 'text'],
  ['systemNameLower', 'text'],
  ['createdAt', 'timestamp(3)'],
  ['startedAt', 'timestamp(3)'],
  ['finishedAt', 'timestamp(3)'],
  ['updatedAt', 'timestamp(3)'],
  ['heartbeatAt', 'timestamp(3)'],
  ['status', '"RunStatus"'],
  ['solver', '"SolverKind"'],
  ['objective', 'text'],
  ['timesteps', 'int4'],
  ['timestepHours', 'float8'],
  ['idempotencyKey', 'text'],
  ['totalCostEur', 'float8'],
  ['operatingCostEur', 'float8'],
  ['capexEur', 'float8'],
  ['totalCo2Kg', 'float8'],
  ['renewableFraction', 'float8'],
  ['totalGenerationKwh', 'float8'],
  ['totalDemandKwh', 'float8'],
  ['gridImportKwh', 'float8'],
  ['gridExportKwh', 'float8'],
  ['netGridUsageKwh', 'float8'],
  ['selfConsumptionRate', 'float8'],
  ['selfSufficiencyRate', 'float8'],
  ['peakGridImportKw', 'float8'],
  ['curtailmentKwh', 'float8'],
  ['unmetDemandKwh', 'float8'],
  ['batteryEquivalentCycles', 'float8'],
  ['lcoeEurPerKwh', 'float8'],
  ['npvEur', 'float8'],
  ['simplePaybackYears', 'float8'],
  ['co2ReductionFraction', 'float8'],
  ['solveStatus', 'text'],
  ['solverMessage', 'text'],
  ['objectiveValue', 'float8'],
  ['solveMs', 'float8'],
  ['variableCount', 'int4'],
  ['constraintCount', 'int4'],
  ['iterationCount', 'int4'],
  ['mipGap', 'float8'],
  ['engineVersion', 'text'],
  ['errorCode', 'text'],
  ['errorMessage', 'text'],
  ['inputJson', 'text'],
  ['optionsJson', 'text'],
  ['tagsJson', 'text'],
  ['metadataJson', 'text'],
  ['warningsJson', 'text'],
] as const;

export const TAG_COLUMNS = [
  ['runId', 'text'],
  ['tag', 'text'],
  ['tagLower', 'text'],
] as const;

export type Cell = string | number | Date | null;
/** One row's values in the order of its *_COLUMNS list. */
export type Row = Cell[];

export interface SyntheticStudy {
  row: Row;
  id: string;
  profile: SiteProfile;
  createdAt: Date;
}

interface SiteProfile {
  kind: string;
  annualDemandKwh: number;
  pvYieldKwhPerKwp: number;
  importPriceEurPerKwh: number;
  exportPriceEurPerKwh: number;
  gridCo2KgPerKwh: number;
  pvCapexEurPerKwp: number;
  batteryCapexEurPerKwh: number;
  tags: string[];
  /** Relative number of runs: real studies range from a handful of variants to big sweeps. */
  weight: number;
}

const SITE_KINDS: ReadonlyArray<readonly [string, number]> = [
  ['Single-family home', 4_500],
  ['Apartment block', 60_000],
  ['Dairy farm', 120_000],
  ['School campus', 250_000],
  ['Data room', 300_000],
  ['Office park', 400_000],
  ['Supermarket', 600_000],
  ['Village microgrid', 800_000],
  ['Cold store', 900_000],
  ['Hospital wing', 1_500_000],
];

const SWEEP_TAGS = ['PV-sweep', 'battery-sweep', 'tariff-2027', 'winter-peak', 'retrofit', 'baseline', 'heat-pump', 'sensitivity'];
const COMMON_TAGS = ['draft', 'review', 'final', 'v2'];
const AUTHORS = ['alice', 'bob', 'chen', 'dana', 'emre', 'fatima'];
const FAILURES: ReadonlyArray<readonly [string, string, string]> = [
  ['INFEASIBLE', 'INFEASIBLE', 'Demand cannot be met: grid maxImportKw 40 is below peak demand 57.3 kW'],
  ['TIME_LIMIT', 'TIME_LIMIT', 'No feasible solution within timeLimitSeconds = 60'],
  ['INVALID_CONFIG', 'ERROR', 'components[2].energyKwh: must be greater than 0'],
  ['SOLVER_ERROR', 'ERROR', 'HiGHS returned status Error after presolve'],
];

const ENGINE_VERSION = '0.1.0';
const DAY_MS = 86_400_000;
const CAPITAL_RECOVERY_FACTOR = 0.0802; // 5 %, 20 years
const ANNUITY_FACTOR = 12.46; // 5 %, 20 years

export function syntheticStudy(rng: Random, index: number, now: Date): SyntheticStudy {
  const [kind, baseDemandKwh] = SITE_KINDS[index % SITE_KINDS.length];
  const latitudeFactor = rng.uniform(0.85, 1.15);
  const profile: SiteProfile = {
    kind,
    annualDemandKwh: rng.logNormal(baseDemandKwh, 0.3),
    pvYieldKwhPerKwp: 1000 * latitudeFactor,
    importPriceEurPerKwh: rng.uniform(0.18, 0.38),
    exportPriceEurPerKwh: rng.uniform(0.05, 0.09),
    gridCo2KgPerKwh: rng.uniform(0.25, 0.55),
    pvCapexEurPerKwp: rng.uniform(750, 1150),
    batteryCapexEurPerKwh: rng.uniform(300, 520),
    tags: [rng.pick(SWEEP_TAGS), rng.pick(SWEEP_TAGS), rng.pick(COMMON_TAGS)],
    weight: rng.logNormal(1, 0.8),
  };
  const createdAt = new Date(now.getTime() - rng.uniform(60, 420) * DAY_MS);
  const id = rng.uuid();
  const name = `${kind} ${index + 1}`;
  const description = `PV and battery sizing for ${kind.toLowerCase()} #${index + 1}`;
  return { id, profile, createdAt, row: [id, name, description, createdAt, createdAt] };
}

export interface SyntheticRun {
  row: Row;
  tags: Row[];
}

/**
 * One run of `study` (or an ad-hoc run without a study when `study` is null, which then
 * borrows `site` for its physics).
 */
export function syntheticRun(rng: Random, study: SyntheticStudy | null, site: SyntheticStudy, now: Date): SyntheticRun {
  const p = site.profile;
  const id = rng.uuid();
  const status = rng.weighted<RunStatus>([
    ['COMPLETED', 92.5],
    ['FAILED', 5],
    ['RUNNING', 1.5],
    ['CANCELLED', 0.5],
    ['CRASHED', 0.3],
    ['QUEUED', 0.2],
  ]);
  const solver = rng.weighted<SolverKind>([
    ['RULE_BASED', 40],
    ['OPTIMAL', 30],
    ['ROLLING_HORIZON', 20],
    ['HYBRID', 10],
  ]);
  const objective = rng.weighted([
    ['COST', 70],
    ['CO2', 15],
    ['WEIGHTED', 10],
    ['GRID_EXCHANGE', 5],
  ] as const);
  const timesteps = rng.weighted([
    [8760, 85],
    [720, 10],
    [168, 5],
  ] as const);
  const horizonShare = timesteps / 8760;

  // Sweep variables: PV size per MWh of annual demand, battery size per day of demand.
  const pvKwpPerMwh = rng.uniform(0, 1.6);
  const batteryDaysOfDemand = rng.uniform(0, 1.5);
  const demandKwh = p.annualDemandKwh * rng.uniform(0.97, 1.03) * horizonShare;
  const pvKwp = (pvKwpPerMwh * p.annualDemandKwh) / 1000;
  const batteryKwh = (batteryDaysOfDemand * p.annualDemandKwh) / 365;
  const systemName = `${site.profile.kind} – PV ${Math.round(pvKwp)} kWp + battery ${Math.round(batteryKwh)} kWh`;

  const lifetimeMs = status === 'RUNNING' || status === 'QUEUED' ? rng.uniform(0, 2 * 3_600_000) : null;
  const createdAt =
    lifetimeMs === null
      ? new Date(Math.min(now.getTime() - 3_600_000, site.createdAt.getTime() + rng.uniform(0, 60) * DAY_MS))
      : new Date(now.getTime() - lifetimeMs);
  const solveMs = solveTimeMs(rng, solver, timesteps);
  const startedAt = status === 'QUEUED' ? null : new Date(createdAt.getTime() + rng.uniform(5, 200));
  const finishedAt =
    status === 'COMPLETED' || status === 'FAILED' || status === 'CANCELLED'
      ? new Date((startedAt ?? createdAt).getTime() + solveMs + rng.uniform(5, 80))
      : null;
  const heartbeatAt = status === 'QUEUED' ? null : finishedAt ?? new Date(now.getTime() - rng.uniform(0, 20_000));
  const updatedAt = finishedAt ?? heartbeatAt ?? createdAt;

  const tags = pickTags(rng, p.tags);
  const inputJson = JSON.stringify(systemConfig(rng, systemName, timesteps, p, pvKwp, batteryKwh));
  const optionsJson = JSON.stringify({
    solver,
    objective,
    forbidSimultaneous: solver === 'OPTIMAL' && rng.next() < 0.3,
    timeLimitSeconds: 60,
    mipRelGap: 0.001,
    commitHours: 24,
    lookaheadHours: 48,
    unmetDemandPenaltyEurPerKwh: 10,
  });
  const metadataJson = rng.next() < 0.3 ? JSON.stringify({ author: rng.pick(AUTHORS), ticket: `ECO-${rng.int(100, 999)}` }) : '{}';
  const idempotencyKey = rng.next() < 0.3 ? `req-${rng.uuid()}` : null;

  const kpis = status === 'COMPLETED' ? completedKpis(rng, solver, p, demandKwh, horizonShare, pvKwp, batteryKwh) : null;
  const failure = status === 'FAILED' ? rng.pick(FAILURES) : null;
  const variables = timesteps * (solver === 'RULE_BASED' ? 0 : 7);
  const hasStats = status === 'COMPLETED' || status === 'FAILED';
  const solveStatus = status === 'COMPLETED' ? (solver === 'RULE_BASED' ? 'FEASIBLE' : 'OPTIMAL') : failure?.[1] ?? null;
  const warnings = kpis && batteryKwh > 0 && rng.next() < 0.05 ? ['battery never reached socMax'] : [];

  const row: Row = [
    id,
    study?.id ?? null,
    systemName,
    systemName.toLowerCase(),
    createdAt,
    startedAt,
    finishedAt,
    updatedAt,
    heartbeatAt,
    status,
    solver,
    objective,
    timesteps,
    1,
    idempotencyKey,
    kpis?.totalCostEur ?? null,
    kpis?.operatingCostEur ?? null,
    kpis?.capexEur ?? null,
    kpis?.totalCo2Kg ?? null,
    kpis?.renewableFraction ?? null,
    kpis?.totalGenerationKwh ?? null,
    kpis?.totalDemandKwh ?? null,
    kpis?.gridImportKwh ?? null,
    kpis?.gridExportKwh ?? null,
    kpis?.netGridUsageKwh ?? null,
    kpis?.selfConsumptionRate ?? null,
    kpis?.selfSufficiencyRate ?? null,
    kpis?.peakGridImportKw ?? null,
    kpis?.curtailmentKwh ?? null,
    kpis?.unmetDemandKwh ?? null,
    kpis?.batteryEquivalentCycles ?? null,
    kpis?.lcoeEurPerKwh ?? null,
    kpis?.npvEur ?? null,
    kpis?.simplePaybackYears ?? null,
    kpis?.co2ReductionFraction ?? null,
    hasStats ? solveStatus : null,
    hasStats ? (failure ? failure[2] : 'ok') : null,
    kpis ? kpis.totalCostEur * rng.uniform(0.98, 1.0) : null,
    hasStats ? solveMs : null,
    hasStats ? variables : null,
    hasStats ? Math.round(variables * 0.7) : null,
    hasStats ? (solver === 'RULE_BASED' ? 0 : rng.int(500, 40_000)) : null,
    hasStats && solver === 'OPTIMAL' ? rng.uniform(0, 0.001) : null,
    ENGINE_VERSION,
    failure?.[0] ?? (status === 'CRASHED' ? 'WORKER_CRASHED' : status === 'CANCELLED' ? 'CANCELLED' : null),
    failure?.[2] ?? (status === 'CRASHED' ? 'Worker exited with code 134' : status === 'CANCELLED' ? 'Cancelled by user' : null),
    inputJson,
    optionsJson,
    JSON.stringify(tags),
    metadataJson,
    JSON.stringify(warnings),
  ];
  return { row, tags: tags.map((tag) => [id, tag, tag.toLowerCase()]) };
}

/** Synthetic KPIs have exactly the engine's shape, so seeded rows look like real runs. */
type SyntheticKpis = Kpis;

function completedKpis(
  rng: Random,
  solver: SolverKind,
  p: SiteProfile,
  demandKwh: number,
  horizonShare: number,
  pvKwp: number,
  batteryKwh: number,
): SyntheticKpis {
  const generationKwh = pvKwp * p.pvYieldKwhPerKwp * horizonShare * rng.uniform(0.95, 1.05);
  const generationPerDemand = generationKwh / demandKwh;
  const batteryDays = (batteryKwh * 365) / p.annualDemandKwh;
  // Without storage, PV covers at most about a third of a load that peaks in the evening;
  // storage lifts that ceiling until about one day of demand is stored.
  const ceiling = Math.min(0.97, 0.35 + 0.6 * Math.min(batteryDays, 1) + 0.1 * Math.min(Math.max(batteryDays - 1, 0), 0.5));
  const dispatchQuality = { OPTIMAL: 1, HYBRID: 0.99, ROLLING_HORIZON: 0.985, RULE_BASED: 0.96 }[solver];
  const selfSufficiency = clamp01(ceiling * (1 - Math.exp(-2.2 * generationPerDemand)) * dispatchQuality + rng.normal(0, 0.01));
  const selfUsedKwh = Math.min(selfSufficiency * demandKwh, generationKwh);
  const curtailmentKwh = Math.max(0, generationKwh - selfUsedKwh) * rng.uniform(0, 0.03);
  const gridExportKwh = Math.max(0, generationKwh - selfUsedKwh - curtailmentKwh);
  const gridImportKwh = demandKwh - selfUsedKwh;
  const capexEur = pvKwp * p.pvCapexEurPerKwp + batteryKwh * p.batteryCapexEurPerKwh;
  const fixedOmEur = (pvKwp * 15 + batteryKwh * 5) * horizonShare;
  const operatingCostEur = gridImportKwh * p.importPriceEurPerKwh - gridExportKwh * p.exportPriceEurPerKwh + fixedOmEur;
  const annualisedCapexEur = capexEur * CAPITAL_RECOVERY_FACTOR * horizonShare;
  const embodiedKgCo2PerYear = (pvKwp * 600) / 25 + (batteryKwh * 80) / 15;
  const totalCo2Kg = gridImportKwh * p.gridCo2KgPerKwh + embodiedKgCo2PerYear * horizonShare;
  const baselineCostEur = demandKwh * p.importPriceEurPerKwh;
  const baselineCo2Kg = demandKwh * p.gridCo2KgPerKwh;
  const annualSavingsEur = (baselineCostEur - operatingCostEur) / horizonShare;
  const averageLoadKw = demandKwh / (8760 * horizonShare);
  return {
    totalCostEur: annualisedCapexEur + operatingCostEur,
    operatingCostEur,
    capexEur,
    totalCo2Kg,
    renewableFraction: selfSufficiency,
    totalGenerationKwh: generationKwh,
    totalDemandKwh: demandKwh,
    gridImportKwh,
    gridExportKwh,
    netGridUsageKwh: gridImportKwh - gridExportKwh,
    selfConsumptionRate: generationKwh > 0 ? clamp01(selfUsedKwh / generationKwh) : 0,
    selfSufficiencyRate: selfSufficiency,
    peakGridImportKw: averageLoadKw * rng.uniform(2.5, 4) * (1 - 0.35 * Math.min(batteryDays, 1)),
    curtailmentKwh,
    unmetDemandKwh: rng.next() < 0.02 ? demandKwh * rng.uniform(0, 0.002) : 0,
    batteryEquivalentCycles: batteryKwh > 0 ? Math.min(365, ((selfUsedKwh * 0.4) / batteryKwh) * rng.uniform(0.8, 1.1)) : 0,
    lcoeEurPerKwh: generationKwh > 0 ? (annualisedCapexEur + fixedOmEur) / generationKwh : null,
    npvEur: capexEur > 0 ? annualSavingsEur * ANNUITY_FACTOR - capexEur : null,
    simplePaybackYears: capexEur > 0 && annualSavingsEur > 0 ? capexEur / annualSavingsEur : null,
    co2ReductionFraction: baselineCo2Kg > 0 ? 1 - totalCo2Kg / baselineCo2Kg : null,
  };
}

function solveTimeMs(rng: Random, solver: SolverKind, timesteps: number): number {
  const scale = timesteps / 8760;
  const medianMs = { RULE_BASED: 15, OPTIMAL: 700, ROLLING_HORIZON: 1800, HYBRID: 2400 }[solver];
  return Math.max(0.5, rng.logNormal(medianMs * Math.max(scale, 0.05), 0.5));
}

function pickTags(rng: Random, studyTags: string[]): string[] {
  const tags = new Set<string>();
  const count = rng.weighted([
    [0, 25],
    [1, 40],
    [2, 25],
    [3, 10],
  ] as const);
  for (let i = 0; i < count; i++) tags.add(rng.next() < 0.8 ? rng.pick(studyTags) : rng.pick(COMMON_TAGS));
  return [...tags];
}

/** A config shaped like SystemConfig, so inputJson has a realistic size (~1 kB) and shape. */
function systemConfig(rng: Random, name: string, timesteps: number, p: SiteProfile, pvKwp: number, batteryKwh: number) {
  return {
    name,
    horizon: { timesteps, timestepHours: 1, startDayOfYear: 1 },
    location: { latitudeDeg: round(rng.uniform(44, 58), 2), longitudeDeg: round(rng.uniform(-4, 24), 2) },
    seed: rng.int(1, 1000),
    discountRate: 0.05,
    components: [
      { id: 'grid', kind: 'GRID', importPriceEurPerKwh: { constant: round(p.importPriceEurPerKwh, 4) }, exportPriceEurPerKwh: { constant: round(p.exportPriceEurPerKwh, 4) }, co2KgPerKwh: { constant: round(p.gridCo2KgPerKwh, 3) } },
      { id: 'load', kind: 'ELECTRIC_DEMAND', annualEnergyKwh: Math.round(p.annualDemandKwh), profile: { generator: 'COMMERCIAL_ELECTRIC' } },
      { id: 'pv', kind: 'SOLAR_PV', ratedKw: round(pvKwp, 1), profile: { generator: 'SOLAR' }, capexEurPerKw: Math.round(p.pvCapexEurPerKwp), lifetimeYears: 25, embodiedKgCo2: Math.round(pvKwp * 600) },
      { id: 'battery', kind: 'BATTERY', energyKwh: round(batteryKwh, 1), maxChargeKw: round(batteryKwh / 2, 1), maxDischargeKw: round(batteryKwh / 2, 1), chargeEfficiency: 0.95, dischargeEfficiency: 0.95, capexEurPerKwh: Math.round(p.batteryCapexEurPerKwh), lifetimeYears: 15 },
    ],
    connections: [
      { from: 'grid', to: 'load', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'load', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'battery', medium: 'ELECTRICITY' },
      { from: 'battery', to: 'load', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'grid', medium: 'ELECTRICITY' },
    ],
  };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
