/**
 * The engine's contract: what a user sends (SystemConfig, before defaults), what the engine
 * works on (ResolvedSystem: defaults filled, every profile a Float64Array of the horizon's
 * length), what a solver returns (Dispatch) and what `simulate` returns (SimulationResult).
 *
 * Units: power in kW (average over a step), energy in kWh, money in EUR, emissions in kgCO2,
 * time in hours. A flow series holds average power per step; energy = powerKw × timestepHours.
 *
 * Pure types: nothing here (or anywhere under src/simulation) imports GraphQL, Prisma or I/O.
 */

export type Medium = 'ELECTRICITY' | 'HEAT';

export type ComponentKind =
  | 'GRID'
  | 'SOLAR_PV'
  | 'WIND_TURBINE'
  | 'BATTERY'
  | 'ELECTRIC_DEMAND'
  | 'HEAT_DEMAND'
  | 'HEAT_PUMP'
  | 'ELECTRIC_BOILER'
  | 'THERMAL_STORAGE';

export type SolverKind = 'RULE_BASED' | 'OPTIMAL' | 'ROLLING_HORIZON' | 'HYBRID';
export type ObjectiveKind = 'COST' | 'CO2' | 'GRID_EXCHANGE' | 'WEIGHTED';
export type SolveStatus = 'OPTIMAL' | 'FEASIBLE' | 'INFEASIBLE' | 'TIME_LIMIT' | 'ERROR';
export type TerminalCondition = 'CYCLIC' | 'FREE' | 'MIN_END_SOC';

export type ProfileGenerator =
  | 'SOLAR' // normalised PV output 0..1 (solar geometry + clear sky + seeded cloudiness)
  | 'WIND_SPEED' // m/s, Weibull, seeded
  | 'AMBIENT_TEMPERATURE' // °C, seasonal + daily cycle + seeded noise
  | 'RESIDENTIAL_ELECTRIC' // normalised demand shape, peak 1
  | 'COMMERCIAL_ELECTRIC' // normalised demand shape, peak 1
  | 'RESIDENTIAL_HEAT' // normalised heat shape from heating degree hours, peak 1
  | 'COMMERCIAL_HEAT'; // normalised heat shape, peak 1

/** How a user array whose length differs from the horizon is fitted to it. */
export type ProfileFit =
  | 'EXACT' // length must equal the number of steps (default)
  | 'REPEAT' // tile the array until the horizon is filled (e.g. a 24-value day over a year)
  | 'RESAMPLE'; // values are at `valuesTimestepHours`; step-hold (finer) or average (coarser)

/**
 * A time series input. Exactly one of `constant`, `values`, `generator`.
 * `values` are at `valuesTimestepHours` (default: the horizon's timestepHours).
 */
export interface ProfileInput {
  constant?: number;
  values?: number[];
  valuesTimestepHours?: number;
  fit?: ProfileFit;
  generator?: ProfileGenerator;
  /** Seed for the generator; default: the system seed. */
  seed?: number;
}

/** Economic and environmental parameters; every component kind may carry them. */
export interface EconomicsInput {
  capexEurPerKw?: number;
  capexEurPerKwh?: number;
  fixedOmEurPerYear?: number;
  variableOmEurPerKwh?: number;
  lifetimeYears?: number;
  /** Embodied emissions of the whole component, kgCO2 (annualised over lifetimeYears in KPIs). */
  embodiedKgCo2?: number;
}

/**
 * One component as the user sends it: a flat record with a `kind` and the parameters that
 * kind accepts (a parameter another kind owns is a validation error). See config.ts for the
 * parameters and defaults of each kind.
 */
export interface ComponentInput extends EconomicsInput {
  id: string;
  kind: ComponentKind;
  [parameter: string]: unknown;
}

export interface ConnectionInput {
  from: string;
  to: string;
  medium: Medium;
}

export interface HorizonInput {
  timesteps?: number; // default 8760
  timestepHours?: number; // default 1
  /** Day of year (1..365) of the first step, for generators. Default 1. */
  startDayOfYear?: number;
}

export interface LocationInput {
  latitudeDeg?: number; // default 52 (central Europe)
  longitudeDeg?: number; // default 13
}

export interface SystemConfig {
  name: string;
  horizon?: HorizonInput;
  location?: LocationInput;
  /** Seed for every built-in profile generator that has no seed of its own. Default 42. */
  seed?: number;
  /** Discount rate for annualising capex (capital recovery factor). Default 0.05. */
  discountRate?: number;
  components: ComponentInput[];
  connections: ConnectionInput[];
}

export interface ObjectiveWeights {
  costEur?: number;
  co2Kg?: number;
  gridExchangeKwh?: number;
}

export interface SolverOptions {
  solver?: SolverKind; // default RULE_BASED
  objective?: ObjectiveKind; // default COST
  weights?: ObjectiveWeights; // for WEIGHTED
  /** MILP: binaries forbid simultaneous charge/discharge and import/export. */
  forbidSimultaneous?: boolean;
  timeLimitSeconds?: number;
  mipRelGap?: number;
  /** Rolling horizon windows, in hours. Defaults 24 committed, 48 look-ahead (total window). */
  commitHours?: number;
  lookaheadHours?: number;
  /** Penalty for unmet demand in the LP objective (value of lost load), EUR/kWh. Default 10. */
  unmetDemandPenaltyEurPerKwh?: number;
}

