import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSolverOptions, parseSystemConfig } from '../../src/simulation/config.js';
import { resolveSystem } from '../../src/simulation/resolve.js';
import { solveRuleBased } from '../../src/simulation/solvers/rule-based.js';
import { checkEnergyBalance } from '../../src/simulation/balance.js';
import { evaluateObjective } from '../../src/simulation/objective.js';
import { HighsSession, SolverError, getHighs } from '../../src/simulation/solvers/highs.js';
import {
  allocateDispatchSeries,
  buildLpModel,
  buildTopology,
  modelObjective,
  readWindowSolution,
  type LpModel,
  type Topology,
} from '../../src/simulation/solvers/lp-model.js';
import { writeMps } from '../../src/simulation/solvers/mps.js';
import { solveOptimal } from '../../src/simulation/solvers/optimal.js';
import type { Dispatch, ResolvedSystem, SolverOptions } from '../../src/simulation/types.js';
import {
  battery,
  buildSystem,
  conn,
  demand,
  energyKwh,
  flowOf,
  grid,
  heatDemand,
  heatPump,
  pv,
  thermalStorage,
  wind,
} from './fixtures.js';

function expectBalanced(system: ResolvedSystem, dispatch: Dispatch): void {
  const check = checkEnergyBalance(system, dispatch, { toleranceKw: 1e-6 });
  expect(check.violations).toEqual([]);
  expect(check.maxResidualKw).toBeLessThanOrEqual(1e-6);
}

/** A day of PV, a battery, a heat pump with a tank, both demands; every kind of row appears. */
function sectorCoupledDay(overrides: { terminal?: 'FREE' | 'CYCLIC' | 'MIN_END_SOC'; T?: number } = {}): ResolvedSystem {
  const T = overrides.T ?? 24;
  const hours = Array.from({ length: T }, (_, t) => t % 24);
  return buildSystem({
    timesteps: T,
    components: [
      grid({
        importPrice: hours.map((h) => (h >= 17 && h < 21 ? 0.45 : h < 6 ? 0.12 : 0.25)),
        exportPrice: 0.06,
        co2: hours.map((h) => 0.3 + 0.1 * Math.cos((2 * Math.PI * h) / 24)),
        maxImportKw: 12,
        maxExportKw: 6,
      }),
      pv({ availableKw: hours.map((h) => Math.max(0, 6 * Math.sin(((h - 6) / 12) * Math.PI))), economics: { variableOmEurPerKwh: 0.002 } }),
      wind({ availableKw: hours.map((h) => 1 + Math.sin(h / 3)), curtailable: false }),
      battery({
        energyKwh: 8,
        maxChargeKw: 4,
        maxDischargeKw: 4,
        chargeEfficiency: 0.95,
        dischargeEfficiency: 0.95,
        socMin: 0.1,
        initialSoc: 0.5,
        lossPerHour: 0.001,
        terminalCondition: overrides.terminal ?? 'CYCLIC',
        minEndSoc: 0.8,
        economics: { variableOmEurPerKwh: 0.01 },
      }),
      demand({ demandKw: hours.map((h) => 1 + (h >= 17 && h < 22 ? 1.5 : 0)) }),
      heatPump({ maxHeatKw: 6, heatPerElectricity: hours.map((h) => 2.8 + 0.6 * Math.sin(((h - 9) / 24) * 2 * Math.PI)), economics: { variableOmEurPerKwh: 0.003 } }),
      thermalStorage({ energyKwh: 12, maxChargeKw: 6, maxDischargeKw: 6, initialSoc: 0.3, lossPerHour: 0.01, terminalCondition: overrides.terminal ?? 'CYCLIC', minEndSoc: 0.5 }),
      heatDemand({ demandKw: hours.map((h) => 2 + (h < 8 || h > 18 ? 1.5 : 0)) }),
    ],
    connections: [
      conn('pv', 'demand'),
      conn('pv', 'battery'),
      conn('pv', 'grid'),
      conn('pv', 'hp'),
      conn('wind', 'demand'),
      conn('wind', 'grid'),
      conn('wind', 'battery'),
      conn('grid', 'demand'),
      conn('grid', 'battery'),
      conn('grid', 'hp'),
      conn('battery', 'demand'),
      conn('battery', 'hp'),
      conn('battery', 'grid'),
      conn('hp', 'heat'),
      conn('hp', 'tank'),
      conn('tank', 'heat'),
    ],
  });
}

