import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MAX_COMPONENTS,
  MAX_CONNECTIONS,
  MAX_TIMESTEPS,
  MAX_VALUES,
  formatIssue,
  parseSolverOptions,
  parseSystemConfig,
} from '../../src/simulation/config.js';
import type { ConfigIssue, SystemConfig } from '../../src/simulation/types.js';

const EXAMPLES = ['residential-pv-battery', 'pv-battery-heatpump', 'commercial-tou'];

function loadExample(name: string): { system: unknown; options?: unknown } {
  return JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8'));
}

function minimal(overrides: Partial<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    name: 'minimal',
    components: [
      { id: 'grid', kind: 'GRID' },
      { id: 'house', kind: 'ELECTRIC_DEMAND', peakKw: 2 },
    ],
    connections: [{ from: 'grid', to: 'house', medium: 'ELECTRICITY' }],
    ...overrides,
  };
}

/** Every kind with only its required parameters. */
function everyKind(): Record<string, unknown> {
  return {
    name: 'every kind',
    horizon: { timesteps: 48 },
    components: [
      { id: 'grid', kind: 'GRID' },
      { id: 'pv', kind: 'SOLAR_PV', peakKw: 5 },
      { id: 'wind', kind: 'WIND_TURBINE', ratedKw: 3 },
      { id: 'bat', kind: 'BATTERY', energyKwh: 10 },
      { id: 'house', kind: 'ELECTRIC_DEMAND', annualKwh: 4000 },
      { id: 'heat', kind: 'HEAT_DEMAND', peakKw: 6 },
      { id: 'hp', kind: 'HEAT_PUMP', maxHeatKw: 8 },
      { id: 'boiler', kind: 'ELECTRIC_BOILER', maxHeatKw: 4 },
      { id: 'tank', kind: 'THERMAL_STORAGE', energyKwh: 20 },
    ],
    connections: [
      { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'bat', medium: 'ELECTRICITY' },
      { from: 'wind', to: 'hp', medium: 'ELECTRICITY' },
      { from: 'bat', to: 'boiler', medium: 'ELECTRICITY' },
      { from: 'hp', to: 'tank', medium: 'HEAT' },
      { from: 'boiler', to: 'heat', medium: 'HEAT' },
      { from: 'tank', to: 'heat', medium: 'HEAT' },
    ],
  };
}

function issuesOf(input: unknown): ConfigIssue[] {
  const r = parseSystemConfig(input);
  if (r.ok) throw new Error('expected the config to be rejected');
  return r.issues;
}

function configOf(input: unknown): SystemConfig {
  const r = parseSystemConfig(input);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.config;
}

function withComponent(component: Record<string, unknown>, horizon?: Record<string, unknown>): Record<string, unknown> {
  return { name: 'one', ...(horizon ? { horizon } : {}), components: [component], connections: [] };
}

