// Filters and ordering of `runs` on hand-made rows, on both providers: the issue's example
// queries, every operator family, case-insensitive text on mixed-case data, null semantics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../support/databases.js';
import { errorCodes, insertRun, insertStudy, startApi, type ApiHarness } from './support.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const at = (hours: number) => new Date(T0 + hours * 3600_000);

describe.each(PROVIDERS)('runs filter and orderBy (%s)', (provider) => {
  let api: ApiHarness;
  let studyA: { id: string; globalId: string };

  beforeAll(async () => {
    api = await startApi(provider);
    studyA = await insertStudy(api.db, 'Study A');
    const studyB = await insertStudy(api.db, 'Study B');
    const a = studyA.id;
    const b = studyB.id;
    await insertRun(api.db, { systemName: 'Solar Farm North', studyId: a, solver: 'RULE_BASED', totalCostEur: 100, renewableFraction: 0.9, tags: ['PV', 'Winter'], createdAt: at(1) });
    await insertRun(api.db, { systemName: 'solar farm south', studyId: a, solver: 'OPTIMAL', totalCostEur: 80, renewableFraction: 0.85, tags: ['pv'], createdAt: at(2) });
    await insertRun(api.db, { systemName: 'WIND Park', studyId: a, solver: 'OPTIMAL', totalCostEur: 120, renewableFraction: 0.5, tags: ['Wind'], createdAt: at(3) });
    await insertRun(api.db, { systemName: 'Heat Pump Test', studyId: a, solver: 'HYBRID', status: 'FAILED', errorCode: 'INFEASIBLE', createdAt: at(4) });
    await insertRun(api.db, { systemName: 'Battery Only', studyId: b, solver: 'ROLLING_HORIZON', totalCostEur: 80, renewableFraction: 0.81, createdAt: at(5) });
    await insertRun(api.db, { systemName: 'Grid Only_50%', solver: 'RULE_BASED', totalCostEur: 200, renewableFraction: 0, createdAt: at(6) });
    await insertRun(api.db, { systemName: 'Mixed Case SYSTEM', studyId: b, solver: 'RULE_BASED', status: 'RUNNING', createdAt: at(7) });
  });
  afterAll(() => api.close());

  /** Names of the matching runs, in the order returned. */
  async function names(filter: unknown, orderBy: unknown = [{ field: 'CREATED_AT', direction: 'ASC' }]): Promise<string[]> {
    const r = await api.gql(
      `query($filter: RunFilter, $orderBy: [RunOrder!]) { runs(filter: $filter, orderBy: $orderBy, first: 100) { totalCount nodes { systemName } } }`,
      { filter, orderBy },
    );
    expect(r.errors).toBeUndefined();
    const list = r.data!.runs.nodes.map((n: { systemName: string }) => n.systemName);
    expect(r.data!.runs.totalCount).toBe(list.length);
    return list;
  }

  it('top designs by cost in a study', async () => {
    const r = await api.gql(
      `query($s: ID!) { runs(filter: { studyId: { eq: $s }, status: { eq: COMPLETED } }, orderBy: [{ field: TOTAL_COST_EUR }], first: 5) { nodes { systemName kpis { totalCostEur } } } }`,
      { s: studyA.globalId },
    );
    expect(r.data!.runs.nodes).toEqual([
      { systemName: 'solar farm south', kpis: { totalCostEur: 80 } },
      { systemName: 'Solar Farm North', kpis: { totalCostEur: 100 } },
      { systemName: 'WIND Park', kpis: { totalCostEur: 120 } },
    ]);
  });

  it('renewableFraction > 0.8, cheapest first, ties broken by id', async () => {
    const got = await names({ renewableFraction: { gt: 0.8 } }, [{ field: 'TOTAL_COST_EUR' }]);
    expect(got.slice(2)).toEqual(['Solar Farm North']);
    expect(new Set(got.slice(0, 2))).toEqual(new Set(['solar farm south', 'Battery Only']));
  });

  it('solver and status: eq / in / notIn', async () => {
    expect(await names({ solver: { eq: 'OPTIMAL' } })).toEqual(['solar farm south', 'WIND Park']);
    expect(await names({ solver: { in: ['HYBRID', 'ROLLING_HORIZON'] } })).toEqual(['Heat Pump Test', 'Battery Only']);
    expect(await names({ status: { eq: 'FAILED' } })).toEqual(['Heat Pump Test']);
    expect(await names({ status: { notIn: ['COMPLETED'] } })).toEqual(['Heat Pump Test', 'Mixed Case SYSTEM']);
  });

  it('text filters are case-insensitive on mixed-case data', async () => {
    expect(await names({ systemName: { contains: 'SOLAR' } })).toEqual(['Solar Farm North', 'solar farm south']);
    expect(await names({ systemName: { startsWith: 'wind' } })).toEqual(['WIND Park']);
    expect(await names({ systemName: { eq: 'battery ONLY' } })).toEqual(['Battery Only']);
    expect(await names({ systemName: { in: ['WIND PARK', 'mixed case system'] } })).toEqual(['WIND Park', 'Mixed Case SYSTEM']);
  });

  it('LIKE wildcards in a needle: literal on PostgreSQL, a superset on SQLite (documented)', async () => {
    for (const needle of ['_50%', '%', '_']) {
      const got = await names({ systemName: { contains: needle } });
      if (provider === 'postgres') expect(got).toEqual(['Grid Only_50%']);
      else expect(got).toContain('Grid Only_50%');
    }
    expect(await names({ systemName: { startsWith: 'grid only_' } })).toEqual(['Grid Only_50%']);
  });

  it('tags match if ANY tag matches, case-insensitively', async () => {
    expect(await names({ tags: { eq: 'PV' } })).toEqual(['Solar Farm North', 'solar farm south']);
    expect(await names({ tags: { startsWith: 'WIN' } })).toEqual(['Solar Farm North', 'WIND Park']);
    expect(await names({ tags: { in: ['winter'] } })).toEqual(['Solar Farm North']);
  });

  it('null semantics: only isNull matches a missing value', async () => {
    expect(await names({ totalCostEur: { isNull: true } })).toEqual(['Heat Pump Test', 'Mixed Case SYSTEM']);
    expect(await names({ totalCostEur: { ne: 80 } })).toEqual(['Solar Farm North', 'WIND Park', 'Grid Only_50%']);
    expect(await names({ totalCostEur: { notIn: [80, 100] } })).toEqual(['WIND Park', 'Grid Only_50%']);
    expect(await names({ not: { renewableFraction: { gt: 0.8 } } })).toEqual(['WIND Park', 'Grid Only_50%']);
    expect(await names({ studyId: { isNull: true } })).toEqual(['Grid Only_50%']);
  });

  it('numeric comparisons and timestamps', async () => {
    expect(await names({ totalCostEur: { gte: 100, lt: 200 } })).toEqual(['Solar Farm North', 'WIND Park']);
    expect(await names({ totalCostEur: { in: [80] } })).toEqual(['solar farm south', 'Battery Only']);
    expect(await names({ renewableFraction: { lte: 0 } })).toEqual(['Grid Only_50%']);
    expect(await names({ timesteps: { eq: 24 }, createdAt: { gt: at(5).toISOString() } })).toEqual(['Grid Only_50%', 'Mixed Case SYSTEM']);
    expect(await names({ createdAt: { lte: at(1).toISOString() } })).toEqual(['Solar Farm North']);
  });

  it('composes and / or / not', async () => {
    expect(await names({ or: [{ solver: { eq: 'HYBRID' } }, { totalCostEur: { gte: 200 } }] })).toEqual(['Heat Pump Test', 'Grid Only_50%']);
    expect(
      await names({ and: [{ studyId: { eq: studyA.globalId } }, { not: { status: { eq: 'FAILED' } } }], renewableFraction: { lt: 0.9 } }),
    ).toEqual(['solar farm south', 'WIND Park']);
  });

  it('orders by several keys with explicit nulls placement', async () => {
    expect(await names({}, [{ field: 'TOTAL_COST_EUR', direction: 'DESC', nulls: 'FIRST' }, { field: 'SYSTEM_NAME' }])).toEqual([
      'Heat Pump Test',
      'Mixed Case SYSTEM',
      'Grid Only_50%',
      'WIND Park',
      'Solar Farm North',
      'Battery Only',
      'solar farm south',
    ]);
    // Default: nulls last in both directions, the same on every provider.
    const ascending = await names({}, [{ field: 'RENEWABLE_FRACTION' }]);
    expect(ascending.slice(-2).sort()).toEqual(['Heat Pump Test', 'Mixed Case SYSTEM']);
    expect(ascending[0]).toBe('Grid Only_50%');
  });

  it('rejects an unknown orderBy field or enum value as a validation error', async () => {
    const r = await api.gql(`{ runs(orderBy: [{ field: COLOUR }]) { totalCount } }`);
    expect(r.errors?.[0].message).toMatch(/COLOUR/);
    expect(r.data).toBeUndefined();
    const s = await api.gql(`{ runs(filter: { status: { eq: DONE } }) { totalCount } }`);
    expect(s.errors?.[0].message).toMatch(/DONE/);
  });

  it('first > 100 is a BAD_USER_INPUT error naming the argument', async () => {
    const r = await api.gql(`{ runs(first: 101) { totalCount } }`);
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0].extensions!.issues).toEqual([{ path: 'first', message: expect.stringMatching(/<= 100, got 101/) }]);
  });

  it('reports every bad filter value with its path', async () => {
    const runId = (await api.gql(`{ runs(first: 1) { nodes { id } } }`)).data!.runs.nodes[0].id;
    const r = await api.gql(`query($f: RunFilter) { runs(filter: $f, orderBy: [{ field: NPV_EUR }, { field: NPV_EUR }]) { totalCount } }`, {
      f: { or: [{ studyId: { eq: runId } }], solver: { in: Array(501).fill('OPTIMAL') } },
    });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    const paths = r.errors![0].extensions!.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['filter.or[0].studyId.eq', 'filter.solver.in', 'orderBy[1].field']);
  });
});