/** The raw dispatch a column vector stands for (no reconciliation), to test the cost vector. */
function dispatchFromColumns(topology: Topology, lp: LpModel, x: Float64Array): Dispatch {
  const series = allocateDispatchSeries(topology);
  const { layout } = lp;
  for (let k = 0; k < layout.steps; k++) {
    const base = k * layout.colsPerStep;
    series.flowKw.forEach((flow, c) => (flow[k] = x[base + c]));
    topology.storages.forEach((s, i) => (series.storageLevelKwh[s.id][k] = x[base + layout.storageLevelOffset + i]));
    topology.generators.forEach((g, i) => (series.curtailmentKw[g.id][k] = x[base + layout.curtailmentOffset + i]));
    topology.demands.forEach((d, i) => (series.unmetDemandKw[d.id][k] = x[base + layout.unmetOffset + i]));
  }
  return {
    ...series,
    stats: { status: 'OPTIMAL', message: '', objective: 0, objectiveKind: 'COST', solveMs: 0, variables: 0, constraints: 0, iterations: 0 },
  };
}

async function rejection(promise: Promise<unknown>): Promise<SolverError> {
  try {
    await promise;
  } catch (error) {
    return error as SolverError;
  }
  throw new Error('expected the solve to fail');
}

describe('LP model objective equals evaluateObjective', () => {
  const objectives: SolverOptions[] = [
    { objective: 'COST' },
    { objective: 'CO2' },
    { objective: 'GRID_EXCHANGE' },
    { objective: 'WEIGHTED', weights: { costEur: 0.7, co2Kg: 0.2, gridExchangeKwh: 0.05 }, unmetDemandPenaltyEurPerKwh: 3 },
  ];

  it.each(objectives)('for any column vector, objective $objective', (options) => {
    const system = sectorCoupledDay({ T: 6 });
    const topology = buildTopology(system);
    const lp = buildLpModel(topology, options, { startStep: 0, steps: system.timesteps, applyTerminal: true });
    let seed = 7;
    const x = new Float64Array(lp.numCol).map(() => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647) * 5;
    });
    const fromModel = modelObjective(lp, x);
    const evaluated = evaluateObjective(system, dispatchFromColumns(topology, lp, x), options);
    expect(Math.abs(fromModel - evaluated)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(evaluated)));
    expect(Math.abs(evaluated)).toBeGreaterThan(1);
  });

  it.each(objectives)('at the optimum HiGHS reports the evaluated objective, objective $objective', async (options) => {
    const system = sectorCoupledDay();
    const topology = buildTopology(system);
    const lp = buildLpModel(topology, options, { startStep: 0, steps: system.timesteps, applyTerminal: true });
    const session = await HighsSession.open();
    try {
      const outcome = session.solve(lp);
      expect(outcome.status).toBe('OPTIMAL');
      const series = allocateDispatchSeries(topology);
      readWindowSolution(topology, lp, outcome.colValue!, system.timesteps, series, {});
      const dispatch = dispatchFromColumns(topology, lp, new Float64Array(lp.numCol));
      Object.assign(dispatch, series);
      const evaluated = evaluateObjective(system, dispatch, options);
      expect(Math.abs(outcome.objectiveValue - evaluated)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(evaluated)));
    } finally {
      session.dispose();
    }
  });
});

