import { describe, expect, it } from 'vitest';
import { checkEnergyBalance } from '../../src/simulation/balance.js';
import { evaluateObjective } from '../../src/simulation/objective.js';
import { solveHybrid } from '../../src/simulation/solvers/hybrid.js';
import { solveOptimal } from '../../src/simulation/solvers/optimal.js';
import { rollingWindowSteps, runRollingHorizon, solveRollingHorizon } from '../../src/simulation/solvers/rolling-horizon.js';
import { solveRuleBased } from '../../src/simulation/solvers/rule-based.js';
import type { ResolvedSystem, SolverOptions, TerminalCondition } from '../../src/simulation/types.js';
import { battery, buildSystem, conn, demand, grid, heatDemand, heatPump, pv, thermalStorage } from './fixtures.js';

/** Three days with a price spread and PV, so that look-ahead matters. */
function threeDays(terminal: TerminalCondition = 'CYCLIC', timestepHours = 1): ResolvedSystem {
  const T = Math.round(72 / timestepHours);
  const hourOf = (t: number): number => (t * timestepHours) % 24;
  const dayOf = (t: number): number => Math.floor((t * timestepHours) / 24);
  const series = (f: (hour: number, day: number) => number): number[] => Array.from({ length: T }, (_, t) => f(hourOf(t), dayOf(t)));
  return buildSystem({
    timesteps: T,
    timestepHours,
    components: [
      grid({
        importPrice: series((h, d) => (h >= 17 && h < 21 ? 0.4 + 0.1 * d : h < 6 ? 0.1 : 0.25)),
        exportPrice: 0.05,
        maxImportKw: 10,
      }),
      // Day 2 is cloudy: a myopic window cannot see it coming.
      pv({ availableKw: series((h, d) => (d === 1 ? 0.2 : 1) * Math.max(0, 5 * Math.sin(((h - 6) / 12) * Math.PI))) }),
      battery({
        energyKwh: 10,
        maxChargeKw: 4,
        maxDischargeKw: 4,
        chargeEfficiency: 0.95,
        dischargeEfficiency: 0.95,
        initialSoc: 0.5,
        socMin: 0.1,
        terminalCondition: terminal,
        minEndSoc: 0.7,
      }),
      demand({ demandKw: series((h) => 0.8 + (h >= 17 && h < 22 ? 1.2 : 0)) }),
      heatPump({ maxHeatKw: 4, heatPerElectricity: series((h) => 2.5 + 0.5 * Math.sin(((h - 9) / 24) * 2 * Math.PI)) }),
      thermalStorage({ energyKwh: 8, maxChargeKw: 4, maxDischargeKw: 4, initialSoc: 0.5, lossPerHour: 0.02, terminalCondition: terminal, minEndSoc: 0.6 }),
      heatDemand({ demandKw: series((h) => 1 + (h < 7 || h > 19 ? 1 : 0)) }),
    ],
    connections: [
      conn('pv', 'demand'),
      conn('pv', 'battery'),
      conn('pv', 'grid'),
      conn('pv', 'hp'),
      conn('grid', 'demand'),
      conn('grid', 'battery'),
      conn('grid', 'hp'),
      conn('battery', 'demand'),
      conn('battery', 'hp'),
      conn('hp', 'heat'),
      conn('hp', 'tank'),
      conn('tank', 'heat'),
    ],
  });
}

function expectBalanced(system: ResolvedSystem, dispatch: Parameters<typeof checkEnergyBalance>[1]): void {
  const check = checkEnergyBalance(system, dispatch, { toleranceKw: 1e-6 });
  expect(check.violations).toEqual([]);
  expect(check.maxResidualKw).toBeLessThanOrEqual(1e-6);
}

const relTol = (x: number): number => 1e-9 * Math.max(1, Math.abs(x));

