import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paretoFront, type Direction } from '../../src/studies/pareto.js';

const better = (a: number, b: number, d: Direction) => (d === 'MIN' ? a < b : a > b);
const atLeast = (a: number, b: number, d: Direction) => (d === 'MIN' ? a <= b : a >= b);
function dominates(p: { x: number; y: number }, q: { x: number; y: number }, dx: Direction, dy: Direction): boolean {
  return atLeast(p.x, q.x, dx) && atLeast(p.y, q.y, dy) && (better(p.x, q.x, dx) || better(p.y, q.y, dy));
}

describe('paretoFront', () => {
  it('keeps the non-dominated points of a small hand-made set, ordered by x', () => {
    const points = [
      { id: 'a', x: 1, y: 9 },
      { id: 'b', x: 2, y: 5 },
      { id: 'c', x: 3, y: 6 }, // dominated by b
      { id: 'd', x: 4, y: 2 },
      { id: 'e', x: 4, y: 3 }, // dominated by d (same x, worse y)
      { id: 'f', x: 2, y: 5 }, // equal to b: kept with it
      { id: 'g', x: Number.NaN, y: 0 },
    ];
    expect(paretoFront(points, 'MIN', 'MIN').map((p) => p.id)).toEqual(['a', 'b', 'f', 'd']);
    // Cost down, self-sufficiency up.
    expect(paretoFront(points, 'MIN', 'MAX').map((p) => p.id)).toEqual(['a']);
    expect(paretoFront(points, 'MAX', 'MAX').map((p) => p.id)).toEqual(['a', 'c', 'e']);
  });

  it('returns exactly the points no other point dominates, in ascending x (property)', () => {
    const direction = fc.constantFrom<Direction>('MIN', 'MAX');
    const point = fc.record({ x: fc.integer({ min: 0, max: 20 }), y: fc.integer({ min: 0, max: 20 }) });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 60 }), direction, direction, (points, dx, dy) => {
        const front = paretoFront(points, dx, dy);
        const expected = points.filter((q) => !points.some((p) => dominates(p, q, dx, dy)));
        expect(new Set(front)).toEqual(new Set(expected));
        expect(front).toHaveLength(expected.length);
        for (let i = 1; i < front.length; i++) expect(front[i].x).toBeGreaterThanOrEqual(front[i - 1].x);
      }),
      { numRuns: 300 },
    );
  });
});
