/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** One component: its kind and that kind's parameters (see docs/components.md for units and defaults). */
export type ComponentInput = {
  /** Parameter of HEAT_PUMP. */
  ambientTemperature?: ProfileInput | null | undefined;
  /** Parameter of ELECTRIC_DEMAND, HEAT_DEMAND. */
  annualKwh?: number | null | undefined;
  /** Economics: accepted by every kind. */
  capexEurPerKw?: number | null | undefined;
  /** Economics: accepted by every kind. */
  capexEurPerKwh?: number | null | undefined;
  /** Parameter of HEAT_PUMP. */
  carnotEfficiency?: number | null | undefined;
  /** Parameter of BATTERY, THERMAL_STORAGE. */
  chargeEfficiency?: number | null | undefined;
  /** Parameter of GRID. */
  co2KgPerKwh?: ProfileInput | null | undefined;
  /** Parameter of HEAT_PUMP. */
  cop?: number | null | undefined;
  /** Parameter of HEAT_PUMP. */
  copMax?: number | null | undefined;
  /** Parameter of SOLAR_PV, WIND_TURBINE. */
  curtailable?: boolean | null | undefined;
  /** Parameter of WIND_TURBINE. */
  cutInMs?: number | null | undefined;
  /** Parameter of WIND_TURBINE. */
  cutOutMs?: number | null | undefined;
  /** Parameter of BATTERY, THERMAL_STORAGE. */
  dischargeEfficiency?: number | null | undefined;
  /** Parameter of ELECTRIC_BOILER. */
  efficiency?: number | null | undefined;
  /** Economics: accepted by every kind. */
  embodiedKgCo2?: number | null | undefined;
  /** Parameter of BATTERY, THERMAL_STORAGE. */
  energyKwh?: number | null | undefined;
  /** Parameter of ELECTRIC_DEMAND, HEAT_DEMAND. */
  energyKwhPerStep?: Array<number> | null | undefined;
  /** Parameter of GRID. */
  exportPriceEurPerKwh?: ProfileInput | null | undefined;
  /** Economics: accepted by every kind. */
  fixedOmEurPerYear?: number | null | undefined;
  id: string;
  /** Parameter of GRID. */
  importPriceEurPerKwh?: ProfileInput | null | undefined;
  /** Parameter of BATTERY, THERMAL_STORAGE. */
  initialSoc?: number | null | undefined;
  /** Parameter of SOLAR_PV. */
  inverterEfficiency?: number | null | undefined;
  kind: ComponentKind;
  /** Economics: accepted by every kind. */
  lifetimeYears?: number | null | undefined;
  /** Parameter of THERMAL_STORAGE. */
  lossPerHour?: number | null | undefined;
  /** Parameter of BATTERY, THERMAL_STORAGE. */
  maxChargeKw?: number | null | undefined;
  /** Parameter of BATTERY, THERMAL_STORAGE. */
  maxDischargeKw?: number | null | undefined;
  /** Parameter of GRID. */
  maxExportKw?: number | null | undefined;
  /** Parameter of HEAT_PUMP, ELECTRIC_BOILER. */
  maxHeatKw?: number | null | undefined;
  /** Parameter of GRID. */
  maxImportKw?: number | null | undefined;
  /** Parameter of BATTERY, THERMAL_STORAGE. */
  minEndSoc?: number | null | undefined;
  /** Parameter of SOLAR_PV, ELECTRIC_DEMAND, HEAT_DEMAND. */
  peakKw?: number | null | undefined;
  /** Parameter of SOLAR_PV, ELECTRIC_DEMAND, HEAT_DEMAND. */
  profile?: ProfileInput | null | undefined;
  /** Parameter of WIND_TURBINE. */
  ratedKw?: number | null | undefined;
  /** Parameter of WIND_TURBINE. */
  ratedMs?: number | null | undefined;
  /** Parameter of BATTERY. */
  selfDischargePerHour?: number | null | undefined;
  /** Parameter of BATTERY, THERMAL_STORAGE. */
  socMax?: number | null | undefined;
  /** Parameter of BATTERY, THERMAL_STORAGE. */
  socMin?: number | null | undefined;
  /** Parameter of HEAT_PUMP. */
  supplyTemperatureC?: number | null | undefined;
  /** Parameter of BATTERY, THERMAL_STORAGE. */
  terminalCondition?: TerminalCondition | null | undefined;
  /** Economics: accepted by every kind. */
  variableOmEurPerKwh?: number | null | undefined;
  /** Parameter of WIND_TURBINE. */
  windSpeed?: ProfileInput | null | undefined;
};

export type ComponentKind =
  | 'BATTERY'
  | 'ELECTRIC_BOILER'
  | 'ELECTRIC_DEMAND'
  | 'GRID'
  | 'HEAT_DEMAND'
  | 'HEAT_PUMP'
  | 'SOLAR_PV'
  | 'THERMAL_STORAGE'
  | 'WIND_TURBINE';

export type ConnectionInput = {
  /** Component id. */
  from: string;
  medium: Medium;
  /** Component id. */
  to: string;
};

/** Conditions on a DateTime column, all of which must hold. A run whose column is null matches only isNull: true. */
export type DateTimeFilter = {
  /** Equal to. */
  eq?: string | null | undefined;
  /** Greater than. */
  gt?: string | null | undefined;
  /** Greater than or equal to. */
  gte?: string | null | undefined;
  /** One of these values. */
  in?: Array<string> | null | undefined;
  /** true: only runs without a value; false: only runs with one. */
  isNull?: boolean | null | undefined;
  /** Less than. */
  lt?: string | null | undefined;
  /** Less than or equal to. */
  lte?: string | null | undefined;
  /** Different from (runs without a value never match). */
  ne?: string | null | undefined;
  /** None of these values (runs without a value never match). */
  notIn?: Array<string> | null | undefined;
};

/** Conditions on a Float column, all of which must hold. A run whose column is null matches only isNull: true. */
export type FloatFilter = {
  /** Equal to. */
  eq?: number | null | undefined;
  /** Greater than. */
  gt?: number | null | undefined;
  /** Greater than or equal to. */
  gte?: number | null | undefined;
  /** One of these values. */
  in?: Array<number> | null | undefined;
  /** true: only runs without a value; false: only runs with one. */
  isNull?: boolean | null | undefined;
  /** Less than. */
  lt?: number | null | undefined;
  /** Less than or equal to. */
  lte?: number | null | undefined;
  /** Different from (runs without a value never match). */
  ne?: number | null | undefined;
  /** None of these values (runs without a value never match). */
  notIn?: Array<number> | null | undefined;
};

