import { describe, expect, it } from 'vitest';
import { expandStudy, rangeValues, studyKind, studyTrialCount, validateStudySpec, type StudySpec } from '../../src/studies/spec.js';
import { distributionQuantile, normalCdf, normalQuantile, sampleUniforms } from '../../src/studies/sampling.js';
import { house } from './fixtures.js';

const LIMITS = { maxTrials: 1000 };
const paths = (spec: StudySpec, limits = LIMITS) => validateStudySpec(house(), spec, limits).map((i) => i.path);

describe('validateStudySpec', () => {
  it('accepts a valid spec of each kind', () => {
    const specs: StudySpec[] = [
      { parametric: { parameters: [{ component: 'battery', field: 'energyKwh', range: { start: 5, stop: 15, step: 5 } }] } },
      { monteCarlo: { parameters: [{ component: 'grid', field: 'importPriceEurPerKwh', distribution: { kind: 'NORMAL', mean: 0.3, std: 0.05, min: 0 } }], samples: 50 } },
      { sizing: { bounds: [{ component: 'pv', field: 'peakKw', min: 0, max: 10 }], objective: 'COST' } },
      { pareto: { bounds: [{ component: 'battery', field: 'energyKwh', min: 1, max: 20 }], points: 5 } },
    ];
    for (const spec of specs) expect(validateStudySpec(house(), spec, LIMITS)).toEqual([]);
    expect(specs.map(studyKind)).toEqual(['PARAMETRIC', 'MONTE_CARLO', 'SIZING', 'PARETO']);
  });

  it('needs exactly one kind', () => {
    expect(paths({})).toEqual(['']);
    expect(paths({ sizing: { bounds: [], objective: 'COST' }, pareto: { bounds: [], points: 2 } })).toEqual(['']);
  });

  it('reports parametric problems at their paths', () => {
    const spec: StudySpec = {
      parametric: {
        parameters: [
          { component: 'battery', field: 'energyKwh', values: [] }, // empty
          { component: 'pv', field: 'peakKw', range: { start: 1, stop: 5, step: 0 } }, // step 0
          { component: 'pv', field: 'inverterEfficiency', range: { start: 1, stop: 0.5, step: 0.1 } }, // empty range
          { component: 'battery', field: 'maxChargeKw', range: { start: 1, stop: 5, count: 0 } }, // count < 1
          { component: 'heater', field: 'maxHeatKw', values: [1] }, // unknown component
          { component: 'battery', field: 'curtailable', values: [1] }, // not a field
          { component: 'battery', field: 'socMin', values: [0.1, 1.5] }, // 1.5 invalid
          { component: 'grid', field: 'co2KgPerKwh', values: [0.1, 0.2], range: { start: 0, stop: 1, count: 2 } }, // both
        ],
      },
    };
    expect(paths(spec)).toEqual([
      'parametric.parameters[0].values',
      'parametric.parameters[1].range.step',
      'parametric.parameters[2].range.step',
      'parametric.parameters[3].range.count',
      'parametric.parameters[4].component',
      'parametric.parameters[5].field',
      'parametric.parameters[6].values',
      'parametric.parameters[7]',
    ]);
  });

  it('checks linked lengths, duplicates and the trial limit', () => {
    expect(
      paths({
        parametric: {
          parameters: [
            { component: 'battery', field: 'energyKwh', values: [5, 10, 15], link: 'battery' },
            { component: 'battery', field: 'maxChargeKw', values: [2.5, 5], link: 'battery' },
            { component: 'battery', field: 'energyKwh', values: [1] },
          ],
        },
      }),
    ).toEqual(['parametric.parameters[1].link', 'parametric.parameters[2]']);
    const big: StudySpec = {
      parametric: {
        parameters: [
          { component: 'pv', field: 'peakKw', range: { start: 0, stop: 10, count: 40 } },
          { component: 'battery', field: 'energyKwh', range: { start: 1, stop: 20, count: 30 } },
        ],
      },
    };
    expect(validateStudySpec(house(), big, LIMITS)).toEqual([{ path: 'parametric', message: 'makes 1200 trials; at most 1000 are allowed' }]);
    expect(paths({ parametric: { parameters: [{ component: 'pv', field: 'peakKw', range: { start: 0, stop: 1, step: 1e-12 } }] } })).toEqual([
      'parametric.parameters[0].range',
    ]);
  });

  it('reports Monte Carlo problems at their paths', () => {
    expect(
      paths(
        {
          monteCarlo: {
            parameters: [
              { component: 'grid', field: 'importPriceEurPerKwh', distribution: { kind: 'NORMAL', mean: 0.3, std: 0 } },
              { component: 'pv', field: 'peakKw', distribution: { kind: 'TRIANGULAR', min: 1, mode: 9, max: 5 } },
              { component: 'pv', field: 'inverterEfficiency', distribution: { kind: 'UNIFORM', min: 0.9, max: 1.2 } },
              { component: 'battery', field: 'energyKwh', distribution: { kind: 'LOGNORMAL', mu: 2, sigma: 0.3, min: 10, max: 5 } },
            ],
            samples: 5000,
            seed: -1,
          },
        },
        LIMITS,
      ),
    ).toEqual([
      'monteCarlo.parameters[0].distribution.std',
      'monteCarlo.parameters[1].distribution.mode',
      'monteCarlo.parameters[2].distribution',
      'monteCarlo.parameters[3].distribution.min',
      'monteCarlo.samples',
      'monteCarlo.seed',
    ]);
  });

  it('reports sizing and Pareto problems at their paths', () => {
    expect(
      paths({
        sizing: {
          bounds: [
            { component: 'pv', field: 'peakKw', min: 10, max: 5 },
            { component: 'battery', field: 'socMax', min: 0, max: 1 },
            { component: 'ghost', field: 'peakKw', min: 0, max: 1 },
          ],
          objective: 'MONEY' as 'COST',
        },
      }),
    ).toEqual(['sizing.bounds[0].min', 'sizing.bounds[1].field', 'sizing.bounds[2].component', 'sizing.objective']);
    expect(paths({ pareto: { bounds: [{ component: 'pv', field: 'peakKw', min: 0, max: 5 }], points: 1 } })).toEqual(['pareto.points']);
    expect(paths({ pareto: { bounds: [{ component: 'pv', field: 'peakKw', min: 0, max: 5 }], points: 2000 } })).toEqual(['pareto.points']);
  });
});

