import { describe, expect, it } from 'vitest';
import { checkEnergyBalance } from '../../src/simulation/balance.js';
import { connectionPriority, solveRuleBased } from '../../src/simulation/solvers/rule-based.js';
import { evaluateObjective } from '../../src/simulation/objective.js';
import type { Dispatch, ResolvedSystem } from '../../src/simulation/types.js';
import {
  battery,
  boiler,
  buildSystem,
  conn,
  demand,
  flowOf,
  grid,
  heatDemand,
  heatPump,
  pv,
  thermalStorage,
} from './fixtures.js';

/** Every rule-based result must be a feasible LP point (terminal conditions aside). */
function solve(system: ResolvedSystem): Dispatch {
  const dispatch = solveRuleBased(system, {});
  const check = checkEnergyBalance(system, dispatch, { enforceTerminal: false, toleranceKw: 1e-9 });
  expect(check.violations).toEqual([]);
  expect(check.maxResidualKw).toBeLessThanOrEqual(1e-9);
  return dispatch;
}

const arr = (s: Float64Array): number[] => Array.from(s);
function expectSeries(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, t) => expect(actual[t], `step ${t}`).toBeCloseTo(v, 12));
}

describe('solveRuleBased: electricity', () => {
  it('serves demand from PV first, exports the surplus, imports the rest', () => {
    const system = buildSystem({
      timesteps: 3,
      components: [grid(), pv({ availableKw: [0, 4, 6] }), demand({ demandKw: 3 })],
      connections: [conn('pv', 'demand'), conn('grid', 'demand'), conn('pv', 'grid')],
    });
    const d = solve(system);
    expectSeries(flowOf(system, d.flowKw, 'pv', 'demand'), [0, 3, 3]);
    expectSeries(flowOf(system, d.flowKw, 'grid', 'demand'), [3, 0, 0]);
    expectSeries(flowOf(system, d.flowKw, 'pv', 'grid'), [0, 1, 3]);
    expectSeries(d.curtailmentKw.pv, [0, 0, 0]);
    expectSeries(d.unmetDemandKw.demand, [0, 0, 0]);
    expect(d.stats.status).toBe('FEASIBLE');
    expect(d.stats.objective).toBe(evaluateObjective(system, d, {}));
    // 3 kWh × 0.30 EUR import − 4 kWh × 0.08 EUR export.
    expect(d.stats.objective).toBeCloseTo(0.9 - 0.32, 12);
  });

  it('curtails what the export limit does not let out', () => {
    const system = buildSystem({
      timesteps: 3,
      components: [grid({ maxExportKw: 2 }), pv({ availableKw: [0, 4, 6] }), demand({ demandKw: 3 })],
      connections: [conn('pv', 'demand'), conn('grid', 'demand'), conn('pv', 'grid')],
    });
    const d = solve(system);
    expectSeries(flowOf(system, d.flowKw, 'pv', 'grid'), [0, 1, 2]);
    expectSeries(d.curtailmentKw.pv, [0, 0, 1]);
  });

  it('reports unmet demand when the grid import limit binds', () => {
    const system = buildSystem({
      timesteps: 2,
      components: [grid({ maxImportKw: 2 }), demand({ demandKw: [5, 1.5] })],
      connections: [conn('grid', 'demand')],
    });
    const d = solve(system);
    expectSeries(flowOf(system, d.flowKw, 'grid', 'demand'), [2, 1.5]);
    expectSeries(d.unmetDemandKw.demand, [3, 0]);
  });

  it('charges and discharges a battery with efficiencies and self-discharge', () => {
    const build = (lossPerHour: number): ResolvedSystem =>
      buildSystem({
        timesteps: 4,
        components: [
          grid(),
          pv({ availableKw: [6, 6, 0, 0] }),
          battery({ energyKwh: 10, maxChargeKw: 5, maxDischargeKw: 5, chargeEfficiency: 0.9, dischargeEfficiency: 0.8, lossPerHour }),
          demand({ demandKw: 2 }),
        ],
        connections: [
          conn('pv', 'demand'),
          conn('pv', 'battery'),
          conn('battery', 'demand'),
          conn('grid', 'demand'),
          conn('pv', 'grid'),
        ],
      });
    const lossless = build(0);
    const d = solve(lossless);
    expectSeries(flowOf(lossless, d.flowKw, 'pv', 'battery'), [4, 4, 0, 0]);
    expectSeries(flowOf(lossless, d.flowKw, 'battery', 'demand'), [0, 0, 2, 2]);
    expectSeries(flowOf(lossless, d.flowKw, 'grid', 'demand'), [0, 0, 0, 0]);
    // 4 kW × 0.9 in; 2 kW ÷ 0.8 out.
    expectSeries(d.storageLevelKwh.battery, [3.6, 7.2, 4.7, 2.2]);

    const leaky = build(0.01);
    const dl = solve(leaky);
    expectSeries(dl.storageLevelKwh.battery, [3.6, 3.6 * 0.99 + 3.6, (3.6 * 0.99 + 3.6) * 0.99 - 2.5, ((3.6 * 0.99 + 3.6) * 0.99 - 2.5) * 0.99 - 2.5]);
  });

  it('stops charging at socMax and discharging at socMin, the grid covers the rest', () => {
    const system = buildSystem({
      timesteps: 3,
      components: [
        grid(),
        pv({ availableKw: [10, 0, 0] }),
        battery({ energyKwh: 5, socMin: 0.2, socMax: 0.9, initialSoc: 0.5, maxChargeKw: 10, maxDischargeKw: 10 }),
        demand({ demandKw: [0, 3, 3] }),
      ],
      connections: [
        conn('pv', 'demand'),
        conn('pv', 'battery'),
        conn('battery', 'demand'),
        conn('grid', 'demand'),
        conn('pv', 'grid'),
      ],
    });
    const d = solve(system);
    expectSeries(flowOf(system, d.flowKw, 'pv', 'battery'), [2, 0, 0]);
    expectSeries(flowOf(system, d.flowKw, 'pv', 'grid'), [8, 0, 0]);
    expectSeries(flowOf(system, d.flowKw, 'battery', 'demand'), [0, 3, 0.5]);
    expectSeries(flowOf(system, d.flowKw, 'grid', 'demand'), [0, 0, 2.5]);
    expectSeries(d.storageLevelKwh.battery, [4.5, 1.5, 1]);
  });

  it('passes energy through a storage within one step when generation only reaches it', () => {
    // DC-coupled layout: PV feeds only the battery, the battery feeds the demand.
    const system = buildSystem({
      timesteps: 1,
      components: [pv({ availableKw: 4 }), battery({ energyKwh: 10, initialSoc: 0, chargeEfficiency: 0.9, dischargeEfficiency: 0.9 }), demand({ demandKw: 2 })],
      connections: [conn('pv', 'battery'), conn('battery', 'demand')],
    });
    const d = solve(system);
    expectSeries(flowOf(system, d.flowKw, 'pv', 'battery'), [4]);
    expectSeries(flowOf(system, d.flowKw, 'battery', 'demand'), [2]);
    expectSeries(d.storageLevelKwh.battery, [4 * 0.9 - 2 / 0.9]);
  });
});

