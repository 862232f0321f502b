/**
 * Pareto front of two objectives: the points no other point dominates (at least as good in
 * both, strictly better in one), ordered by ascending x. Points that are equal in both keep
 * each other company: identical non-dominated points are all returned. Points whose x or y is
 * not a finite number are left out. O(n log n): sort by x (better first, then y), then one sweep.
 */

export type Direction = 'MIN' | 'MAX';

export interface ParetoPoint {
  x: number;
  y: number;
}

export function paretoFront<T extends ParetoPoint>(points: readonly T[], xDirection: Direction, yDirection: Direction): T[] {
  const sx = xDirection === 'MIN' ? 1 : -1;
  const sy = yDirection === 'MIN' ? 1 : -1;
  // In "score" space both objectives are minimised.
  const candidates = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const sorted = candidates
    .map((p) => ({ p, x: sx * p.x, y: sy * p.y }))
    .sort((a, b) => a.x - b.x || a.y - b.y);
  const front: T[] = [];
  let bestY = Infinity;
  let last: { x: number; y: number } | null = null;
  for (const s of sorted) {
    if (last && s.x === last.x && s.y === last.y) {
      front.push(s.p);
      continue;
    }
    // Every earlier point has x at least as good; one with y at least as good dominates this one.
    if (s.y >= bestY) continue;
    bestY = s.y;
    last = { x: s.x, y: s.y };
    front.push(s.p);
  }
  return xDirection === 'MIN' ? front : front.reverse();
}
