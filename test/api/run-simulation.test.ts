// runSimulation through the real SimulationRunner (worker threads, real engine, real run log),
// on both providers: a small system runs and is logged; bad input is a BAD_USER_INPUT error
// naming every field and writes nothing; an unknown study is NOT_FOUND.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulationRunner } from '../../src/runner/runner.js';
import { PROVIDERS } from '../support/databases.js';
import { errorCodes, insertStudy, startApi, type ApiHarness } from './support.js';

const MUTATION = `mutation($input: RunSimulationInput!) {
  runSimulation(input: $input) {
    run { id databaseId status systemName solver tags metadata errorMessage study { name }
          kpis { totalCostEur renewableFraction totalDemandKwh } system
          series(resolution: DAY, keys: ["flow:grid->house"]) { key kind unit values periodHours timestepHours } }
    runId logDeferred
    kpis { totalCostEur }
    warnings
  }
}`;

function smallSystem(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Test House',
    horizon: { timesteps: 48, timestepHours: 1, startDayOfYear: 172 },
    components: [
      { id: 'grid', kind: 'GRID', importPriceEurPerKwh: { constant: 0.3 }, exportPriceEurPerKwh: { constant: 0.08 }, maxImportKw: null },
      { id: 'pv', kind: 'SOLAR_PV', peakKw: 5 },
      { id: 'battery', kind: 'BATTERY', energyKwh: 8 },
      { id: 'house', kind: 'ELECTRIC_DEMAND', profile: { values: [0.4, 0.3, 0.3, 0.3, 0.4, 0.6, 0.9, 1.2, 0.8, 0.5, 0.5, 0.6, 0.7, 0.6, 0.5, 0.5, 0.7, 1.1, 1.6, 1.8, 1.5, 1.1, 0.8, 0.5], fit: 'REPEAT' } },
    ],
    connections: [
      { from: 'pv', to: 'house', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'battery', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'grid', medium: 'ELECTRICITY' },
      { from: 'battery', to: 'house', medium: 'ELECTRICITY' },
      { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
    ],
    ...overrides,
  };
}

describe.each(PROVIDERS)('runSimulation with the real runner (%s)', (provider) => {
  let api: ApiHarness;
  let runner: SimulationRunner;

  beforeAll(async () => {
    api = await startApi(provider, (db) => {
      runner = new SimulationRunner(db, { poolSize: 1 });
      return runner;
    });
  });
  afterAll(async () => {
    await runner.close();
    await api.close();
  });

  it('runs, logs and returns a small system with its study, tags, metadata and series', async () => {
    const study = await insertStudy(api.db, 'Houses');
    const r = await api.gql(MUTATION, {
      input: { system: smallSystem(), options: { solver: 'RULE_BASED' }, studyId: study.globalId, tags: ['Demo', 'june'], metadata: { owner: 'test' } },
    });
    expect(r.errors).toBeUndefined();
    const payload = r.data!.runSimulation;
    expect(payload.logDeferred).toBe(false);
    expect(payload.runId).toBe(payload.run.id);
    const run = payload.run;
    expect(run).toMatchObject({ status: 'COMPLETED', systemName: 'Test House', solver: 'RULE_BASED', tags: ['Demo', 'june'], metadata: { owner: 'test' }, study: { name: 'Houses' } });
    // 48 h of the demand profile repeated twice: the demand KPI is its sum.
    const dayKwh = smallSystem().components[3].profile!.values.reduce((s: number, v: number) => s + v, 0);
    expect(run.kpis.totalDemandKwh).toBeCloseTo(2 * dayKwh, 9);
    expect(payload.kpis.totalCostEur).toBe(run.kpis.totalCostEur);
    expect(run.system.components).toHaveLength(4);
    expect(run.series).toEqual([
      expect.objectContaining({ key: 'flow:grid->house', kind: 'FLOW', unit: 'kW', periodHours: [24, 24], timestepHours: 1 }),
    ]);
    expect(run.series[0].values).toHaveLength(2);

    const stored = await api.db.prisma.simulationRun.findUniqueOrThrow({ where: { id: run.databaseId }, include: { tags: true } });
    expect(stored.status).toBe('COMPLETED');
    expect(stored.studyId).toBe(study.id);
    expect(stored.tags.map((t) => t.tagLower).sort()).toEqual(['demo', 'june']);

    const found = await api.gql(`query($id: ID!) { run(id: $id) { status } node(id: $id) { ... on SimulationRun { systemName } } }`, { id: run.id });
    expect(found.data).toEqual({ run: { status: 'COMPLETED' }, node: { systemName: 'Test House' } });
  });

  it('bad input names every field and writes nothing', async () => {
    const before = await api.db.prisma.simulationRun.count();
    const system = smallSystem();
    system.components[1] = { id: 'pv', kind: 'SOLAR_PV', peakKw: 5, energyKwh: 3 } as never;
    system.connections.push({ from: 'battery', to: 'nowhere', medium: 'ELECTRICITY' });
    const r = await api.gql(MUTATION, { input: { system, options: { solver: 'RULE_BASED', mipRelGap: -1 }, tags: ['a', 'a'] } });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    const paths = r.errors![0].extensions!.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['input.system.components[1].energyKwh', 'input.system.connections[5].to', 'input.options.mipRelGap', 'input.tags[1]']),
    );
    expect(r.errors![0].message).toMatch(/components\[1\]\.energyKwh: .*SOLAR_PV/);
    expect(await api.db.prisma.simulationRun.count()).toBe(before);
  });

  it('an unknown study is NOT_FOUND, a run id as study is BAD_USER_INPUT; nothing is written', async () => {
    const before = await api.db.prisma.simulationRun.count();
    const missing = Buffer.from('Study:00000000-0000-0000-0000-000000000000').toString('base64');
    const r = await api.gql(MUTATION, { input: { system: smallSystem(), studyId: missing } });
    expect(errorCodes(r)).toEqual(['NOT_FOUND']);
    expect(r.errors![0].extensions!.path).toBe('input.studyId');
    const wrongType = Buffer.from('SimulationRun:x').toString('base64');
    const w = await api.gql(MUTATION, { input: { system: smallSystem(), studyId: wrongType } });
    expect(w.errors![0].extensions!.issues).toEqual([{ path: 'input.studyId', message: expect.stringMatching(/not a Study id/) }]);
    expect(await api.db.prisma.simulationRun.count()).toBe(before);
  });

  it('a repeated idempotency key returns the first run without running again', async () => {
    const input = { system: smallSystem({ name: 'Idempotent' }), idempotencyKey: `key-${provider}` };
    const first = await api.gql(MUTATION, { input });
    const second = await api.gql(MUTATION, { input });
    expect(second.data!.runSimulation.run.id).toBe(first.data!.runSimulation.run.id);
    expect(await api.db.prisma.simulationRun.count({ where: { systemName: 'Idempotent' } })).toBe(1);
  });
});