describe('solveRuleBased: heat', () => {
  it('runs a heat pump at the step COP up to its heat rating', () => {
    const system = buildSystem({
      timesteps: 2,
      components: [grid(), heatPump({ maxHeatKw: 6, heatPerElectricity: [3, 2] }), heatDemand({ demandKw: [4.5, 8] })],
      connections: [conn('grid', 'hp'), conn('hp', 'heat')],
    });
    const d = solve(system);
    expectSeries(flowOf(system, d.flowKw, 'hp', 'heat'), [4.5, 6]);
    expectSeries(flowOf(system, d.flowKw, 'grid', 'hp'), [1.5, 3]);
    expectSeries(d.unmetDemandKw.heat, [0, 2]);
  });

  it('runs an electric boiler at its efficiency', () => {
    const system = buildSystem({
      timesteps: 1,
      components: [grid(), boiler({ maxHeatKw: 10, heatPerElectricity: 0.95 }), heatDemand({ demandKw: 1.9 })],
      connections: [conn('grid', 'boiler'), conn('boiler', 'heat')],
    });
    const d = solve(system);
    expectSeries(flowOf(system, d.flowKw, 'grid', 'boiler'), [2]);
  });

  it('charges a thermal storage from the heat pump and loses heat each hour', () => {
    const system = buildSystem({
      timesteps: 4,
      components: [
        grid(),
        heatPump({ maxHeatKw: 6, heatPerElectricity: 3 }),
        thermalStorage({ energyKwh: 10, maxChargeKw: 5, maxDischargeKw: 5, lossPerHour: 0.1 }),
        heatDemand({ demandKw: [2, 0, 0, 4] }),
      ],
      connections: [conn('grid', 'hp'), conn('hp', 'heat'), conn('hp', 'tank'), conn('tank', 'heat')],
    });
    const d = solve(system);
    expectSeries(flowOf(system, d.flowKw, 'hp', 'tank'), [4, 5, 10 - 8.6 * 0.9, 1]);
    expectSeries(d.storageLevelKwh.tank, [4, 8.6, 10, 10]);
    expectSeries(flowOf(system, d.flowKw, 'grid', 'hp'), [2, 5 / 3, (10 - 8.6 * 0.9) / 3, 5 / 3]);
  });

  it('scales heat down when the converter cannot get its electricity, then draws on storage', () => {
    const system = buildSystem({
      timesteps: 1,
      components: [
        grid({ maxImportKw: 1 }),
        heatPump({ maxHeatKw: 6, heatPerElectricity: 3 }),
        thermalStorage({ energyKwh: 10, initialSoc: 0.5 }),
        heatDemand({ demandKw: 5 }),
      ],
      connections: [conn('grid', 'hp'), conn('hp', 'heat'), conn('hp', 'tank'), conn('tank', 'heat')],
    });
    const d = solve(system);
    // 1 kW of electricity buys 3 kW of heat: the tank charge goes first, then heat to the demand.
    expectSeries(flowOf(system, d.flowKw, 'grid', 'hp'), [1]);
    expectSeries(flowOf(system, d.flowKw, 'hp', 'tank'), [0]);
    expectSeries(flowOf(system, d.flowKw, 'hp', 'heat'), [3]);
    expectSeries(flowOf(system, d.flowKw, 'tank', 'heat'), [2]);
    expectSeries(d.storageLevelKwh.tank, [3]);
    expectSeries(d.unmetDemandKw.heat, [0]);
  });

  it('cuts a storage discharge that relied on charge the converter could not deliver', () => {
    // hp1 charges the tank, the tank serves a demand hp1 cannot reach; hp1 then loses its power.
    const system = buildSystem({
      timesteps: 1,
      components: [
        grid({ maxImportKw: 0.5 }),
        heatPump({ id: 'hp1', maxHeatKw: 3, heatPerElectricity: 3 }),
        thermalStorage({ energyKwh: 10, initialSoc: 0 }),
        heatDemand({ demandKw: 3 }),
      ],
      connections: [conn('grid', 'hp1'), conn('hp1', 'tank'), conn('tank', 'heat')],
    });
    const d = solve(system);
    expectSeries(flowOf(system, d.flowKw, 'hp1', 'tank'), [1.5]);
    expectSeries(flowOf(system, d.flowKw, 'tank', 'heat'), [1.5]);
    expectSeries(d.storageLevelKwh.tank, [0]);
    expectSeries(d.unmetDemandKw.heat, [1.5]);
  });
});