describe('solveRollingHorizon', () => {
  it('equals the full LP when one window covers the whole horizon', async () => {
    for (const terminal of ['FREE', 'CYCLIC', 'MIN_END_SOC'] as const) {
      const system = threeDays(terminal);
      const full = await solveOptimal(system, {});
      const rolling = await solveRollingHorizon(system, { commitHours: 24, lookaheadHours: 72 });
      expect(Math.abs(rolling.stats.objective - full.stats.objective)).toBeLessThanOrEqual(relTol(full.stats.objective));
      expect(rolling.stats.message).toMatch(/^1 windows/);
    }
  });

  it('is never better than the full LP, and is feasible for it', async () => {
    for (const terminal of ['FREE', 'CYCLIC', 'MIN_END_SOC'] as const) {
      const system = threeDays(terminal);
      const full = await solveOptimal(system, {});
      for (const [commitHours, lookaheadHours] of [
        [6, 12],
        [12, 24],
        [24, 48],
        [24, 24],
        [5, 17],
      ]) {
        const rolling = await solveRollingHorizon(system, { commitHours, lookaheadHours });
        expect(rolling.stats.objective).toBeGreaterThanOrEqual(full.stats.objective - relTol(full.stats.objective));
        expectBalanced(system, rolling);
      }
    }
  });

  it('loses to the full LP when the window cannot see the cloudy day', async () => {
    const system = threeDays('FREE');
    const full = await solveOptimal(system, {});
    const myopic = await solveRollingHorizon(system, { commitHours: 6, lookaheadHours: 6 });
    expect(myopic.stats.objective).toBeGreaterThan(full.stats.objective + 1e-3);
  });

  it('applies the terminal condition at the end of the horizon only', async () => {
    const cyclic = threeDays('CYCLIC');
    const rolling = await solveRollingHorizon(cyclic, { commitHours: 12, lookaheadHours: 24 });
    expect(rolling.storageLevelKwh.battery[71]).toBeCloseTo(5, 6);
    expect(rolling.storageLevelKwh.tank[71]).toBeCloseTo(4, 6);
    // Mid-horizon the battery is free to leave its initial level (the price spread pays for it).
    const offStart = Array.from(rolling.storageLevelKwh.battery.subarray(0, 48)).some((l) => Math.abs(l - 5) > 0.5);
    expect(offStart).toBe(true);
    const minEnd = await solveRollingHorizon(threeDays('MIN_END_SOC'), { commitHours: 12, lookaheadHours: 24 });
    expect(minEnd.storageLevelKwh.battery[71]).toBeGreaterThanOrEqual(7 - 1e-6);
    expect(minEnd.storageLevelKwh.tank[71]).toBeGreaterThanOrEqual(4.8 - 1e-6);
  });

  it('aggregates window stats: objective over the whole horizon, iterations and time summed', async () => {
    const system = threeDays('FREE');
    const options: SolverOptions = { commitHours: 24, lookaheadHours: 48 };
    const rolling = await solveRollingHorizon(system, options);
    // Windows start at steps 0 and 24; the second reaches the end and commits 48 steps.
    expect(rolling.stats.message).toMatch(/^2 windows of 48 steps, 24 committed/);
    expect(rolling.stats.objective).toBe(evaluateObjective(system, rolling, options));
    expect(rolling.stats.status).toBe('OPTIMAL');
    expect(rolling.stats.iterations).toBeGreaterThan(0);
    expect(rolling.stats.solveMs).toBeGreaterThan(0);
    const oneWindow = await solveOptimal(threeDays('FREE'), {});
    expect(rolling.stats.variables).toBe((oneWindow.stats.variables / 72) * 48);
  });

  it('converts hours to steps with the timestep length', () => {
    const halfHourly = threeDays('FREE', 0.5);
    expect(rollingWindowSteps(halfHourly, { commitHours: 6, lookaheadHours: 12 })).toEqual({ commitSteps: 12, windowSteps: 24 });
    expect(rollingWindowSteps(halfHourly, {})).toEqual({ commitSteps: 48, windowSteps: 96 });
    // A look-ahead shorter than the commitment is widened to it.
    expect(rollingWindowSteps(halfHourly, { commitHours: 6, lookaheadHours: 2 })).toEqual({ commitSteps: 12, windowSteps: 12 });
  });

  it('works at half-hour steps and is never better than the full LP', async () => {
    const system = threeDays('CYCLIC', 0.5);
    const full = await solveOptimal(system, {});
    const rolling = await solveRollingHorizon(system, { commitHours: 12, lookaheadHours: 24 });
    expect(rolling.stats.objective).toBeGreaterThanOrEqual(full.stats.objective - relTol(full.stats.objective));
    expectBalanced(system, rolling);
  });

  it('reports INFEASIBLE when the last window cannot reach MIN_END_SOC', async () => {
    const system = buildSystem({
      timesteps: 10,
      components: [
        grid(),
        battery({ energyKwh: 10, maxChargeKw: 1, maxDischargeKw: 1, initialSoc: 0, terminalCondition: 'MIN_END_SOC', minEndSoc: 0.95 }),
        demand({ demandKw: 1 }),
      ],
      connections: [conn('grid', 'demand'), conn('grid', 'battery'), conn('battery', 'demand')],
    });
    await expect(solveRollingHorizon(system, { commitHours: 4, lookaheadHours: 4 })).rejects.toMatchObject({ code: 'INFEASIBLE' });
  });

  it('runs the MILP per window with forbidSimultaneous', async () => {
    const system = threeDays('FREE');
    const rolling = await solveRollingHorizon(system, { commitHours: 24, lookaheadHours: 48, forbidSimultaneous: true });
    expectBalanced(system, rolling);
    expect(rolling.stats.mipGap).toBeDefined();
    const charge = rolling.flowKw[system.connections.find((c) => c.id === 'grid->battery')!.index];
    const discharge = rolling.flowKw[system.connections.find((c) => c.id === 'battery->demand')!.index];
    for (let t = 0; t < system.timesteps; t++) expect(Math.min(charge[t], discharge[t])).toBeLessThanOrEqual(1e-6);
  });
});

