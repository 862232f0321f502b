/**
 * Per-request DataLoaders: whatever a page of runs or studies asks for (the study of each run,
 * the statistics of each study, a run's stored input) costs one query per kind, not per row.
 */
import DataLoader from 'dataloader';
import type { Db } from '../db/client.js';
import { studyStatsMany, type RunStatistics } from '../db/run-queries.js';
import { RUN_LIST_COLUMNS, type RunListColumn } from '../db/run-sql.js';
import { decodeRunSeries, type RunSeries } from '../results/run-series.js';
import type { RunParameter, Study } from '../generated/prisma-sqlite/client.js';

/** Prisma's form of the run-list columns (RUN_LIST_COLUMNS in src/db/run-sql.ts): everything
 *  but the large JSON documents (the system as run can hold 8760-value profiles), which
 *  `runDetails` loads only when a query asks for them. */
export const RUN_LIST_SELECT = Object.fromEntries(RUN_LIST_COLUMNS.map((c) => [c, true])) as { [K in RunListColumn]: true };

export interface RunDetails {
  inputJson: string;
  optionsJson: string;
  metadataJson: string;
}

export interface Loaders {
  study: DataLoader<string, Study | null>;
  studyStats: DataLoader<string, RunStatistics>;
  runDetails: DataLoader<string, RunDetails | null>;
  runSeries: DataLoader<string, RunSeries | null>;
  /** A run's study-trial parameter values, in key order. */
  runParameters: DataLoader<string, RunParameter[]>;
}

export function createLoaders(prisma: Db): Loaders {
  return {
    study: new DataLoader(async (ids) => {
      const rows = await prisma.study.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    studyStats: new DataLoader(async (ids) => {
      const stats = await studyStatsMany(prisma, ids);
      return ids.map((id) => stats.get(id)!);
    }),
    runDetails: new DataLoader(async (ids) => {
      const rows = await prisma.simulationRun.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, inputJson: true, optionsJson: true, metadataJson: true },
      });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    // Series are large (a year is ~10 series × 8760 values): batch, but a small batch.
    runSeries: new DataLoader(
      async (ids) => {
        const rows = await prisma.runResult.findMany({ where: { runId: { in: [...ids] } } });
        const byId = new Map(rows.map((r) => [r.runId, r]));
        return ids.map((id) => {
          const row = byId.get(id);
          return row ? decodeRunSeries(row.encoding, row.data) : null;
        });
      },
      { maxBatchSize: 10 },
    ),
    runParameters: new DataLoader(async (ids) => {
      const rows = await prisma.runParameter.findMany({ where: { runId: { in: [...ids] } }, orderBy: [{ runId: 'asc' }, { key: 'asc' }] });
      const byRun = new Map<string, RunParameter[]>();
      for (const row of rows) byRun.set(row.runId, [...(byRun.get(row.runId) ?? []), row]);
      return ids.map((id) => byRun.get(id) ?? []);
    }),
  };
}