describe('solveOptimal', () => {
  it('charges in the cheap hours and discharges in the expensive ones (hand-computed cost)', async () => {
    // Demand 2 kW for 4 h; 0.10 EUR/kWh in hours 0–1, 0.50 in hours 2–3. A 4 kWh battery with
    // 90 % charge and discharge efficiency, empty at the start: fill it in the cheap hours
    // (4 / 0.9 kWh bought), deliver 4 · 0.9 = 3.6 kWh in the expensive ones, import the rest.
    const system = buildSystem({
      timesteps: 4,
      components: [
        grid({ importPrice: [0.1, 0.1, 0.5, 0.5], exportPrice: 0 }),
        battery({ energyKwh: 4, maxChargeKw: 4, maxDischargeKw: 4, chargeEfficiency: 0.9, dischargeEfficiency: 0.9, initialSoc: 0 }),
        demand({ demandKw: 2 }),
      ],
      connections: [conn('grid', 'demand'), conn('grid', 'battery'), conn('battery', 'demand')],
    });
    const dispatch = await solveOptimal(system, {});
    const expectedEur = 0.1 * (4 + 4 / 0.9) + 0.5 * (4 - 4 * 0.9);
    expect(dispatch.stats.status).toBe('OPTIMAL');
    expect(dispatch.stats.objective).toBeCloseTo(expectedEur, 9);
    expect(dispatch.storageLevelKwh.battery[1]).toBeCloseTo(4, 9);
    expect(dispatch.storageLevelKwh.battery[3]).toBeCloseTo(0, 9);
    const charge = flowOf(system, dispatch.flowKw, 'grid', 'battery');
    const discharge = flowOf(system, dispatch.flowKw, 'battery', 'demand');
    expect(charge[2] + charge[3]).toBeCloseTo(0, 9);
    expect(discharge[0] + discharge[1]).toBeCloseTo(0, 9);
    expect(energyKwh(discharge, 1)).toBeCloseTo(3.6, 9);
    expectBalanced(system, dispatch);
    expect(dispatch.stats.variables).toBeGreaterThan(0);
    expect(dispatch.stats.constraints).toBeGreaterThan(0);
    expect(dispatch.stats.iterations).toBeGreaterThanOrEqual(0);
  });

  it('meets every balance to 1e-6 with storage inside its bounds', async () => {
    for (const terminal of ['FREE', 'CYCLIC', 'MIN_END_SOC'] as const) {
      const system = sectorCoupledDay({ terminal, T: 48 });
      const dispatch = await solveOptimal(system, {});
      expectBalanced(system, dispatch);
      for (const s of system.components) {
        if (s.kind !== 'BATTERY' && s.kind !== 'THERMAL_STORAGE') continue;
        for (const level of dispatch.storageLevelKwh[s.id]) {
          expect(level).toBeGreaterThanOrEqual(s.socMin * s.energyKwh - 1e-9);
          expect(level).toBeLessThanOrEqual(s.socMax * s.energyKwh + 1e-9);
        }
      }
    }
  });

  it('honours CYCLIC and MIN_END_SOC terminal conditions, and FREE is never worse', async () => {
    const cyclic = await solveOptimal(sectorCoupledDay({ terminal: 'CYCLIC' }), {});
    expect(cyclic.storageLevelKwh.battery[23]).toBeCloseTo(0.5 * 8, 6);
    expect(cyclic.storageLevelKwh.tank[23]).toBeCloseTo(0.3 * 12, 6);
    const minEnd = await solveOptimal(sectorCoupledDay({ terminal: 'MIN_END_SOC' }), {});
    expect(minEnd.storageLevelKwh.battery[23]).toBeGreaterThanOrEqual(0.8 * 8 - 1e-6);
    expect(minEnd.storageLevelKwh.tank[23]).toBeGreaterThanOrEqual(0.5 * 12 - 1e-6);
    const free = await solveOptimal(sectorCoupledDay({ terminal: 'FREE' }), {});
    expect(free.stats.objective).toBeLessThanOrEqual(cyclic.stats.objective + 1e-9);
    expect(free.stats.objective).toBeLessThanOrEqual(minEnd.stats.objective + 1e-9);
    // Without a terminal condition the battery is worth nothing at the end: it ends at socMin.
    expect(free.storageLevelKwh.battery[23]).toBeCloseTo(0.1 * 8, 6);
  });

  it('reports INFEASIBLE when a MIN_END_SOC cannot be reached', async () => {
    // 1 kW of charging for 3 h cannot fill 90 % of a 10 kWh battery from empty.
    const system = buildSystem({
      timesteps: 3,
      components: [
        grid(),
        battery({ energyKwh: 10, maxChargeKw: 1, maxDischargeKw: 1, initialSoc: 0, terminalCondition: 'MIN_END_SOC', minEndSoc: 0.9 }),
        demand({ demandKw: 1 }),
      ],
      connections: [conn('grid', 'demand'), conn('grid', 'battery'), conn('battery', 'demand')],
    });
    const error = await rejection(solveOptimal(system, {}));
    expect(error).toBeInstanceOf(SolverError);
    expect(error.code).toBe('INFEASIBLE');
    expect(error.status).toBe('INFEASIBLE');
    expect(error.message).toMatch(/infeasible/i);
  });

  it('forbidSimultaneous removes simultaneous charge/discharge and import/export under negative prices', async () => {
    // Paid to import: the LP burns energy in battery losses (charging and discharging at once)
    // and exports PV while importing. The MILP may do neither.
    const T = 6;
    const system = buildSystem({
      timesteps: T,
      components: [
        grid({ importPrice: -0.1, exportPrice: 0.05, maxImportKw: 10, maxExportKw: 10 }),
        pv({ availableKw: 2 }),
        battery({ energyKwh: 2, maxChargeKw: 5, maxDischargeKw: 5, chargeEfficiency: 0.9, dischargeEfficiency: 0.9, initialSoc: 0.5 }),
        demand({ demandKw: 3 }),
      ],
      connections: [
        conn('grid', 'demand'),
        conn('grid', 'battery'),
        conn('pv', 'grid'),
        conn('pv', 'demand'),
        conn('battery', 'demand'),
      ],
    });
    const simultaneous = (d: Dispatch): { storage: number; grid: number } => {
      const charge = flowOf(system, d.flowKw, 'grid', 'battery');
      const discharge = flowOf(system, d.flowKw, 'battery', 'demand');
      const imports = [flowOf(system, d.flowKw, 'grid', 'demand'), charge];
      const exports = flowOf(system, d.flowKw, 'pv', 'grid');
      let storage = 0;
      let gridBoth = 0;
      for (let t = 0; t < T; t++) {
        storage = Math.max(storage, Math.min(charge[t], discharge[t]));
        gridBoth = Math.max(gridBoth, Math.min(imports[0][t] + imports[1][t], exports[t]));
      }
      return { storage, grid: gridBoth };
    };
    const lp = await solveOptimal(system, {});
    const milp = await solveOptimal(system, { forbidSimultaneous: true });
    expect(simultaneous(lp).storage).toBeGreaterThan(0.1);
    expect(simultaneous(lp).grid).toBeGreaterThan(0.1);
    expect(simultaneous(milp).storage).toBeLessThanOrEqual(1e-6);
    expect(simultaneous(milp).grid).toBeLessThanOrEqual(1e-6);
    expect(milp.stats.objective).toBeGreaterThanOrEqual(lp.stats.objective - 1e-9);
    expect(milp.stats.mipGap).toBeDefined();
    expect(milp.stats.mipGap!).toBeLessThanOrEqual(1e-4);
    expectBalanced(system, milp);
  });

  it('maps a time limit to TIME_LIMIT (no solution) or FEASIBLE (a solution)', async () => {
    const T = 2000;
    const price = Array.from({ length: T }, (_, t) => -0.05 + 0.3 * Math.sin(t / 3.3) ** 2);
    const system = buildSystem({
      timesteps: T,
      components: [
        grid({ importPrice: price, exportPrice: price.map((p) => p - 0.02), maxImportKw: 10, maxExportKw: 10 }),
        pv({ availableKw: Array.from({ length: T }, (_, t) => Math.max(0, 4 * Math.sin(((t % 24) - 6) / 12 * Math.PI))) }),
        battery({ energyKwh: 10, chargeEfficiency: 0.9, dischargeEfficiency: 0.9, initialSoc: 0.5 }),
        demand({ demandKw: 1 }),
      ],
      connections: [conn('grid', 'demand'), conn('grid', 'battery'), conn('pv', 'grid'), conn('pv', 'battery'), conn('battery', 'demand'), conn('battery', 'grid')],
    });
    try {
      const dispatch = await solveOptimal(system, { forbidSimultaneous: true, timeLimitSeconds: 0.05 });
      expect(dispatch.stats.status).toBe('FEASIBLE');
      expectBalanced(system, dispatch);
    } catch (error) {
      expect((error as SolverError).code).toBe('TIME_LIMIT');
    }
  });

  it('solves an empty system (no connections) as OPTIMAL with zero flows', async () => {
    const system = buildSystem({ timesteps: 3, components: [demand({ demandKw: 1 })], connections: [] });
    const dispatch = await solveOptimal(system, {});
    expect(dispatch.unmetDemandKw.demand[0]).toBe(1);
    expect(dispatch.stats.objective).toBeCloseTo(3 * 10, 12);
  });

  it('is deterministic: the same input gives bit-identical dispatches', async () => {
    const system = sectorCoupledDay({ T: 48 });
    const a = await solveOptimal(system, {});
    const b = await solveOptimal(system, {});
    a.flowKw.forEach((flow, c) => expect(Array.from(flow)).toEqual(Array.from(b.flowKw[c])));
    expect(a.stats.objective).toBe(b.stats.objective);
  });
});