describe('expandStudy: PARAMETRIC', () => {
  it('makes the Cartesian product, first parameter slowest', () => {
    const spec: StudySpec = {
      parametric: {
        parameters: [
          { component: 'pv', field: 'peakKw', values: [4, 8] },
          { component: 'battery', field: 'energyKwh', range: { start: 5, stop: 15, step: 5 } },
        ],
      },
    };
    const trials = expandStudy(house(), spec);
    expect(studyTrialCount(spec)).toBe(6);
    expect(trials.map((t) => t.parameters.map((p) => p.value))).toEqual([
      [4, 5],
      [4, 10],
      [4, 15],
      [8, 5],
      [8, 10],
      [8, 15],
    ]);
    expect(trials[0].parameters[1]).toEqual({ component: 'battery', field: 'energyKwh', value: 5 });
  });

  it('varies linked parameters together', () => {
    const spec: StudySpec = {
      parametric: {
        parameters: [
          { component: 'battery', field: 'energyKwh', values: [5, 10, 20], link: 'size' },
          { component: 'pv', field: 'peakKw', values: [3, 6] },
          { component: 'battery', field: 'maxChargeKw', values: [2.5, 5, 10], link: 'size' },
        ],
      },
    };
    expect(validateStudySpec(house(), spec, LIMITS)).toEqual([]);
    const trials = expandStudy(house(), spec);
    expect(studyTrialCount(spec)).toBe(6);
    expect(trials.map((t) => t.parameters.map((p) => p.value))).toEqual([
      [5, 3, 2.5],
      [5, 6, 2.5],
      [10, 3, 5],
      [10, 6, 5],
      [20, 3, 10],
      [20, 6, 10],
    ]);
  });

  it('ranges include stop and have clean values', () => {
    expect(rangeValues({ start: 0, stop: 0.3, step: 0.1 })).toEqual([0, 0.1, 0.2, 0.3]);
    expect(rangeValues({ start: 0, stop: 1, step: 0.4 })).toEqual([0, 0.4, 0.8]);
    expect(rangeValues({ start: 10, stop: 0, step: -5 })).toEqual([10, 5, 0]);
    expect(rangeValues({ start: 1, stop: 2, count: 5 })).toEqual([1, 1.25, 1.5, 1.75, 2]);
    expect(rangeValues({ start: 3, stop: 3, count: 1 })).toEqual([3]);
    expect(rangeValues({ start: 3, stop: 3, step: 1 })).toEqual([3]);
  });
});

