import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { capexEur, capexSize, carnotCop, windPowerFraction } from '../../src/simulation/components/index.js';
import { InvalidConfigError, formatIssue, parseSolverOptions, parseSystemConfig } from '../../src/simulation/config.js';
import { generateProfile } from '../../src/simulation/profiles/index.js';
import { resolveSystem } from '../../src/simulation/resolve.js';
import type {
  ResolvedComponent,
  ResolvedConverter,
  ResolvedDemand,
  ResolvedGenerator,
  ResolvedGrid,
  ResolvedStorage,
  ResolvedSystem,
  SystemConfig,
} from '../../src/simulation/types.js';

const EXAMPLES = ['residential-pv-battery', 'pv-battery-heatpump', 'commercial-tou'];

function example(name: string): { system: unknown; options?: unknown } {
  return JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8'));
}

function parsed(input: unknown): SystemConfig {
  const r = parseSystemConfig(input);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.config;
}

function resolveOne<T extends ResolvedComponent>(component: Record<string, unknown>, horizon: Record<string, unknown> = { timesteps: 24 }): T {
  const system = resolveSystem(parsed({ name: 'one', horizon, components: [component], connections: [] }));
  return system.components[0] as T;
}

const sum = (a: Float64Array): number => a.reduce((s, x) => s + x, 0);
const maxOf = (a: Float64Array): number => a.reduce((m, x) => Math.max(m, x), -Infinity);

describe('examples', () => {
  it.each(EXAMPLES)('%s parses and resolves into a consistent system', (name) => {
    const ex = example(name);
    const config = parsed(ex.system);
    expect(parseSolverOptions(ex.options).ok).toBe(true);
    const system = resolveSystem(config);
    expect(system.timesteps).toBe(8760);
    expect(system.timestepHours).toBe(1);
    expect(system.normalizedConfig).toEqual(config);
    expect(system.components.map((c) => c.id)).toEqual(config.components.map((c) => c.id));
    system.components.forEach((c, i) => expect(c.index).toBe(i));
    system.connections.forEach((c, i) => {
      expect(c.index).toBe(i);
      expect(c.id).toBe(`${c.from}->${c.to}`);
    });
    for (const c of system.components) {
      const series = seriesOf(c);
      for (const s of series) {
        expect(s).toBeInstanceOf(Float64Array);
        expect(s).toHaveLength(8760);
        expect(s.every((v) => Number.isFinite(v))).toBe(true);
      }
    }
  });

  it('residential: 4000 kWh/a demand, PV yield of a 6 kWp roof in central Europe', () => {
    const system = resolveSystem(parsed(example('residential-pv-battery').system));
    const house = byId<ResolvedDemand>(system, 'house');
    expect(sum(house.demandKw)).toBeCloseTo(4000, 6);
    const pv = byId<ResolvedGenerator>(system, 'pv');
    expect(maxOf(pv.availableKw)).toBeLessThanOrEqual(6 * 0.96 + 1e-12);
    const specificYield = sum(pv.availableKw) / 6;
    expect(specificYield).toBeGreaterThan(750);
    expect(specificYield).toBeLessThan(1150);
    const grid = byId<ResolvedGrid>(system, 'grid');
    expect(grid.maxImportKw).toBe(Infinity);
    expect(grid.importPriceEurPerKwh.every((p) => p === 0.32)).toBe(true);
  });

  it('heat pump example: 12 MWh/a heat, COP from the ambient temperature of the same weather', () => {
    const system = resolveSystem(parsed(example('pv-battery-heatpump').system));
    const heat = byId<ResolvedDemand>(system, 'space_heat');
    expect(heat.medium).toBe('HEAT');
    expect(sum(heat.demandKw)).toBeCloseTo(12000, 6);
    const hp = byId<ResolvedConverter>(system, 'heat_pump');
    const ambient = generateProfile('AMBIENT_TEMPERATURE', {
      timesteps: 8760,
      timestepHours: 1,
      startDayOfYear: 1,
      latitudeDeg: 52.5,
      longitudeDeg: 13.4,
      seed: 42,
    });
    for (let t = 0; t < 8760; t += 97) expect(hp.heatPerElectricity[t]).toBe(carnotCop(40, ambient[t], 0.45, 7));
    const tank = byId<ResolvedStorage>(system, 'tank');
    expect(tank.medium).toBe('HEAT');
    expect(tank.retentionPerStep).toBeCloseTo(0.995, 15);
  });

  it('commercial: the 24-value time-of-use price repeats every day', () => {
    const system = resolveSystem(parsed(example('commercial-tou').system));
    const grid = byId<ResolvedGrid>(system, 'grid');
    expect(grid.maxImportKw).toBe(60);
    expect(grid.maxExportKw).toBe(30);
    const expected = Array.from({ length: 8760 }, (_, t) => {
      const hour = t % 24;
      return hour < 6 ? 0.18 : hour < 17 ? 0.26 : hour < 21 ? 0.38 : 0.22;
    });
    expect(Array.from(grid.importPriceEurPerKwh)).toEqual(expected);
    expect(sum(byId<ResolvedDemand>(system, 'office').demandKw)).toBeCloseTo(60000, 5);
  });

  it('resolving twice gives bit-identical series', () => {
    const config = parsed(example('pv-battery-heatpump').system);
    const a = resolveSystem(config);
    const b = resolveSystem(JSON.parse(JSON.stringify(config)));
    a.components.forEach((c, i) => {
      const sa = seriesOf(c);
      const sb = seriesOf(b.components[i]);
      sa.forEach((s, k) => expect(Buffer.from(s.buffer).equals(Buffer.from(sb[k].buffer))).toBe(true));
    });
  });
});