describe('solveRuleBased: priority', () => {
  it('classifies connections by source and target role', () => {
    expect(connectionPriority('SOLAR_PV', 'ELECTRIC_DEMAND')).toBe(1);
    expect(connectionPriority('HEAT_PUMP', 'HEAT_DEMAND')).toBe(1);
    expect(connectionPriority('SOLAR_PV', 'HEAT_PUMP')).toBe(1);
    expect(connectionPriority('WIND_TURBINE', 'BATTERY')).toBe(2);
    expect(connectionPriority('BATTERY', 'ELECTRIC_DEMAND')).toBe(3);
    expect(connectionPriority('GRID', 'ELECTRIC_BOILER')).toBe(4);
    expect(connectionPriority('SOLAR_PV', 'GRID')).toBe(5);
    expect(connectionPriority('BATTERY', 'GRID')).toBe(6);
    expect(connectionPriority('GRID', 'BATTERY')).toBe(7);
    expect(connectionPriority('THERMAL_STORAGE', 'THERMAL_STORAGE')).toBe(8);
  });

  it('serves higher-priority connections first regardless of their listed order', () => {
    const system = buildSystem({
      timesteps: 1,
      components: [grid({ maxImportKw: 3 }), pv({ availableKw: 4 }), battery({ energyKwh: 10, maxChargeKw: 5 }), demand({ demandKw: 2 })],
      // Listed worst-first: grid→battery (7), pv→grid (5), grid→demand (4), pv→battery (2).
      connections: [conn('grid', 'battery'), conn('pv', 'grid'), conn('grid', 'demand'), conn('pv', 'battery')],
    });
    const d = solve(system);
    expectSeries(flowOf(system, d.flowKw, 'pv', 'battery'), [4]);
    expectSeries(flowOf(system, d.flowKw, 'grid', 'demand'), [2]);
    expectSeries(flowOf(system, d.flowKw, 'pv', 'grid'), [0]);
    expectSeries(flowOf(system, d.flowKw, 'grid', 'battery'), [1]);
  });

  it('breaks ties by connection order', () => {
    const run = (order: ['d1', 'd2'] | ['d2', 'd1']) => {
      const system = buildSystem({
        timesteps: 1,
        components: [grid({ maxImportKw: 3 }), demand({ id: 'd1', demandKw: 2 }), demand({ id: 'd2', demandKw: 2 })],
        connections: order.map((id) => conn('grid', id)),
      });
      return solve(system).unmetDemandKw;
    };
    const first = run(['d1', 'd2']);
    expect([first.d1[0], first.d2[0]]).toEqual([0, 1]);
    const swapped = run(['d2', 'd1']);
    expect([swapped.d1[0], swapped.d2[0]]).toEqual([1, 0]);
  });
});

