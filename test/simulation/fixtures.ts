/**
 * Builders for ResolvedSystem objects made by hand, so engine tests need neither the config
 * parser nor the resolver. Every builder has defaults; override only what a test is about.
 *
 *   const system = buildSystem({
 *     timesteps: 3,
 *     components: [grid(), pv({ availableKw: [0, 4, 2] }), demand({ demandKw: 3 })],
 *     connections: [conn('pv', 'demand'), conn('grid', 'demand'), conn('pv', 'grid')],
 *   });
 *
 * A series argument is a number (constant over the horizon), an array or a Float64Array whose
 * length must equal `timesteps` (a mismatch throws: a silently tiled fixture hides bugs).
 */
import type {
  ComponentKind,
  Economics,
  Medium,
  ResolvedComponent,
  ResolvedConnection,
  ResolvedConverter,
  ResolvedDemand,
  ResolvedGenerator,
  ResolvedGrid,
  ResolvedStorage,
  ResolvedSystem,
  SystemConfig,
  TerminalCondition,
} from '../../src/simulation/types.js';

export type SeriesLike = number | readonly number[] | Float64Array;

export interface HorizonContext {
  timesteps: number;
  timestepHours: number;
}

/** A component whose series are expanded once the horizon is known (see buildSystem). */
export type ComponentSpec = (horizon: HorizonContext, index: number) => ResolvedComponent;

export function series(value: SeriesLike, timesteps: number, what = 'series'): Float64Array {
  if (typeof value === 'number') return new Float64Array(timesteps).fill(value);
  if (value.length !== timesteps) {
    throw new Error(`${what}: length ${value.length} does not match ${timesteps} timesteps`);
  }
  return Float64Array.from(value);
}

export const ZERO_ECONOMICS: Economics = {
  capexEurPerKw: 0,
  capexEurPerKwh: 0,
  fixedOmEurPerYear: 0,
  variableOmEurPerKwh: 0,
  lifetimeYears: 20,
  embodiedKgCo2: 0,
};

function economicsOf(partial?: Partial<Economics>): Economics {
  return { ...ZERO_ECONOMICS, ...partial };
}

export interface GridParams {
  id?: string;
  importPrice?: SeriesLike; // EUR/kWh
  exportPrice?: SeriesLike; // EUR/kWh
  co2?: SeriesLike; // kgCO2/kWh
  maxImportKw?: number;
  maxExportKw?: number;
  economics?: Partial<Economics>;
}

export function grid(p: GridParams = {}): ComponentSpec {
  const id = p.id ?? 'grid';
  return ({ timesteps }, index): ResolvedGrid => ({
    id,
    index,
    kind: 'GRID',
    economics: economicsOf(p.economics),
    maxImportKw: p.maxImportKw ?? Infinity,
    maxExportKw: p.maxExportKw ?? Infinity,
    importPriceEurPerKwh: series(p.importPrice ?? 0.3, timesteps, `${id}.importPrice`),
    exportPriceEurPerKwh: series(p.exportPrice ?? 0.08, timesteps, `${id}.exportPrice`),
    co2KgPerKwh: series(p.co2 ?? 0.4, timesteps, `${id}.co2`),
  });
}

export interface GeneratorParams {
  id?: string;
  availableKw: SeriesLike;
  /** Default: the peak of availableKw. */
  ratedKw?: number;
  curtailable?: boolean;
  economics?: Partial<Economics>;
}

function generator(kind: 'SOLAR_PV' | 'WIND_TURBINE', defaultId: string, p: GeneratorParams): ComponentSpec {
  const id = p.id ?? defaultId;
  return ({ timesteps }, index): ResolvedGenerator => {
    const availableKw = series(p.availableKw, timesteps, `${id}.availableKw`);
    let peakKw = 0;
    for (const v of availableKw) peakKw = Math.max(peakKw, v);
    return {
      id,
      index,
      kind,
      economics: economicsOf(p.economics),
      ratedKw: p.ratedKw ?? peakKw,
      availableKw,
      curtailable: p.curtailable ?? true,
    };
  };
}

export const pv = (p: GeneratorParams): ComponentSpec => generator('SOLAR_PV', 'pv', p);
export const wind = (p: GeneratorParams): ComponentSpec => generator('WIND_TURBINE', 'wind', p);

export interface StorageParams {
  id?: string;
  energyKwh?: number;
  maxChargeKw?: number;
  maxDischargeKw?: number;
  chargeEfficiency?: number;
  dischargeEfficiency?: number;
  socMin?: number;
  socMax?: number;
  initialSoc?: number;
  lossPerHour?: number;
  terminalCondition?: TerminalCondition;
  minEndSoc?: number;
  economics?: Partial<Economics>;
}

function storage(kind: 'BATTERY' | 'THERMAL_STORAGE', medium: Medium, defaultId: string, p: StorageParams): ComponentSpec {
  return ({ timestepHours }, index): ResolvedStorage => {
    const lossPerHour = p.lossPerHour ?? 0;
    return {
      id: p.id ?? defaultId,
      index,
      kind,
      medium,
      economics: economicsOf(p.economics),
      energyKwh: p.energyKwh ?? 10,
      maxChargeKw: p.maxChargeKw ?? 5,
      maxDischargeKw: p.maxDischargeKw ?? 5,
      chargeEfficiency: p.chargeEfficiency ?? 1,
      dischargeEfficiency: p.dischargeEfficiency ?? 1,
      socMin: p.socMin ?? 0,
      socMax: p.socMax ?? 1,
      initialSoc: p.initialSoc ?? 0,
      lossPerHour,
      retentionPerStep: (1 - lossPerHour) ** timestepHours,
      terminalCondition: p.terminalCondition ?? 'FREE',
      minEndSoc: p.minEndSoc ?? 0,
    };
  };
}

