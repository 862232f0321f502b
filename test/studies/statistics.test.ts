import { describe, expect, it } from 'vitest';
import { averageRanks, elasticityAtMedian, pearson, sensitivity, spearman, summarize } from '../../src/studies/statistics.js';

describe('summarize', () => {
  it('matches hand-computed values (type-7 percentiles, sample std)', () => {
    const s = summarize([3, 1, 2, 10, 9, 8, 7, 6, 5, 4, null, Number.NaN, undefined]);
    expect(s.count).toBe(10);
    expect(s.mean).toBe(5.5);
    // Σ(x − 5.5)² = 82.5, / 9
    expect(s.std).toBeCloseTo(Math.sqrt(82.5 / 9), 12);
    expect(s.min).toBe(1);
    expect(s.max).toBe(10);
    expect(s.p5).toBeCloseTo(1.45, 12); // h = 9·0.05 = 0.45
    expect(s.p50).toBeCloseTo(5.5, 12); // h = 4.5
    expect(s.p95).toBeCloseTo(9.55, 12); // h = 8.55
  });
  it('handles one value and none', () => {
    expect(summarize([4])).toEqual({ count: 1, mean: 4, std: 0, min: 4, p5: 4, p50: 4, p95: 4, max: 4 });
    expect(summarize([null])).toEqual({ count: 0, mean: null, std: null, min: null, p5: null, p50: null, p95: null, max: null });
  });
});

describe('correlations and elasticity', () => {
  const x = [1, 2, 3, 4, 5];
  const y = [2, 4, 5, 4, 5];
  it('pearson: Sxy / √(Sxx·Syy) = 6/√60', () => {
    expect(pearson(x, y)).toBeCloseTo(6 / Math.sqrt(60), 12);
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(pearson([1], [2])).toBeNull();
  });
  it('spearman averages tied ranks: ranks of y are 1, 2.5, 4.5, 2.5, 4.5 → 7/√90', () => {
    expect(averageRanks(y)).toEqual([1, 2.5, 4.5, 2.5, 4.5]);
    expect(spearman(x, y)).toBeCloseTo(7 / Math.sqrt(90), 12);
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
  });
  it('skips pairs with a missing side', () => {
    expect(pearson([1, 2, null, 3], [2, 4, 100, 6])).toBeCloseTo(1, 12);
  });
  it('elasticity = OLS slope · median(x) / median(y)', () => {
    expect(elasticityAtMedian(x, y)).toBeCloseTo((0.6 * 3) / 4, 12);
    // Proportional: 1 % more x gives 1 % more y.
    expect(elasticityAtMedian([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(elasticityAtMedian([1, 2, 3], [-1, 0, 1])).toBeNull();
  });
  it('sensitivity lists every (parameter, KPI) pair', () => {
    const trials = x.map((v, i) => ({ parameters: { 'battery.energyKwh': v }, kpis: { totalCostEur: y[i], npvEur: null } }));
    const s = sensitivity(trials, ['battery.energyKwh'], ['totalCostEur', 'npvEur']);
    expect(s).toHaveLength(2);
    expect(s[0]).toMatchObject({ parameter: 'battery.energyKwh', kpi: 'totalCostEur', count: 5 });
    expect(s[0].pearson).toBeCloseTo(6 / Math.sqrt(60), 12);
    expect(s[0].spearman).toBeCloseTo(7 / Math.sqrt(90), 12);
    expect(s[0].elasticity).toBeCloseTo(0.45, 12);
    expect(s[1]).toEqual({ parameter: 'battery.energyKwh', kpi: 'npvEur', count: 0, pearson: null, spearman: null, elasticity: null });
  });
});