describe('expandStudy: MONTE_CARLO', () => {
  const spec = (seed: number, sampling: 'LATIN_HYPERCUBE' | 'RANDOM' = 'LATIN_HYPERCUBE', samples = 40): StudySpec => ({
    monteCarlo: {
      parameters: [
        { component: 'grid', field: 'importPriceEurPerKwh', distribution: { kind: 'UNIFORM', min: 0.2, max: 0.4 } },
        { component: 'pv', field: 'peakKw', distribution: { kind: 'TRIANGULAR', min: 2, mode: 6, max: 8 } },
        { component: 'battery', field: 'energyKwh', distribution: { kind: 'NORMAL', mean: 10, std: 3, min: 2, max: 14 } },
        { component: 'grid', field: 'co2KgPerKwh', distribution: { kind: 'LOGNORMAL', mu: Math.log(0.4), sigma: 0.25 } },
      ],
      samples,
      sampling,
      seed,
    },
  });
  const values = (s: StudySpec) => expandStudy(house(), s).map((t) => t.parameters.map((p) => p.value));

  it('same seed → same samples; another seed → others', () => {
    for (const method of ['LATIN_HYPERCUBE', 'RANDOM'] as const) {
      expect(values(spec(7, method))).toEqual(values(spec(7, method)));
      expect(values(spec(7, method))).not.toEqual(values(spec(8, method)));
    }
  });

  it('a parameter keeps its samples when another is added after it', () => {
    const s = spec(7);
    const fewer: StudySpec = { monteCarlo: { ...s.monteCarlo!, parameters: s.monteCarlo!.parameters.slice(0, 2) } };
    expect(values(fewer).map((v) => v.slice(0, 2))).toEqual(values(s).map((v) => v.slice(0, 2)));
  });

  it('Latin hypercube: exactly one sample in each of the n equally likely strata, per parameter', () => {
    const n = 40;
    const trials = values(spec(123, 'LATIN_HYPERCUBE', n));
    const cdfs: ((x: number) => number)[] = [
      (x) => (x - 0.2) / 0.2,
      (x) => (x <= 6 ? ((x - 2) ** 2) / (6 * 4) : 1 - ((8 - x) ** 2) / (6 * 2)),
      (x) => (normalCdf((x - 10) / 3) - normalCdf(-8 / 3)) / (normalCdf(4 / 3) - normalCdf(-8 / 3)),
      (x) => normalCdf((Math.log(x) - Math.log(0.4)) / 0.25),
    ];
    cdfs.forEach((cdf, i) => {
      const strata = trials.map((t) => Math.floor(cdf(t[i]) * n)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: n }, (_, k) => k));
    });
    for (const t of trials) {
      expect(t[2]).toBeGreaterThanOrEqual(2);
      expect(t[2]).toBeLessThanOrEqual(14);
    }
  });

  it('the uniforms behind LHS sit strictly inside their strata for any seed', () => {
    for (const seed of [0, 1, 42, 0xffffffff]) {
      const u = sampleUniforms(97, 'LATIN_HYPERCUBE', seed, 3);
      const strata = Array.from(u, (v) => Math.floor(v * 97)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: 97 }, (_, k) => k));
    }
  });

  it('random sampling stays within bounds; CLIP puts the tails on the bounds', () => {
    const trials = values(spec(5, 'RANDOM', 200));
    for (const t of trials) {
      expect(t[0]).toBeGreaterThan(0.2);
      expect(t[0]).toBeLessThan(0.4);
      expect(t[1]).toBeGreaterThanOrEqual(2);
      expect(t[1]).toBeLessThanOrEqual(8);
    }
    const clipped = { kind: 'NORMAL' as const, mean: 0, std: 1, min: -1, max: 1, bounding: 'CLIP' as const };
    expect(distributionQuantile(clipped, 0.01)).toBe(-1);
    expect(distributionQuantile(clipped, 0.99)).toBe(1);
    expect(distributionQuantile(clipped, 0.5)).toBeCloseTo(0, 9);
  });

  it('normal quantile matches tabulated values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 8);
    expect(distributionQuantile({ kind: 'LOGNORMAL', mu: 1, sigma: 2 }, 0.5)).toBeCloseTo(Math.E, 9);
  });

  it('SIZING and PARETO have no fixed trials to expand', () => {
    expect(() => expandStudy(house(), { sizing: { bounds: [{ component: 'pv', field: 'peakKw', min: 0, max: 1 }], objective: 'COST' } })).toThrow(/solveSizing/);
  });
});
