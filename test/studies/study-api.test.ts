// Studies through the API on both providers (issue 8): runStudy expands a design space into
// real logged runs through the runner; parameters are stored on the runs; results, progress,
// cancel and bad input behave as documented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulationRunner } from '../../src/runner/runner.js';
import { StudyRunner } from '../../src/runner/study-runner.js';
import { createYogaApp } from '../../src/server.js';
import { PROVIDERS } from '../support/databases.js';
import { errorCodes, startApi, type ApiHarness } from '../api/support.js';

const quiet = () => undefined;

function house(timesteps = 168) {
  return {
    name: 'Study house',
    horizon: { timesteps, timestepHours: 1, startDayOfYear: 150 },
    location: { latitudeDeg: 52.5, longitudeDeg: 13.4 },
    seed: 7,
    components: [
      { id: 'grid', kind: 'GRID', importPriceEurPerKwh: { constant: 0.32 }, exportPriceEurPerKwh: { constant: 0.08 }, co2KgPerKwh: { constant: 0.38 } },
      { id: 'pv', kind: 'SOLAR_PV', peakKw: 5 },
      { id: 'battery', kind: 'BATTERY', energyKwh: 5 },
      { id: 'house', kind: 'ELECTRIC_DEMAND', annualKwh: 4000 },
    ],
    connections: [
      { from: 'pv', to: 'house', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'battery', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'grid', medium: 'ELECTRICITY' },
      { from: 'battery', to: 'house', medium: 'ELECTRICITY' },
      { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
    ],
  };
}

const RUN_STUDY = `mutation($input: RunStudyInput!) { runStudy(input: $input) { study { id databaseId kind status } progress { total done } } }`;
const STUDY = `query($id: ID!) { study(id: $id) {
  status kind parameterKeys
  progress { total queued running completed failed cancelled done trialsPerSecond etaSeconds }
  runs(first: 100) { nodes { databaseId status solver system kpis { selfSufficiencyRate totalGenerationKwh totalCostEur totalCo2Kg } parameters { key component field value } trialIndex } }
  bestRun(kpi: TOTAL_COST_EUR) { databaseId kpis { totalCostEur } }
  paretoFront(x: TOTAL_COST_EUR, y: TOTAL_CO2_KG) { databaseId kpis { totalCostEur totalCo2Kg } }
  kpiStats { kpi count mean min max p50 }
  sensitivity(kpis: [SELF_SUFFICIENCY_RATE]) { parameter kpi count pearson spearman elasticity }
} }`;

describe.each(PROVIDERS)('studies through the API (%s)', (provider) => {
  let api: ApiHarness;
  let runner: SimulationRunner;
  let studies: StudyRunner;
  let gql: ApiHarness['gql'];
  let yoga: ReturnType<typeof createYogaApp>;

  beforeAll(async () => {
    api = await startApi(provider, (db) => (runner = new SimulationRunner(db, { poolSize: 2, log: quiet })));
    studies = new StudyRunner(api.db, runner, { maxTrials: 50, log: quiet });
    yoga = createYogaApp({ db: api.db, runner, studies });
    gql = async (query, variables) => {
      const response = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    };
  });
  afterAll(async () => {
    await studies?.close();
    await runner?.close();
    await api?.close();
  });

  async function finished(id: string, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await gql(STUDY, { id });
      expect(r.errors).toBeUndefined();
      const study = r.data!.study;
      if (study.status !== 'RUNNING') return study;
      if (Date.now() > deadline) throw new Error(`study still running: ${JSON.stringify(study.progress)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('a 2 × 3 parametric study makes 6 runs that differ exactly as specified, with KPIs moving as physics says', async () => {
    const r = await gql(RUN_STUDY, {
      input: {
        name: 'PV × battery',
        system: house(),
        options: { solver: 'RULE_BASED' },
        parametric: {
          parameters: [
            { component: 'pv', field: 'peakKw', values: [3, 6] },
            { component: 'battery', field: 'energyKwh', range: { start: 0.5, stop: 10.5, step: 5 } },
          ],
        },
      },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.runStudy.study).toMatchObject({ kind: 'PARAMETRIC', status: 'RUNNING' });
    expect(r.data!.runStudy.progress.total).toBe(6);
    const study = await finished(r.data!.runStudy.study.id);
    expect(study.status).toBe('COMPLETED');
    expect(study.progress).toMatchObject({ total: 6, completed: 6, done: 6, queued: 0, running: 0, failed: 0 });
    expect(study.parameterKeys).toEqual(['battery.energyKwh', 'pv.peakKw']);
    const runs = study.runs.nodes;
    expect(runs).toHaveLength(6);
    const designs = runs.map((run: any) => {
      const pv = run.system.components.find((c: any) => c.id === 'pv').peakKw;
      const battery = run.system.components.find((c: any) => c.id === 'battery').energyKwh;
      const params = Object.fromEntries(run.parameters.map((p: any) => [p.key, p.value]));
      // The input as run is the base system with exactly the trial's values.
      expect(params).toEqual({ 'pv.peakKw': pv, 'battery.energyKwh': battery });
      return { pv, battery, run };
    });
    expect(designs.map((d: any) => `${d.pv}/${d.battery}`).sort()).toEqual(['3/0.5', '3/10.5', '3/5.5', '6/0.5', '6/10.5', '6/5.5']);
    expect(new Set(runs.map((r: any) => r.trialIndex))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    for (const pv of [3, 6]) {
      const byBattery = designs.filter((d: any) => d.pv === pv).sort((a: any, b: any) => a.battery - b.battery);
      for (let i = 1; i < byBattery.length; i++) {
        expect(byBattery[i].run.kpis.selfSufficiencyRate).toBeGreaterThanOrEqual(byBattery[i - 1].run.kpis.selfSufficiencyRate - 1e-12);
      }
    }
    for (const battery of [0.5, 5.5, 10.5]) {
      const [small, large] = designs.filter((d: any) => d.battery === battery).sort((a: any, b: any) => a.pv - b.pv);
      expect(large.run.kpis.totalGenerationKwh).toBeGreaterThan(small.run.kpis.totalGenerationKwh);
    }
    // Results over the runs.
    const cheapest = Math.min(...runs.map((r: any) => r.kpis.totalCostEur));
    expect(study.bestRun.kpis.totalCostEur).toBe(cheapest);
    const front = study.paretoFront.map((r: any) => r.kpis);
    for (let i = 1; i < front.length; i++) {
      expect(front[i].totalCostEur).toBeGreaterThanOrEqual(front[i - 1].totalCostEur);
      expect(front[i].totalCo2Kg).toBeLessThan(front[i - 1].totalCo2Kg);
    }
    for (const run of runs) {
      const dominated = runs.some((o: any) => o.kpis.totalCostEur <= run.kpis.totalCostEur && o.kpis.totalCo2Kg <= run.kpis.totalCo2Kg &&
        (o.kpis.totalCostEur < run.kpis.totalCostEur || o.kpis.totalCo2Kg < run.kpis.totalCo2Kg));
      expect(study.paretoFront.some((f: any) => f.databaseId === run.databaseId)).toBe(!dominated);
    }
    const cost = study.kpiStats.find((s: any) => s.kpi === 'TOTAL_COST_EUR');
    expect(cost).toMatchObject({ count: 6, min: cheapest });
    const battery = study.sensitivity.find((s: any) => s.parameter === 'battery.energyKwh');
    expect(battery).toMatchObject({ kpi: 'SELF_SUFFICIENCY_RATE', count: 6 });
    expect(battery.spearman).toBeGreaterThan(0);

    // Runs are filterable by a parameter value (list SQL, totalCount and runStats all agree).
    const list = await gql(`{ runs(filter: { parameter: { key: "battery.energyKwh", value: { gte: 5 } } }, first: 10) { totalCount nodes { parameters { key value } } }
      runStats(filter: { parameter: { key: "pv.peakKw", value: { eq: 6 } } }) { count } }`);
    expect(list.errors).toBeUndefined();
    expect(list.data!.runs.totalCount).toBe(4);
    const values = list.data!.runs.nodes.map((n: any) => n.parameters.find((p: any) => p.key === 'battery.energyKwh').value).sort();
    expect(values).toEqual([10.5, 10.5, 5.5, 5.5]);
    expect(list.data!.runStats.count).toBe(3);

    // Ordered by a parameter value (then a KPI), and paged with cursors through that order.
    const ordered = async (after: string | null) =>
      gql(`query($after: String) { runs(filter: { studyId: { eq: "${r.data!.runStudy.study.id}" } }, first: 4, after: $after,
        orderBy: [{ parameter: "battery.energyKwh", direction: DESC }, { parameter: "pv.peakKw" }]) {
        pageInfo { endCursor hasNextPage } nodes { parameters { key value } } } }`, { after });
    const first = await ordered(null);
    expect(first.errors).toBeUndefined();
    const second = await ordered(first.data!.runs.pageInfo.endCursor);
    expect(first.data!.runs.pageInfo.hasNextPage).toBe(true);
    const keys = [...first.data!.runs.nodes, ...second.data!.runs.nodes].map((n: any) => {
      const p = Object.fromEntries(n.parameters.map((x: any) => [x.key, x.value]));
      return `${p['battery.energyKwh']}/${p['pv.peakKw']}`;
    });
    expect(keys).toEqual(['10.5/3', '10.5/6', '5.5/3', '5.5/6', '0.5/3', '0.5/6']);
    const bad = await gql(`{ runs(orderBy: [{ parameter: "x'; DROP TABLE" }]) { totalCount } }`);
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
  }, 180_000);

  it('Monte Carlo with the same seed gives the same trials', async () => {
    const input = (name: string) => ({
      name,
      system: house(24),
      options: { solver: 'RULE_BASED' },
      monteCarlo: {
        samples: 5,
        seed: 11,
        parameters: [{ component: 'grid', field: 'importPriceEurPerKwh', distribution: { kind: 'UNIFORM', min: 0.2, max: 0.4 } }],
      },
    });
    const a = await gql(RUN_STUDY, { input: input('MC a') });
    const b = await gql(RUN_STUDY, { input: input('MC b') });
    const [sa, sb] = [await finished(a.data!.runStudy.study.id), await finished(b.data!.runStudy.study.id)];
    const prices = (s: any) => s.runs.nodes.map((n: any) => [n.trialIndex, n.parameters[0].value]).sort((x: any, y: any) => x[0] - y[0]).map((x: any) => x[1]);
    expect(prices(sa)).toHaveLength(5);
    expect(prices(sa)).toEqual(prices(sb));
    for (const p of prices(sa)) expect(p).toBeGreaterThanOrEqual(0.2);
    // Latin hypercube: one sample per fifth of the range.
    expect(prices(sa).map((p: number) => Math.floor((p - 0.2) / 0.04)).sort()).toEqual([0, 1, 2, 3, 4]);
  }, 120_000);

  it('SIZING logs one OPTIMAL run of the sized design with the sized values on it', async () => {
    const r = await gql(RUN_STUDY, {
      input: { name: 'Size it', system: house(48), sizing: { bounds: [{ component: 'pv', field: 'peakKw', min: 0, max: 20 }, { component: 'battery', field: 'energyKwh', min: 0.5, max: 20 }] } },
    });
    expect(r.errors).toBeUndefined();
    const study = await finished(r.data!.runStudy.study.id);
    expect(study.progress).toMatchObject({ total: 1, completed: 1 });
    const [run] = study.runs.nodes;
    expect(run.solver).toBe('OPTIMAL');
    expect(run.parameters.map((p: any) => p.key)).toEqual(['battery.energyKwh', 'pv.peakKw']);
    const pv = run.parameters.find((p: any) => p.key === 'pv.peakKw').value;
    expect(run.system.components.find((c: any) => c.id === 'pv').peakKw).toBeCloseTo(pv, 9);
  }, 120_000);

  it('bad study input is BAD_USER_INPUT with paths, and nothing is written', async () => {
    const before = [await api.db.prisma.study.count(), await api.db.prisma.simulationRun.count()];
    const r = await gql(RUN_STUDY, {
      input: {
        name: 'Bad',
        system: house(24),
        parametric: {
          parameters: [
            { component: 'nope', field: 'peakKw', values: [1] },
            { component: 'battery', field: 'energyKwh', range: { start: 1, stop: 5, step: 0 } },
            { component: 'pv', field: 'colour', values: [] },
          ],
        },
      },
    });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    const paths = r.errors![0].extensions!.issues.map((i: any) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['input.parametric.parameters[0].component', 'input.parametric.parameters[1].range.step']));
    expect(paths.some((p: string) => p.startsWith('input.parametric.parameters[2]'))).toBe(true);
    const tooMany = await gql(RUN_STUDY, {
      input: { name: 'Too many', system: house(24), parametric: { parameters: [{ component: 'pv', field: 'peakKw', range: { start: 1, stop: 100, count: 51 } }] } },
    });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    const sizing = await gql(RUN_STUDY, { input: { name: 'Bounds', system: house(24), sizing: { bounds: [{ component: 'pv', field: 'peakKw', min: 5, max: 1 }] } } });
    expect(errorCodes(sizing)).toEqual(['BAD_USER_INPUT']);
    expect(sizing.errors![0].extensions!.issues[0].path).toMatch(/^input\.sizing\.bounds\[0\]/);
    expect([await api.db.prisma.study.count(), await api.db.prisma.simulationRun.count()]).toEqual(before);
  });

  it('studyUpdated streams progress over SSE until the study has finished, never going back', async () => {
    const r = await gql(RUN_STUDY, {
      input: { name: 'Live study', system: house(), parametric: { parameters: [{ component: 'battery', field: 'energyKwh', values: [1, 2, 3, 4] }] } },
    });
    expect(r.errors).toBeUndefined();
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription($id: ID!) { studyUpdated(id: $id) { study { status } progress { total done completed running } } }',
        variables: { id: r.data!.runStudy.study.id },
      }),
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await response.text(); // the stream ends once the study is no longer RUNNING
    const updates = [...text.matchAll(/^data: (.+)$/gm)].map((m) => JSON.parse(m[1]!)).filter((p) => p.data).map((p) => p.data.studyUpdated);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    for (const u of updates) expect(u.progress.total).toBe(4);
    for (let i = 1; i < updates.length; i++) expect(updates[i].progress.done).toBeGreaterThanOrEqual(updates[i - 1].progress.done);
    expect(updates.at(-1)).toMatchObject({ study: { status: 'COMPLETED' }, progress: { done: 4, completed: 4, running: 0 } });
    const unknown = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription($id: ID!) { studyUpdated(id: $id) { progress { total } } }', variables: { id: 'U3R1ZHk6bm9uZQ==' } }),
    });
    expect(await unknown.text()).toMatch(/NOT_FOUND/);
  });

  it('cancelStudy stops a running study: no trial starts afterwards, live ones are CANCELLED', async () => {
    const r = await gql(RUN_STUDY, {
      input: { name: 'Long', system: house(8760), options: { solver: 'OPTIMAL' }, parametric: { parameters: [{ component: 'pv', field: 'peakKw', range: { start: 1, stop: 40, step: 1 } }] } },
    });
    const id = r.data!.runStudy.study.id;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const c = await gql(`mutation($id: ID!) { cancelStudy(id: $id) { status } }`, { id });
    expect(c.errors).toBeUndefined();
    expect(c.data!.cancelStudy.status).toBe('CANCELLED');
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (await api.db.prisma.simulationRun.count({ where: { study: { name: 'Long' }, status: { in: ['QUEUED', 'RUNNING'] } } })) > 0) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const count = await api.db.prisma.simulationRun.count({ where: { study: { name: 'Long' } } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await api.db.prisma.simulationRun.count({ where: { study: { name: 'Long' } } })).toBe(count);
    expect(count).toBeLessThan(40);
    const study = await finished(id);
    expect(study.status).toBe('CANCELLED');
    expect(study.progress.running).toBe(0);
  }, 120_000);
});