export type HorizonInput = {
  /** Day of year (1..365) of the first step, for generators. Default 1. */
  startDayOfYear?: number | null | undefined;
  /** Default 1. */
  timestepHours?: number | null | undefined;
  /** Default 8760. */
  timesteps?: number | null | undefined;
};

/** Conditions on a Int column, all of which must hold. A run whose column is null matches only isNull: true. */
export type IntFilter = {
  /** Equal to. */
  eq?: number | null | undefined;
  /** Greater than. */
  gt?: number | null | undefined;
  /** Greater than or equal to. */
  gte?: number | null | undefined;
  /** One of these values. */
  in?: Array<number> | null | undefined;
  /** true: only runs without a value; false: only runs with one. */
  isNull?: boolean | null | undefined;
  /** Less than. */
  lt?: number | null | undefined;
  /** Less than or equal to. */
  lte?: number | null | undefined;
  /** Different from (runs without a value never match). */
  ne?: number | null | undefined;
  /** None of these values (runs without a value never match). */
  notIn?: Array<number> | null | undefined;
};

/** A KPI of a run (units in the SimulationRun.kpis field names). */
export type KpiField =
  | 'BATTERY_EQUIVALENT_CYCLES'
  | 'CAPEX_EUR'
  | 'CO2_REDUCTION_FRACTION'
  | 'CURTAILMENT_KWH'
  | 'GRID_EXPORT_KWH'
  | 'GRID_IMPORT_KWH'
  | 'LCOE_EUR_PER_KWH'
  | 'NET_GRID_USAGE_KWH'
  | 'NPV_EUR'
  | 'OPERATING_COST_EUR'
  | 'PEAK_GRID_IMPORT_KW'
  | 'RENEWABLE_FRACTION'
  | 'SELF_CONSUMPTION_RATE'
  | 'SELF_SUFFICIENCY_RATE'
  | 'SIMPLE_PAYBACK_YEARS'
  | 'TOTAL_CO2_KG'
  | 'TOTAL_COST_EUR'
  | 'TOTAL_DEMAND_KWH'
  | 'TOTAL_GENERATION_KWH'
  | 'UNMET_DEMAND_KWH';

export type LocationInput = {
  /** Default 52. */
  latitudeDeg?: number | null | undefined;
  /** Default 13. */
  longitudeDeg?: number | null | undefined;
};

export type Medium =
  | 'ELECTRICITY'
  | 'HEAT';

/** Where runs without a value (e.g. the KPIs of a failed run) go. */
export type NullsOrder =
  | 'FIRST'
  | 'LAST';

export type ObjectiveKind =
  | 'CO2'
  | 'COST'
  | 'GRID_EXCHANGE'
  | 'WEIGHTED';

export type ObjectiveWeightsInput = {
  co2Kg?: number | null | undefined;
  costEur?: number | null | undefined;
  gridExchangeKwh?: number | null | undefined;
};

/** A study-trial parameter value of the run (SimulationRun.parameters), by key "component.field". */
export type ParameterFilter = {
  key: string;
  value: FloatFilter;
};

export type ParetoDirection =
  | 'MAX'
  | 'MIN';

/** EXACT: one value per step; REPEAT: tile the values over the horizon; RESAMPLE: values are at valuesTimestepHours. */
export type ProfileFit =
  | 'EXACT'
  | 'REPEAT'
  | 'RESAMPLE';

export type ProfileGenerator =
  | 'AMBIENT_TEMPERATURE'
  | 'COMMERCIAL_ELECTRIC'
  | 'COMMERCIAL_HEAT'
  | 'RESIDENTIAL_ELECTRIC'
  | 'RESIDENTIAL_HEAT'
  | 'SOLAR'
  | 'WIND_SPEED';

/** A time series: exactly one of constant, values or generator. */
export type ProfileInput = {
  constant?: number | null | undefined;
  fit?: ProfileFit | null | undefined;
  /** A built-in, seeded generator. */
  generator?: ProfileGenerator | null | undefined;
  /** Generator seed (default: the system seed). Integer 0..4294967295 (a Float because GraphQL Int is 32-bit signed). */
  seed?: number | null | undefined;
  /** One value per valuesTimestepHours (default: the horizon's step). */
  values?: Array<number> | null | undefined;
  valuesTimestepHours?: number | null | undefined;
};

/** Which runs: every condition given must hold. KPI and numeric columns take FloatFilter / IntFilter, timestamps DateTimeFilter. A run without a value (e.g. the KPIs of a FAILED run) matches only isNull: true — also under `not`. */
export type RunFilter = {
  /** All of these. */
  and?: Array<RunFilter> | null | undefined;
  batteryEquivalentCycles?: FloatFilter | null | undefined;
  capexEur?: FloatFilter | null | undefined;
  co2ReductionFraction?: FloatFilter | null | undefined;
  constraintCount?: IntFilter | null | undefined;
  createdAt?: DateTimeFilter | null | undefined;
  curtailmentKwh?: FloatFilter | null | undefined;
  finishedAt?: DateTimeFilter | null | undefined;
  gridExportKwh?: FloatFilter | null | undefined;
  gridImportKwh?: FloatFilter | null | undefined;
  heartbeatAt?: DateTimeFilter | null | undefined;
  iterationCount?: IntFilter | null | undefined;
  lcoeEurPerKwh?: FloatFilter | null | undefined;
  mipGap?: FloatFilter | null | undefined;
  netGridUsageKwh?: FloatFilter | null | undefined;
  /** Not this. */
  not?: RunFilter | null | undefined;
  npvEur?: FloatFilter | null | undefined;
  objectiveValue?: FloatFilter | null | undefined;
  operatingCostEur?: FloatFilter | null | undefined;
  /** At least one of these. */
  or?: Array<RunFilter> | null | undefined;
  /** Runs with this parameter set to a matching value (runs without it do not match). */
  parameter?: ParameterFilter | null | undefined;
  peakGridImportKw?: FloatFilter | null | undefined;
  renewableFraction?: FloatFilter | null | undefined;
  selfConsumptionRate?: FloatFilter | null | undefined;
  selfSufficiencyRate?: FloatFilter | null | undefined;
  simplePaybackYears?: FloatFilter | null | undefined;
  solveMs?: FloatFilter | null | undefined;
  solver?: SolverKindFilter | null | undefined;
  startedAt?: DateTimeFilter | null | undefined;
  status?: RunStatusFilter | null | undefined;
  studyId?: StudyIdFilter | null | undefined;
  /** The system name (case-insensitive). */
  systemName?: TextFilter | null | undefined;
  /** Matches a run if ANY of its tags matches (case-insensitive). */
  tags?: TextFilter | null | undefined;
  timestepHours?: FloatFilter | null | undefined;
  timesteps?: IntFilter | null | undefined;
  totalCo2Kg?: FloatFilter | null | undefined;
  totalCostEur?: FloatFilter | null | undefined;
  totalDemandKwh?: FloatFilter | null | undefined;
  totalGenerationKwh?: FloatFilter | null | undefined;
  unmetDemandKwh?: FloatFilter | null | undefined;
  updatedAt?: DateTimeFilter | null | undefined;
  variableCount?: IntFilter | null | undefined;
};

