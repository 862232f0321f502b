import { describe, expect, it } from 'vitest';
import { PROFILE_GENERATORS, fitValues, generateProfile, type ProfileContext } from '../../src/simulation/profiles/index.js';
import { clearSkyGhiWm2, sinSolarElevation, solarDeclinationAndEquationOfTime } from '../../src/simulation/profiles/solar.js';
import { createUniform, erfc } from '../../src/simulation/profiles/random.js';

const YEAR: ProfileContext = { timesteps: 8760, timestepHours: 1, startDayOfYear: 1, latitudeDeg: 52, longitudeDeg: 13, seed: 42 };

const mean = (a: ArrayLike<number>, from = 0, to = a.length): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s / (to - from);
};
const max = (a: ArrayLike<number>): number => {
  let m = -Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  return m;
};
const min = (a: ArrayLike<number>): number => {
  let m = Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] < m) m = a[i];
  return m;
};
const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
/** Mean over the hours of the day in [fromHour, toHour) across every day of an hourly series. */
function meanAtHours(series: Float64Array, fromHour: number, toHour: number, dayFilter: (day: number) => boolean = () => true): number {
  let s = 0;
  let n = 0;
  for (let t = 0; t < series.length; t++) {
    const hour = t % 24;
    if (hour >= fromHour && hour < toHour && dayFilter(Math.floor(t / 24))) {
      s += series[t];
      n++;
    }
  }
  return s / n;
}
const JANUARY: [number, number] = [0, 31 * 24];
const JULY: [number, number] = [181 * 24, 212 * 24];

describe('generators: determinism', () => {
  it.each(PROFILE_GENERATORS)('%s: same seed gives bit-identical output, another seed a different one', (g) => {
    const a = generateProfile(g, YEAR);
    const b = generateProfile(g, { ...YEAR });
    const c = generateProfile(g, { ...YEAR, seed: 43 });
    expect(a).toHaveLength(8760);
    expect(bytes(a).equals(bytes(b))).toBe(true);
    expect(bytes(a).equals(bytes(c))).toBe(false);
    expect(a.every((v) => Number.isFinite(v))).toBe(true);
  });

  it.each(PROFILE_GENERATORS)('%s: a shorter horizon is a prefix of a longer one (non-normalised part)', (g) => {
    const week = generateProfile(g, { ...YEAR, timesteps: 168 });
    const year = generateProfile(g, YEAR);
    // Demand shapes are divided by the horizon's own peak, so compare them up to that factor;
    // every other generator must match bit for bit.
    let peakIndex = 0;
    for (let t = 0; t < 168; t++) if (week[t] > week[peakIndex]) peakIndex = t;
    const ratio = year[peakIndex] / week[peakIndex];
    if (g === 'SOLAR' || g === 'WIND_SPEED' || g === 'AMBIENT_TEMPERATURE') expect(ratio).toBe(1);
    for (let t = 0; t < 168; t++) expect(year[t]).toBeCloseTo(week[t] * ratio, 12);
  });

  it('the uniform stream stays inside (0, 1) and is not constant', () => {
    const u = createUniform(1, 2);
    let lo = 1;
    let hi = 0;
    let s = 0;
    for (let i = 0; i < 100000; i++) {
      const x = u();
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      s += x;
    }
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThan(1);
    expect(s / 100000).toBeCloseTo(0.5, 2);
  });

  it('erfc matches known values', () => {
    expect(erfc(0)).toBeCloseTo(1, 6);
    expect(erfc(1)).toBeCloseTo(0.157299207, 6);
    expect(erfc(-1)).toBeCloseTo(1.842700793, 6);
    expect(erfc(2)).toBeCloseTo(0.004677735, 7);
  });
});

