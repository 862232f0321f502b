import { describe, expect, it } from 'vitest';
import { checkEnergyBalance, isValidConnection, terminalShortfalls } from '../../src/simulation/balance.js';
import { solveRuleBased } from '../../src/simulation/solvers/rule-based.js';
import type { Dispatch, ResolvedSystem } from '../../src/simulation/types.js';
import { battery, buildSystem, conn, demand, flowOf, grid, heatDemand, heatPump, pv } from './fixtures.js';

/** A small system with every balance rule in play, and its (feasible) rule-based dispatch. */
function feasibleCase(): { system: ResolvedSystem; dispatch: Dispatch } {
  const system = buildSystem({
    timesteps: 3,
    components: [
      grid({ maxImportKw: 10, maxExportKw: 3 }),
      pv({ availableKw: [0, 6, 9] }),
      battery({ energyKwh: 10, maxChargeKw: 4, maxDischargeKw: 4, chargeEfficiency: 0.9, dischargeEfficiency: 0.9, lossPerHour: 0.01, terminalCondition: 'MIN_END_SOC', minEndSoc: 0.5 }),
      demand({ demandKw: 2 }),
      heatPump({ maxHeatKw: 3, heatPerElectricity: 3 }),
      heatDemand({ demandKw: 1.5 }),
    ],
    connections: [
      conn('pv', 'demand'),
      conn('pv', 'battery'),
      conn('battery', 'demand'),
      conn('grid', 'demand'),
      conn('pv', 'grid'),
      conn('pv', 'hp'),
      conn('grid', 'hp'),
      conn('hp', 'heat'),
    ],
  });
  return { system, dispatch: solveRuleBased(system, {}) };
}

function clone(d: Dispatch): Dispatch {
  const copy = (r: Record<string, Float64Array>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Float64Array.from(v)]));
  return {
    flowKw: d.flowKw.map((f) => Float64Array.from(f)),
    storageLevelKwh: copy(d.storageLevelKwh),
    curtailmentKw: copy(d.curtailmentKw),
    unmetDemandKw: copy(d.unmetDemandKw),
    stats: { ...d.stats },
  };
}

describe('checkEnergyBalance', () => {
  it('accepts a feasible dispatch', () => {
    const { system, dispatch } = feasibleCase();
    const r = checkEnergyBalance(system, dispatch, { enforceTerminal: false });
    expect(r.violations).toEqual([]);
    expect(r.maxResidualKw).toBeLessThanOrEqual(1e-9);
  });

  it('flags an unmet terminal condition only when asked to', () => {
    const system = buildSystem({
      timesteps: 2,
      components: [
        battery({ id: 'b1', energyKwh: 10, initialSoc: 0.5, terminalCondition: 'CYCLIC' }),
        battery({ id: 'b2', energyKwh: 10, initialSoc: 0, terminalCondition: 'MIN_END_SOC', minEndSoc: 0.3 }),
        battery({ id: 'b3', energyKwh: 10, initialSoc: 0.5, terminalCondition: 'FREE' }),
        demand({ demandKw: 1 }),
      ],
      connections: [conn('b1', 'demand'), conn('b3', 'demand')],
    });
    const dispatch = solveRuleBased(system, {});
    // b1 gives 1 kW for 2 h: ends at 3 of the 5 kWh it started with; b2 never charges.
    expect(terminalShortfalls(system, dispatch)).toEqual([
      { id: 'b1', condition: 'CYCLIC', endKwh: 3, requiredKwh: 5 },
      { id: 'b2', condition: 'MIN_END_SOC', endKwh: 0, requiredKwh: 3 },
    ]);
    expect(checkEnergyBalance(system, dispatch, { enforceTerminal: false }).violations).toEqual([]);
    const strict = checkEnergyBalance(system, dispatch);
    expect(strict.violations).toHaveLength(2);
    expect(strict.maxResidualKw).toBe(3);
  });

  // Each mutation breaks exactly one rule; the checker must name it and size it.
  const mutations: [string, (s: ResolvedSystem, d: Dispatch) => void, string, number][] = [
    ['demand balance', (s, d) => (flowOf(s, d.flowKw, 'grid', 'demand')[0] += 0.5), 'demand[0]', 0.5],
    ['generator balance', (_s, d) => (d.curtailmentKw.pv[1] += 0.25), 'pv[1]', 0.25],
    ['negative flow', (s, d) => (flowOf(s, d.flowKw, 'pv', 'grid')[0] = -0.1), 'negative', 0.1],
    ['export limit', (s, d) => {
      flowOf(s, d.flowKw, 'pv', 'grid')[2] += 1;
      d.curtailmentKw.pv[2] -= 1;
    }, 'maxExportKw', 1],
    ['storage dynamics', (_s, d) => (d.storageLevelKwh.battery[1] += 0.2), 'dynamics', 0.2],
    ['converter equation', (s, d) => {
      flowOf(s, d.flowKw, 'hp', 'heat')[0] += 0.3;
      d.unmetDemandKw.heat[0] -= 0.3;
    }, 'x electricity', 0.3],
    ['negative unmet demand', (_s, d) => (d.unmetDemandKw.demand[0] = -0.4), 'negative', 0.4],
  ];
  for (const [name, mutate, fragment, residual] of mutations) {
    it(`detects a broken ${name}`, () => {
      const { system, dispatch } = feasibleCase();
      const broken = clone(dispatch);
      mutate(system, broken);
      const r = checkEnergyBalance(system, broken, { enforceTerminal: false });
      expect(r.violations.some((v) => v.includes(fragment)), r.violations.join('\n')).toBe(true);
      expect(r.maxResidualKw).toBeGreaterThanOrEqual(residual - 1e-12);
    });
  }

  it('detects a storage level outside its bounds and a charge above its power limit', () => {
    const system = buildSystem({
      timesteps: 1,
      components: [grid(), battery({ energyKwh: 4, maxChargeKw: 2, socMax: 0.75 })],
      connections: [conn('grid', 'battery')],
    });
    const dispatch: Dispatch = {
      flowKw: [Float64Array.of(3.5)],
      storageLevelKwh: { battery: Float64Array.of(3.5) },
      curtailmentKw: {},
      unmetDemandKw: {},
      stats: solveRuleBased(system, {}).stats,
    };
    const r = checkEnergyBalance(system, dispatch);
    expect(r.violations.some((v) => v.includes('socMax'))).toBe(true);
    expect(r.violations.some((v) => v.includes('maxChargeKw'))).toBe(true);
    expect(r.maxResidualKw).toBeCloseTo(1.5, 12);
  });

  it('rejects connections whose medium cannot flow between the two kinds', () => {
    expect(isValidConnection('SOLAR_PV', 'HEAT_PUMP', 'ELECTRICITY')).toBe(true);
    expect(isValidConnection('HEAT_PUMP', 'ELECTRIC_DEMAND', 'ELECTRICITY')).toBe(false);
    expect(isValidConnection('BATTERY', 'HEAT_DEMAND', 'HEAT')).toBe(false);
    const system = buildSystem({
      timesteps: 1,
      components: [grid(), heatDemand({ demandKw: 1 })],
      connections: [conn('grid', 'heat', 'ELECTRICITY')],
    });
    const r = checkEnergyBalance(system, solveRuleBased(system, {}));
    expect(r.violations.some((v) => v.includes('cannot flow'))).toBe(true);
  });
});
