/**
 * Opaque keyset cursors: the sort values and id of a row, plus a fingerprint of the ordering
 * they belong to — a cursor from another ordering is rejected instead of silently skipping
 * or repeating rows.
 */
import type { KeysetColumn, KeysetValue } from '../db/run-filters.js';
import type { IssueList } from './errors.js';

export function orderingFingerprint(columns: readonly KeysetColumn[]): string {
  return columns.map((c) => `${c.column}:${c.direction}:${c.nulls}`).join(',');
}

export function encodeCursor(columns: readonly KeysetColumn[], values: readonly KeysetValue[]): string {
  const json = JSON.stringify({ o: orderingFingerprint(columns), v: values.map((v) => (v instanceof Date ? v.toISOString() : v)) });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** The values of a cursor for this ordering, or null (and an issue) if it is not one. */
export function decodeCursor(
  cursor: string,
  columns: readonly KeysetColumn[],
  dateColumns: ReadonlySet<string>,
  path: string,
  issues: IssueList,
): KeysetValue[] | null {
  let parsed: { o?: unknown; v?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    issues.add(path, 'not a cursor returned by this API');
    return null;
  }
  if (parsed?.o !== orderingFingerprint(columns)) {
    issues.add(path, 'the cursor belongs to a different orderBy; restart pagination without a cursor');
    return null;
  }
  const raw = parsed.v;
  if (!Array.isArray(raw) || raw.length !== columns.length) {
    issues.add(path, 'not a cursor returned by this API');
    return null;
  }
  const values: KeysetValue[] = [];
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    const v: unknown = raw[i];
    if (v === null && c.nullable) values.push(null);
    else if (dateColumns.has(c.column) && typeof v === 'string' && !Number.isNaN(Date.parse(v))) values.push(new Date(v));
    else if (!dateColumns.has(c.column) && (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) values.push(v);
    else {
      issues.add(path, 'not a cursor returned by this API');
      return null;
    }
  }
  return values;
}