export type RunOrder = {
  direction?: SortDirection | null | undefined;
  /** A run column; give exactly one of field and parameter. */
  field?: RunOrderField | null | undefined;
  /** Where runs without a value go; LAST by default in both directions. */
  nulls?: NullsOrder | null | undefined;
  /** A study-trial parameter key ("battery.energyKwh", SimulationRun.parameters): runs without it sort as nulls. */
  parameter?: string | null | undefined;
};

/** Sortable run columns. SYSTEM_NAME sorts case-insensitively. */
export type RunOrderField =
  | 'BATTERY_EQUIVALENT_CYCLES'
  | 'CAPEX_EUR'
  | 'CO2_REDUCTION_FRACTION'
  | 'CONSTRAINT_COUNT'
  | 'CREATED_AT'
  | 'CURTAILMENT_KWH'
  | 'FINISHED_AT'
  | 'GRID_EXPORT_KWH'
  | 'GRID_IMPORT_KWH'
  | 'HEARTBEAT_AT'
  | 'ITERATION_COUNT'
  | 'LCOE_EUR_PER_KWH'
  | 'MIP_GAP'
  | 'NET_GRID_USAGE_KWH'
  | 'NPV_EUR'
  | 'OBJECTIVE_VALUE'
  | 'OPERATING_COST_EUR'
  | 'PEAK_GRID_IMPORT_KW'
  | 'RENEWABLE_FRACTION'
  | 'SELF_CONSUMPTION_RATE'
  | 'SELF_SUFFICIENCY_RATE'
  | 'SIMPLE_PAYBACK_YEARS'
  | 'SOLVE_MS'
  | 'STARTED_AT'
  | 'SYSTEM_NAME'
  | 'TIMESTEPS'
  | 'TIMESTEP_HOURS'
  | 'TOTAL_CO2_KG'
  | 'TOTAL_COST_EUR'
  | 'TOTAL_DEMAND_KWH'
  | 'TOTAL_GENERATION_KWH'
  | 'UNMET_DEMAND_KWH'
  | 'UPDATED_AT'
  | 'VARIABLE_COUNT';

export type RunSimulationInput = {
  /** A retry with the same key returns the first run instead of running again. */
  idempotencyKey?: string | null | undefined;
  /** Free-form JSON object stored with the run. */
  metadata?: unknown;
  options?: SolverOptionsInput | null | undefined;
  /** The Study to file the run under. */
  studyId?: string | number | null | undefined;
  system: SystemInput;
  tags?: Array<string> | null | undefined;
};

/** QUEUED → RUNNING → COMPLETED | FAILED | CANCELLED; CRASHED: the process died mid-run. */
export type RunStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'CRASHED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING';

export type RunStatusFilter = {
  eq?: RunStatus | null | undefined;
  in?: Array<RunStatus> | null | undefined;
  notIn?: Array<RunStatus> | null | undefined;
};

export type SeriesKind =
  | 'CURTAILMENT'
  | 'FLOW'
  | 'STORAGE_LEVEL'
  | 'UNMET_DEMAND';

/** HOUR, DAY or calendar MONTH means; a resolution finer than the run's step returns the steps. */
export type SeriesResolution =
  | 'DAY'
  | 'HOUR'
  | 'MONTH';

export type SolverKind =
  | 'HYBRID'
  | 'OPTIMAL'
  | 'ROLLING_HORIZON'
  | 'RULE_BASED';

export type SolverKindFilter = {
  eq?: SolverKind | null | undefined;
  in?: Array<SolverKind> | null | undefined;
  notIn?: Array<SolverKind> | null | undefined;
};

export type SolverOptionsInput = {
  /** Rolling horizon: hours committed per window. */
  commitHours?: number | null | undefined;
  /** MILP: forbid simultaneous charge/discharge and import/export. */
  forbidSimultaneous?: boolean | null | undefined;
  /** Rolling horizon: total window, hours. */
  lookaheadHours?: number | null | undefined;
  mipRelGap?: number | null | undefined;
  /** Default COST. */
  objective?: ObjectiveKind | null | undefined;
  /** Default RULE_BASED. */
  solver?: SolverKind | null | undefined;
  timeLimitSeconds?: number | null | undefined;
  unmetDemandPenaltyEurPerKwh?: number | null | undefined;
  /** For objective WEIGHTED. */
  weights?: ObjectiveWeightsInput | null | undefined;
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type StudyIdFilter = {
  /** A Study id. */
  eq?: string | number | null | undefined;
  in?: Array<string | number> | null | undefined;
  /** true: only runs without a study. */
  isNull?: boolean | null | undefined;
  /** Runs of none of these studies (runs without a study never match). */
  notIn?: Array<string | number> | null | undefined;
};

export type StudyKind =
  | 'MONTE_CARLO'
  | 'PARAMETRIC'
  | 'PARETO'
  | 'SIZING';

/** FAILED: the sizing LP of a SIZING / PARETO study found no design (the server log says why). */
export type StudyStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'RUNNING';

export type SystemInput = {
  components: Array<ComponentInput>;
  connections: Array<ConnectionInput>;
  /** For annualising capex. Default 0.05. */
  discountRate?: number | null | undefined;
  horizon?: HorizonInput | null | undefined;
  location?: LocationInput | null | undefined;
  name: string;
  /** Seed of every built-in generator without its own. Default 42. Integer 0..4294967295 (a Float because GraphQL Int is 32-bit signed). */
  seed?: number | null | undefined;
};

export type TerminalCondition =
  | 'CYCLIC'
  | 'FREE'
  | 'MIN_END_SOC';

/** Case-insensitive text conditions, all of which must hold. */
export type TextFilter = {
  contains?: string | null | undefined;
  eq?: string | null | undefined;
  in?: Array<string> | null | undefined;
  startsWith?: string | null | undefined;
};

export type ExplorerCompareQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type ExplorerCompareQuery = { nodes: Array<
    | { objective: string, timesteps: number, timestepHours: number, system: unknown, options: unknown, id: string, databaseId: string, systemName: string, status: RunStatus, solver: SolverKind, createdAt: string, finishedAt: string | null, durationMs: number | null, tags: Array<string>, errorCode: string | null, study: { id: string, name: string } | null, kpis: { totalCostEur: number | null, operatingCostEur: number | null, capexEur: number | null, totalCo2Kg: number | null, renewableFraction: number | null, totalGenerationKwh: number | null, totalDemandKwh: number | null, gridImportKwh: number | null, gridExportKwh: number | null, netGridUsageKwh: number | null, selfConsumptionRate: number | null, selfSufficiencyRate: number | null, peakGridImportKw: number | null, curtailmentKwh: number | null, unmetDemandKwh: number | null, batteryEquivalentCycles: number | null, lcoeEurPerKwh: number | null, npvEur: number | null, simplePaybackYears: number | null, co2ReductionFraction: number | null } | null }
    | Record<PropertyKey, never>
   | null> };

export type ExplorerCompareSeriesQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
  resolution: SeriesResolution;
}>;


