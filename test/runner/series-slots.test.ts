// The shared series slots (src/runner/series-slots.ts): a finished run's series stays exactly its
// own while it is held, slots are never handed out twice, and a write that waits in the outbox
// keeps its own copy while later runs reuse the slot.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRunSeries } from '../../src/results/run-series.js';
import { SeriesSlots, writeIntoSlot } from '../../src/runner/series-slots.js';
import { SimulationRunner } from '../../src/runner/runner.js';
import { SimulationWorkerPool, type PooledSimulationResult } from '../../src/runner/worker-pool.js';
import { houseSystem, quiet, until } from '../lifecycle/support/systems.js';
import { proxiedPostgres, type ProxiedPostgres } from '../lifecycle/support/proxied-postgres.js';

/** The house with a PV array of `peakKw`: each size gives different series. */
function houseWithPv(peakKw: number, timesteps = 48) {
  const system = houseSystem(`PV ${peakKw} kW`, timesteps);
  return { ...system, components: system.components.map((c) => (c.id === 'pv' ? { ...c, peakKw } : c)) };
}

const task = (peakKw: number) => ({ systemJson: JSON.stringify(houseWithPv(peakKw)), options: { solver: 'RULE_BASED' } });

function seriesOf(result: PooledSimulationResult) {
  if (!result.ok) throw new Error(result.errorMessage);
  return result.series;
}

describe('SeriesSlots', () => {
  it('hands out each slot once until it is released', () => {
    const slots = new SeriesSlots(2, 16);
    const a = slots.acquire();
    const b = slots.acquire();
    expect(new Set([a, b]).size).toBe(2);
    expect(slots.acquire()).toBeNull();
    slots.release(a!);
    expect(slots.acquire()).toBe(a);
  });

  it('writes bytes that fit into the slot and refuses bytes that do not', () => {
    const slots = new SeriesSlots(2, 4);
    const view = writeIntoSlot(slots.shared, 1, Uint8Array.of(1, 2, 3));
    expect(view && [...view]).toEqual([1, 2, 3]);
    expect(view!.byteOffset).toBe(4);
    expect(view!.buffer).toBe(slots.shared.buffer);
    expect(writeIntoSlot(slots.shared, 0, Uint8Array.of(1, 2, 3, 4, 5))).toBeNull();
  });
});

describe('SimulationWorkerPool series slots', () => {
  let pool: SimulationWorkerPool;
  beforeAll(() => {
    pool = new SimulationWorkerPool({ threads: 1, seriesSlots: 2 });
  });
  afterAll(async () => {
    await pool?.destroy();
  });

  it('keeps a held series intact while later runs reuse the other slots', async () => {
    const held = await pool.run(task(2));
    const heldSeries = seriesOf(held);
    expect(heldSeries.slot).toBeTypeOf('number');
    const heldCopy = Uint8Array.from(heldSeries.data);
    expect(pool.freeSeriesSlots).toBe(1);
    for (const peakKw of [4, 6, 8, 10]) {
      const later = await pool.run(task(peakKw));
      expect(seriesOf(later).slot).not.toBe(heldSeries.slot);
      expect(seriesOf(later).data).not.toEqual(heldCopy);
      later.releaseSeries();
    }
    expect(heldSeries.data).toEqual(heldCopy);
    const decoded = decodeRunSeries(heldSeries.encoding, heldSeries.data);
    expect(decoded.timesteps).toBe(48);
    held.releaseSeries();
    expect(pool.freeSeriesSlots).toBe(2);
  });

  it('gives a series a buffer of its own when every slot is held, and releases each slot once', async () => {
    const first = await pool.run(task(3));
    const second = await pool.run(task(5));
    expect(pool.freeSeriesSlots).toBe(0);
    const third = await pool.run(task(7));
    expect(seriesOf(third).slot).toBeUndefined();
    expect(seriesOf(third).data.buffer).not.toBe(seriesOf(first).data.buffer);
    expect(decodeRunSeries(seriesOf(third).encoding, seriesOf(third).data).timesteps).toBe(48);
    third.releaseSeries();
    expect(pool.freeSeriesSlots).toBe(0);
    first.releaseSeries();
    first.releaseSeries();
    expect(pool.freeSeriesSlots).toBe(1);
    second.releaseSeries();
    expect(pool.freeSeriesSlots).toBe(2);
  });

  it('keeps the slot of an aborted task out of use while its thread may still write', async () => {
    const abort = new AbortController();
    const running = pool.run({ systemJson: JSON.stringify(houseWithPv(4, 8760)), options: { solver: 'OPTIMAL', forbidSimultaneous: true } }, abort.signal);
    await until(() => pool.freeSeriesSlots === 1);
    abort.abort();
    await expect(running).rejects.toThrow();
    expect(pool.freeSeriesSlots).toBe(1);
  });
});

describe('a completion waiting in the outbox while its slot is reused (PostgreSQL behind a proxy)', () => {
  let postgres: ProxiedPostgres;
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-slots-'));
  beforeAll(async () => {
    postgres = await proxiedPostgres();
  });
  afterAll(async () => {
    await postgres?.close();
    fs.rmSync(outboxDir, { recursive: true, force: true });
  });

  it('logs every run with its own series once the database is back', async () => {
    // One slot: every run's series goes through the same shared bytes.
    const { db, proxy, viaProxy } = postgres;
    const runner = new SimulationRunner(viaProxy, {
      poolSize: 1,
      seriesSlots: 1,
      outboxPath: path.join(outboxDir, 'outbox.jsonl'),
      outboxRetryIntervalMs: 200,
      log: quiet,
    });
    try {
      await runner.ready;
      proxy.cut();
      const outcomes = [];
      for (const peakKw of [1, 4, 9]) outcomes.push(await runner.runSimulation({ system: houseWithPv(peakKw), tags: ['slots'] }));
      expect(outcomes.every((o) => o.logDeferred)).toBe(true);
      const imports = outcomes.map((o) => o.result!.kpis.gridImportKwh);
      expect(new Set(imports).size).toBe(3);

      proxy.restore();
      await until(async () => (await db.prisma.simulationRun.count({ where: { status: 'COMPLETED' } })) === 3, 20_000);
      for (const outcome of outcomes) {
        const stored = await db.prisma.runResult.findUniqueOrThrow({ where: { runId: outcome.runId } });
        const series = decodeRunSeries(stored.encoding, stored.data);
        const gridToHouse = series.series.find((s) => s.key === 'flow:grid->house')!;
        const importedKwh = gridToHouse.values.reduce((a, b) => a + b, 0);
        expect(importedKwh).toBeCloseTo(outcome.result!.kpis.gridImportKwh, 9);
      }
    } finally {
      await runner.close();
    }
  });
});