describe('solveHybrid', () => {
  it('reports the rule-based objective next to its own, on the same objective definition', async () => {
    const system = threeDays('FREE');
    const options: SolverOptions = { commitHours: 24, lookaheadHours: 48 };
    const { dispatch, ruleBasedStats } = await solveHybrid(system, options);
    const ruleBased = solveRuleBased(system, options);
    expect(ruleBasedStats.objective).toBeCloseTo(evaluateObjective(system, ruleBased, options), 9);
    expect(dispatch.stats.objective).toBe(evaluateObjective(system, dispatch, options));
    expect(dispatch.stats.objective).toBeLessThan(ruleBasedStats.objective);
    expect(dispatch.stats.message).toContain('rule-based objective');
    expectBalanced(system, dispatch);
  });

  it('keeps storage at or above the rule-based levels at every non-final window end', async () => {
    const system = threeDays('FREE');
    // Window = commitment, so every non-final window's last step is committed and visible.
    const options: SolverOptions = { commitHours: 6, lookaheadHours: 6 };
    const { dispatch } = await solveHybrid(system, options);
    const ruleBased = solveRuleBased(system, options);
    expect(dispatch.stats.message).toMatch(/targets dropped as unreachable in 0 windows/);
    let bindingSomewhere = false;
    for (let end = 5; end < 66; end += 6) {
      for (const id of ['battery', 'tank']) {
        expect(dispatch.storageLevelKwh[id][end]).toBeGreaterThanOrEqual(ruleBased.storageLevelKwh[id][end] - 1e-6);
        if (Math.abs(dispatch.storageLevelKwh[id][end] - ruleBased.storageLevelKwh[id][end]) < 1e-6) bindingSomewhere = true;
      }
    }
    expect(bindingSomewhere).toBe(true);
    expectBalanced(system, dispatch);
  });

  it('beats the plain rolling horizon when short windows make it myopic, and never beats the full LP', async () => {
    const system = threeDays('FREE');
    const options: SolverOptions = { commitHours: 6, lookaheadHours: 12 };
    const full = await solveOptimal(system, options);
    const plain = await solveRollingHorizon(system, options);
    const { dispatch: hybrid } = await solveHybrid(system, options);
    expect(hybrid.stats.objective).toBeLessThan(plain.stats.objective);
    expect(hybrid.stats.objective).toBeGreaterThanOrEqual(full.stats.objective - relTol(full.stats.objective));
  });

  it('drops a window-end target the inherited state cannot reach instead of failing', async () => {
    // 1-step windows, 1 kW of charging, nothing to use the energy for: the battery only charges
    // to meet targets. 1 kWh is reachable at once; 5 kWh at step 4 is not (dropped, the level
    // stays); 2 kWh from step 5 on is reachable again.
    const system = buildSystem({
      timesteps: 12,
      components: [grid({ importPrice: 0.3, exportPrice: 0 }), battery({ energyKwh: 10, maxChargeKw: 1, maxDischargeKw: 1, initialSoc: 0 }), demand({ demandKw: 0 })],
      connections: [conn('grid', 'battery'), conn('grid', 'demand'), conn('battery', 'demand')],
    });
    const target = (lastStep: number): number => (lastStep < 4 ? 1 : lastStep === 4 ? 5 : 2);
    const dispatch = await runRollingHorizon(system, { commitHours: 1, lookaheadHours: 1 }, (lastStep) => ({ battery: target(lastStep) }));
    expectBalanced(system, dispatch);
    expect(dispatch.stats.message).toMatch(/targets dropped as unreachable in 1 windows/);
    expect(Array.from(dispatch.storageLevelKwh.battery).map((l) => Math.round(l * 1e9) / 1e9)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2]);
  });
});