describe('solveRuleBased: properties', () => {
  const yearSystem = (timesteps: number): ResolvedSystem => {
    const availableKw = Array.from({ length: timesteps }, (_, t) => Math.max(0, 5 * Math.sin((Math.PI * ((t % 24) - 6)) / 12)));
    const demandKw = Array.from({ length: timesteps }, (_, t) => 1 + 0.5 * Math.cos((2 * Math.PI * t) / 24));
    return buildSystem({
      timesteps,
      components: [
        grid(),
        pv({ availableKw }),
        battery({ energyKwh: 8, chargeEfficiency: 0.95, dischargeEfficiency: 0.95, lossPerHour: 0.001, initialSoc: 0.1 }),
        demand({ demandKw }),
        heatPump({ heatPerElectricity: 3.2 }),
        thermalStorage({ energyKwh: 6, lossPerHour: 0.02 }),
        heatDemand({ demandKw: 2 }),
      ],
      connections: [
        conn('pv', 'demand'),
        conn('pv', 'battery'),
        conn('battery', 'demand'),
        conn('grid', 'demand'),
        conn('pv', 'grid'),
        conn('pv', 'hp'),
        conn('battery', 'hp'),
        conn('grid', 'hp'),
        conn('hp', 'heat'),
        conn('hp', 'tank'),
        conn('tank', 'heat'),
      ],
    });
  };

  it('is deterministic: two runs are bit-identical', () => {
    const system = yearSystem(24 * 14);
    const a = solve(system);
    const b = solve(system);
    expect(a.flowKw.map(arr)).toEqual(b.flowKw.map(arr));
    for (const id of Object.keys(a.storageLevelKwh)) {
      expect(Buffer.from(a.storageLevelKwh[id].buffer).equals(Buffer.from(b.storageLevelKwh[id].buffer))).toBe(true);
    }
    expect(a.stats.objective).toBe(b.stats.objective);
  });
});

describe('solveRuleBased: limits of a greedy pass', () => {
  it('holds back the self-discharge until the next recharge chance, then restores socMin first', () => {
    const system = buildSystem({
      timesteps: 4,
      components: [
        grid(),
        pv({ availableKw: [4, 0, 0, 4] }),
        battery({ energyKwh: 10, socMin: 0.2, initialSoc: 0.2, lossPerHour: 0.01 }),
        demand({ demandKw: [0, 5, 5, 0] }),
      ],
      connections: [conn('pv', 'demand'), conn('pv', 'battery'), conn('battery', 'demand'), conn('grid', 'demand')],
    });
    const d = solve(system);
    // Step 0: 1.98 kWh after decay, topped up to 2 first, then the rest of the PV: 2 + 3.98.
    // Step 1: discharge stops at 2/0.99, which decays to exactly socMin by the end of step 2.
    expectSeries(flowOf(system, d.flowKw, 'pv', 'battery'), [4, 0, 0, 4]);
    expectSeries(flowOf(system, d.flowKw, 'battery', 'demand'), [0, 5.98 * 0.99 - 2 / 0.99, 0, 0]);
    expectSeries(d.storageLevelKwh.battery, [5.98, 2 / 0.99, 2, 5.98]);
    expect(d.stats.message).toBe('rule-based dispatch');
  });


  it('reports self-discharge below socMin when nothing can recharge the storage', () => {
    // The LP would have kept a reserve for the decay; a pass without look-ahead cannot.
    const system = buildSystem({
      timesteps: 3,
      components: [pv({ availableKw: [0, 0, 0] }), battery({ energyKwh: 10, socMin: 0.2, initialSoc: 0.2, lossPerHour: 0.01 }), demand({ demandKw: 0 })],
      connections: [conn('pv', 'battery'), conn('battery', 'demand')],
    });
    const d = solveRuleBased(system, {});
    expectSeries(d.storageLevelKwh.battery, [2 * 0.99, 2 * 0.99 ** 2, 2 * 0.99 ** 3]);
    expect(d.stats.message).toContain('battery (from step 0)');
    const check = checkEnergyBalance(system, d, { enforceTerminal: false });
    expect(check.violations.length).toBe(3);
    expect(check.maxResidualKw).toBeCloseTo(2 - 2 * 0.99 ** 3, 12);
  });
});