describe('SOLAR', () => {
  it('solar geometry: declination, equinox noon elevation', () => {
    expect((solarDeclinationAndEquationOfTime(171).declinationRad * 180) / Math.PI).toBeCloseTo(23.44, 0);
    expect((solarDeclinationAndEquationOfTime(354).declinationRad * 180) / Math.PI).toBeCloseTo(-23.44, 0);
    expect(Math.abs((solarDeclinationAndEquationOfTime(79).declinationRad * 180) / Math.PI)).toBeLessThan(1);
    // At 52°N on the equinox the sun culminates at 90 − 52 = 38°; at longitude 15°E (zone centre) clock noon ≈ solar noon ± EoT.
    let best = -1;
    for (let minute = 11 * 60; minute <= 13 * 60; minute++) best = Math.max(best, sinSolarElevation(52, 15, 79, minute / 60));
    expect((Math.asin(best) * 180) / Math.PI).toBeCloseTo(38, 0);
    expect(clearSkyGhiWm2(-0.1)).toBe(0);
    expect(clearSkyGhiWm2(1)).toBeCloseTo(1098 * Math.exp(-0.057), 9);
  });

  it('is within [0, 1], zero at night, and reaches 1', () => {
    const s = generateProfile('SOLAR', YEAR);
    expect(min(s)).toBeGreaterThanOrEqual(0);
    expect(max(s)).toBeLessThanOrEqual(1);
    expect(max(s)).toBeGreaterThan(0.95);
    // Local standard time at 13°E: the sun is below the horizon from 22:00 to 03:00 all year at 52°N.
    const nightOutput = s.filter((_, t) => t % 24 >= 22 || t % 24 < 3);
    expect(nightOutput.length).toBe(365 * 5);
    expect(max(nightOutput)).toBe(0);
  });

  it('is zero through the polar night and positive under the midnight sun', () => {
    const polar = { ...YEAR, latitudeDeg: 80, startDayOfYear: 340, timesteps: 24 * 14 };
    expect(max(generateProfile('SOLAR', polar))).toBe(0);
    const summer = generateProfile('SOLAR', { ...polar, startDayOfYear: 165 });
    expect(min(summer.subarray(0, 24))).toBeGreaterThanOrEqual(0);
    expect(meanAtHours(summer, 0, 1)).toBeGreaterThan(0);
  });

  it('has a plausible annual capacity factor at 52°N for several seeds', () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const cf = mean(generateProfile('SOLAR', { ...YEAR, seed }));
      expect(cf).toBeGreaterThan(0.09);
      expect(cf).toBeLessThan(0.14);
    }
  });

  it('yields more in summer than winter, mirrored in the southern hemisphere', () => {
    const north = generateProfile('SOLAR', YEAR);
    expect(mean(north, ...JULY)).toBeGreaterThan(3 * mean(north, ...JANUARY));
    const south = generateProfile('SOLAR', { ...YEAR, latitudeDeg: -35, longitudeDeg: 150 });
    expect(mean(south, ...JANUARY)).toBeGreaterThan(1.5 * mean(south, ...JULY));
  });

  it('peaks around solar noon', () => {
    const s = generateProfile('SOLAR', YEAR);
    expect(meanAtHours(s, 11, 14)).toBeGreaterThan(1.5 * meanAtHours(s, 7, 9));
    expect(meanAtHours(s, 11, 14)).toBeGreaterThan(1.5 * meanAtHours(s, 16, 18));
    expect(meanAtHours(s, 11, 14)).toBeGreaterThan(meanAtHours(s, 9, 11));
  });
});

describe('WIND_SPEED', () => {
  it('has the Weibull(k=2, c=7) mean and spread', () => {
    // Γ(1.5) = √π/2; Weibull variance c²(Γ(1+2/k) − Γ(1+1/k)²) = c²(1 − π/4) for k = 2.
    const expectedMean = (7 * Math.sqrt(Math.PI)) / 2;
    const expectedStd = 7 * Math.sqrt(1 - Math.PI / 4);
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    let meanSum = 0;
    let varSum = 0;
    for (const seed of seeds) {
      const v = generateProfile('WIND_SPEED', { ...YEAR, seed });
      expect(min(v)).toBeGreaterThanOrEqual(0);
      const m = mean(v);
      expect(Math.abs(m / expectedMean - 1)).toBeLessThan(0.08);
      meanSum += m;
      let sq = 0;
      for (let t = 0; t < v.length; t++) sq += (v[t] - m) ** 2;
      varSum += sq / v.length;
    }
    expect(Math.abs(meanSum / seeds.length / expectedMean - 1)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(varSum / seeds.length) / expectedStd - 1)).toBeLessThan(0.08);
  });

  it('is autocorrelated hour to hour', () => {
    const v = generateProfile('WIND_SPEED', YEAR);
    const m = mean(v);
    let num = 0;
    let den = 0;
    for (let t = 0; t < v.length; t++) {
      den += (v[t] - m) ** 2;
      if (t > 0) num += (v[t] - m) * (v[t - 1] - m);
    }
    expect(num / den).toBeGreaterThan(0.8);
    expect(num / den).toBeLessThan(0.97);
  });
});

