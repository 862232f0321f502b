/**
 * The system a user sends, as typed GraphQL inputs mirroring src/simulation/types.ts.
 * ComponentInput is flat: `kind` plus every kind's parameters as optional fields; the engine
 * reports a parameter given to a kind that does not take it (`not a parameter of SOLAR_PV`).
 * Numbers-or-series parameters (prices, CO2 intensity, profiles) are ProfileInputs.
 */
import { COMPONENT_MODULES } from '../simulation/components/index.js';
import { ECONOMICS_KEYS } from '../simulation/components/economics.js';
import type { ComponentKind } from '../simulation/types.js';
import { builder } from './builder.js';
import { ObjectiveKindEnum, SolverKindEnum } from './enums.js';

export const ComponentKindEnum = builder.enumType('ComponentKind', {
  values: Object.keys(COMPONENT_MODULES) as ComponentKind[],
});

const MediumEnum = builder.enumType('Medium', { values: ['ELECTRICITY', 'HEAT'] as const });

const ProfileGeneratorEnum = builder.enumType('ProfileGenerator', {
  values: [
    'SOLAR',
    'WIND_SPEED',
    'AMBIENT_TEMPERATURE',
    'RESIDENTIAL_ELECTRIC',
    'COMMERCIAL_ELECTRIC',
    'RESIDENTIAL_HEAT',
    'COMMERCIAL_HEAT',
  ] as const,
});

const ProfileFitEnum = builder.enumType('ProfileFit', {
  description: 'EXACT: one value per step; REPEAT: tile the values over the horizon; RESAMPLE: values are at valuesTimestepHours.',
  values: ['EXACT', 'REPEAT', 'RESAMPLE'] as const,
});

const TerminalConditionEnum = builder.enumType('TerminalCondition', { values: ['FREE', 'CYCLIC', 'MIN_END_SOC'] as const });

const SEED_DOC = 'Integer 0..4294967295 (a Float because GraphQL Int is 32-bit signed).';

export const ProfileInputRef = builder.inputType('ProfileInput', {
  description: 'A time series: exactly one of constant, values or generator.',
  fields: (t) => ({
    constant: t.float(),
    values: t.floatList({ description: 'One value per valuesTimestepHours (default: the horizon\'s step).' }),
    valuesTimestepHours: t.float(),
    fit: t.field({ type: ProfileFitEnum }),
    generator: t.field({ type: ProfileGeneratorEnum, description: 'A built-in, seeded generator.' }),
    seed: t.float({ description: `Generator seed (default: the system seed). ${SEED_DOC}` }),
  }),
});

type ParameterType = 'Float' | 'Boolean' | 'Profile' | 'FloatList' | 'TerminalCondition';

/** Every component parameter the engine knows, with its GraphQL type. A test checks this
 *  list against the engine's registry, so a new engine parameter cannot be forgotten here. */
export const COMPONENT_PARAMETER_TYPES: Record<string, ParameterType> = {
  maxImportKw: 'Float',
  maxExportKw: 'Float',
  importPriceEurPerKwh: 'Profile',
  exportPriceEurPerKwh: 'Profile',
  co2KgPerKwh: 'Profile',
  peakKw: 'Float',
  ratedKw: 'Float',
  profile: 'Profile',
  inverterEfficiency: 'Float',
  curtailable: 'Boolean',
  windSpeed: 'Profile',
  cutInMs: 'Float',
  ratedMs: 'Float',
  cutOutMs: 'Float',
  energyKwh: 'Float',
  maxChargeKw: 'Float',
  maxDischargeKw: 'Float',
  chargeEfficiency: 'Float',
  dischargeEfficiency: 'Float',
  socMin: 'Float',
  socMax: 'Float',
  initialSoc: 'Float',
  selfDischargePerHour: 'Float',
  lossPerHour: 'Float',
  terminalCondition: 'TerminalCondition',
  minEndSoc: 'Float',
  energyKwhPerStep: 'FloatList',
  annualKwh: 'Float',
  maxHeatKw: 'Float',
  cop: 'Float',
  supplyTemperatureC: 'Float',
  carnotEfficiency: 'Float',
  copMax: 'Float',
  ambientTemperature: 'Profile',
  efficiency: 'Float',
  ...Object.fromEntries(ECONOMICS_KEYS.map((k) => [k, 'Float' as const])),
};