export type ExplorerCompareSeriesQuery = { nodes: Array<
    | { id: string, systemName: string, series: Array<{ key: string, unit: string, values: Array<number>, periodHours: Array<number> }> | null }
    | Record<PropertyKey, never>
   | null> };

export type ExplorerRunQueryVariables = Exact<{
  id: string | number;
}>;


export type ExplorerRunQuery = { run: { objective: string, timesteps: number, timestepHours: number, startedAt: string | null, engineVersion: string, errorMessage: string | null, warnings: Array<string>, system: unknown, options: unknown, metadata: unknown, id: string, databaseId: string, systemName: string, status: RunStatus, solver: SolverKind, createdAt: string, finishedAt: string | null, durationMs: number | null, tags: Array<string>, errorCode: string | null, solverStatistics: { solveStatus: string | null, solverMessage: string | null, objectiveValue: number | null, solveMs: number | null, variableCount: number | null, constraintCount: number | null, iterationCount: number | null, mipGap: number | null } | null, study: { id: string, name: string } | null, kpis: { totalCostEur: number | null, operatingCostEur: number | null, capexEur: number | null, totalCo2Kg: number | null, renewableFraction: number | null, totalGenerationKwh: number | null, totalDemandKwh: number | null, gridImportKwh: number | null, gridExportKwh: number | null, netGridUsageKwh: number | null, selfConsumptionRate: number | null, selfSufficiencyRate: number | null, peakGridImportKw: number | null, curtailmentKwh: number | null, unmetDemandKwh: number | null, batteryEquivalentCycles: number | null, lcoeEurPerKwh: number | null, npvEur: number | null, simplePaybackYears: number | null, co2ReductionFraction: number | null } | null } | null };

export type ExplorerRunSeriesQueryVariables = Exact<{
  id: string | number;
  resolution: SeriesResolution;
}>;


export type ExplorerRunSeriesQuery = { run: { id: string, status: RunStatus, series: Array<{ key: string, kind: SeriesKind, unit: string, componentId: string | null, from: string | null, to: string | null, medium: string | null, values: Array<number>, periodHours: Array<number>, timestepHours: number }> | null } | null };

export type ExplorerRunUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type ExplorerRunUpdatedSubscription = { runUpdated: { runId: string, status: RunStatus, elapsedMs: number | null, run: { id: string, databaseId: string, systemName: string, status: RunStatus, solver: SolverKind, createdAt: string, finishedAt: string | null, durationMs: number | null, tags: Array<string>, errorCode: string | null, study: { id: string, name: string } | null, kpis: { totalCostEur: number | null, operatingCostEur: number | null, capexEur: number | null, totalCo2Kg: number | null, renewableFraction: number | null, totalGenerationKwh: number | null, totalDemandKwh: number | null, gridImportKwh: number | null, gridExportKwh: number | null, netGridUsageKwh: number | null, selfConsumptionRate: number | null, selfSufficiencyRate: number | null, peakGridImportKw: number | null, curtailmentKwh: number | null, unmetDemandKwh: number | null, batteryEquivalentCycles: number | null, lcoeEurPerKwh: number | null, npvEur: number | null, simplePaybackYears: number | null, co2ReductionFraction: number | null } | null } | null } };

export type ExplorerRunUpdatesSubscriptionVariables = Exact<{
  studyId?: string | number | null | undefined;
}>;


export type ExplorerRunUpdatesSubscription = { runsUpdated: { runId: string, status: RunStatus, at: string, elapsedMs: number | null, run: { id: string, databaseId: string, systemName: string, status: RunStatus, solver: SolverKind, createdAt: string, finishedAt: string | null, durationMs: number | null, tags: Array<string>, errorCode: string | null, study: { id: string, name: string } | null, kpis: { totalCostEur: number | null, operatingCostEur: number | null, capexEur: number | null, totalCo2Kg: number | null, renewableFraction: number | null, totalGenerationKwh: number | null, totalDemandKwh: number | null, gridImportKwh: number | null, gridExportKwh: number | null, netGridUsageKwh: number | null, selfConsumptionRate: number | null, selfSufficiencyRate: number | null, peakGridImportKw: number | null, curtailmentKwh: number | null, unmetDemandKwh: number | null, batteryEquivalentCycles: number | null, lcoeEurPerKwh: number | null, npvEur: number | null, simplePaybackYears: number | null, co2ReductionFraction: number | null } | null } | null } };

