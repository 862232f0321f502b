import { describe, expect, it } from 'vitest';
import { parseSystemConfig } from '../../src/simulation/config.js';
import {
  applyParameters,
  numericFields,
  parameterKey,
  parseParameterKey,
  validateParameterAddress,
} from '../../src/studies/parameters.js';
import { house } from './fixtures.js';

describe('applyParameters', () => {
  it('writes each value into a deep copy and leaves the input alone', () => {
    const base = house();
    const before = structuredClone(base);
    const out = applyParameters(base, [
      { component: 'battery', field: 'energyKwh', value: 20 },
      { component: 'pv', field: 'peakKw', value: 8 },
      { component: 'grid', field: 'importPriceEurPerKwh', value: 0.4 },
    ]);
    expect(base).toEqual(before);
    expect(out.components.find((c) => c.id === 'battery')!.energyKwh).toBe(20);
    expect(out.components.find((c) => c.id === 'pv')!.peakKw).toBe(8);
    expect(out.components.find((c) => c.id === 'grid')!.importPriceEurPerKwh).toBe(0.4);
    out.connections[0].from = 'changed';
    expect(base.connections[0].from).toBe('pv');
  });

  it('replaces a price profile by a constant and lets size-derived defaults follow the size', () => {
    const base = house();
    base.components[0].importPriceEurPerKwh = { values: [0.2, 0.4], fit: 'REPEAT' };
    delete base.components[2].maxChargeKw;
    const out = applyParameters(base, [
      { component: 'grid', field: 'importPriceEurPerKwh', value: 0.25 },
      { component: 'battery', field: 'energyKwh', value: 12 },
    ]);
    const parsed = parseSystemConfig(out);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.components[0].importPriceEurPerKwh).toBe(0.25);
    // maxChargeKw defaults to energyKwh/2, fixed O&M to 5 EUR per kWh and year.
    expect(parsed.config.components[2].maxChargeKw).toBe(6);
    expect(parsed.config.components[2].fixedOmEurPerYear).toBe(60);
  });

  it('lets a later value for the same address win and throws on an unknown component', () => {
    const out = applyParameters(house(), [
      { component: 'pv', field: 'peakKw', value: 1 },
      { component: 'pv', field: 'peakKw', value: 2 },
    ]);
    expect(out.components[1].peakKw).toBe(2);
    expect(() => applyParameters(house(), [{ component: 'nope', field: 'peakKw', value: 1 }])).toThrow(/nope/);
  });
});

describe('validateParameterAddress', () => {
  it('accepts numeric fields, economics included', () => {
    for (const field of ['energyKwh', 'maxChargeKw', 'socMin', 'capexEurPerKwh', 'lifetimeYears']) {
      expect(validateParameterAddress(house(), { component: 'battery', field }, 'p')).toEqual([]);
    }
    expect(validateParameterAddress(house(), { component: 'grid', field: 'exportPriceEurPerKwh' }, 'p')).toEqual([]);
  });

  it('reports an unknown component, an unknown field and a non-numeric field at their paths', () => {
    expect(validateParameterAddress(house(), { component: 'boiler', field: 'maxHeatKw' }, 'parametric.parameters[0]')).toEqual([
      { path: 'parametric.parameters[0].component', message: expect.stringMatching(/unknown component "boiler"/) },
    ]);
    expect(validateParameterAddress(house(), { component: 'battery', field: 'peakKw' }, 'x')).toEqual([
      { path: 'x.field', message: expect.stringMatching(/not a field of BATTERY/) },
    ]);
    expect(validateParameterAddress(house(), { component: 'battery', field: 'terminalCondition' }, 'x')).toEqual([
      { path: 'x.field', message: expect.stringMatching(/not a numeric field of BATTERY/) },
    ]);
    expect(validateParameterAddress(house(), { component: 'pv', field: 'profile' }, 'x')[0].message).toMatch(/not a numeric field/);
  });

  it('knows the numeric fields of each kind', () => {
    expect(numericFields('SOLAR_PV')).toEqual(['peakKw', 'inverterEfficiency', 'capexEurPerKw', 'capexEurPerKwh', 'fixedOmEurPerYear', 'variableOmEurPerKwh', 'lifetimeYears', 'embodiedKgCo2']);
    expect(numericFields('BATTERY')).not.toContain('terminalCondition');
    expect(numericFields('GRID')).toContain('co2KgPerKwh');
  });

  it('round-trips parameter keys, ids with dots included', () => {
    expect(parameterKey({ component: 'roof.pv', field: 'peakKw' })).toBe('roof.pv.peakKw');
    expect(parseParameterKey('roof.pv.peakKw')).toEqual({ component: 'roof.pv', field: 'peakKw' });
  });
});
