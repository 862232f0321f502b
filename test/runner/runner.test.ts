import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client.js';
import { decodeRunSeries } from '../../src/results/run-series.js';
import { RunInputError, SimulationRunner } from '../../src/runner/runner.js';
import { houseSystem } from '../lifecycle/support/systems.js';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../support/databases.js';

/** A day of a small house: PV, battery, grid, demand (24 hourly steps). */
const daySystem = (name = 'House A') => houseSystem(name, 24);

describe.each(PROVIDERS)('SimulationRunner on %s', (provider) => {
  let db: TestDatabase;
  let runner: SimulationRunner;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    runner = new SimulationRunner(db, { poolSize: 1 });
  });
  afterAll(async () => {
    await runner?.close();
    await db?.drop();
  });

  it('logs a completed run with the KPIs, the input as run and the series', async () => {
    const study = await db.prisma.study.create({ data: { name: 'sizing' } });
    const outcome = await runner.runSimulation({
      system: daySystem(),
      options: { solver: 'OPTIMAL' },
      studyId: study.id,
      tags: ['PV', 'summer'],
      metadata: { author: 'test' },
    });
    expect(outcome.warnings).toEqual([]);
    const run = outcome.run!;
    expect(run.status).toBe('COMPLETED');
    expect(run.solver).toBe('OPTIMAL');
    expect(run.studyId).toBe(study.id);
    expect(run.startedAt!.getTime()).toBeLessThanOrEqual(run.finishedAt!.getTime());
    expect(run.totalCostEur).toBe(outcome.result!.kpis.totalCostEur);
    expect(run.renewableFraction).toBe(outcome.result!.kpis.renewableFraction);
    expect(run.solveStatus).toBe('OPTIMAL');
    // The input as run has every default filled in, e.g. the battery's efficiencies.
    const input = JSON.parse(run.inputJson);
    expect(input.components[2].chargeEfficiency).toBeTypeOf('number');
    expect(JSON.parse(run.metadataJson)).toEqual({ author: 'test' });
    const tags = await db.prisma.runTag.findMany({ where: { runId: run.id }, orderBy: { tag: 'asc' } });
    expect(tags.map((t) => [t.tag, t.tagLower])).toEqual([
      ['PV', 'pv'],
      ['summer', 'summer'],
    ]);

    const stored = await db.prisma.runResult.findUnique({ where: { runId: run.id } });
    const series = decodeRunSeries(stored!.encoding, stored!.data);
    expect(series.timesteps).toBe(24);
    expect(series.series.filter((s) => s.kind === 'FLOW')).toHaveLength(5);
    const gridToHouse = series.series.find((s) => s.key === 'flow:grid->house')!;
    const importedKwh = gridToHouse.values.reduce((a, b) => a + b, 0);
    expect(importedKwh).toBeCloseTo(outcome.result!.kpis.gridImportKwh, 9);
  });

  it('rejects bad input with every issue and writes nothing', async () => {
    const before = await db.prisma.simulationRun.count();
    const system = daySystem();
    (system.components[2] as Record<string, unknown>).energyKwh = -1;
    system.connections.push({ from: 'pv', to: 'bat2', medium: 'ELECTRICITY' });
    const error = await runner
      .runSimulation({ system, tags: ['ok', 'ok'], studyId: '00000000-0000-0000-0000-000000000000' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunInputError);
    const paths = (error as RunInputError).issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['system.components[2].energyKwh', 'system.connections[5].to', 'tags[1]', 'studyId']),
    );
    expect(await db.prisma.simulationRun.count()).toBe(before);
  });

  it('records a solver failure as FAILED with its code', async () => {
    const system = daySystem('Unreachable end state');
    // No way to charge the battery, yet it must end fuller than it started.
    system.connections = system.connections.filter((c) => c.to !== 'battery');
    Object.assign(system.components[2], { terminalCondition: 'MIN_END_SOC', initialSoc: 0.2, minEndSoc: 0.9 });
    const outcome = await runner.runSimulation({ system, options: { solver: 'OPTIMAL' } });
    expect(outcome.result).toBeNull();
    expect(outcome.run!.status).toBe('FAILED');
    expect(outcome.run!.errorCode).toBe('INFEASIBLE');
    expect(outcome.run!.errorMessage).toBeTruthy();
  });

  it('returns the same run for a repeated idempotency key', async () => {
    const request = { system: daySystem('Idempotent'), idempotencyKey: `key-${provider}` };
    const [a, b] = await Promise.all([runner.runSimulation(request), runner.runSimulation(request)]);
    const c = await runner.runSimulation(request);
    expect(new Set([a.run!.id, b.run!.id, c.run!.id]).size).toBe(1);
    expect(await db.prisma.simulationRun.count({ where: { idempotencyKey: `key-${provider}` } })).toBe(1);
  });
});

describe('SimulationRunner without a reachable database', () => {
  it('still returns the simulation result, with a warning', async () => {
    // Nothing listens on port 1: every write fails to connect.
    const unreachable = await createDb({ databaseUrl: 'postgresql://postgres@127.0.0.1:1/none' });
    const runner = new SimulationRunner(unreachable, { poolSize: 1 });
    try {
      const outcome = await runner.runSimulation({ system: daySystem() });
      expect(outcome.run).toBeNull();
      expect(outcome.result!.kpis.totalDemandKwh).toBeGreaterThan(0);
      expect(outcome.warnings.join('\n')).toMatch(/run log unavailable/);
    } finally {
      await runner.close();
      await unreachable.prisma.$disconnect();
    }
  });
});
