/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

export type CreateStudyInput = {
  description?: string | null | undefined;
  name: string;
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

export type DeleteStudyInput = {
  /** false (default): the runs stay, without a study. true: the runs are deleted with it. */
  deleteRuns?: boolean | null | undefined;
  id: string | number;
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

export type LocationInput = {
  /** Default 52. */
  latitudeDeg?: number | null | undefined;
  /** Default 13. */
  longitudeDeg?: number | null | undefined;
};

export type Medium =
  | 'ELECTRICITY'
  | 'HEAT';

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

export type StudyIdFilter = {
  /** A Study id. */
  eq?: string | number | null | undefined;
  in?: Array<string | number> | null | undefined;
  /** true: only runs without a study. */
  isNull?: boolean | null | undefined;
  /** Runs of none of these studies (runs without a study never match). */
  notIn?: Array<string | number> | null | undefined;
};

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

export type CreateStudyMutationVariables = Exact<{
  input: CreateStudyInput;
}>;


export type CreateStudyMutation = { createStudy: { id: string, name: string, description: string | null, createdAt: string } };

export type DeleteStudyMutationVariables = Exact<{
  input: DeleteStudyInput;
}>;


export type DeleteStudyMutation = { deleteStudy: { deletedStudyId: string, deletedRunCount: number, detachedRunCount: number } };

export type FailedRunsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type FailedRunsQuery = { runs: { totalCount: number, nodes: Array<{ id: string, systemName: string, solver: SolverKind, errorCode: string | null, errorMessage: string | null, finishedAt: string | null }> } };

export type RunSimulationMutationVariables = Exact<{
  input: RunSimulationInput;
}>;


export type RunSimulationMutation = { runSimulation: { warnings: Array<string>, run: { id: string, status: RunStatus, systemName: string, solver: SolverKind, tags: Array<string>, errorMessage: string | null, kpis: { totalCostEur: number | null, renewableFraction: number | null, selfSufficiencyRate: number | null } | null } | null, kpis: { totalCostEur: number | null } | null } };

export type RunStatsQueryVariables = Exact<{
  filter?: RunFilter | null | undefined;
}>;


export type RunStatsQuery = { runStats: { count: number, firstRunAt: string | null, lastRunAt: string | null, byStatus: Array<{ status: RunStatus, count: number }>, bySolver: Array<{ solver: SolverKind, count: number }>, kpis: { totalCostEur: { min: number | null, max: number | null, avg: number | null, best: number | null }, renewableFraction: { min: number | null, max: number | null, avg: number | null, best: number | null } } } };

export type RunsAboveRenewableFractionQueryVariables = Exact<{
  minRenewableFraction: number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RunsAboveRenewableFractionQuery = { runs: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, systemName: string, kpis: { totalCostEur: number | null, renewableFraction: number | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RunsBySolverQueryVariables = Exact<{
  solver: SolverKind;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RunsBySolverQuery = { runs: { totalCount: number, nodes: Array<{ id: string, systemName: string, solver: SolverKind, status: RunStatus, createdAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type StudyOverviewQueryVariables = Exact<{
  id: string | number;
}>;


export type StudyOverviewQuery = { study: { id: string, name: string, runCount: number, stats: { byStatus: Array<{ status: RunStatus, count: number }>, kpis: { totalCostEur: { best: number | null, avg: number | null } } }, runs: { nodes: Array<{ id: string, systemName: string }> } } | null };

export type TopRunsByCostInStudyQueryVariables = Exact<{
  studyId: string | number;
  first?: number | null | undefined;
}>;


export type TopRunsByCostInStudyQuery = { runs: { nodes: Array<{ id: string, systemName: string, solver: SolverKind, kpis: { totalCostEur: number | null, renewableFraction: number | null, totalCo2Kg: number | null } | null }> } };


export const CreateStudyDocument = {"__meta__":{"hash":"sha256:659cfe3b8154e1bc1dfd914affdbab7c9c8feab48bf27562d513f68c9e0d4c32"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateStudy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateStudyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createStudy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<CreateStudyMutation, CreateStudyMutationVariables>;
export const DeleteStudyDocument = {"__meta__":{"hash":"sha256:7ecff72d65b5c30213b1c8243c9684440b15480d52f3beb504166e07a672a885"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteStudy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteStudyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteStudy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedStudyId"}},{"kind":"Field","name":{"kind":"Name","value":"deletedRunCount"}},{"kind":"Field","name":{"kind":"Name","value":"detachedRunCount"}}]}}]}}]} as unknown as DocumentNode<DeleteStudyMutation, DeleteStudyMutationVariables>;
export const FailedRunsDocument = {"__meta__":{"hash":"sha256:3743d065263a358a182bf4ec9d9ca50d5858ac74ab198781493e628d97a98446"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FailedRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eq"},"value":{"kind":"EnumValue","value":"FAILED"}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"CREATED_AT"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"systemName"}},{"kind":"Field","name":{"kind":"Name","value":"solver"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}}]}}]} as unknown as DocumentNode<FailedRunsQuery, FailedRunsQueryVariables>;
export const RunSimulationDocument = {"__meta__":{"hash":"sha256:8c1d9998db611907ad97cffefdbea93b2f9ed6e799f6a09314ea6981d76d4c0a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunSimulation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunSimulationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runSimulation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"systemName"}},{"kind":"Field","name":{"kind":"Name","value":"solver"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"kpis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCostEur"}},{"kind":"Field","name":{"kind":"Name","value":"renewableFraction"}},{"kind":"Field","name":{"kind":"Name","value":"selfSufficiencyRate"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"kpis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCostEur"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}}]}}]}}]} as unknown as DocumentNode<RunSimulationMutation, RunSimulationMutationVariables>;
export const RunStatsDocument = {"__meta__":{"hash":"sha256:9d945f59abb78807da90f85552aec02d452ab6a4c9334d9193ca799e4ff64d3d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RunStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RunFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"byStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bySolver"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"solver"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"kpis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCostEur"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"avg"}},{"kind":"Field","name":{"kind":"Name","value":"best"}}]}},{"kind":"Field","name":{"kind":"Name","value":"renewableFraction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"avg"}},{"kind":"Field","name":{"kind":"Name","value":"best"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}}]}}]}}]} as unknown as DocumentNode<RunStatsQuery, RunStatsQueryVariables>;
export const RunsAboveRenewableFractionDocument = {"__meta__":{"hash":"sha256:29028a6048768e8c64463cd89348158b02068cc7ccb7d97e9cb2665d5831bd87"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RunsAboveRenewableFraction"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minRenewableFraction"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eq"},"value":{"kind":"EnumValue","value":"COMPLETED"}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"renewableFraction"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"gt"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minRenewableFraction"}}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"TOTAL_COST_EUR"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"ASC"}}]}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"systemName"}},{"kind":"Field","name":{"kind":"Name","value":"kpis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCostEur"}},{"kind":"Field","name":{"kind":"Name","value":"renewableFraction"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<RunsAboveRenewableFractionQuery, RunsAboveRenewableFractionQueryVariables>;
export const RunsBySolverDocument = {"__meta__":{"hash":"sha256:5404fa025703fd3e9266701592f14cba913e5de62acb5371b900eb93d2891748"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RunsBySolver"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"solver"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SolverKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"solver"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"solver"}}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"CREATED_AT"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"systemName"}},{"kind":"Field","name":{"kind":"Name","value":"solver"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<RunsBySolverQuery, RunsBySolverQueryVariables>;
export const StudyOverviewDocument = {"__meta__":{"hash":"sha256:c5d4d6f7533087da3981f2bb6a77d8828890600fa1f54026a2ea43835db1c4b6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StudyOverview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"study"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"runCount"}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"byStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"kpis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCostEur"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"best"}},{"kind":"Field","name":{"kind":"Name","value":"avg"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"TOTAL_COST_EUR"}}]}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"systemName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<StudyOverviewQuery, StudyOverviewQueryVariables>;
export const TopRunsByCostInStudyDocument = {"__meta__":{"hash":"sha256:49950043b4f0e6503be7e97761c54419d701ac610df40ebae6ab4e6d94fa927d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TopRunsByCostInStudy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"studyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"studyId"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"studyId"}}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eq"},"value":{"kind":"EnumValue","value":"COMPLETED"}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"TOTAL_COST_EUR"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"ASC"}}]}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"systemName"}},{"kind":"Field","name":{"kind":"Name","value":"solver"}},{"kind":"Field","name":{"kind":"Name","value":"kpis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCostEur"}},{"kind":"Field","name":{"kind":"Name","value":"renewableFraction"}},{"kind":"Field","name":{"kind":"Name","value":"totalCo2Kg"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TopRunsByCostInStudyQuery, TopRunsByCostInStudyQueryVariables>;