export const battery = (p: StorageParams = {}): ComponentSpec => storage('BATTERY', 'ELECTRICITY', 'battery', p);
export const thermalStorage = (p: StorageParams = {}): ComponentSpec =>
  storage('THERMAL_STORAGE', 'HEAT', 'tank', p);

export interface DemandParams {
  id?: string;
  demandKw: SeriesLike;
  medium?: Medium;
  economics?: Partial<Economics>;
}

export function demand(p: DemandParams): ComponentSpec {
  const medium = p.medium ?? 'ELECTRICITY';
  const kind = medium === 'HEAT' ? 'HEAT_DEMAND' : 'ELECTRIC_DEMAND';
  const id = p.id ?? (medium === 'HEAT' ? 'heat' : 'demand');
  return ({ timesteps }, index): ResolvedDemand => ({
    id,
    index,
    kind,
    medium,
    economics: economicsOf(p.economics),
    demandKw: series(p.demandKw, timesteps, `${id}.demandKw`),
  });
}

export const heatDemand = (p: Omit<DemandParams, 'medium'>): ComponentSpec => demand({ ...p, medium: 'HEAT' });

export interface ConverterParams {
  id?: string;
  maxHeatKw?: number;
  /** Heat out per electricity in: COP for a heat pump, efficiency for a boiler. */
  heatPerElectricity?: SeriesLike;
  economics?: Partial<Economics>;
}

function converter(kind: 'HEAT_PUMP' | 'ELECTRIC_BOILER', defaultId: string, defaultRatio: number, p: ConverterParams): ComponentSpec {
  const id = p.id ?? defaultId;
  return ({ timesteps }, index): ResolvedConverter => ({
    id,
    index,
    kind,
    economics: economicsOf(p.economics),
    maxHeatKw: p.maxHeatKw ?? 10,
    heatPerElectricity: series(p.heatPerElectricity ?? defaultRatio, timesteps, `${id}.heatPerElectricity`),
  });
}

export const heatPump = (p: ConverterParams = {}): ComponentSpec => converter('HEAT_PUMP', 'hp', 3, p);
export const boiler = (p: ConverterParams = {}): ComponentSpec => converter('ELECTRIC_BOILER', 'boiler', 1, p);

export interface ConnectionSpec {
  from: string;
  to: string;
  medium?: Medium;
}

/** A connection; the medium defaults to HEAT when the source only produces heat. */
export function conn(from: string, to: string, medium?: Medium): ConnectionSpec {
  return { from, to, medium };
}

const HEAT_SOURCES: ReadonlySet<ComponentKind> = new Set(['HEAT_PUMP', 'ELECTRIC_BOILER', 'THERMAL_STORAGE']);

export interface SystemParams {
  name?: string;
  timesteps: number;
  timestepHours?: number;
  discountRate?: number;
  seed?: number;
  components: ComponentSpec[];
  connections: ConnectionSpec[];
}

export function buildSystem(p: SystemParams): ResolvedSystem {
  const horizon: HorizonContext = { timesteps: p.timesteps, timestepHours: p.timestepHours ?? 1 };
  const components = p.components.map((spec, index) => spec(horizon, index));
  const kindOf = new Map(components.map((c) => [c.id, c.kind]));
  const seenPairs = new Map<string, number>();
  const connections: ResolvedConnection[] = p.connections.map((c, index) => {
    const fromKind = kindOf.get(c.from);
    if (!fromKind) throw new Error(`connection ${c.from}->${c.to}: unknown component ${c.from}`);
    if (!kindOf.has(c.to)) throw new Error(`connection ${c.from}->${c.to}: unknown component ${c.to}`);
    const pair = `${c.from}->${c.to}`;
    const seen = seenPairs.get(pair) ?? 0;
    seenPairs.set(pair, seen + 1);
    return {
      index,
      id: seen === 0 ? pair : `${pair}#${seen + 1}`,
      from: c.from,
      to: c.to,
      medium: c.medium ?? (HEAT_SOURCES.has(fromKind) ? 'HEAT' : 'ELECTRICITY'),
    };
  });
  const name = p.name ?? 'fixture';
  const normalizedConfig: SystemConfig = {
    name,
    horizon: { timesteps: horizon.timesteps, timestepHours: horizon.timestepHours, startDayOfYear: 1 },
    location: { latitudeDeg: 52, longitudeDeg: 13 },
    seed: p.seed ?? 42,
    discountRate: p.discountRate ?? 0.05,
    components: components.map((c) => ({ id: c.id, kind: c.kind, ...c.economics })),
    connections: connections.map((c) => ({ from: c.from, to: c.to, medium: c.medium })),
  };
  return {
    name,
    timesteps: horizon.timesteps,
    timestepHours: horizon.timestepHours,
    startDayOfYear: 1,
    latitudeDeg: 52,
    longitudeDeg: 13,
    seed: p.seed ?? 42,
    discountRate: p.discountRate ?? 0.05,
    components,
    connections,
    normalizedConfig,
  };
}

/** Energy of a flow series over the horizon, kWh. */
export function energyKwh(seriesKw: Float64Array, timestepHours: number): number {
  let sum = 0;
  for (const v of seriesKw) sum += v * timestepHours;
  return sum;
}

/** The flow series of the connection `from->to` (first one if the pair repeats). */
export function flowOf(system: ResolvedSystem, flowKw: Float64Array[], from: string, to: string): Float64Array {
  const c = system.connections.find((x) => x.from === from && x.to === to);
  if (!c) throw new Error(`no connection ${from}->${to}`);
  return flowKw[c.index];
}