describe('parseSystemConfig: defaults', () => {
  it('fills system-level defaults', () => {
    const c = configOf(minimal());
    expect(c.horizon).toEqual({ timesteps: 8760, timestepHours: 1, startDayOfYear: 1 });
    expect(c.location).toEqual({ latitudeDeg: 52, longitudeDeg: 13 });
    expect(c.seed).toBe(42);
    expect(c.discountRate).toBe(0.05);
  });

  it('fills every parameter and economics field of every kind', () => {
    const c = configOf(everyKind());
    const byId = Object.fromEntries(c.components.map((x) => [x.id, x]));
    expect(byId.grid).toEqual({
      id: 'grid',
      kind: 'GRID',
      maxImportKw: null,
      maxExportKw: null,
      importPriceEurPerKwh: 0.3,
      exportPriceEurPerKwh: 0.08,
      co2KgPerKwh: 0.4,
      capexEurPerKw: 0,
      capexEurPerKwh: 0,
      fixedOmEurPerYear: 0,
      variableOmEurPerKwh: 0,
      lifetimeYears: 1,
      embodiedKgCo2: 0,
    });
    expect(byId.pv).toMatchObject({
      peakKw: 5,
      profile: { generator: 'SOLAR', seed: 42 },
      inverterEfficiency: 0.96,
      curtailable: true,
      capexEurPerKw: 900,
      fixedOmEurPerYear: 75,
      lifetimeYears: 25,
      embodiedKgCo2: 7500,
    });
    expect(byId.wind).toMatchObject({ windSpeed: { generator: 'WIND_SPEED', seed: 42 }, cutInMs: 3, ratedMs: 12, cutOutMs: 25, curtailable: true });
    expect(byId.bat).toEqual({
      id: 'bat',
      kind: 'BATTERY',
      energyKwh: 10,
      maxChargeKw: 5,
      maxDischargeKw: 5,
      chargeEfficiency: 0.95,
      dischargeEfficiency: 0.95,
      socMin: 0.1,
      socMax: 1,
      initialSoc: 0.5,
      selfDischargePerHour: 0.0001,
      terminalCondition: 'FREE',
      minEndSoc: 0.5,
      capexEurPerKw: 0,
      capexEurPerKwh: 500,
      fixedOmEurPerYear: 50,
      variableOmEurPerKwh: 0,
      lifetimeYears: 12,
      embodiedKgCo2: 1000,
    });
    expect(byId.tank).toMatchObject({ lossPerHour: 0.005, chargeEfficiency: 0.98, dischargeEfficiency: 0.98, socMin: 0, initialSoc: 0.5, maxChargeKw: 10 });
    expect(byId.tank).not.toHaveProperty('selfDischargePerHour');
    expect(byId.house).toMatchObject({ profile: { generator: 'RESIDENTIAL_ELECTRIC', seed: 42 }, energyKwhPerStep: null, peakKw: null, annualKwh: 4000 });
    expect(byId.heat).toMatchObject({ profile: { generator: 'RESIDENTIAL_HEAT', seed: 42 }, peakKw: 6, annualKwh: null });
    expect(byId.hp).toMatchObject({
      cop: null,
      supplyTemperatureC: 45,
      carnotEfficiency: 0.45,
      copMax: 7,
      ambientTemperature: { generator: 'AMBIENT_TEMPERATURE', seed: 42 },
    });
    expect(byId.boiler).toMatchObject({ efficiency: 0.99, capexEurPerKw: 100 });
  });

  it('uses the system seed for generators without their own seed and keeps explicit seeds', () => {
    const c = configOf({
      ...withComponent({ id: 'pv', kind: 'SOLAR_PV', peakKw: 1, profile: { generator: 'SOLAR', seed: 7 } }),
      seed: 9,
      components: [
        { id: 'pv', kind: 'SOLAR_PV', peakKw: 1, profile: { generator: 'SOLAR', seed: 7 } },
        { id: 'pv2', kind: 'SOLAR_PV', peakKw: 1 },
      ],
    });
    expect(c.components[0].profile).toEqual({ generator: 'SOLAR', seed: 7 });
    expect(c.components[1].profile).toEqual({ generator: 'SOLAR', seed: 9 });
  });

  it('fills fit and valuesTimestepHours of value profiles', () => {
    const c = configOf(withComponent({ id: 'd', kind: 'ELECTRIC_DEMAND', profile: { values: [1, 2] , fit: 'REPEAT' } }, { timesteps: 24, timestepHours: 0.5 }));
    expect(c.components[0].profile).toEqual({ values: [1, 2], valuesTimestepHours: 0.5, fit: 'REPEAT' });
  });

  it('user economics override the defaults field by field', () => {
    const c = configOf(withComponent({ id: 'pv', kind: 'SOLAR_PV', peakKw: 4, capexEurPerKw: 1100, embodiedKgCo2: 3000 }));
    expect(c.components[0]).toMatchObject({ capexEurPerKw: 1100, embodiedKgCo2: 3000, fixedOmEurPerYear: 60, lifetimeYears: 25 });
  });

  it('a heat pump with a constant COP has no ambient profile', () => {
    const c = configOf(withComponent({ id: 'hp', kind: 'HEAT_PUMP', maxHeatKw: 5, cop: 3.2 }));
    expect(c.components[0]).toMatchObject({ cop: 3.2, ambientTemperature: null });
  });
});

