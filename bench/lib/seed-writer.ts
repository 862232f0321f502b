// What the seeding script needs from a database: bulk inserts of pre-built rows, and secondary
// indexes dropped during the load and rebuilt after it (building an index once over sorted input
// is several times faster than maintaining it row by row). The whole load is one transaction
// (DDL is transactional on both providers), so an interrupted seed leaves the database as it was
// instead of without its indexes.
import type { DatabaseTarget } from '../../src/db/target.js';
import type { Row } from './synthetic-runs.js';

export interface SeedWriter {
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  countRuns(): Promise<number>;
  /** Deletes every study, run, tag and result. */
  reset(): Promise<void>;
  /** Drops the secondary indexes of the run-log tables, remembering their definitions. */
  dropSecondaryIndexes(): Promise<string[]>;
  /** Recreates what dropSecondaryIndexes dropped, from the remembered definitions. */
  restoreSecondaryIndexes(): Promise<void>;
  insertStudies(rows: Row[]): Promise<void>;
  insertRuns(runs: Row[], tags: Row[]): Promise<void>;
  /** Outside the transaction: planner statistics (and, on PostgreSQL, the visibility map). */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

export const RUN_LOG_TABLES = ['Study', 'SimulationRun', 'RunTag', 'RunResult'] as const;

export async function openSeedWriter(target: DatabaseTarget): Promise<SeedWriter> {
  if (target.provider === 'postgres') {
    const { PostgresSeedWriter } = await import('./seed-postgres.js');
    return PostgresSeedWriter.open(target.url);
  }
  const { SqliteSeedWriter } = await import('./seed-sqlite.js');
  return SqliteSeedWriter.open(target.url);
}