describe('AMBIENT_TEMPERATURE', () => {
  it('is seasonal: cold January, warm July at 52°N; reversed in the south', () => {
    const t = generateProfile('AMBIENT_TEMPERATURE', YEAR);
    const jan = mean(t, ...JANUARY);
    const jul = mean(t, ...JULY);
    expect(jul - jan).toBeGreaterThan(12);
    expect(jan).toBeGreaterThan(-8);
    expect(jan).toBeLessThan(5);
    expect(jul).toBeGreaterThan(14);
    expect(jul).toBeLessThan(24);
    const south = generateProfile('AMBIENT_TEMPERATURE', { ...YEAR, latitudeDeg: -35 });
    expect(mean(south, ...JANUARY)).toBeGreaterThan(mean(south, ...JULY) + 8);
  });

  it('has a daily cycle: afternoons warmer than pre-dawn', () => {
    const t = generateProfile('AMBIENT_TEMPERATURE', YEAR);
    expect(meanAtHours(t, 14, 16) - meanAtHours(t, 3, 5)).toBeGreaterThan(4);
  });
});

describe('demand shapes', () => {
  it.each(['RESIDENTIAL_ELECTRIC', 'COMMERCIAL_ELECTRIC', 'RESIDENTIAL_HEAT', 'COMMERCIAL_HEAT'] as const)('%s peaks at exactly 1 and stays positive', (g) => {
    const s = generateProfile(g, YEAR);
    expect(max(s)).toBe(1);
    expect(min(s)).toBeGreaterThan(0);
  });

  it('residential electricity: evening peak, night trough, more in winter', () => {
    const s = generateProfile('RESIDENTIAL_ELECTRIC', YEAR);
    expect(meanAtHours(s, 19, 21)).toBeGreaterThan(2 * meanAtHours(s, 2, 5));
    expect(meanAtHours(s, 6, 8, (d) => d % 7 < 5)).toBeGreaterThan(1.3 * meanAtHours(s, 10, 12, (d) => d % 7 < 5));
    expect(mean(s, ...JANUARY)).toBeGreaterThan(1.08 * mean(s, ...JULY));
  });

  it('commercial electricity: office hours on weekdays, low at weekends and nights', () => {
    const s = generateProfile('COMMERCIAL_ELECTRIC', YEAR);
    const weekday = (d: number) => d % 7 < 5; // day 1 of the year is a Monday
    const sunday = (d: number) => d % 7 === 6;
    expect(meanAtHours(s, 10, 12, weekday)).toBeGreaterThan(2.5 * meanAtHours(s, 10, 12, sunday));
    expect(meanAtHours(s, 10, 12, weekday)).toBeGreaterThan(2.5 * meanAtHours(s, 1, 4, weekday));
  });

  it('heat demand is much higher in winter and follows the temperature of the same seed', () => {
    for (const g of ['RESIDENTIAL_HEAT', 'COMMERCIAL_HEAT'] as const) {
      const h = generateProfile(g, YEAR);
      expect(mean(h, ...JANUARY)).toBeGreaterThan(3 * mean(h, ...JULY));
      expect(mean(h, ...JULY)).toBeGreaterThan(0); // hot water all year
    }
    const h = generateProfile('RESIDENTIAL_HEAT', YEAR);
    const t = generateProfile('AMBIENT_TEMPERATURE', YEAR);
    const hm = mean(h);
    const tm = mean(t);
    let cov = 0;
    for (let i = 0; i < h.length; i++) cov += (h[i] - hm) * (t[i] - tm);
    expect(cov).toBeLessThan(0);
    // A cold spell of seed 42 must show up as more heat than the same days with another seed's weather.
    const other = generateProfile('RESIDENTIAL_HEAT', { ...YEAR, seed: 7 });
    const otherT = generateProfile('AMBIENT_TEMPERATURE', { ...YEAR, seed: 7 });
    const day = (a: Float64Array, d: number) => mean(a, d * 24, d * 24 + 24);
    let agree = 0;
    for (let d = 0; d < 365; d++) if (Math.sign(day(h, d) - day(other, d)) === -Math.sign(day(t, d) - day(otherT, d))) agree++;
    expect(agree).toBeGreaterThan(300);
  });
});

