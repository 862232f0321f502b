// The run log writes through the driver (src/db/run-log.ts), everything else reads through
// Prisma: every column written raw must read back through Prisma exactly as Prisma itself would
// have written it — dates as the same instants (and comparable with Prisma's filters), enums,
// floats bit for bit, tags with their lower-case form, the series bytes — on both providers.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeRun,
  failRun,
  insertRun,
  markRunRunning,
  markStaleRunsCrashed,
  RunNotFoundError,
  touchHeartbeats,
  type CompletedRun,
  type NewRun,
} from '../../src/db/run-log.js';
import { applyRunWrite, completeWrite, isUniqueViolation, type RunWrite } from '../../src/runner/run-writes.js';
import type { Kpis, SolverStats } from '../../src/simulation/types.js';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../support/databases.js';

/** Floats a text round trip or a sloppy parser would change (1818.5261222769182 did, in Prisma 6.19). */
const KPIS: Kpis = {
  totalCostEur: 1818.5261222769182,
  operatingCostEur: 0.1 + 0.2,
  capexEur: 2 / 3,
  totalCo2Kg: 5e-324,
  renewableFraction: 0.8000000000000002,
  totalGenerationKwh: 1.7976931348623157e308,
  totalDemandKwh: 4512.000000000001,
  gridImportKwh: 123456789.12345679,
  gridExportKwh: 0,
  netGridUsageKwh: -987.6543210987654,
  selfConsumptionRate: 1 / 3,
  selfSufficiencyRate: 0.7071067811865476,
  peakGridImportKw: 3.141592653589793,
  curtailmentKwh: 1e-10,
  unmetDemandKwh: 2.220446049250313e-16,
  batteryEquivalentCycles: 287.99999999999994,
  lcoeEurPerKwh: 0.30000000000000004,
  npvEur: null,
  simplePaybackYears: Number.NaN, // never expected from the engine: stored as null
  co2ReductionFraction: 0.1,
};

const STATS: SolverStats = {
  status: 'OPTIMAL',
  message: 'optimal — solved',
  objective: 1818.5261222769182,
  objectiveKind: 'COST',
  solveMs: 12.345678901234567,
  variables: 43800,
  constraints: 17520,
  iterations: 9001,
  mipGap: 1e-9,
};

/** Not valid gzip, but every byte value and a length that is not a multiple of anything. */
function seriesBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 131 + (i >> 8)) & 0xff;
  return bytes;
}

const OUTCOME: CompletedRun = {
  kpis: KPIS,
  stats: STATS,
  warnings: ['battery never full', 'ünïcödé ⚡'],
  series: { encoding: 'f64-gzip/v1', data: seriesBytes(144_071), rawBytes: 561_460 },
};