describe('component resolution', () => {
  it('SOLAR_PV: availableKw = peakKw · profile · inverterEfficiency', () => {
    const pv = resolveOne<ResolvedGenerator>({ id: 'pv', kind: 'SOLAR_PV', peakKw: 10, profile: { values: [0, 0.5, 1, 0.25], fit: 'REPEAT' }, inverterEfficiency: 0.9 }, { timesteps: 8 });
    expect(Array.from(pv.availableKw)).toEqual([0, 4.5, 9, 2.25, 0, 4.5, 9, 2.25]);
    expect(pv.ratedKw).toBe(10);
    expect(pv.curtailable).toBe(true);
  });

  it('SOLAR_PV default profile is the SOLAR generator with the system seed', () => {
    const pv = resolveOne<ResolvedGenerator>({ id: 'pv', kind: 'SOLAR_PV', peakKw: 4 }, { timesteps: 48 });
    const shape = generateProfile('SOLAR', { timesteps: 48, timestepHours: 1, startDayOfYear: 1, latitudeDeg: 52, longitudeDeg: 13, seed: 42 });
    for (let t = 0; t < 48; t++) expect(pv.availableKw[t]).toBe(4 * 0.96 * shape[t]);
  });

  it('WIND_TURBINE power curve at hand-computed points', () => {
    // cut-in 3, rated 12, cut-out 25 m/s: (v³ − 27)/(1728 − 27) between 3 and 12.
    expect(windPowerFraction(0, 3, 12, 25)).toBe(0);
    expect(windPowerFraction(2.9, 3, 12, 25)).toBe(0);
    expect(windPowerFraction(3, 3, 12, 25)).toBe(0);
    expect(windPowerFraction(6, 3, 12, 25)).toBeCloseTo(189 / 1701, 15);
    expect(windPowerFraction(7.5, 3, 12, 25)).toBeCloseTo(394.875 / 1701, 15);
    expect(windPowerFraction(10, 3, 12, 25)).toBeCloseTo(973 / 1701, 15);
    expect(windPowerFraction(12, 3, 12, 25)).toBe(1);
    expect(windPowerFraction(24.9, 3, 12, 25)).toBe(1);
    expect(windPowerFraction(25, 3, 12, 25)).toBe(0);
    expect(windPowerFraction(40, 3, 12, 25)).toBe(0);

    const wind = resolveOne<ResolvedGenerator>(
      { id: 'w', kind: 'WIND_TURBINE', ratedKw: 100, windSpeed: { values: [2, 6, 7.5, 12, 20, 25, 30, 3] }, curtailable: false },
      { timesteps: 8 },
    );
    const expected = [0, (100 * 189) / 1701, (100 * 394.875) / 1701, 100, 100, 0, 0, 0];
    wind.availableKw.forEach((kw, t) => expect(kw).toBeCloseTo(expected[t], 12));
    expect(wind.curtailable).toBe(false);
  });

  it('BATTERY: defaults, C/2 power, retention per step from the self-discharge per hour', () => {
    const bat = resolveOne<ResolvedStorage>({ id: 'b', kind: 'BATTERY', energyKwh: 13.5, selfDischargePerHour: 0.001 }, { timesteps: 96, timestepHours: 0.25 });
    expect(bat).toMatchObject({
      kind: 'BATTERY',
      medium: 'ELECTRICITY',
      energyKwh: 13.5,
      maxChargeKw: 6.75,
      maxDischargeKw: 6.75,
      chargeEfficiency: 0.95,
      dischargeEfficiency: 0.95,
      socMin: 0.1,
      socMax: 1,
      initialSoc: 0.5,
      lossPerHour: 0.001,
      terminalCondition: 'FREE',
      minEndSoc: 0.5,
    });
    expect(bat.retentionPerStep).toBeCloseTo(Math.pow(0.999, 0.25), 15);
    // Four quarter-hour retentions equal one hourly retention.
    expect(bat.retentionPerStep ** 4).toBeCloseTo(0.999, 14);
    expect(bat.economics).toEqual({
      capexEurPerKw: 0,
      capexEurPerKwh: 500,
      fixedOmEurPerYear: 67.5,
      variableOmEurPerKwh: 0,
      lifetimeYears: 12,
      embodiedKgCo2: 1350,
    });
    expect(capexSize(bat)).toEqual({ powerKw: 6.75, energyKwh: 13.5 });
    expect(capexEur(bat)).toBe(6750);
  });

  it('THERMAL_STORAGE with MIN_END_SOC', () => {
    const tank = resolveOne<ResolvedStorage>({ id: 't', kind: 'THERMAL_STORAGE', energyKwh: 30, terminalCondition: 'MIN_END_SOC', minEndSoc: 0.4, maxChargeKw: 9 });
    expect(tank).toMatchObject({ medium: 'HEAT', lossPerHour: 0.005, retentionPerStep: 0.995, terminalCondition: 'MIN_END_SOC', minEndSoc: 0.4, maxChargeKw: 9, maxDischargeKw: 15, socMin: 0 });
  });

  describe('demand scaling', () => {
    it('peakKw: the horizon maximum becomes peakKw', () => {
      const d = resolveOne<ResolvedDemand>({ id: 'd', kind: 'ELECTRIC_DEMAND', profile: { values: [1, 3, 2, 4], fit: 'REPEAT' }, peakKw: 2 }, { timesteps: 8 });
      expect(Array.from(d.demandKw)).toEqual([0.5, 1.5, 1, 2, 0.5, 1.5, 1, 2]);
    });

    it('annualKwh: the horizon energy becomes annualKwh × horizonHours / 8760', () => {
      const d = resolveOne<ResolvedDemand>({ id: 'd', kind: 'HEAT_DEMAND', annualKwh: 8760 }, { timesteps: 192, timestepHours: 0.25 });
      expect(d.medium).toBe('HEAT');
      expect(sum(d.demandKw) * 0.25).toBeCloseTo(48, 10);
    });

    it('neither: the profile values are kW as given', () => {
      const d = resolveOne<ResolvedDemand>({ id: 'd', kind: 'ELECTRIC_DEMAND', profile: { constant: 1.7 } }, { timesteps: 4 });
      expect(Array.from(d.demandKw)).toEqual([1.7, 1.7, 1.7, 1.7]);
    });

    it('energyKwhPerStep: kWh per step divided by the step length', () => {
      const d = resolveOne<ResolvedDemand>({ id: 'd', kind: 'ELECTRIC_DEMAND', energyKwhPerStep: [0.25, 0.5, 0, 1] }, { timesteps: 4, timestepHours: 0.25 });
      expect(Array.from(d.demandKw)).toEqual([1, 2, 0, 4]);
    });

    it('the same hourly-constant demand at 15-minute steps carries the same energy', () => {
      const hourlyValues = [1, 2, 3, 4, 5, 6];
      const hourly = resolveOne<ResolvedDemand>({ id: 'd', kind: 'ELECTRIC_DEMAND', profile: { values: hourlyValues } }, { timesteps: 6 });
      const quarter = resolveOne<ResolvedDemand>(
        { id: 'd', kind: 'ELECTRIC_DEMAND', profile: { values: hourlyValues, valuesTimestepHours: 1, fit: 'RESAMPLE' } },
        { timesteps: 24, timestepHours: 0.25 },
      );
      expect(sum(quarter.demandKw) * 0.25).toBeCloseTo(sum(hourly.demandKw), 12);
      for (let t = 0; t < 24; t++) expect(quarter.demandKw[t]).toBe(hourlyValues[Math.floor(t / 4)]);
    });
  });

  it('HEAT_PUMP: constant COP, or the Carnot COP of each step clipped to [1, copMax]', () => {
    const constant = resolveOne<ResolvedConverter>({ id: 'hp', kind: 'HEAT_PUMP', maxHeatKw: 9, cop: 3.5 }, { timesteps: 3 });
    expect(Array.from(constant.heatPerElectricity)).toEqual([3.5, 3.5, 3.5]);
    expect(constant.maxHeatKw).toBe(9);

    const hp = resolveOne<ResolvedConverter>(
      { id: 'hp', kind: 'HEAT_PUMP', maxHeatKw: 9, ambientTemperature: { values: [0, -10, 40, 50, -80] }, carnotEfficiency: 0.3 },
      { timesteps: 5 },
    );
    // 0.3 · 318.15 / (45 − T): 0 °C → 2.121, −10 °C → 1.7354…, 40 °C → 19.089 → copMax 7, above supply → 7, −80 °C → 0.7636 → 1.
    expect(hp.heatPerElectricity[0]).toBeCloseTo((0.3 * 318.15) / 45, 12);
    expect(hp.heatPerElectricity[1]).toBeCloseTo((0.3 * 318.15) / 55, 12);
    expect(hp.heatPerElectricity[2]).toBe(7);
    expect(hp.heatPerElectricity[3]).toBe(7);
    expect(hp.heatPerElectricity[4]).toBe(1);
  });

  it('ELECTRIC_BOILER: constant efficiency', () => {
    const b = resolveOne<ResolvedConverter>({ id: 'b', kind: 'ELECTRIC_BOILER', maxHeatKw: 6, efficiency: 0.97 }, { timesteps: 2 });
    expect(Array.from(b.heatPerElectricity)).toEqual([0.97, 0.97]);
    expect(b.economics.capexEurPerKw).toBe(100);
  });

  it('GRID: limits, price and CO2 profiles; unlimited is Infinity', () => {
    const grid = resolveOne<ResolvedGrid>(
      { id: 'g', kind: 'GRID', maxImportKw: 20, importPriceEurPerKwh: { values: [0.2, 0.4], valuesTimestepHours: 2, fit: 'REPEAT' }, co2KgPerKwh: { constant: 0.25 } },
      { timesteps: 6 },
    );
    expect(grid.maxImportKw).toBe(20);
    expect(grid.maxExportKw).toBe(Infinity);
    expect(Array.from(grid.importPriceEurPerKwh)).toEqual([0.2, 0.2, 0.4, 0.4, 0.2, 0.2]);
    expect(Array.from(grid.exportPriceEurPerKwh)).toEqual([0.08, 0.08, 0.08, 0.08, 0.08, 0.08]);
    expect(Array.from(grid.co2KgPerKwh)).toEqual([0.25, 0.25, 0.25, 0.25, 0.25, 0.25]);
    expect(capexEur(grid)).toBe(0);
  });

  it('components sharing a generator get separate arrays', () => {
    const system = resolveSystem(
      parsed({
        name: 'shared',
        horizon: { timesteps: 24 },
        components: [
          { id: 'g1', kind: 'GRID', importPriceEurPerKwh: { constant: 0.3 } },
          { id: 'pv1', kind: 'SOLAR_PV', peakKw: 1, inverterEfficiency: 1 },
          { id: 'pv2', kind: 'SOLAR_PV', peakKw: 1, inverterEfficiency: 1 },
        ],
        connections: [],
      }),
    );
    const a = (system.components[1] as ResolvedGenerator).availableKw;
    const b = (system.components[2] as ResolvedGenerator).availableKw;
    expect(a).not.toBe(b);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('system fields and connection ids', () => {
    const system = resolveSystem(
      parsed({
        name: 'fields',
        horizon: { timesteps: 12, timestepHours: 0.5, startDayOfYear: 100 },
        location: { latitudeDeg: -33.9, longitudeDeg: 18.4 },
        seed: 5,
        discountRate: 0.07,
        components: [
          { id: 'grid', kind: 'GRID' },
          { id: 'house', kind: 'ELECTRIC_DEMAND', peakKw: 1 },
        ],
        connections: [{ from: 'grid', to: 'house', medium: 'ELECTRICITY' }],
      }),
    );
    expect(system).toMatchObject({
      name: 'fields',
      timesteps: 12,
      timestepHours: 0.5,
      startDayOfYear: 100,
      latitudeDeg: -33.9,
      longitudeDeg: 18.4,
      seed: 5,
      discountRate: 0.07,
      connections: [{ index: 0, id: 'grid->house', from: 'grid', to: 'house', medium: 'ELECTRICITY' }],
    });
  });

  it('throws InvalidConfigError with every issue for an invalid config', () => {
    const bad = { name: 'bad', components: [{ id: 'b', kind: 'BATTERY' }], connections: [{ from: 'b', to: 'x', medium: 'ELECTRICITY' }] } as unknown as SystemConfig;
    try {
      resolveSystem(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidConfigError);
      expect((e as InvalidConfigError).issues.map(formatIssue)).toEqual(['components[0].energyKwh: is required', 'connections[0].to: unknown component "x"']);
    }
  });
});

function byId<T extends ResolvedComponent>(system: ResolvedSystem, id: string): T {
  const c = system.components.find((x) => x.id === id);
  if (!c) throw new Error(`no component ${id}`);
  return c as T;
}

function seriesOf(c: ResolvedComponent): Float64Array[] {
  switch (c.kind) {
    case 'GRID':
      return [c.importPriceEurPerKwh, c.exportPriceEurPerKwh, c.co2KgPerKwh];
    case 'SOLAR_PV':
    case 'WIND_TURBINE':
      return [c.availableKw];
    case 'ELECTRIC_DEMAND':
    case 'HEAT_DEMAND':
      return [c.demandKw];
    case 'HEAT_PUMP':
    case 'ELECTRIC_BOILER':
      return [c.heatPerElectricity];
    default:
      return [];
  }
}