describe('time resolution', () => {
  it('15-minute and hourly runs agree in shape (hourly means within tight bounds)', () => {
    for (const g of ['SOLAR', 'AMBIENT_TEMPERATURE', 'WIND_SPEED'] as const) {
      const hourly = generateProfile(g, { ...YEAR, timesteps: 24 * 30 });
      const quarter = generateProfile(g, { ...YEAR, timesteps: 24 * 30 * 4, timestepHours: 0.25 });
      let worst = 0;
      let scale = 0;
      for (let h = 0; h < hourly.length; h++) {
        const q = (quarter[4 * h] + quarter[4 * h + 1] + quarter[4 * h + 2] + quarter[4 * h + 3]) / 4;
        worst = Math.max(worst, Math.abs(q - hourly[h]));
        scale = Math.max(scale, Math.abs(hourly[h]));
      }
      expect(worst / scale).toBeLessThan(0.15);
      // Energy over the month agrees closely: the shape is the same, only sampled finer.
      expect(Math.abs(mean(quarter) / mean(hourly) - 1)).toBeLessThan(0.02);
    }
  });

  it('steps longer than an hour carry the mean of their hours, not a midpoint sample', () => {
    for (const g of ['SOLAR', 'AMBIENT_TEMPERATURE', 'WIND_SPEED'] as const) {
      const hourly = generateProfile(g, { ...YEAR, timesteps: 24 * 7 });
      const threeHourly = generateProfile(g, { ...YEAR, timesteps: 8 * 7, timestepHours: 3 });
      for (let t = 0; t < threeHourly.length; t++) {
        expect(threeHourly[t]).toBeCloseTo((hourly[3 * t] + hourly[3 * t + 1] + hourly[3 * t + 2]) / 3, 12);
      }
    }
    const daily = generateProfile('SOLAR', { ...YEAR, timesteps: 7, timestepHours: 24 });
    expect(min(daily)).toBeGreaterThan(0);
    expect(max(daily)).toBeLessThan(0.5);
  });

  it('rejects an invalid context', () => {
    expect(() => generateProfile('SOLAR', { ...YEAR, timesteps: 0 })).toThrow(RangeError);
    expect(() => generateProfile('SOLAR', { ...YEAR, timestepHours: 0 })).toThrow(RangeError);
  });
});

describe('fitValues', () => {
  it('EXACT copies and requires equal length and step', () => {
    expect(Array.from(fitValues([1, 2, 3], 1, 'EXACT', 3, 1))).toEqual([1, 2, 3]);
    expect(() => fitValues([1, 2], 1, 'EXACT', 3, 1)).toThrow(/EXACT/);
    expect(() => fitValues([1, 2, 3], 0.5, 'EXACT', 3, 1)).toThrow(/valuesTimestepHours/);
  });

  it('REPEAT tiles a period and truncates the last one', () => {
    expect(Array.from(fitValues([1, 2, 3], 1, 'REPEAT', 7, 1))).toEqual([1, 2, 3, 1, 2, 3, 1]);
    // 24 hourly prices over a 15-minute horizon: each hour's price held for four steps, wrapping at midnight.
    const prices = Array.from({ length: 24 }, (_, h) => 0.1 + h / 100);
    const fitted = fitValues(prices, 1, 'REPEAT', 4 * 48, 0.25);
    for (let t = 0; t < fitted.length; t++) expect(fitted[t]).toBe(prices[Math.floor(t / 4) % 24]);
    // A 2-hour period onto 3-hour steps: time-weighted mean of the periodic function.
    expect(Array.from(fitValues([10, 20], 1, 'REPEAT', 2, 3))).toEqual([(10 + 20 + 10) / 3, (20 + 10 + 20) / 3]);
  });

  it('RESAMPLE step-holds onto finer steps (bit-exact) and averages onto coarser ones', () => {
    expect(Array.from(fitValues([0.3, 0.7], 1, 'RESAMPLE', 8, 0.25))).toEqual([0.3, 0.3, 0.3, 0.3, 0.7, 0.7, 0.7, 0.7]);
    // 0.1 h steps: t·0.1 is inexact, yet each step must return its hour's value itself.
    const tenths = fitValues([0.3, 0.7, 0.11], 1, 'RESAMPLE', 30, 0.1);
    for (let t = 0; t < 30; t++) expect(tenths[t]).toBe([0.3, 0.7, 0.11][Math.floor(t / 10)]);
    expect(Array.from(fitValues([1, 2, 3, 4, 5, 6, 7, 8], 0.25, 'RESAMPLE', 2, 1))).toEqual([2.5, 6.5]);
    // 1-hour values onto 1.5-hour steps: [0,1.5) = (1·1 + 2·0.5)/1.5, [1.5,3) = (2·0.5 + 3·1)/1.5.
    const f = fitValues([1, 2, 3], 1, 'RESAMPLE', 2, 1.5);
    expect(f[0]).toBeCloseTo(4 / 3, 12);
    expect(f[1]).toBeCloseTo(8 / 3, 12);
    expect(() => fitValues([1, 2, 3], 1, 'RESAMPLE', 4, 1)).toThrow(/RESAMPLE/);
  });

  it('RESAMPLE preserves energy when coarsening', () => {
    const values = Array.from({ length: 96 }, (_, i) => Math.sin(i / 7) + 2);
    const hourly = fitValues(values, 0.25, 'RESAMPLE', 24, 1);
    expect(mean(hourly)).toBeCloseTo(mean(values), 12);
  });
});