// ---------------------------------------------------------------------------------------------
// Resolved system: what solvers and KPIs work on.
// ---------------------------------------------------------------------------------------------

export interface Economics {
  capexEurPerKw: number;
  capexEurPerKwh: number;
  fixedOmEurPerYear: number;
  variableOmEurPerKwh: number;
  lifetimeYears: number;
  embodiedKgCo2: number;
}

interface ResolvedBase {
  id: string;
  /** Position in the user's component list. */
  index: number;
  economics: Economics;
}

export interface ResolvedGrid extends ResolvedBase {
  kind: 'GRID';
  maxImportKw: number; // Infinity when unlimited
  maxExportKw: number;
  importPriceEurPerKwh: Float64Array;
  exportPriceEurPerKwh: Float64Array;
  co2KgPerKwh: Float64Array;
}

export interface ResolvedGenerator extends ResolvedBase {
  kind: 'SOLAR_PV' | 'WIND_TURBINE';
  ratedKw: number;
  /** AC power available each step after the inverter / power curve, kW. */
  availableKw: Float64Array;
  curtailable: boolean;
}

export interface ResolvedStorage extends ResolvedBase {
  kind: 'BATTERY' | 'THERMAL_STORAGE';
  medium: Medium;
  energyKwh: number;
  maxChargeKw: number;
  maxDischargeKw: number;
  chargeEfficiency: number;
  dischargeEfficiency: number;
  socMin: number; // fraction of energyKwh
  socMax: number;
  initialSoc: number;
  /** Fraction of the stored energy lost per hour; over a step the level is multiplied by
   *  retentionPerStep = (1 - lossPerHour) ** timestepHours. */
  lossPerHour: number;
  retentionPerStep: number;
  terminalCondition: TerminalCondition;
  minEndSoc: number; // used with MIN_END_SOC
}

export interface ResolvedDemand extends ResolvedBase {
  kind: 'ELECTRIC_DEMAND' | 'HEAT_DEMAND';
  medium: Medium;
  demandKw: Float64Array;
}

export interface ResolvedConverter extends ResolvedBase {
  kind: 'HEAT_PUMP' | 'ELECTRIC_BOILER';
  /** Max heat output, kW. */
  maxHeatKw: number;
  /** Heat out per electricity in, per step (COP for a heat pump, efficiency for a boiler). */
  heatPerElectricity: Float64Array;
}

export type ResolvedComponent =
  | ResolvedGrid
  | ResolvedGenerator
  | ResolvedStorage
  | ResolvedDemand
  | ResolvedConverter;

export interface ResolvedConnection {
  index: number;
  /** `${from}->${to}` (suffixed with `#n` if the same pair appears twice). */
  id: string;
  from: string;
  to: string;
  medium: Medium;
}

export interface ResolvedSystem {
  name: string;
  timesteps: number;
  timestepHours: number;
  startDayOfYear: number;
  latitudeDeg: number;
  longitudeDeg: number;
  seed: number;
  discountRate: number;
  components: ResolvedComponent[];
  connections: ResolvedConnection[];
  /** The config exactly as run, with every default filled in (JSON-safe). */
  normalizedConfig: SystemConfig;
}

// ---------------------------------------------------------------------------------------------
// Solver output.
// ---------------------------------------------------------------------------------------------

export interface SolverStats {
  status: SolveStatus;
  message: string;
  /** Objective value of the returned dispatch, in the objective's unit (EUR, kgCO2, kWh). */
  objective: number;
  objectiveKind: ObjectiveKind;
  solveMs: number;
  variables: number;
  constraints: number;
  iterations: number;
  mipGap?: number;
}

/** What every solver returns: one series of `timesteps` values per item. */
export interface Dispatch {
  /** Average power per connection and step, kW, indexed like system.connections. */
  flowKw: Float64Array[];
  /** Storage level at the END of each step, kWh, keyed by storage component id. */
  storageLevelKwh: Record<string, Float64Array>;
  /** Available but unused generation per generator id, kW. */
  curtailmentKw: Record<string, Float64Array>;
  /** Demand not served per demand id, kW. */
  unmetDemandKw: Record<string, Float64Array>;
  stats: SolverStats;
}

export interface Kpis {
  totalCostEur: number;
  operatingCostEur: number;
  capexEur: number;
  totalCo2Kg: number;
  renewableFraction: number;
  totalGenerationKwh: number;
  totalDemandKwh: number;
  gridImportKwh: number;
  gridExportKwh: number;
  netGridUsageKwh: number;
  selfConsumptionRate: number;
  selfSufficiencyRate: number;
  peakGridImportKw: number;
  curtailmentKwh: number;
  unmetDemandKwh: number;
  batteryEquivalentCycles: number;
  lcoeEurPerKwh: number | null;
  npvEur: number | null;
  simplePaybackYears: number | null;
  co2ReductionFraction: number | null;
}

export interface SimulationResult {
  engineVersion: string;
  solver: SolverKind;
  system: ResolvedSystem;
  dispatch: Dispatch;
  kpis: Kpis;
  /** For HYBRID: the rule-based pass's stats next to the rolling-horizon ones. */
  ruleBasedStats?: SolverStats;
  warnings: string[];
}

/** A validation problem: `path` like `components[2].energyKwh`, `message` the reason. */
export interface ConfigIssue {
  path: string;
  message: string;
}