describe('parseSystemConfig: normalised config round-trips', () => {
  const inputs: [string, unknown][] = [
    ['minimal', minimal()],
    ['every kind', everyKind()],
    ...EXAMPLES.map((name): [string, unknown] => [name, loadExample(name).system]),
  ];
  it.each(inputs)('%s: parse(parse(x).config) equals parse(x).config, also through JSON', (_name, input) => {
    const once = configOf(input);
    const twice = configOf(once);
    expect(twice).toEqual(once);
    const json = JSON.stringify(once);
    expect(json).not.toMatch(/Infinity|NaN/);
    expect(configOf(JSON.parse(json))).toEqual(once);
    expect(JSON.parse(json)).toEqual(once);
  });

  it('does not mutate or alias the input', () => {
    const input = withComponent({ id: 'd', kind: 'ELECTRIC_DEMAND', profile: { values: [1, 2, 3], fit: 'REPEAT' } }, { timesteps: 6 });
    const snapshot = JSON.parse(JSON.stringify(input));
    const c = configOf(input);
    expect(input).toEqual(snapshot);
    (c.components[0].profile as { values: number[] }).values[0] = 99;
    expect((input.components as { profile: { values: number[] } }[])[0].profile.values[0]).toBe(1);
  });
});

describe('parseSystemConfig: errors are collected with path and reason', () => {
  it('three mistakes yield exactly three issues', () => {
    const input = minimal({
      components: [
        { id: 'grid', kind: 'GRID', maxImportKw: -5 },
        { id: 'bat', kind: 'BATTERY', energyKwh: 0 },
        { id: 'house', kind: 'ELECTRIC_DEMAND', peakKw: 2 },
      ],
      connections: [
        { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
        { from: 'grid', to: 'bat2', medium: 'ELECTRICITY' },
      ],
    });
    const issues = issuesOf(input);
    expect(issues.map(formatIssue)).toEqual([
      'components[0].maxImportKw: must be >= 0, got -5',
      'components[1].energyKwh: must be > 0, got 0',
      'connections[1].to: unknown component "bat2"',
    ]);
  });

  it('formatIssue joins path and message', () => {
    expect(formatIssue({ path: 'components[2].energyKwh', message: 'must be > 0' })).toBe('components[2].energyKwh: must be > 0');
    expect(formatIssue({ path: '', message: 'the system must be an object' })).toBe('the system must be an object');
  });

  it('every issue has a path and a reason', () => {
    const issues = issuesOf({
      name: 'x',
      horizon: { timesteps: 10.5, timestepHours: 0 },
      components: [{ id: 'a', kind: 'BATTERY', energyKwh: Infinity }, { kind: 'GRID' }],
      connections: [{ from: 'a', to: 'a' }],
    });
    for (const i of issues) {
      expect(i.path.length).toBeGreaterThan(0);
      expect(i.message.length).toBeGreaterThan(3);
    }
    const text = issues.map(formatIssue);
    expect(text).toContain('horizon.timesteps: must be an integer, got 10.5');
    expect(text).toContain('horizon.timestepHours: must be >= 0.016666666666666666, got 0');
    expect(text).toContain('components[0].energyKwh: must be a finite number, got Infinity');
    expect(text).toContain('components[1].id: is required');
    expect(text).toContain('connections[0].medium: is required');
    expect(text).toContain('connections[0].to: must differ from "from" (a component cannot feed itself)');
  });

  it('rejects non-objects', () => {
    expect(issuesOf(null)).toHaveLength(1);
    expect(issuesOf([1, 2])).toHaveLength(1);
    expect(issuesOf('config').map((i) => i.path)).toEqual(['']);
  });

  it('rejects a parameter of another kind and unknown fields', () => {
    const text = issuesOf(
      minimal({
        components: [
          { id: 'grid', kind: 'GRID' },
          { id: 'pv', kind: 'SOLAR_PV', peakKw: 5, energyKwh: 10 },
          { id: 'house', kind: 'ELECTRIC_DEMAND', peakKw: 2, colour: 'red' },
        ],
        horizon: { timesteps: 24, hours: 1 },
        extra: true,
      }),
    ).map(formatIssue);
    expect(text).toContain('components[1].energyKwh: not a parameter of SOLAR_PV');
    expect(text).toContain('components[2].colour: not a parameter of ELECTRIC_DEMAND');
    expect(text.some((t) => t.startsWith('horizon.hours: not a field of horizon'))).toBe(true);
    expect(text.some((t) => t.startsWith('extra: not a field of a system'))).toBe(true);
  });

  it('checks component ids and kinds', () => {
    const text = issuesOf(
      minimal({
        components: [
          { id: 'grid', kind: 'GRID' },
          { id: 'grid', kind: 'GRID' },
          { id: 'a->b', kind: 'GRID' },
          { id: 'x', kind: 'NUCLEAR' },
          { id: 'house', kind: 'ELECTRIC_DEMAND', peakKw: 1 },
        ],
      }),
    ).map(formatIssue);
    expect(text).toEqual([
      'components[1].id: duplicate id "grid" (also components[0])',
      'components[2].id: must be 1-64 characters of A-Z a-z 0-9 _ . : -',
      'components[3].kind: must be one of GRID, SOLAR_PV, WIND_TURBINE, BATTERY, ELECTRIC_DEMAND, HEAT_DEMAND, HEAT_PUMP, ELECTRIC_BOILER, THERMAL_STORAGE, got "NUCLEAR"',
    ]);
  });

  it('checks connection topology: unknown ends, media, self loops, duplicates', () => {
    const text = issuesOf({
      name: 'topology',
      components: [
        { id: 'grid', kind: 'GRID' },
        { id: 'pv', kind: 'SOLAR_PV', peakKw: 3 },
        { id: 'hp', kind: 'HEAT_PUMP', maxHeatKw: 5 },
        { id: 'heat', kind: 'HEAT_DEMAND', peakKw: 4 },
        { id: 'house', kind: 'ELECTRIC_DEMAND', peakKw: 2 },
      ],
      connections: [
        { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
        { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
        { from: 'pv', to: 'heat', medium: 'HEAT' },
        { from: 'hp', to: 'heat', medium: 'ELECTRICITY' },
        { from: 'house', to: 'grid', medium: 'ELECTRICITY' },
        { from: 'nowhere', to: 'house', medium: 'ELECTRICITY' },
        { from: 'pv', to: 'pv', medium: 'ELECTRICITY' },
        { from: 'pv', to: 'house', medium: 'STEAM' },
      ],
    }).map(formatIssue);
    expect(text).toEqual([
      'connections[1]: duplicate of connections[0] (grid -> house, ELECTRICITY)',
      'connections[2].medium: HEAT cannot flow out of SOLAR_PV "pv"',
      'connections[3].medium: ELECTRICITY cannot flow out of HEAT_PUMP "hp"; ELECTRICITY cannot flow into HEAT_DEMAND "heat"',
      'connections[4].medium: ELECTRICITY cannot flow out of ELECTRIC_DEMAND "house"',
      'connections[5].from: unknown component "nowhere"',
      'connections[6].to: must differ from "from" (a component cannot feed itself)',
      'connections[7].medium: must be one of ELECTRICITY, HEAT, got "STEAM"',
    ]);
  });

  it('accepts every connection the media rules allow', () => {
    const electricSources = [
      { id: 'g', kind: 'GRID' },
      { id: 'pv', kind: 'SOLAR_PV', peakKw: 1 },
      { id: 'w', kind: 'WIND_TURBINE', ratedKw: 1 },
      { id: 'b', kind: 'BATTERY', energyKwh: 1 },
    ];
    const electricSinks = [
      { id: 'g2', kind: 'GRID' },
      { id: 'b2', kind: 'BATTERY', energyKwh: 1 },
      { id: 'd', kind: 'ELECTRIC_DEMAND', peakKw: 1 },
      { id: 'hp', kind: 'HEAT_PUMP', maxHeatKw: 1 },
      { id: 'eb', kind: 'ELECTRIC_BOILER', maxHeatKw: 1 },
    ];
    const heatOnly = [
      { id: 'ts', kind: 'THERMAL_STORAGE', energyKwh: 1 },
      { id: 'hd', kind: 'HEAT_DEMAND', peakKw: 1 },
    ];
    const connections = [
      ...electricSources.flatMap((s) => electricSinks.map((t) => ({ from: s.id, to: t.id, medium: 'ELECTRICITY' }))),
      ...['hp', 'eb', 'ts'].flatMap((s) => ['ts', 'hd'].filter((t) => t !== s).map((t) => ({ from: s, to: t, medium: 'HEAT' }))),
    ];
    const c = configOf({ name: 'all media', horizon: { timesteps: 4 }, components: [...electricSources, ...electricSinks, ...heatOnly], connections });
    expect(c.connections).toHaveLength(4 * 5 + 5);
  });

  it('checks storage state-of-charge ordering and terminal fields', () => {
    const text = issuesOf({
      name: 'soc',
      components: [
        { id: 'a', kind: 'BATTERY', energyKwh: 10, socMin: 0.2, initialSoc: 0.1 },
        { id: 'b', kind: 'BATTERY', energyKwh: 10, socMin: 0.6, socMax: 0.5 },
        { id: 'c', kind: 'THERMAL_STORAGE', energyKwh: 10, socMax: 0.8, minEndSoc: 0.9, terminalCondition: 'MIN_END_SOC' },
        { id: 'd', kind: 'BATTERY', energyKwh: 10, terminalCondition: 'SOMETIMES', selfDischargePerHour: 1 },
        { id: 'e', kind: 'BATTERY', energyKwh: 10, socMin: 'low', initialSoc: 0.05 },
      ],
      connections: [],
    }).map(formatIssue);
    expect(text).toEqual([
      'components[0].initialSoc: must lie in [socMin, socMax] = [0.2, 1], got 0.1',
      'components[1].socMax: must be >= socMin (0.6), got 0.5',
      'components[2].minEndSoc: must lie in [socMin, socMax] = [0, 0.8], got 0.9',
      'components[3].selfDischargePerHour: must be < 1, got 1',
      'components[3].terminalCondition: must be one of FREE, CYCLIC, MIN_END_SOC, got "SOMETIMES"',
      'components[4].socMin: must be a number, got a string',
    ]);
  });

  it('checks negative sizes and NaN on every kind', () => {
    const text = issuesOf({
      name: 'sizes',
      components: [
        { id: 'pv', kind: 'SOLAR_PV', peakKw: -1 },
        { id: 'w', kind: 'WIND_TURBINE', ratedKw: NaN },
        { id: 'hp', kind: 'HEAT_PUMP', maxHeatKw: -2 },
        { id: 'eb', kind: 'ELECTRIC_BOILER' },
        { id: 'd', kind: 'ELECTRIC_DEMAND', peakKw: -3 },
        { id: 'b', kind: 'BATTERY', energyKwh: 5, maxChargeKw: -1, capexEurPerKwh: -10 },
      ],
      connections: [],
    }).map(formatIssue);
    expect(text).toEqual([
      'components[0].peakKw: must be >= 0, got -1',
      'components[1].ratedKw: must be a finite number, got NaN',
      'components[2].maxHeatKw: must be >= 0, got -2',
      'components[3].maxHeatKw: is required',
      'components[4].peakKw: must be >= 0, got -3',
      'components[5].maxChargeKw: must be >= 0, got -1',
      'components[5].capexEurPerKwh: must be >= 0, got -10',
    ]);
  });

  it('checks demand scaling rules', () => {
    const text = issuesOf({
      name: 'demand',
      horizon: { timesteps: 4 },
      components: [
        { id: 'a', kind: 'ELECTRIC_DEMAND' },
        { id: 'b', kind: 'ELECTRIC_DEMAND', peakKw: 2, annualKwh: 3000 },
        { id: 'c', kind: 'HEAT_DEMAND', energyKwhPerStep: [1, 1, 1, 1], profile: { constant: 1 } },
        { id: 'd', kind: 'HEAT_DEMAND', energyKwhPerStep: [1, 1, 1, 1], annualKwh: 5 },
        { id: 'e', kind: 'HEAT_DEMAND', energyKwhPerStep: [1, 1, 1] },
        { id: 'f', kind: 'ELECTRIC_DEMAND', profile: { constant: 0 }, peakKw: 3 },
        { id: 'g', kind: 'ELECTRIC_DEMAND', profile: { generator: 'SOLAR' } },
      ],
      connections: [],
    }).map(formatIssue);
    expect(text).toEqual([
      'components[0]: give profile, energyKwhPerStep, peakKw or annualKwh',
      'components[1].annualKwh: give at most one of peakKw, annualKwh',
      'components[2].energyKwhPerStep: give either profile or energyKwhPerStep, not both',
      'components[3].energyKwhPerStep: is absolute: do not combine it with peakKw or annualKwh',
      'components[4].energyKwhPerStep: needs one value per step: 4 values, got 3',
      'components[5].profile: is zero everywhere: it cannot be scaled to peakKw',
      'components[6].profile.generator: SOLAR does not fit this parameter (use RESIDENTIAL_ELECTRIC or COMMERCIAL_ELECTRIC or RESIDENTIAL_HEAT or COMMERCIAL_HEAT)',
    ]);
  });

  it('checks profile inputs: one source, value ranges, fit to the horizon', () => {
    const text = issuesOf({
      name: 'profiles',
      horizon: { timesteps: 24 },
      components: [
        { id: 'a', kind: 'SOLAR_PV', peakKw: 1, profile: { values: [0.1, 0.2] } },
        { id: 'b', kind: 'SOLAR_PV', peakKw: 1, profile: { values: new Array(24).fill(0.5).map((v, i) => (i === 3 ? 1.5 : i === 9 ? NaN : v)) } },
        { id: 'c', kind: 'SOLAR_PV', peakKw: 1, profile: { constant: 0.5, generator: 'SOLAR' } },
        { id: 'd', kind: 'SOLAR_PV', peakKw: 1, profile: {} },
        { id: 'e', kind: 'ELECTRIC_DEMAND', profile: { values: [1, 2, 3, 4, 5], valuesTimestepHours: 6, fit: 'RESAMPLE' } },
        { id: 'f', kind: 'ELECTRIC_DEMAND', profile: { values: [1, 2], fit: 'SOMETIMES', seed: 3 } },
        { id: 'g', kind: 'GRID', importPriceEurPerKwh: { values: new Array(12).fill(0.3), valuesTimestepHours: 2, fit: 'EXACT' } },
        { id: 'h', kind: 'GRID', exportPriceEurPerKwh: 'cheap', co2KgPerKwh: { generator: 'SOLAR' } },
        { id: 'i', kind: 'WIND_TURBINE', ratedKw: 1, windSpeed: { generator: 'WIND_SPEED', seed: -1, colour: 1 } },
      ],
      connections: [],
    }).map(formatIssue);
    expect(text).toEqual([
      'components[0].profile.values: fit EXACT needs one value per step: 24 values, got 2 (use REPEAT or RESAMPLE)',
      'components[1].profile.values[3]: must be <= 1, got 1.5 (and 1 more bad entries)',
      'components[2].profile: give only one of constant, values, generator (got constant, generator)',
      'components[3].profile: give one of constant, values, generator',
      'components[4].profile.values: fit RESAMPLE needs values spanning the horizon (24 h): 5 × 6 h = 30 h',
      'components[5].profile.seed: only used with generator',
      'components[5].profile.fit: must be one of EXACT, REPEAT, RESAMPLE, got "SOMETIMES"',
      'components[6].importPriceEurPerKwh.values: fit EXACT needs valuesTimestepHours = horizon.timestepHours (1), got 2; use RESAMPLE',
      'components[7].exportPriceEurPerKwh: must be a number or a profile { constant | values | generator }',
      'components[7].co2KgPerKwh.generator: no built-in generator fits this parameter; give constant or values',
      'components[8].windSpeed.colour: not a profile field (allowed: constant, values, valuesTimestepHours, fit, generator, seed)',
      'components[8].windSpeed.seed: must be an integer in 0..4294967295, got -1',
    ]);
  });

  it('accepts profiles that fit under REPEAT and RESAMPLE', () => {
    const c = configOf({
      name: 'fits',
      horizon: { timesteps: 96, timestepHours: 0.25 },
      components: [
        { id: 'a', kind: 'ELECTRIC_DEMAND', profile: { values: [1, 2, 3], valuesTimestepHours: 1, fit: 'REPEAT' } },
        { id: 'b', kind: 'ELECTRIC_DEMAND', profile: { values: new Array(24).fill(1), valuesTimestepHours: 1, fit: 'RESAMPLE' } },
        { id: 'c', kind: 'ELECTRIC_DEMAND', profile: { values: new Array(192).fill(1), valuesTimestepHours: 0.125, fit: 'RESAMPLE' } },
      ],
      connections: [],
    });
    expect(c.components).toHaveLength(3);
  });

  it('checks the horizon, location and system fields', () => {
    const text = issuesOf({
      name: 'h',
      horizon: { timesteps: MAX_TIMESTEPS + 1, timestepHours: 25, startDayOfYear: 0 },
      location: { latitudeDeg: 91, longitudeDeg: -181 },
      seed: 1.5,
      discountRate: -0.1,
      components: [],
      connections: [],
    }).map(formatIssue);
    expect(text).toEqual([
      `horizon.timesteps: must be <= ${MAX_TIMESTEPS}, got ${MAX_TIMESTEPS + 1}`,
      'horizon.timestepHours: must be <= 24, got 25',
      'horizon.startDayOfYear: must be >= 1, got 0',
      'location.latitudeDeg: must be <= 90, got 91',
      'location.longitudeDeg: must be >= -180, got -181',
      'seed: must be an integer in 0..4294967295, got 1.5',
      'discountRate: must be >= 0, got -0.1',
    ]);
  });

  it('enforces size limits with clear errors', () => {
    const tooManyComponents = issuesOf({
      name: 'big',
      components: Array.from({ length: MAX_COMPONENTS + 1 }, (_, i) => ({ id: `g${i}`, kind: 'GRID' })),
      connections: [],
    }).map(formatIssue);
    expect(tooManyComponents).toEqual([`components: at most ${MAX_COMPONENTS} components, got ${MAX_COMPONENTS + 1}`]);

    const tooManyConnections = issuesOf({
      name: 'big',
      components: [{ id: 'g', kind: 'GRID' }],
      connections: Array.from({ length: MAX_CONNECTIONS + 1 }, () => ({ from: 'g', to: 'x', medium: 'ELECTRICITY' })),
    }).map(formatIssue);
    expect(tooManyConnections).toEqual([`connections: at most ${MAX_CONNECTIONS} connections, got ${MAX_CONNECTIONS + 1}`]);

    const tooManyValues = issuesOf(
      withComponent({ id: 'd', kind: 'ELECTRIC_DEMAND', profile: { values: new Array(MAX_VALUES + 1).fill(1), fit: 'REPEAT' } }),
    ).map(formatIssue);
    expect(tooManyValues).toEqual([`components[0].profile.values: must have at most ${MAX_VALUES} entries, got ${MAX_VALUES + 1}`]);
  });

  it('caps a flood of issues', () => {
    const issues = issuesOf({
      name: 'flood',
      components: Array.from({ length: 100 }, (_, i) => ({ id: `b${i}`, kind: 'BATTERY', energyKwh: -1, socMin: 2, socMax: 2, initialSoc: 2 })),
      connections: [],
    });
    expect(issues).toHaveLength(201);
    expect(issues[200].message).toMatch(/^\d+ further issues not shown$/);
  });
});

describe('parseSolverOptions', () => {
  it('fills defaults', () => {
    for (const input of [undefined, null, {}]) {
      const r = parseSolverOptions(input);
      expect(r).toEqual({
        ok: true,
        options: {
          solver: 'RULE_BASED',
          objective: 'COST',
          forbidSimultaneous: false,
          timeLimitSeconds: 60,
          mipRelGap: 1e-4,
          commitHours: 24,
          lookaheadHours: 48,
          unmetDemandPenaltyEurPerKwh: 10,
        },
      });
    }
  });

  it('fills weights for WEIGHTED the way objectiveWeights reads them, and round-trips', () => {
    const r = parseSolverOptions({ solver: 'OPTIMAL', objective: 'WEIGHTED', weights: { co2Kg: 0.1 } });
    expect(r.ok && r.options.weights).toEqual({ costEur: 1, co2Kg: 0.1, gridExchangeKwh: 0 });
    if (!r.ok) return;
    expect(parseSolverOptions(JSON.parse(JSON.stringify(r.options)))).toEqual(r);
  });

  it('collects every problem', () => {
    const r = parseSolverOptions({
      solver: 'GENETIC',
      objective: 'WEIGHTED',
      weights: { costEur: 0, co2Kg: 0, gridExchangeKwh: 0 },
      timeLimitSeconds: 0,
      mipRelGap: 1,
      commitHours: 48,
      lookaheadHours: 24,
      unmetDemandPenaltyEurPerKwh: -1,
      verbose: true,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map(formatIssue)).toEqual([
      'verbose: not a solver option (allowed: solver, objective, weights, forbidSimultaneous, timeLimitSeconds, mipRelGap, commitHours, lookaheadHours, unmetDemandPenaltyEurPerKwh)',
      'solver: must be one of RULE_BASED, OPTIMAL, ROLLING_HORIZON, HYBRID, got "GENETIC"',
      'timeLimitSeconds: must be > 0, got 0',
      'mipRelGap: must be < 1, got 1',
      'unmetDemandPenaltyEurPerKwh: must be > 0, got -1',
      'weights: at least one weight must be > 0',
      'lookaheadHours: must be >= commitHours (48): it is the whole window, committed part included',
    ]);
  });

  it('requires weights exactly when the objective is WEIGHTED', () => {
    const missing = parseSolverOptions({ objective: 'WEIGHTED' });
    expect(!missing.ok && missing.issues.map(formatIssue)).toEqual(['weights: is required when objective is WEIGHTED ({ costEur, co2Kg, gridExchangeKwh })']);
    const stray = parseSolverOptions({ objective: 'CO2', weights: { co2Kg: 1 } });
    expect(!stray.ok && stray.issues.map(formatIssue)).toEqual(['weights: only used with objective WEIGHTED (objective is CO2)']);
  });

  it('parses the options of every example', () => {
    for (const name of EXAMPLES) expect(parseSolverOptions(loadExample(name).options).ok).toBe(true);
  });
});
