import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEnergyBalance } from '../../src/simulation/balance.js';
import { ConfigValidationError, ENGINE_VERSION, EngineError, simulate } from '../../src/simulation/index.js';
import type { SolverKind } from '../../src/simulation/types.js';

const EXAMPLES_DIR = join(import.meta.dirname, '../../examples');
const examples = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(EXAMPLES_DIR, f), 'utf8')) as { system: unknown; options?: unknown }) }));

const FRACTIONS = ['renewableFraction', 'selfConsumptionRate', 'selfSufficiencyRate'] as const;

describe('simulate on examples/*.json with RULE_BASED', () => {
  it('has examples to run', () => expect(examples.length).toBeGreaterThan(0));
  for (const example of examples) {
    it(example.file, async () => {
      const result = await simulate({ system: example.system, options: { ...(example.options as object), solver: 'RULE_BASED' } });
      expect(result.engineVersion).toBe(ENGINE_VERSION);
      expect(result.solver).toBe('RULE_BASED');
      const check = checkEnergyBalance(result.system, result.dispatch, { enforceTerminal: false, toleranceKw: 1e-9 });
      expect(check.violations).toEqual([]);
      for (const key of FRACTIONS) {
        expect(result.kpis[key]).toBeGreaterThanOrEqual(0);
        expect(result.kpis[key]).toBeLessThanOrEqual(1);
      }
      expect(result.kpis.totalDemandKwh).toBeGreaterThan(0);
      expect(result.kpis.co2ReductionFraction).not.toBeNull(); // every example has a grid
      expect(result.warnings.filter((w) => w.includes('socMin'))).toEqual([]);
    });
  }
});

/** A two-day PV + battery + heat pump system, small enough for every solver in a test. */
const twoDays = {
  name: 'two days',
  horizon: { timesteps: 48, timestepHours: 1, startDayOfYear: 172 },
  components: [
    { id: 'grid', kind: 'GRID', importPriceEurPerKwh: 0.3, exportPriceEurPerKwh: 0.05, co2KgPerKwh: 0.4 },
    { id: 'pv', kind: 'SOLAR_PV', peakKw: 6 },
    { id: 'battery', kind: 'BATTERY', energyKwh: 8, maxChargeKw: 4, maxDischargeKw: 4 },
    { id: 'house', kind: 'ELECTRIC_DEMAND', annualKwh: 4000 },
    { id: 'hp', kind: 'HEAT_PUMP', maxHeatKw: 6 },
    { id: 'tank', kind: 'THERMAL_STORAGE', energyKwh: 10, maxChargeKw: 5, maxDischargeKw: 5 },
    { id: 'heat', kind: 'HEAT_DEMAND', annualKwh: 3000 },
  ],
  connections: [
    { from: 'pv', to: 'house', medium: 'ELECTRICITY' },
    { from: 'pv', to: 'hp', medium: 'ELECTRICITY' },
    { from: 'pv', to: 'battery', medium: 'ELECTRICITY' },
    { from: 'pv', to: 'grid', medium: 'ELECTRICITY' },
    { from: 'battery', to: 'house', medium: 'ELECTRICITY' },
    { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
    { from: 'grid', to: 'hp', medium: 'ELECTRICITY' },
    { from: 'hp', to: 'heat', medium: 'HEAT' },
    { from: 'hp', to: 'tank', medium: 'HEAT' },
    { from: 'tank', to: 'heat', medium: 'HEAT' },
  ],
};

describe('simulate with every solver', () => {
  it('returns balanced dispatches; the LP ones never cost more than the rule-based one', async () => {
    const objectives = new Map<SolverKind, number>();
    for (const solver of ['RULE_BASED', 'OPTIMAL', 'ROLLING_HORIZON', 'HYBRID'] as const) {
      const result = await simulate({ system: twoDays, options: { solver, commitHours: 24, lookaheadHours: 36 } });
      expect(result.solver).toBe(solver);
      const check = checkEnergyBalance(result.system, result.dispatch, { enforceTerminal: solver !== 'RULE_BASED' });
      expect(check.violations, solver).toEqual([]);
      expect(result.ruleBasedStats !== undefined, solver).toBe(solver === 'HYBRID');
      objectives.set(solver, result.dispatch.stats.objective);
    }
    const ruleBased = objectives.get('RULE_BASED')!;
    expect(objectives.get('OPTIMAL')!).toBeLessThanOrEqual(ruleBased + 1e-6);
    expect(objectives.get('OPTIMAL')!).toBeLessThanOrEqual(objectives.get('ROLLING_HORIZON')! + 1e-6);
    // Same windows; the LP may return a different optimal vertex, so equal up to solver tolerance.
    expect(objectives.get('HYBRID')!).toBeCloseTo(objectives.get('ROLLING_HORIZON')!, 3);
  }, 60_000);

  it('warns about unmet demand and about an unmet terminal condition', async () => {
    // Two winter days behind a 0.1 kW grid connection.
    const system = {
      ...twoDays,
      horizon: { ...twoDays.horizon, startDayOfYear: 1 },
      components: twoDays.components.map((c) =>
        c.kind === 'GRID' ? { ...c, maxImportKw: 0.1 } : c.kind === 'BATTERY' ? { ...c, terminalCondition: 'CYCLIC' } : c,
      ),
    };
    const result = await simulate({ system, options: { solver: 'RULE_BASED' } });
    expect(result.kpis.unmetDemandKwh).toBeGreaterThan(0);
    expect(result.warnings.some((w) => w.startsWith('Demand house:') || w.startsWith('Demand heat:'))).toBe(true);
    expect(result.warnings.some((w) => w.includes('CYCLIC'))).toBe(true);
  });
});

describe('simulate input errors', () => {
  it('lists every issue of the config and the options in one ConfigValidationError', async () => {
    const bad = { ...twoDays, components: [...twoDays.components.slice(0, 2), { id: 'battery', kind: 'BATTERY', energyKwh: -1 }] };
    const error = await simulate({ system: bad, options: { solver: 'FASTEST' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    const issues = (error as ConfigValidationError).issues;
    expect(issues.some((i) => i.path.startsWith('components[2]'))).toBe(true);
    expect(issues.some((i) => i.path === 'options.solver')).toBe(true);
    for (const issue of issues) expect((error as Error).message).toContain(issue.path);
    expect((error as ConfigValidationError).code).toBe('CONFIG_INVALID');
  });

  it('turns an infeasible LP into an EngineError with code INFEASIBLE', async () => {
    // The battery must end full but nothing can ever charge it.
    const system = {
      name: 'cannot end full',
      horizon: { timesteps: 4 },
      components: [
        { id: 'grid', kind: 'GRID' },
        { id: 'battery', kind: 'BATTERY', energyKwh: 5, initialSoc: 0.5, terminalCondition: 'MIN_END_SOC', minEndSoc: 1 },
        { id: 'house', kind: 'ELECTRIC_DEMAND', peakKw: 1 },
      ],
      connections: [
        { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
        { from: 'battery', to: 'house', medium: 'ELECTRICITY' },
      ],
    };
    const error = await simulate({ system, options: { solver: 'OPTIMAL' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('INFEASIBLE');
  }, 30_000);
});