describe.each(PROVIDERS)('run-log writes on %s read back through Prisma', (provider) => {
  let db: TestDatabase;
  let studyId: string;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    studyId = (await db.prisma.study.create({ data: { name: 'run-log round trip' } })).id;
  });
  afterAll(async () => {
    await db?.drop();
  });

  function newRun(overrides: Partial<NewRun> = {}): NewRun {
    return {
      id: randomUUID(),
      status: 'QUEUED',
      systemName: 'Résidence PV + Battery',
      solver: 'ROLLING_HORIZON',
      objective: 'CO2',
      timesteps: 8760,
      timestepHours: 0.25,
      engineVersion: 'engine-1.2.3',
      studyId,
      inputJson: JSON.stringify({ name: 'Résidence', b: 1, a: [1.5, 2] }),
      optionsJson: '{"solver":"ROLLING_HORIZON"}',
      tags: ['PV', 'Winter', 'ÄÖÜ-Straße', 'İstanbul'],
      metadataJson: '{"owner":"me"}',
      idempotencyKey: `key-${randomUUID()}`,
      ...overrides,
    };
  }

  const read = (id: string) => db.prisma.simulationRun.findUniqueOrThrow({ where: { id } });

  it('inserts a run and its tags: the row returned is the row Prisma reads', async () => {
    const run = newRun();
    const at = new Date('2026-11-27T10:11:12.345Z');
    const returned = await insertRun(db, run, at);
    const stored = await read(run.id);
    expect(returned).toEqual(stored);
    expect(stored).toMatchObject({
      status: 'QUEUED',
      solver: 'ROLLING_HORIZON',
      systemNameLower: 'résidence pv + battery',
      createdAt: at,
      updatedAt: at,
      heartbeatAt: at,
      startedAt: null,
      finishedAt: null,
      totalCostEur: null,
      tagsJson: JSON.stringify(run.tags),
      warningsJson: '[]',
    });
    const tags = await db.prisma.runTag.findMany({ where: { runId: run.id }, orderBy: { tag: 'asc' } });
    // JavaScript's Unicode lower-casing, not SQL lower() (ASCII only on SQLite).
    expect(tags.map(({ tag, tagLower }) => [tag, tagLower])).toEqual(
      [...run.tags].sort().map((tag) => [tag, tag.toLowerCase()]),
    );
    // Stored timestamps compare with Prisma's own filters like the ones Prisma writes.
    expect(await db.prisma.simulationRun.count({ where: { id: run.id, createdAt: { gte: at, lte: at } } })).toBe(1);
    expect(await db.prisma.simulationRun.count({ where: { id: run.id, createdAt: { gt: at } } })).toBe(0);
  });

  it('inserts a RUNNING run without tags, and refuses the same id twice as a unique violation', async () => {
    const run = newRun({ status: 'RUNNING', tags: [], studyId: null, idempotencyKey: null });
    const at = new Date('2026-11-27T10:00:00.001Z');
    expect(await insertRun(db, run, at)).toEqual(await read(run.id));
    expect((await read(run.id)).startedAt).toEqual(at);
    const error = await insertRun(db, run, at).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
    expect(await db.prisma.runTag.count({ where: { runId: run.id } })).toBe(0);
  });

  it('writes the same instants whatever the time zone of the process', async () => {
    const previous = process.env.TZ;
    process.env.TZ = 'America/St_Johns'; // UTC−3:30: an hour-and-a-half shift is hard to miss
    try {
      const run = newRun();
      const at = new Date('2026-07-01T23:59:59.999Z');
      const returned = await insertRun(db, run, at);
      const stored = await read(run.id);
      expect(stored.createdAt.toISOString()).toBe(at.toISOString());
      expect(returned).toEqual(stored);
      const done = await completeRun(db, run.id, OUTCOME, new Date('2026-07-02T00:00:01.5Z'));
      expect(done.finishedAt!.toISOString()).toBe('2026-07-02T00:00:01.500Z');
      expect(done).toEqual(await read(run.id));
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it('marks a QUEUED run RUNNING, and a replay after it moved on changes nothing', async () => {
    const run = newRun();
    await insertRun(db, run, new Date('2026-11-27T10:00:00.000Z'));
    const startedAt = new Date('2026-11-27T10:00:01.000Z');
    await markRunRunning(db, run.id, startedAt);
    expect(await read(run.id)).toMatchObject({ status: 'RUNNING', startedAt, heartbeatAt: startedAt, updatedAt: startedAt });

    await completeRun(db, run.id, OUTCOME, new Date('2026-11-27T10:00:02.000Z'));
    const completed = await read(run.id);
    await markRunRunning(db, run.id, new Date('2026-11-27T10:00:03.000Z'));
    expect(await read(run.id)).toEqual(completed);
  });

  it('completes a run: KPIs bit-exact, stats, warnings, series bytes; the row returned is the row Prisma reads', async () => {
    const run = newRun();
    await insertRun(db, run, new Date('2026-11-27T10:00:00.000Z'));
    await markRunRunning(db, run.id, new Date('2026-11-27T10:00:00.500Z'));
    const finishedAt = new Date('2026-11-27T10:00:07.250Z');
    const returned = await completeRun(db, run.id, OUTCOME, finishedAt);
    const stored = await read(run.id);
    expect(returned).toEqual(stored);

    for (const [column, value] of Object.entries(KPIS)) {
      const expected = Number.isFinite(value) ? value : null;
      // Object.is: bit-exact, and 0 is not -0.
      expect(Object.is(stored[column as keyof Kpis], expected), `${column}: ${stored[column as keyof Kpis]} vs ${expected}`).toBe(true);
    }
    expect(stored.totalCostEur).toBe(1818.5261222769182);
    expect(stored).toMatchObject({
      status: 'COMPLETED',
      finishedAt,
      heartbeatAt: finishedAt,
      updatedAt: finishedAt,
      startedAt: new Date('2026-11-27T10:00:00.500Z'),
      solveStatus: 'OPTIMAL',
      solverMessage: 'optimal — solved',
      objectiveValue: 1818.5261222769182,
      solveMs: 12.345678901234567,
      variableCount: 43800,
      constraintCount: 17520,
      iterationCount: 9001,
      mipGap: 1e-9,
      warningsJson: JSON.stringify(OUTCOME.warnings),
      errorCode: null,
      inputJson: run.inputJson,
    });

    const result = await db.prisma.runResult.findUniqueOrThrow({ where: { runId: run.id } });
    expect(result.encoding).toBe('f64-gzip/v1');
    expect(result.rawBytes).toBe(561_460);
    expect(result.createdAt).toEqual(finishedAt);
    expect(Buffer.from(result.data).equals(Buffer.from(OUTCOME.series.data))).toBe(true);
  });

  it('stores exactly the bytes of a series that is a view into a larger buffer', async () => {
    const run = newRun();
    await insertRun(db, run);
    const whole = seriesBytes(1000);
    const view = whole.subarray(17, 517);
    await completeRun(db, run.id, { ...OUTCOME, series: { ...OUTCOME.series, data: view } });
    const result = await db.prisma.runResult.findUniqueOrThrow({ where: { runId: run.id } });
    expect(Buffer.from(result.data).equals(Buffer.from(view))).toBe(true);
  });

  it('a completion replayed from the outbox, twice, leaves the same row and one series', async () => {
    const run = newRun();
    await applyRunWrite(db, { kind: 'insert', at: '2026-11-27T10:00:00.000Z', run });
    const write = completeWrite(run.id, OUTCOME, new Date('2026-11-27T10:05:00.000Z'));
    const first = await applyRunWrite(db, write);
    const afterFirst = await read(run.id);
    const second = await applyRunWrite(db, write);
    expect(await read(run.id)).toEqual(afterFirst);
    expect(second).toEqual(first);
    expect(await db.prisma.runResult.count({ where: { runId: run.id } })).toBe(1);
    // An insert replayed after it was applied returns the existing row instead of failing.
    expect(await applyRunWrite(db, { kind: 'insert', at: '2026-11-27T10:00:00.000Z', run })).toEqual(afterFirst);
    expect(await db.prisma.runTag.count({ where: { runId: run.id } })).toBe(run.tags.length);
  });

  it('a completion read back from an outbox file stores the same series as one applied from memory', async () => {
    const run = newRun();
    await insertRun(db, run);
    const view = seriesBytes(2000).subarray(3, 1503);
    const write = completeWrite(run.id, { ...OUTCOME, series: { ...OUTCOME.series, data: view } }, new Date('2026-11-27T11:00:00.000Z'));
    const persisted = JSON.parse(JSON.stringify(write)) as RunWrite; // what the outbox file holds
    expect(persisted).toMatchObject({ outcome: { series: { encoding: 'f64-gzip/v1', rawBytes: 561_460, dataBase64: Buffer.from(view).toString('base64') } } });
    const row = await applyRunWrite(db, persisted);
    expect(row).toEqual(await read(run.id));
    expect(row!.totalCostEur).toBe(1818.5261222769182); // floats survive the JSON text too
    const result = await db.prisma.runResult.findUniqueOrThrow({ where: { runId: run.id } });
    expect(Buffer.from(result.data).equals(Buffer.from(view))).toBe(true);
  });

  it('a completion that waited in the outbox overrides CRASHED', async () => {
    const run = newRun({ status: 'RUNNING' });
    await insertRun(db, run, new Date('2026-11-27T09:00:00.000Z'));
    const crashed = await markStaleRunsCrashed(db, { staleBefore: new Date('2026-11-27T09:30:00.000Z'), exceptRunIds: [], now: new Date('2026-11-27T09:30:00.000Z') });
    expect(crashed).toContain(run.id);
    const done = await completeRun(db, run.id, OUTCOME, new Date('2026-11-27T09:31:00.000Z'));
    expect(done.status).toBe('COMPLETED');
    expect(done.totalCostEur).toBe(1818.5261222769182);
  });

  it('fails and cancels runs with the reason; the row returned is the row Prisma reads', async () => {
    const failed = newRun({ status: 'RUNNING' });
    await insertRun(db, failed, new Date('2026-11-27T10:00:00.000Z'));
    const at = new Date('2026-11-27T10:00:05.000Z');
    const returned = await failRun(db, failed.id, { errorCode: 'INFEASIBLE', errorMessage: 'no feasible dispatch: demand > supply', stats: { ...STATS, status: 'INFEASIBLE', mipGap: undefined } }, at);
    const stored = await read(failed.id);
    expect(returned).toEqual(stored);
    expect(stored).toMatchObject({
      status: 'FAILED',
      errorCode: 'INFEASIBLE',
      errorMessage: 'no feasible dispatch: demand > supply',
      finishedAt: at,
      solveStatus: 'INFEASIBLE',
      objectiveValue: 1818.5261222769182,
      mipGap: null,
      totalCostEur: null,
    });

    const cancelled = newRun();
    await insertRun(db, cancelled);
    const row = await failRun(db, cancelled.id, { status: 'CANCELLED', errorCode: 'CANCELLED', errorMessage: 'cancelled by request' });
    expect(row).toEqual(await read(cancelled.id));
    expect(row).toMatchObject({ status: 'CANCELLED', solveStatus: null, startedAt: null });
  });

  it('a write for a run that does not exist fails and writes nothing', async () => {
    const missing = randomUUID();
    await expect(failRun(db, missing, { errorCode: 'X', errorMessage: 'x' })).rejects.toBeInstanceOf(RunNotFoundError);
    await expect(completeRun(db, missing, OUTCOME)).rejects.toThrow();
    expect(await db.prisma.runResult.count({ where: { runId: missing } })).toBe(0);
    await markRunRunning(db, missing); // conditional: nothing to do, nothing to fail
  });

  it('refreshes heartbeats of the listed live runs only, in one statement', async () => {
    const queued = newRun();
    const running = newRun({ status: 'RUNNING' });
    const finished = newRun({ status: 'RUNNING' });
    const other = newRun({ status: 'RUNNING' });
    const start = new Date('2026-11-27T08:00:00.000Z');
    for (const run of [queued, running, finished, other]) await insertRun(db, run, start);
    await failRun(db, finished.id, { errorCode: 'E', errorMessage: 'e' }, start);
    const beat = new Date('2026-11-27T08:00:10.000Z');
    expect(await touchHeartbeats(db, [queued.id, running.id, finished.id, randomUUID()], beat)).toBe(2);
    expect((await read(queued.id)).heartbeatAt).toEqual(beat);
    expect((await read(running.id)).heartbeatAt).toEqual(beat);
    expect((await read(finished.id)).heartbeatAt).toEqual(start);
    expect((await read(other.id)).heartbeatAt).toEqual(start);
    expect(await touchHeartbeats(db, [], beat)).toBe(0);
  });

  it('marks stale live runs CRASHED with the last heartbeat, skipping held and fresh ones', async () => {
    const base = new Date('2026-11-26T00:00:00.000Z');
    const stale = newRun({ status: 'RUNNING' });
    const held = newRun({ status: 'RUNNING' });
    const fresh = newRun();
    for (const run of [stale, held]) await insertRun(db, run, base);
    await insertRun(db, fresh, new Date(base.getTime() + 120_000));
    const now = new Date(base.getTime() + 150_000);
    const crashed = await markStaleRunsCrashed(db, { staleBefore: new Date(base.getTime() + 60_000), exceptRunIds: [held.id], now });
    expect(crashed).toContain(stale.id);
    expect(crashed).not.toContain(held.id);
    expect(crashed).not.toContain(fresh.id);
    expect(await read(stale.id)).toMatchObject({
      status: 'CRASHED',
      errorCode: 'CRASHED',
      errorMessage: 'no heartbeat since 2026-11-26T00:00:00.000Z: the process running it stopped',
      finishedAt: now,
    });
    expect((await read(held.id)).status).toBe('RUNNING');
    expect((await read(fresh.id)).status).toBe('QUEUED');
  });
});