export type ExplorerRunsQueryVariables = Exact<{
  filter?: RunFilter | null | undefined;
  orderBy?: Array<RunOrder> | RunOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type ExplorerRunsQuery = { runs: { nodes: Array<{ id: string, databaseId: string, systemName: string, status: RunStatus, solver: SolverKind, createdAt: string, finishedAt: string | null, durationMs: number | null, tags: Array<string>, errorCode: string | null, study: { id: string, name: string } | null, kpis: { totalCostEur: number | null, operatingCostEur: number | null, capexEur: number | null, totalCo2Kg: number | null, renewableFraction: number | null, totalGenerationKwh: number | null, totalDemandKwh: number | null, gridImportKwh: number | null, gridExportKwh: number | null, netGridUsageKwh: number | null, selfConsumptionRate: number | null, selfSufficiencyRate: number | null, peakGridImportKw: number | null, curtailmentKwh: number | null, unmetDemandKwh: number | null, batteryEquivalentCycles: number | null, lcoeEurPerKwh: number | null, npvEur: number | null, simplePaybackYears: number | null, co2ReductionFraction: number | null } | null }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type ExplorerRunsCountQueryVariables = Exact<{
  filter?: RunFilter | null | undefined;
}>;


export type ExplorerRunsCountQuery = { runs: { totalCount: number } };

export type ExplorerStartRunMutationVariables = Exact<{
  input: RunSimulationInput;
}>;


export type ExplorerStartRunMutation = { runSimulation: { runId: string, warnings: Array<string>, run: { id: string, status: RunStatus } | null } };

export type ExplorerStudiesQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type ExplorerStudiesQuery = { studies: { nodes: Array<{ id: string, name: string, runCount: number }> } };

export type ExplorerStudyQueryVariables = Exact<{
  id: string | number;
  x: KpiField;
  y: KpiField;
  xDirection?: ParetoDirection | null | undefined;
  yDirection?: ParetoDirection | null | undefined;
}>;


export type ExplorerStudyQuery = { study: { id: string, name: string, description: string | null, kind: StudyKind | null, status: StudyStatus | null, runCount: number, parameterKeys: Array<string>, progress: { total: number, done: number, completed: number, failed: number, cancelled: number, running: number, queued: number, trialsPerSecond: number | null, etaSeconds: number | null }, stats: { count: number, byStatus: Array<{ status: RunStatus, count: number }> }, bestCost: { id: string, systemName: string, trialIndex: number | null, parameters: Array<{ key: string, value: number }>, kpis: { totalCostEur: number | null, operatingCostEur: number | null, capexEur: number | null, totalCo2Kg: number | null, renewableFraction: number | null, totalGenerationKwh: number | null, totalDemandKwh: number | null, gridImportKwh: number | null, gridExportKwh: number | null, netGridUsageKwh: number | null, selfConsumptionRate: number | null, selfSufficiencyRate: number | null, peakGridImportKw: number | null, curtailmentKwh: number | null, unmetDemandKwh: number | null, batteryEquivalentCycles: number | null, lcoeEurPerKwh: number | null, npvEur: number | null, simplePaybackYears: number | null, co2ReductionFraction: number | null } | null } | null, bestCo2: { id: string, systemName: string, trialIndex: number | null, parameters: Array<{ key: string, value: number }>, kpis: { totalCostEur: number | null, operatingCostEur: number | null, capexEur: number | null, totalCo2Kg: number | null, renewableFraction: number | null, totalGenerationKwh: number | null, totalDemandKwh: number | null, gridImportKwh: number | null, gridExportKwh: number | null, netGridUsageKwh: number | null, selfConsumptionRate: number | null, selfSufficiencyRate: number | null, peakGridImportKw: number | null, curtailmentKwh: number | null, unmetDemandKwh: number | null, batteryEquivalentCycles: number | null, lcoeEurPerKwh: number | null, npvEur: number | null, simplePaybackYears: number | null, co2ReductionFraction: number | null } | null } | null, bestRenewable: { id: string, systemName: string, trialIndex: number | null, parameters: Array<{ key: string, value: number }>, kpis: { totalCostEur: number | null, operatingCostEur: number | null, capexEur: number | null, totalCo2Kg: number | null, renewableFraction: number | null, totalGenerationKwh: number | null, totalDemandKwh: number | null, gridImportKwh: number | null, gridExportKwh: number | null, netGridUsageKwh: number | null, selfConsumptionRate: number | null, selfSufficiencyRate: number | null, peakGridImportKw: number | null, curtailmentKwh: number | null, unmetDemandKwh: number | null, batteryEquivalentCycles: number | null, lcoeEurPerKwh: number | null, npvEur: number | null, simplePaybackYears: number | null, co2ReductionFraction: number | null } | null } | null, paretoFront: Array<{ id: string, kpis: { totalCostEur: number | null, operatingCostEur: number | null, capexEur: number | null, totalCo2Kg: number | null, renewableFraction: number | null, totalGenerationKwh: number | null, totalDemandKwh: number | null, gridImportKwh: number | null, gridExportKwh: number | null, netGridUsageKwh: number | null, selfConsumptionRate: number | null, selfSufficiencyRate: number | null, peakGridImportKw: number | null, curtailmentKwh: number | null, unmetDemandKwh: number | null, batteryEquivalentCycles: number | null, lcoeEurPerKwh: number | null, npvEur: number | null, simplePaybackYears: number | null, co2ReductionFraction: number | null } | null }>, kpiStats: Array<{ kpi: KpiField, count: number, mean: number | null, std: number | null, min: number | null, p50: number | null, max: number | null }>, sensitivity: Array<{ parameter: string, kpi: KpiField, count: number, pearson: number | null, spearman: number | null, elasticity: number | null }> } | null };

export type ExplorerStudyOptionsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type ExplorerStudyOptionsQuery = { studies: { nodes: Array<{ id: string, name: string }> } };

export type ExplorerStudyRunsQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ExplorerStudyRunsQuery = { study: { id: string, runs: { nodes: Array<{ id: string, systemName: string, trialIndex: number | null, parameters: Array<{ key: string, value: number }>, kpis: { totalCostEur: number | null, operatingCostEur: number | null, capexEur: number | null, totalCo2Kg: number | null, renewableFraction: number | null, totalGenerationKwh: number | null, totalDemandKwh: number | null, gridImportKwh: number | null, gridExportKwh: number | null, netGridUsageKwh: number | null, selfConsumptionRate: number | null, selfSufficiencyRate: number | null, peakGridImportKw: number | null, curtailmentKwh: number | null, unmetDemandKwh: number | null, batteryEquivalentCycles: number | null, lcoeEurPerKwh: number | null, npvEur: number | null, simplePaybackYears: number | null, co2ReductionFraction: number | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type ExplorerStudyUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type ExplorerStudyUpdatedSubscription = { studyUpdated: { progress: { total: number, done: number, completed: number, failed: number, cancelled: number, running: number, queued: number, trialsPerSecond: number | null, etaSeconds: number | null }, study: { id: string, status: StudyStatus | null } } };

export type RunKpiValuesFragment = { totalCostEur: number | null, operatingCostEur: number | null, capexEur: number | null, totalCo2Kg: number | null, renewableFraction: number | null, totalGenerationKwh: number | null, totalDemandKwh: number | null, gridImportKwh: number | null, gridExportKwh: number | null, netGridUsageKwh: number | null, selfConsumptionRate: number | null, selfSufficiencyRate: number | null, peakGridImportKw: number | null, curtailmentKwh: number | null, unmetDemandKwh: number | null, batteryEquivalentCycles: number | null, lcoeEurPerKwh: number | null, npvEur: number | null, simplePaybackYears: number | null, co2ReductionFraction: number | null };

export type RunRowFragment = { id: string, databaseId: string, systemName: string, status: RunStatus, solver: SolverKind, createdAt: string, finishedAt: string | null, durationMs: number | null, tags: Array<string>, errorCode: string | null, study: { id: string, name: string } | null, kpis: { totalCostEur: number | null, operatingCostEur: number | null, capexEur: number | null, totalCo2Kg: number | null, renewableFraction: number | null, totalGenerationKwh: number | null, totalDemandKwh: number | null, gridImportKwh: number | null, gridExportKwh: number | null, netGridUsageKwh: number | null, selfConsumptionRate: number | null, selfSufficiencyRate: number | null, peakGridImportKw: number | null, curtailmentKwh: number | null, unmetDemandKwh: number | null, batteryEquivalentCycles: number | null, lcoeEurPerKwh: number | null, npvEur: number | null, simplePaybackYears: number | null, co2ReductionFraction: number | null } | null };

export type StudyProgressValuesFragment = { total: number, done: number, completed: number, failed: number, cancelled: number, running: number, queued: number, trialsPerSecond: number | null, etaSeconds: number | null };

export type StudyRunPointFragment = { id: string, systemName: string, trialIndex: number | null, parameters: Array<{ key: string, value: number }>, kpis: { totalCostEur: number | null, operatingCostEur: number | null, capexEur: number | null, totalCo2Kg: number | null, renewableFraction: number | null, totalGenerationKwh: number | null, totalDemandKwh: number | null, gridImportKwh: number | null, gridExportKwh: number | null, netGridUsageKwh: number | null, selfConsumptionRate: number | null, selfSufficiencyRate: number | null, peakGridImportKw: number | null, curtailmentKwh: number | null, unmetDemandKwh: number | null, batteryEquivalentCycles: number | null, lcoeEurPerKwh: number | null, npvEur: number | null, simplePaybackYears: number | null, co2ReductionFraction: number | null } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const RunKpiValuesFragmentDoc = new TypedDocumentString(`
    fragment RunKpiValues on RunKpis {
  totalCostEur
  operatingCostEur
  capexEur
  totalCo2Kg
  renewableFraction
  totalGenerationKwh
  totalDemandKwh
  gridImportKwh
  gridExportKwh
  netGridUsageKwh
  selfConsumptionRate
  selfSufficiencyRate
  peakGridImportKw
  curtailmentKwh
  unmetDemandKwh
  batteryEquivalentCycles
  lcoeEurPerKwh
  npvEur
  simplePaybackYears
  co2ReductionFraction
}
    `, {"fragmentName":"RunKpiValues"}) as unknown as TypedDocumentString<RunKpiValuesFragment, unknown>;
export const RunRowFragmentDoc = new TypedDocumentString(`
    fragment RunRow on SimulationRun {
  id
  databaseId
  systemName
  status
  solver
  createdAt
  finishedAt
  durationMs
  tags
  errorCode
  study {
    id
    name
  }
  kpis {
    ...RunKpiValues
  }
}
    fragment RunKpiValues on RunKpis {
  totalCostEur
  operatingCostEur
  capexEur
  totalCo2Kg
  renewableFraction
  totalGenerationKwh
  totalDemandKwh
  gridImportKwh
  gridExportKwh
  netGridUsageKwh
  selfConsumptionRate
  selfSufficiencyRate
  peakGridImportKw
  curtailmentKwh
  unmetDemandKwh
  batteryEquivalentCycles
  lcoeEurPerKwh
  npvEur
  simplePaybackYears
  co2ReductionFraction
}`, {"fragmentName":"RunRow"}) as unknown as TypedDocumentString<RunRowFragment, unknown>;
export const StudyProgressValuesFragmentDoc = new TypedDocumentString(`
    fragment StudyProgressValues on StudyProgress {
  total
  done
  completed
  failed
  cancelled
  running
  queued
  trialsPerSecond
  etaSeconds
}
    `, {"fragmentName":"StudyProgressValues"}) as unknown as TypedDocumentString<StudyProgressValuesFragment, unknown>;
export const StudyRunPointFragmentDoc = new TypedDocumentString(`
    fragment StudyRunPoint on SimulationRun {
  id
  systemName
  trialIndex
  parameters {
    key
    value
  }
  kpis {
    ...RunKpiValues
  }
}
    fragment RunKpiValues on RunKpis {
  totalCostEur
  operatingCostEur
  capexEur
  totalCo2Kg
  renewableFraction
  totalGenerationKwh
  totalDemandKwh
  gridImportKwh
  gridExportKwh
  netGridUsageKwh
  selfConsumptionRate
  selfSufficiencyRate
  peakGridImportKw
  curtailmentKwh
  unmetDemandKwh
  batteryEquivalentCycles
  lcoeEurPerKwh
  npvEur
  simplePaybackYears
  co2ReductionFraction
}`, {"fragmentName":"StudyRunPoint"}) as unknown as TypedDocumentString<StudyRunPointFragment, unknown>;
export const ExplorerCompareDocument = new TypedDocumentString(`
    query ExplorerCompare($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on SimulationRun {
      ...RunRow
      objective
      timesteps
      timestepHours
      system
      options
    }
  }
}
    fragment RunKpiValues on RunKpis {
  totalCostEur
  operatingCostEur
  capexEur
  totalCo2Kg
  renewableFraction
  totalGenerationKwh
  totalDemandKwh
  gridImportKwh
  gridExportKwh
  netGridUsageKwh
  selfConsumptionRate
  selfSufficiencyRate
  peakGridImportKw
  curtailmentKwh
  unmetDemandKwh
  batteryEquivalentCycles
  lcoeEurPerKwh
  npvEur
  simplePaybackYears
  co2ReductionFraction
}
fragment RunRow on SimulationRun {
  id
  databaseId
  systemName
  status
  solver
  createdAt
  finishedAt
  durationMs
  tags
  errorCode
  study {
    id
    name
  }
  kpis {
    ...RunKpiValues
  }
}`, {"hash":"sha256:befda3252714e95ff4dae2cab92441c8abb593b3841a6e1e15abf49873dad70a"}) as unknown as TypedDocumentString<ExplorerCompareQuery, ExplorerCompareQueryVariables>;
export const ExplorerCompareSeriesDocument = new TypedDocumentString(`
    query ExplorerCompareSeries($ids: [ID!]!, $resolution: SeriesResolution!) {
  nodes(ids: $ids) {
    ... on SimulationRun {
      id
      systemName
      series(resolution: $resolution) {
        key
        unit
        values
        periodHours
      }
    }
  }
}
    `, {"hash":"sha256:4a2323a85e44161969bea63403852942145b997b4547202ac2d2df7b03063360"}) as unknown as TypedDocumentString<ExplorerCompareSeriesQuery, ExplorerCompareSeriesQueryVariables>;
export const ExplorerRunDocument = new TypedDocumentString(`
    query ExplorerRun($id: ID!) {
  run(id: $id) {
    ...RunRow
    objective
    timesteps
    timestepHours
    startedAt
    engineVersion
    errorMessage
    warnings
    system
    options
    metadata
    solverStatistics {
      solveStatus
      solverMessage
      objectiveValue
      solveMs
      variableCount
      constraintCount
      iterationCount
      mipGap
    }
  }
}
    fragment RunKpiValues on RunKpis {
  totalCostEur
  operatingCostEur
  capexEur
  totalCo2Kg
  renewableFraction
  totalGenerationKwh
  totalDemandKwh
  gridImportKwh
  gridExportKwh
  netGridUsageKwh
  selfConsumptionRate
  selfSufficiencyRate
  peakGridImportKw
  curtailmentKwh
  unmetDemandKwh
  batteryEquivalentCycles
  lcoeEurPerKwh
  npvEur
  simplePaybackYears
  co2ReductionFraction
}
fragment RunRow on SimulationRun {
  id
  databaseId
  systemName
  status
  solver
  createdAt
  finishedAt
  durationMs
  tags
  errorCode
  study {
    id
    name
  }
  kpis {
    ...RunKpiValues
  }
}`, {"hash":"sha256:1d229edeb5970d8eb37838e321dbca6939fa9a2c1adfd79ebdb0648061c1824f"}) as unknown as TypedDocumentString<ExplorerRunQuery, ExplorerRunQueryVariables>;
export const ExplorerRunSeriesDocument = new TypedDocumentString(`
    query ExplorerRunSeries($id: ID!, $resolution: SeriesResolution!) {
  run(id: $id) {
    id
    status
    series(resolution: $resolution) {
      key
      kind
      unit
      componentId
      from
      to
      medium
      values
      periodHours
      timestepHours
    }
  }
}
    `, {"hash":"sha256:da0ebfb5573d9198be2f9881a1f10f722103f151b32e527999c7534ea2994a8b"}) as unknown as TypedDocumentString<ExplorerRunSeriesQuery, ExplorerRunSeriesQueryVariables>;
export const ExplorerRunUpdatedDocument = new TypedDocumentString(`
    subscription ExplorerRunUpdated($id: ID!) {
  runUpdated(id: $id) {
    runId
    status
    elapsedMs
    run {
      ...RunRow
    }
  }
}
    fragment RunKpiValues on RunKpis {
  totalCostEur
  operatingCostEur
  capexEur
  totalCo2Kg
  renewableFraction
  totalGenerationKwh
  totalDemandKwh
  gridImportKwh
  gridExportKwh
  netGridUsageKwh
  selfConsumptionRate
  selfSufficiencyRate
  peakGridImportKw
  curtailmentKwh
  unmetDemandKwh
  batteryEquivalentCycles
  lcoeEurPerKwh
  npvEur
  simplePaybackYears
  co2ReductionFraction
}
fragment RunRow on SimulationRun {
  id
  databaseId
  systemName
  status
  solver
  createdAt
  finishedAt
  durationMs
  tags
  errorCode
  study {
    id
    name
  }
  kpis {
    ...RunKpiValues
  }
}`, {"hash":"sha256:4ad45faef60dcecd5c9dacf5b38701ef9f82e98d00fd1d7907de91393711d886"}) as unknown as TypedDocumentString<ExplorerRunUpdatedSubscription, ExplorerRunUpdatedSubscriptionVariables>;
export const ExplorerRunUpdatesDocument = new TypedDocumentString(`
    subscription ExplorerRunUpdates($studyId: ID) {
  runsUpdated(studyId: $studyId) {
    runId
    status
    at
    elapsedMs
    run {
      ...RunRow
    }
  }
}
    fragment RunKpiValues on RunKpis {
  totalCostEur
  operatingCostEur
  capexEur
  totalCo2Kg
  renewableFraction
  totalGenerationKwh
  totalDemandKwh
  gridImportKwh
  gridExportKwh
  netGridUsageKwh
  selfConsumptionRate
  selfSufficiencyRate
  peakGridImportKw
  curtailmentKwh
  unmetDemandKwh
  batteryEquivalentCycles
  lcoeEurPerKwh
  npvEur
  simplePaybackYears
  co2ReductionFraction
}
fragment RunRow on SimulationRun {
  id
  databaseId
  systemName
  status
  solver
  createdAt
  finishedAt
  durationMs
  tags
  errorCode
  study {
    id
    name
  }
  kpis {
    ...RunKpiValues
  }
}`, {"hash":"sha256:83bc7b505133dad1388468da329e84b6233f402d1d53ef7c1911d7254889c2ab"}) as unknown as TypedDocumentString<ExplorerRunUpdatesSubscription, ExplorerRunUpdatesSubscriptionVariables>;
export const ExplorerRunsDocument = new TypedDocumentString(`
    query ExplorerRuns($filter: RunFilter, $orderBy: [RunOrder!], $first: Int, $after: String, $last: Int, $before: String) {
  runs(
    filter: $filter
    orderBy: $orderBy
    first: $first
    after: $after
    last: $last
    before: $before
  ) {
    nodes {
      ...RunRow
    }
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
  }
}
    fragment RunKpiValues on RunKpis {
  totalCostEur
  operatingCostEur
  capexEur
  totalCo2Kg
  renewableFraction
  totalGenerationKwh
  totalDemandKwh
  gridImportKwh
  gridExportKwh
  netGridUsageKwh
  selfConsumptionRate
  selfSufficiencyRate
  peakGridImportKw
  curtailmentKwh
  unmetDemandKwh
  batteryEquivalentCycles
  lcoeEurPerKwh
  npvEur
  simplePaybackYears
  co2ReductionFraction
}
fragment RunRow on SimulationRun {
  id
  databaseId
  systemName
  status
  solver
  createdAt
  finishedAt
  durationMs
  tags
  errorCode
  study {
    id
    name
  }
  kpis {
    ...RunKpiValues
  }
}`, {"hash":"sha256:04e5462b6176635c0403dfb40716d77e3f323463b016785b80fb9b9f7b022755"}) as unknown as TypedDocumentString<ExplorerRunsQuery, ExplorerRunsQueryVariables>;
export const ExplorerRunsCountDocument = new TypedDocumentString(`
    query ExplorerRunsCount($filter: RunFilter) {
  runs(filter: $filter, first: 0) {
    totalCount
  }
}
    `, {"hash":"sha256:e2ff8b724fc0f58640e6993c187610750f9d5d2818cdf2aa645390ff51c1d3a7"}) as unknown as TypedDocumentString<ExplorerRunsCountQuery, ExplorerRunsCountQueryVariables>;
export const ExplorerStartRunDocument = new TypedDocumentString(`
    mutation ExplorerStartRun($input: RunSimulationInput!) {
  runSimulation(input: $input, wait: false) {
    runId
    warnings
    run {
      id
      status
    }
  }
}
    `, {"hash":"sha256:89217b0a2de09bc6e2fe4cec7ea722c33ac55331fdb00dc7b72925eac1453b24"}) as unknown as TypedDocumentString<ExplorerStartRunMutation, ExplorerStartRunMutationVariables>;
export const ExplorerStudiesDocument = new TypedDocumentString(`
    query ExplorerStudies($first: Int = 100) {
  studies(first: $first) {
    nodes {
      id
      name
      runCount
    }
  }
}
    `, {"hash":"sha256:ababb4733204a7ded097c1bb39dc5d1216e9351dedc75293c27224a545649bc7"}) as unknown as TypedDocumentString<ExplorerStudiesQuery, ExplorerStudiesQueryVariables>;
export const ExplorerStudyDocument = new TypedDocumentString(`
    query ExplorerStudy($id: ID!, $x: KpiField!, $y: KpiField!, $xDirection: ParetoDirection, $yDirection: ParetoDirection) {
  study(id: $id) {
    id
    name
    description
    kind
    status
    runCount
    parameterKeys
    progress {
      ...StudyProgressValues
    }
    stats {
      count
      byStatus {
        status
        count
      }
    }
    bestCost: bestRun(kpi: TOTAL_COST_EUR) {
      ...StudyRunPoint
    }
    bestCo2: bestRun(kpi: TOTAL_CO2_KG) {
      ...StudyRunPoint
    }
    bestRenewable: bestRun(kpi: RENEWABLE_FRACTION, direction: DESC) {
      ...StudyRunPoint
    }
    paretoFront(x: $x, y: $y, xDirection: $xDirection, yDirection: $yDirection) {
      id
      kpis {
        ...RunKpiValues
      }
    }
    kpiStats {
      kpi
      count
      mean
      std
      min
      p50
      max
    }
    sensitivity {
      parameter
      kpi
      count
      pearson
      spearman
      elasticity
    }
  }
}
    fragment RunKpiValues on RunKpis {
  totalCostEur
  operatingCostEur
  capexEur
  totalCo2Kg
  renewableFraction
  totalGenerationKwh
  totalDemandKwh
  gridImportKwh
  gridExportKwh
  netGridUsageKwh
  selfConsumptionRate
  selfSufficiencyRate
  peakGridImportKw
  curtailmentKwh
  unmetDemandKwh
  batteryEquivalentCycles
  lcoeEurPerKwh
  npvEur
  simplePaybackYears
  co2ReductionFraction
}
fragment StudyProgressValues on StudyProgress {
  total
  done
  completed
  failed
  cancelled
  running
  queued
  trialsPerSecond
  etaSeconds
}
fragment StudyRunPoint on SimulationRun {
  id
  systemName
  trialIndex
  parameters {
    key
    value
  }
  kpis {
    ...RunKpiValues
  }
}`, {"hash":"sha256:bbe3a5ba6c3911112324ceead1fb1d5da70959f4106a6762dba920807c981978"}) as unknown as TypedDocumentString<ExplorerStudyQuery, ExplorerStudyQueryVariables>;
export const ExplorerStudyOptionsDocument = new TypedDocumentString(`
    query ExplorerStudyOptions($first: Int = 100) {
  studies(first: $first) {
    nodes {
      id
      name
    }
  }
}
    `, {"hash":"sha256:3fb507b233dc2dd7b39afd88d269c235f7ebb9ffbb27433f13ca83e7e4791915"}) as unknown as TypedDocumentString<ExplorerStudyOptionsQuery, ExplorerStudyOptionsQueryVariables>;
export const ExplorerStudyRunsDocument = new TypedDocumentString(`
    query ExplorerStudyRuns($id: ID!, $first: Int, $after: String) {
  study(id: $id) {
    id
    runs(
      first: $first
      after: $after
      filter: {status: {eq: COMPLETED}}
      orderBy: [{field: TOTAL_COST_EUR, direction: ASC}]
    ) {
      nodes {
        ...StudyRunPoint
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    fragment RunKpiValues on RunKpis {
  totalCostEur
  operatingCostEur
  capexEur
  totalCo2Kg
  renewableFraction
  totalGenerationKwh
  totalDemandKwh
  gridImportKwh
  gridExportKwh
  netGridUsageKwh
  selfConsumptionRate
  selfSufficiencyRate
  peakGridImportKw
  curtailmentKwh
  unmetDemandKwh
  batteryEquivalentCycles
  lcoeEurPerKwh
  npvEur
  simplePaybackYears
  co2ReductionFraction
}
fragment StudyRunPoint on SimulationRun {
  id
  systemName
  trialIndex
  parameters {
    key
    value
  }
  kpis {
    ...RunKpiValues
  }
}`, {"hash":"sha256:daaa48e4de75313fbf6431c6cd9b783b1a4235fb5876b3357e6461e9db57e110"}) as unknown as TypedDocumentString<ExplorerStudyRunsQuery, ExplorerStudyRunsQueryVariables>;
export const ExplorerStudyUpdatedDocument = new TypedDocumentString(`
    subscription ExplorerStudyUpdated($id: ID!) {
  studyUpdated(id: $id) {
    progress {
      ...StudyProgressValues
    }
    study {
      id
      status
    }
  }
}
    fragment StudyProgressValues on StudyProgress {
  total
  done
  completed
  failed
  cancelled
  running
  queued
  trialsPerSecond
  etaSeconds
}`, {"hash":"sha256:105995d8b1a9cba1f34ff3b4d7faef64487a294b80cc12c007d95ff75af63d60"}) as unknown as TypedDocumentString<ExplorerStudyUpdatedSubscription, ExplorerStudyUpdatedSubscriptionVariables>;