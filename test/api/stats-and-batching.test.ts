// Aggregates against a hand computation, and the number of SQL statements a page of runs
// with their studies costs (a small constant, whatever the page size: no N+1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../support/databases.js';
import { insertRun, insertStudy, startApi, type ApiHarness } from './support.js';

interface Seeded {
  study: 'a' | 'b' | null;
  status: 'COMPLETED' | 'FAILED';
  solver: 'RULE_BASED' | 'OPTIMAL';
  totalCostEur: number | null;
  renewableFraction: number | null;
}

// 50 runs: deterministic, varied values; every 7th failed (no KPIs).
const SEEDED: Seeded[] = Array.from({ length: 50 }, (_, i) => {
  const failed = i % 7 === 6;
  return {
    study: i % 5 === 4 ? null : i % 2 === 0 ? 'a' : 'b',
    status: failed ? 'FAILED' : 'COMPLETED',
    solver: i % 3 === 0 ? 'OPTIMAL' : 'RULE_BASED',
    totalCostEur: failed ? null : 1000 + ((i * 37) % 101) * 3.5,
    renewableFraction: failed ? null : ((i * 13) % 17) / 16,
  };
});

function summary(values: (number | null)[]) {
  const v = values.filter((x): x is number => x !== null);
  return { count: v.length, min: Math.min(...v), max: Math.max(...v), avg: v.reduce((s, x) => s + x, 0) / v.length };
}

describe.each(PROVIDERS)('aggregates and batching (%s)', (provider) => {
  let api: ApiHarness;
  const studies: Record<'a' | 'b', { id: string; globalId: string }> = {} as never;

  beforeAll(async () => {
    api = await startApi(provider);
    studies.a = await insertStudy(api.db, 'Alpha');
    studies.b = await insertStudy(api.db, 'Beta');
    for (const [i, s] of SEEDED.entries()) {
      await insertRun(api.db, {
        studyId: s.study ? studies[s.study].id : null,
        status: s.status,
        solver: s.solver,
        totalCostEur: s.totalCostEur,
        renewableFraction: s.renewableFraction,
        createdAt: new Date(Date.UTC(2026, 1, 1, i)),
      });
    }
  });
  afterAll(() => api.close());

  it('runStats(filter) matches a hand computation', async () => {
    const r = await api.gql(`{
      runStats(filter: { solver: { eq: RULE_BASED } }) {
        count byStatus { status count } bySolver { solver count }
        kpis { totalCostEur { count min max avg best } renewableFraction { count min max avg best } }
        firstRunAt lastRunAt
      }
    }`);
    expect(r.errors).toBeUndefined();
    const rows = SEEDED.map((s, i) => ({ ...s, i })).filter((s) => s.solver === 'RULE_BASED');
    const stats = r.data!.runStats;
    expect(stats.count).toBe(rows.length);
    const failed = rows.filter((s) => s.status === 'FAILED').length;
    expect(stats.byStatus).toEqual([
      { status: 'COMPLETED', count: rows.length - failed },
      { status: 'FAILED', count: failed },
    ]);
    expect(stats.bySolver).toEqual([{ solver: 'RULE_BASED', count: rows.length }]);
    const cost = summary(rows.map((s) => s.totalCostEur));
    expect(stats.kpis.totalCostEur).toMatchObject({ count: cost.count, min: cost.min, max: cost.max, best: cost.min });
    expect(stats.kpis.totalCostEur.avg).toBeCloseTo(cost.avg, 9);
    const rf = summary(rows.map((s) => s.renewableFraction));
    expect(stats.kpis.renewableFraction).toMatchObject({ count: rf.count, min: rf.min, max: rf.max, best: rf.max });
    expect(stats.firstRunAt).toBe(new Date(Date.UTC(2026, 1, 1, rows[0].i)).toISOString());
    expect(stats.lastRunAt).toBe(new Date(Date.UTC(2026, 1, 1, rows.at(-1)!.i)).toISOString());
  });

  it('study stats and databaseStats match a hand computation', async () => {
    const r = await api.gql(
      `query($a: ID!) {
        study(id: $a) { name runCount stats { byStatus { status count } kpis { totalCostEur { min max avg best } } } }
        databaseStats { studyCount runCount runs { bySolver { solver count } kpis { renewableFraction { min max } } } }
      }`,
      { a: studies.a.globalId },
    );
    expect(r.errors).toBeUndefined();
    const inA = SEEDED.filter((s) => s.study === 'a');
    expect(r.data!.study.runCount).toBe(inA.length);
    const cost = summary(inA.map((s) => s.totalCostEur));
    expect(r.data!.study.stats.kpis.totalCostEur.min).toBe(cost.min);
    expect(r.data!.study.stats.kpis.totalCostEur.max).toBe(cost.max);
    expect(r.data!.study.stats.kpis.totalCostEur.avg).toBeCloseTo(cost.avg, 9);
    const db = r.data!.databaseStats;
    expect(db.studyCount).toBe(2);
    expect(db.runCount).toBe(50);
    expect(db.runs.bySolver).toEqual([
      { solver: 'OPTIMAL', count: SEEDED.filter((s) => s.solver === 'OPTIMAL').length },
      { solver: 'RULE_BASED', count: SEEDED.filter((s) => s.solver === 'RULE_BASED').length },
    ]);
    const rf = summary(SEEDED.map((s) => s.renewableFraction));
    expect(db.runs.kpis.renewableFraction).toEqual({ min: rf.min, max: rf.max });
  });

  it('a study without runs has zero counts and null KPI ranges', async () => {
    const empty = await insertStudy(api.db, 'Empty');
    const r = await api.gql(`query($id: ID!) { study(id: $id) { runCount stats { count byStatus { count } kpis { npvEur { count min best } } firstRunAt } } }`, {
      id: empty.globalId,
    });
    expect(r.data!.study).toEqual({ runCount: 0, stats: { count: 0, byStatus: [], kpis: { npvEur: { count: 0, min: null, best: null } }, firstRunAt: null } });
    await api.db.prisma.study.delete({ where: { id: empty.id } });
  });

  async function statementsFor(query: string): Promise<number> {
    api.sql.length = 0;
    const r = await api.gql(query);
    expect(r.errors).toBeUndefined();
    return api.sql.length;
  }

  it('a page of 50 runs with their study and its stats costs a constant number of queries', async () => {
    const page = (n: number) => `{ runs(first: ${n}) { nodes { id systemName study { id name runCount stats { count kpis { totalCostEur { best } } } } } } }`;
    const fifty = await statementsFor(page(50));
    // 1 page of runs + 1 batch of studies + 2 for the stats of every study on the page.
    expect(fifty).toBe(4);
    expect(await statementsFor(page(5))).toBe(fifty);
    // totalCount is one more query, and only when asked for.
    expect(await statementsFor(`{ runs(first: 50) { totalCount nodes { study { name } } } }`)).toBe(3);
  });

  it('a page of studies with their stats and runs stays batched for stats', async () => {
    const n = await statementsFor(`{ studies(first: 10) { nodes { name runCount stats { count } } } }`);
    // 1 page of studies + 2 for all their stats.
    expect(n).toBe(3);
  });
});