/** "Parameter of GRID, SOLAR_PV." — read from the engine's registry, so it cannot go stale. */
function kindsTaking(parameter: string): string {
  if ((ECONOMICS_KEYS as readonly string[]).includes(parameter)) return 'Economics: accepted by every kind.';
  const kinds = Object.values(COMPONENT_MODULES)
    .filter((m) => m.parameterNames.includes(parameter))
    .map((m) => m.kind);
  return `Parameter of ${kinds.join(', ')}.`;
}

export const ComponentInputRef = builder.inputType('ComponentInput', {
  description: 'One component: its kind and that kind\'s parameters (see docs/components.md for units and defaults).',
  fields: (t) => ({
    id: t.string({ required: true }),
    kind: t.field({ type: ComponentKindEnum, required: true }),
    ...Object.fromEntries(
      Object.entries(COMPONENT_PARAMETER_TYPES).map(([name, type]) => {
        const description = kindsTaking(name);
        switch (type) {
          case 'Float':
            return [name, t.float({ description })];
          case 'Boolean':
            return [name, t.boolean({ description })];
          case 'FloatList':
            return [name, t.floatList({ description })];
          case 'Profile':
            return [name, t.field({ type: ProfileInputRef, description })];
          case 'TerminalCondition':
            return [name, t.field({ type: TerminalConditionEnum, description })];
        }
      }),
    ),
  }),
});

const ConnectionInputRef = builder.inputType('ConnectionInput', {
  fields: (t) => ({
    from: t.string({ required: true, description: 'Component id.' }),
    to: t.string({ required: true, description: 'Component id.' }),
    medium: t.field({ type: MediumEnum, required: true }),
  }),
});

const HorizonInputRef = builder.inputType('HorizonInput', {
  fields: (t) => ({
    timesteps: t.int({ description: 'Default 8760.' }),
    timestepHours: t.float({ description: 'Default 1.' }),
    startDayOfYear: t.int({ description: 'Day of year (1..365) of the first step, for generators. Default 1.' }),
  }),
});

const LocationInputRef = builder.inputType('LocationInput', {
  fields: (t) => ({
    latitudeDeg: t.float({ description: 'Default 52.' }),
    longitudeDeg: t.float({ description: 'Default 13.' }),
  }),
});

export const SystemInputRef = builder.inputType('SystemInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    horizon: t.field({ type: HorizonInputRef }),
    location: t.field({ type: LocationInputRef }),
    seed: t.float({ description: `Seed of every built-in generator without its own. Default 42. ${SEED_DOC}` }),
    discountRate: t.float({ description: 'For annualising capex. Default 0.05.' }),
    components: t.field({ type: [ComponentInputRef], required: true }),
    connections: t.field({ type: [ConnectionInputRef], required: true }),
  }),
});

const ObjectiveWeightsInputRef = builder.inputType('ObjectiveWeightsInput', {
  fields: (t) => ({
    costEur: t.float(),
    co2Kg: t.float(),
    gridExchangeKwh: t.float(),
  }),
});

export const SolverOptionsInputRef = builder.inputType('SolverOptionsInput', {
  fields: (t) => ({
    solver: t.field({ type: SolverKindEnum, description: 'Default RULE_BASED.' }),
    objective: t.field({ type: ObjectiveKindEnum, description: 'Default COST.' }),
    weights: t.field({ type: ObjectiveWeightsInputRef, description: 'For objective WEIGHTED.' }),
    forbidSimultaneous: t.boolean({ description: 'MILP: forbid simultaneous charge/discharge and import/export.' }),
    timeLimitSeconds: t.float(),
    mipRelGap: t.float(),
    commitHours: t.float({ description: 'Rolling horizon: hours committed per window.' }),
    lookaheadHours: t.float({ description: 'Rolling horizon: total window, hours.' }),
    unmetDemandPenaltyEurPerKwh: t.float(),
  }),
});

/**
 * GraphQL hands absent fields over as undefined and explicit nulls as null; the engine treats
 * a present key as "given", so both are dropped before the input goes to the runner.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== null && v !== undefined) out[k] = withoutNulls(v);
    }
    return out;
  }
  return value;
}