describe('writeMps', () => {
  it('round-trips through the HiGHS MPS reader to the same optimum', async () => {
    for (const options of [{}, { forbidSimultaneous: true }] as SolverOptions[]) {
      const system = sectorCoupledDay({ terminal: 'MIN_END_SOC', T: 12 });
      const lp = buildLpModel(buildTopology(system), options, { startStep: 0, steps: 12, applyTerminal: true });
      const session = await HighsSession.open();
      const direct = session.solve(lp);
      session.dispose();
      const highs = await getHighs();
      const fromMps = highs.withModel({ format: 'mps', data: new TextEncoder().encode(writeMps(lp)) }, (model) => {
        model.options.set({ output_flag: false });
        model.run();
        const dims = model.getDimensions();
        return { objective: model.getObjectiveValue(), cols: dims.numCols, rows: dims.numRows, nnz: dims.numNonzeros };
      });
      expect(fromMps.cols).toBe(lp.numCol);
      expect(fromMps.rows).toBe(lp.numRow);
      expect(fromMps.nnz).toBe(lp.aIndex.length);
      expect(fromMps.objective).toBeCloseTo(direct.objectiveValue, 9);
    }
  });
});

describe('OPTIMAL over a full year', () => {
  it('solves every example system (8760 h) and beats or ties its rule-based dispatch', async () => {
    const dir = new URL('../../examples/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const raw = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { system: unknown; options?: unknown };
      const parsed = parseSystemConfig(raw.system);
      if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.issues)}`);
      const parsedOptions = parseSolverOptions(raw.options ?? {});
      if (!parsedOptions.ok) throw new Error(`${file}: ${JSON.stringify(parsedOptions.issues)}`);
      const system = resolveSystem(parsed.config);
      const options: SolverOptions = { ...parsedOptions.options, solver: 'OPTIMAL' };
      const dispatch = await solveOptimal(system, options);
      expect(dispatch.stats.status, file).toBe('OPTIMAL');
      expectBalanced(system, dispatch);
      const ruleBased = solveRuleBased(system, options);
      // The rule-based pass ignores terminal conditions, so it bounds the optimum only when
      // every storage is FREE.
      const allFree = system.components.every(
        (c) => (c.kind !== 'BATTERY' && c.kind !== 'THERMAL_STORAGE') || c.terminalCondition === 'FREE',
      );
      if (allFree) {
        expect(dispatch.stats.objective, file).toBeLessThanOrEqual(ruleBased.stats.objective + 1e-6 * Math.max(1, Math.abs(ruleBased.stats.objective)));
      }
    }
  });

  it('solves an 8760 h PV + battery + heat pump system', async () => {
    const T = 8760;
    const base = sectorCoupledDay({ T: 24 });
    // Repeat the day's shapes over a year with a seasonal factor on PV and heat.
    const yearly = (daily: Float64Array, seasonal: (day: number) => number): number[] =>
      Array.from({ length: T }, (_, t) => daily[t % 24] * seasonal(Math.floor(t / 24)));
    const summer = (d: number): number => 0.6 + 0.4 * Math.sin(((d - 80) / 365) * 2 * Math.PI);
    const winter = (d: number): number => 1.4 - summer(d);
    const byId = (id: string) => base.components.find((c) => c.id === id)!;
    const g = byId('grid') as Extract<ResolvedSystem['components'][number], { kind: 'GRID' }>;
    const system = buildSystem({
      timesteps: T,
      components: [
        grid({ importPrice: yearly(g.importPriceEurPerKwh, () => 1), exportPrice: 0.06, maxImportKw: 12, maxExportKw: 6 }),
        pv({ availableKw: yearly((byId('pv') as { availableKw: Float64Array }).availableKw, summer) }),
        battery({ energyKwh: 8, maxChargeKw: 4, maxDischargeKw: 4, chargeEfficiency: 0.95, dischargeEfficiency: 0.95, initialSoc: 0.5, terminalCondition: 'CYCLIC' }),
        demand({ demandKw: yearly((byId('demand') as { demandKw: Float64Array }).demandKw, () => 1) }),
        heatPump({ maxHeatKw: 6 }),
        heatDemand({ demandKw: yearly((byId('heat') as { demandKw: Float64Array }).demandKw, winter) }),
      ],
      connections: [
        conn('pv', 'demand'),
        conn('pv', 'battery'),
        conn('pv', 'grid'),
        conn('pv', 'hp'),
        conn('grid', 'demand'),
        conn('grid', 'hp'),
        conn('battery', 'demand'),
        conn('battery', 'hp'),
        conn('hp', 'heat'),
      ],
    });
    const dispatch = await solveOptimal(system, {});
    expect(dispatch.stats.status).toBe('OPTIMAL');
    expectBalanced(system, dispatch);
    expect(dispatch.storageLevelKwh.battery[T - 1]).toBeCloseTo(4, 6);
  });
});
