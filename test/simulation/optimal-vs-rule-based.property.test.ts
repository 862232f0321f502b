/**
 * Property: on any valid system whose storages have no terminal condition, the rule-based
 * dispatch is a feasible point of the LP, so OPTIMAL can never be worse than it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEnergyBalance } from '../../src/simulation/balance.js';
import { solveOptimal } from '../../src/simulation/solvers/optimal.js';
import { solveRuleBased } from '../../src/simulation/solvers/rule-based.js';
import type { ObjectiveKind, ResolvedSystem, SolverOptions } from '../../src/simulation/types.js';
import {
  battery,
  buildSystem,
  conn,
  demand,
  grid,
  heatDemand,
  heatPump,
  pv,
  thermalStorage,
  type ComponentSpec,
  type ConnectionSpec,
} from './fixtures.js';

const price = fc.double({ min: -0.05, max: 0.5, noNaN: true });
const nonNegative = (max: number) => fc.double({ min: 0, max, noNaN: true });
const fraction = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const limit = fc.oneof(fc.constant(Infinity), fc.double({ min: 1, max: 30, noNaN: true }));

const seriesOf = (arb: fc.Arbitrary<number>, T: number) => fc.array(arb, { minLength: T, maxLength: T });

const storageParams = fc.record({
  energyKwh: fc.double({ min: 0.5, max: 20, noNaN: true }),
  maxChargeKw: fc.double({ min: 0.2, max: 10, noNaN: true }),
  maxDischargeKw: fc.double({ min: 0.2, max: 10, noNaN: true }),
  chargeEfficiency: fraction(0.7, 1),
  dischargeEfficiency: fraction(0.7, 1),
  socMin: fraction(0, 0.2),
  socMax: fraction(0.8, 1),
  initialPosition: fraction(0, 1),
  lossPerHour: fraction(0, 0.02), // ≤ 0.005 means none, see storageSpec
  variableOm: nonNegative(0.02),
});

const systemArb = fc.integer({ min: 24, max: 72 }).chain((T) =>
  fc.record({
    T: fc.constant(T),
    timestepHours: fc.constantFrom(1, 0.5),
    importPrice: seriesOf(price, T),
    exportSpread: seriesOf(nonNegative(0.3), T),
    co2: seriesOf(fraction(0.05, 0.8), T),
    maxImportKw: limit,
    maxExportKw: limit,
    pvKw: seriesOf(nonNegative(8), T),
    pvCurtailable: fc.boolean(),
    pvOm: nonNegative(0.01),
    demandKw: seriesOf(nonNegative(5), T),
    battery: storageParams,
    gridCharges: fc.boolean(),
    batteryExports: fc.boolean(),
    heat: fc.option(
      fc.record({
        cop: seriesOf(fraction(1.5, 4.5), T),
        maxHeatKw: fc.double({ min: 0.5, max: 10, noNaN: true }),
        heatKw: seriesOf(nonNegative(4), T),
        tank: storageParams,
        batteryFeedsHeatPump: fc.boolean(),
      }),
      { nil: undefined },
    ),
    objective: fc.constantFrom<ObjectiveKind>('COST', 'CO2', 'GRID_EXCHANGE', 'WEIGHTED'),
    weights: fc.record({ costEur: nonNegative(1), co2Kg: nonNegative(1), gridExchangeKwh: nonNegative(0.2) }),
    unmetPenalty: fc.option(fc.double({ min: 1, max: 20, noNaN: true }), { nil: undefined }),
  }),
);

type Drawn = typeof systemArb extends fc.Arbitrary<infer X> ? X : never;

/**
 * Self-discharge can pull a storage that sits at socMin below it, with no flow to prevent it
 * when nothing can charge it: the LP is then rightly infeasible (socMin is a hard bound) and
 * the greedy dispatch violates socMin. Such systems are outside this property, so a leaking
 * storage gets socMin = 0, which leakage can never cross.
 */
function storageSpec(p: Drawn['battery']) {
  const socMin = p.lossPerHour > 0.005 ? 0 : p.socMin;
  const lossPerHour = p.lossPerHour > 0.005 ? p.lossPerHour : 0;
  return {
    energyKwh: p.energyKwh,
    maxChargeKw: p.maxChargeKw,
    maxDischargeKw: p.maxDischargeKw,
    chargeEfficiency: p.chargeEfficiency,
    dischargeEfficiency: p.dischargeEfficiency,
    socMin,
    socMax: p.socMax,
    initialSoc: socMin + p.initialPosition * (p.socMax - socMin),
    lossPerHour,
    terminalCondition: 'FREE' as const,
    economics: { variableOmEurPerKwh: p.variableOm },
  };
}

function toSystem(d: Drawn): { system: ResolvedSystem; options: SolverOptions } {
  const components: ComponentSpec[] = [
    grid({
      importPrice: d.importPrice,
      // Export never pays more than import, as in real tariffs (otherwise both solvers just
      // wheel energy through the grid connection limits).
      exportPrice: d.importPrice.map((p, t) => p - d.exportSpread[t]),
      co2: d.co2,
      maxImportKw: d.maxImportKw,
      maxExportKw: d.maxExportKw,
    }),
    pv({ availableKw: d.pvKw, curtailable: d.pvCurtailable, economics: { variableOmEurPerKwh: d.pvOm } }),
    battery(storageSpec(d.battery)),
    demand({ demandKw: d.demandKw }),
  ];
  const connections: ConnectionSpec[] = [
    conn('grid', 'demand'),
    conn('pv', 'demand'),
    conn('pv', 'battery'),
    conn('pv', 'grid'),
    conn('battery', 'demand'),
  ];
  if (d.gridCharges) connections.push(conn('grid', 'battery'));
  if (d.batteryExports) connections.push(conn('battery', 'grid'));
  if (d.heat) {
    components.push(
      heatPump({ maxHeatKw: d.heat.maxHeatKw, heatPerElectricity: d.heat.cop }),
      thermalStorage(storageSpec(d.heat.tank)),
      heatDemand({ demandKw: d.heat.heatKw }),
    );
    connections.push(conn('grid', 'hp'), conn('pv', 'hp'), conn('hp', 'heat'), conn('hp', 'tank'), conn('tank', 'heat'));
    if (d.heat.batteryFeedsHeatPump) connections.push(conn('battery', 'hp'));
  }
  const system = buildSystem({ timesteps: d.T, timestepHours: d.timestepHours, components, connections });
  const options: SolverOptions = {
    objective: d.objective,
    ...(d.objective === 'WEIGHTED' ? { weights: d.weights } : {}),
    ...(d.unmetPenalty !== undefined ? { unmetDemandPenaltyEurPerKwh: d.unmetPenalty } : {}),
  };
  return { system, options };
}

describe('OPTIMAL vs RULE_BASED on random systems', () => {
  it('OPTIMAL is never worse than the rule-based dispatch, and both balance', async () => {
    await fc.assert(
      fc.asyncProperty(systemArb, async (drawn) => {
        const { system, options } = toSystem(drawn);
        const ruleBased = solveRuleBased(system, options);
        const ruleCheck = checkEnergyBalance(system, ruleBased, { toleranceKw: 1e-6 });
        expect(ruleCheck.violations).toEqual([]);

        const optimal = await solveOptimal(system, options);
        const optimalCheck = checkEnergyBalance(system, optimal, { toleranceKw: 1e-6 });
        expect(optimalCheck.violations).toEqual([]);

        const bound = ruleBased.stats.objective + 1e-6 * Math.max(1, Math.abs(optimal.stats.objective));
        expect(optimal.stats.objective).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 80, seed: 20261127 },
    );
  });
});
