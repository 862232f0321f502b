/**
 * Per-request DataLoaders: whatever a page of runs or studies asks for (the study of each run,
 * the statistics of each study, a run's stored input) costs one query per kind, not per row.
 */
import DataLoader from 'dataloader';
import type { Db } from '../db/client.js';
import { studyStatsMany, type RunStatistics } from '../db/run-queries.js';
import { decodeRunSeries, type RunSeries } from '../results/run-series.js';
import type { Study } from '../generated/prisma-sqlite/client.js';

/** Columns a run list reads: everything but the large JSON documents (the system as run can
 *  hold 8760-value profiles), which `runDetails` loads only when a query asks for them. */
export const RUN_LIST_SELECT = {
  id: true,
  studyId: true,
  systemName: true,
  systemNameLower: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  updatedAt: true,
  heartbeatAt: true,
  status: true,
  solver: true,
  objective: true,
  timesteps: true,
  timestepHours: true,
  idempotencyKey: true,
  totalCostEur: true,
  operatingCostEur: true,
  capexEur: true,
  totalCo2Kg: true,
  renewableFraction: true,
  totalGenerationKwh: true,
  totalDemandKwh: true,
  gridImportKwh: true,
  gridExportKwh: true,
  netGridUsageKwh: true,
  selfConsumptionRate: true,
  selfSufficiencyRate: true,
  peakGridImportKw: true,
  curtailmentKwh: true,
  unmetDemandKwh: true,
  batteryEquivalentCycles: true,
  lcoeEurPerKwh: true,
  npvEur: true,
  simplePaybackYears: true,
  co2ReductionFraction: true,
  solveStatus: true,
  solverMessage: true,
  objectiveValue: true,
  solveMs: true,
  variableCount: true,
  constraintCount: true,
  iterationCount: true,
  mipGap: true,
  engineVersion: true,
  errorCode: true,
  errorMessage: true,
  tagsJson: true,
  warningsJson: true,
} as const;

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
  };
}
