/**
 * The sizing LP optimises over the whole box of sizes, so no design of a parametric sweep over
 * the same box can be cheaper than its optimum (each sweep trial is a normal OPTIMAL run of a
 * fixed design). And the optimum, simulated as a normal run, reports the LP's cost.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulation/index.js';
import { solveSizing, type SizingBound } from '../../src/simulation/sizing.js';
import type { SystemConfig } from '../../src/simulation/types.js';
import { applyParameters } from '../../src/studies/parameters.js';
import { expandStudy, validateStudySpec } from '../../src/studies/spec.js';

interface Case {
  pv: number[];
  demand: number[];
  importPrice: number[];
  exportPrice: number;
  pvCapexEurPerKw: number;
  batteryCapexEurPerKwh: number;
  explicitPowerKw: number | null;
}

const caseArbitrary = fc.integer({ min: 3, max: 12 }).chain((T) =>
  fc.record({
    pv: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: T, maxLength: T }),
    demand: fc.array(fc.double({ min: 0.1, max: 3, noNaN: true }), { minLength: T, maxLength: T }),
    importPrice: fc.array(fc.double({ min: 0.05, max: 0.6, noNaN: true }), { minLength: T, maxLength: T }),
    exportPrice: fc.double({ min: 0, max: 0.05, noNaN: true }),
    pvCapexEurPerKw: fc.double({ min: 100, max: 3000, noNaN: true }),
    batteryCapexEurPerKwh: fc.double({ min: 50, max: 1000, noNaN: true }),
    explicitPowerKw: fc.option(fc.double({ min: 0.5, max: 5, noNaN: true }), { nil: null }),
  }),
);

function system(c: Case): SystemConfig {
  return {
    name: 'property',
    horizon: { timesteps: c.pv.length, timestepHours: 1, startDayOfYear: 100 },
    components: [
      { id: 'grid', kind: 'GRID', importPriceEurPerKwh: { values: c.importPrice }, exportPriceEurPerKwh: c.exportPrice, co2KgPerKwh: 0.4 },
      { id: 'pv', kind: 'SOLAR_PV', peakKw: 1, profile: { values: c.pv }, capexEurPerKw: c.pvCapexEurPerKw },
      {
        id: 'battery',
        kind: 'BATTERY',
        energyKwh: 1,
        capexEurPerKwh: c.batteryCapexEurPerKwh,
        ...(c.explicitPowerKw !== null ? { maxChargeKw: c.explicitPowerKw, maxDischargeKw: c.explicitPowerKw } : {}),
      },
      { id: 'house', kind: 'ELECTRIC_DEMAND', profile: { values: c.demand } },
    ],
    connections: [
      { from: 'pv', to: 'house', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'battery', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'grid', medium: 'ELECTRICITY' },
      { from: 'battery', to: 'house', medium: 'ELECTRICITY' },
      { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
    ],
  };
}

const BOUNDS: SizingBound[] = [
  { component: 'pv', field: 'peakKw', min: 0, max: 6 },
  { component: 'battery', field: 'energyKwh', min: 0.5, max: 10 },
];

async function totalCost(config: SystemConfig): Promise<number> {
  const r = await simulate({ system: config, options: { solver: 'OPTIMAL', objective: 'COST' } });
  expect(r.kpis.unmetDemandKwh).toBeLessThan(1e-9);
  return r.kpis.totalCostEur;
}

describe('sizing vs a parametric sweep over the same bounds', () => {
  it('the sized total cost is never above any sweep trial, and simulating the sized design reproduces it', async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (c) => {
        const config = system(c);
        const sized = await solveSizing(config, { bounds: BOUNDS, objective: 'COST' });
        expect(sized.unmetDemandKwh).toBeLessThan(1e-9);
        const tolerance = (x: number) => 1e-6 * Math.max(1, Math.abs(x));

        const simulated = await totalCost(applyParameters(config, sized.sizes));
        expect(Math.abs(simulated - sized.totalAnnualCostEur)).toBeLessThanOrEqual(tolerance(simulated));

        const spec = {
          parametric: {
            parameters: BOUNDS.map((b) => ({ component: b.component, field: b.field, range: { start: b.min, stop: b.max, count: 3 } })),
          },
        };
        expect(validateStudySpec(config, spec, { maxTrials: 100 })).toEqual([]);
        for (const trial of expandStudy(config, spec)) {
          const trialCost = await totalCost(applyParameters(config, trial.parameters));
          expect(sized.totalAnnualCostEur).toBeLessThanOrEqual(trialCost + tolerance(trialCost));
        }
      }),
      { numRuns: 12, seed: 20261207 },
    );
  });
});
