/**
 * Keyset (cursor) pagination over any ordered Prisma list: `first`/`after` walks forward,
 * `last`/`before` backward by reversing the ordering. Page-size limits are errors, not silent
 * clamps, so a client never mistakes a clamped page for the end of the data.
 */
import { parseCursorConnectionArgs } from '@pothos/plugin-relay';
import { keysetAfter, keysetOrderBy, keysetValues, reverseKeyset, type KeysetColumn } from '../db/run-filters.js';
import type { KeysetBound } from '../db/run-sql.js';
import { decodeCursor, encodeCursor } from './cursors.js';
import type { IssueList } from './errors.js';
import { LIMITS } from './limits.js';

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export function checkPageArgs(args: ConnectionArgs, issues: IssueList): void {
  for (const key of ['first', 'last'] as const) {
    const n = args[key];
    if (n == null) continue;
    if (n < 0) issues.add(key, `must be >= 0, got ${n}`);
    else if (n > LIMITS.maxPageSize) issues.add(key, `must be <= ${LIMITS.maxPageSize}, got ${n}; page through larger results with after/before`);
  }
  if (args.first != null && args.last != null) issues.add('last', 'give either first or last, not both');
}

export interface KeysetPageQuery {
  /** Prisma form of the cursor bounds and ordering. */
  where: Record<string, unknown>;
  orderBy: Record<string, unknown>[];
  take: number;
  /** The same as data, for fetchers that build SQL themselves (src/db/run-sql.ts). */
  order: readonly KeysetColumn[];
  bounds: KeysetBound[];
}

/**
 * Resolves a connection: validates the page arguments and cursors (into `issues`, which the
 * caller has filled with its own problems), then asks `fetch` for one page in keyset order.
 */
export async function resolveKeysetConnection<Row extends object>(options: {
  args: ConnectionArgs;
  columns: readonly KeysetColumn[];
  dateColumns: ReadonlySet<string>;
  issues: IssueList;
  fetch: (query: KeysetPageQuery) => Promise<Row[]>;
}): Promise<KeysetConnection<Row>> {
  const { args, columns, dateColumns, issues } = options;
  checkPageArgs(args, issues);
  const afterValues = args.after != null ? decodeCursor(args.after, columns, dateColumns, 'after', issues) : null;
  const beforeValues = args.before != null ? decodeCursor(args.before, columns, dateColumns, 'before', issues) : null;
  issues.throwIfAny();

  const reversed = reverseKeyset(columns);
  const keysetBounds: KeysetBound[] = [];
  if (afterValues) keysetBounds.push({ columns, values: afterValues });
  if (beforeValues) keysetBounds.push({ columns: reversed, values: beforeValues });
  const bounds = keysetBounds.map((b) => keysetAfter(b.columns, b.values));

  // Pothos's page-size and direction rules, so `first`/`last`/`after`/`before` mean what they
  // mean on every other connection of the schema.
  const { limit, inverted, expectedSize, hasPreviousPage, hasNextPage } = parseCursorConnectionArgs({
    args: { first: args.first, last: args.last, after: args.after, before: args.before },
    defaultSize: LIMITS.defaultPageSize,
    maxSize: LIMITS.maxPageSize,
  });
  const rows = await options.fetch({
    where: bounds.length === 0 ? {} : bounds.length === 1 ? bounds[0] : { AND: bounds },
    orderBy: keysetOrderBy(inverted ? reversed : columns),
    take: limit,
    order: inverted ? reversed : columns,
    bounds: keysetBounds,
  });
  const page = rows.slice(0, expectedSize);
  if (inverted) page.reverse();
  const cursorOf = (row: Row) => encodeCursor(columns, keysetValues(columns, row));
  const edges = page.map((node) => new KeysetEdge(node, cursorOf));
  // A page with no rows keeps the cursor it was asked from, as Pothos's connections do.
  const emptyCursor = args.after ?? args.before ?? '';
  return {
    edges,
    pageInfo: {
      get startCursor() {
        return edges.length > 0 ? edges[0].cursor : emptyCursor;
      },
      get endCursor() {
        return edges.length > 0 ? edges[edges.length - 1].cursor : emptyCursor;
      },
      hasPreviousPage: hasPreviousPage(rows.length),
      hasNextPage: hasNextPage(rows.length),
    },
  };
}

/** An edge whose cursor is encoded only if a client selects it (most list queries do not). */
class KeysetEdge<Row> {
  private encoded: string | undefined;
  constructor(
    readonly node: Row,
    private readonly toCursor: (row: Row) => string,
  ) {}

  get cursor(): string {
    return (this.encoded ??= this.toCursor(this.node));
  }
}

export interface KeysetConnection<Row> {
  edges: { cursor: string; node: Row }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor?: string | null; endCursor?: string | null };
}
