// Cursor pagination: walking forward and backward through runs with many equal sort values
// and nulls must visit every run exactly once, in the same order as one big sorted page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../support/databases.js';
import { errorCodes, insertRun, startApi, type ApiHarness } from './support.js';

const RUNS = 23;

describe.each(PROVIDERS)('cursor pagination (%s)', (provider) => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi(provider);
    for (let i = 0; i < RUNS; i++) {
      // Three cost levels (many ties) and every fourth run without a cost (FAILED).
      const failed = i % 4 === 3;
      await insertRun(api.db, {
        systemName: `Run ${String(i).padStart(2, '0')}`,
        status: failed ? 'FAILED' : 'COMPLETED',
        totalCostEur: failed ? null : [50, 75, 100][i % 3],
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, i % 5)),
      });
    }
  });
  afterAll(() => api.close());

  const query = `query($orderBy: [RunOrder!], $first: Int, $after: String, $last: Int, $before: String) {
    runs(orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { databaseId kpis { totalCostEur } createdAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

  async function page(variables: Record<string, unknown>) {
    const r = await api.gql(query, variables);
    expect(r.errors).toBeUndefined();
    return r.data!.runs as {
      edges: { cursor: string; node: { databaseId: string } }[];
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
    };
  }

  const orderings = [
    [{ field: 'TOTAL_COST_EUR', direction: 'ASC' }],
    [{ field: 'TOTAL_COST_EUR', direction: 'DESC', nulls: 'FIRST' }, { field: 'CREATED_AT', direction: 'DESC' }],
    [{ field: 'CREATED_AT', direction: 'ASC' }],
  ];

  it.each(orderings.map((o) => [JSON.stringify(o), o] as const))('forward and backward agree with one page: %s', async (_name, orderBy) => {
    const all = (await page({ orderBy, first: 100 })).edges.map((e) => e.node.databaseId);
    expect(all).toHaveLength(RUNS);
    expect(new Set(all).size).toBe(RUNS);

    const forward: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const p = await page({ orderBy, first: 4, after });
      forward.push(...p.edges.map((e) => e.node.databaseId));
      pages++;
      expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(RUNS / 4));
    expect(forward).toEqual(all);

    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const p = await page({ orderBy, last: 5, before });
      backward.unshift(...p.edges.map((e) => e.node.databaseId));
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
    }
    expect(backward).toEqual(all);
  });

  it('after + before bound a window', async () => {
    const orderBy = orderings[0];
    const all = await page({ orderBy, first: 100 });
    const ids = all.edges.map((e) => e.node.databaseId);
    // The big page itself is in cost order with the failed (no cost) runs last.
    const costs = all.edges.map((e) => (e.node as unknown as { kpis: { totalCostEur: number } | null }).kpis?.totalCostEur ?? null);
    const withCost = costs.filter((c): c is number => c !== null);
    expect(costs).toEqual([...[...withCost].sort((a, b) => a - b), ...Array(RUNS - withCost.length).fill(null)]);
    const window = await page({ orderBy, first: 100, after: all.edges[4].cursor, before: all.edges[10].cursor });
    expect(window.edges.map((e) => e.node.databaseId)).toEqual(ids.slice(5, 10));
  });

  it('rejects a cursor of another ordering and a forged cursor', async () => {
    const p = await page({ orderBy: orderings[0], first: 2 });
    const r = await api.gql(query, { orderBy: orderings[2], first: 2, after: p.pageInfo.endCursor });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0].extensions!.issues[0]).toMatchObject({ path: 'after', message: expect.stringMatching(/different orderBy/) });
    const forged = await api.gql(query, { first: 2, before: 'bm90LWEtY3Vyc29y' });
    expect(forged.errors![0].extensions!.issues[0].path).toBe('before');
  });

  it('rejects first and last together, and negative sizes', async () => {
    const r = await api.gql(query, { first: 2, last: 2 });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    const n = await api.gql(query, { last: -1 });
    expect(n.errors![0].extensions!.issues).toEqual([{ path: 'last', message: 'must be >= 0, got -1' }]);
  });

  it('defaults to 20 runs, newest first', async () => {
    const r = await api.gql(`{ runs { nodes { createdAt } pageInfo { hasNextPage } } }`);
    const created = r.data!.runs.nodes.map((n: { createdAt: string }) => n.createdAt);
    expect(created).toHaveLength(20);
    expect([...created].sort().reverse()).toEqual(created);
    expect(r.data!.runs.pageInfo.hasNextPage).toBe(true);
  });
});
