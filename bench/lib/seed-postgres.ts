// Bulk load into PostgreSQL through pg: one COPY … FROM STDIN per table and batch.
import pg from 'pg';
import { copyRows } from './pg-copy.js';
import { RUN_LOG_TABLES, type SeedWriter } from './seed-writer.js';
import { RUN_COLUMNS, STUDY_COLUMNS, TAG_COLUMNS, type Cell, type Row } from './synthetic-runs.js';

export class PostgresSeedWriter implements SeedWriter {
  private dropped: Array<{ name: string; sql: string }> = [];

  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<PostgresSeedWriter> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // Benchmark data is regenerable: do not wait for WAL flushes; give index builds memory.
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '1GB'`);
    return new PostgresSeedWriter(client);
  }

  async begin(): Promise<void> {
    await this.client.query('BEGIN');
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
  }

  async rollback(): Promise<void> {
    await this.client.query('ROLLBACK');
  }

  async countRuns(): Promise<number> {
    const { rows } = await this.client.query<{ n: string }>('SELECT COUNT(*) AS n FROM "SimulationRun"');
    return Number(rows[0].n);
  }

  async reset(): Promise<void> {
    await this.client.query(`TRUNCATE ${RUN_LOG_TABLES.map((t) => `"${t}"`).join(', ')}`);
  }

  async dropSecondaryIndexes(): Promise<string[]> {
    // Indexes that back a constraint (primary keys) stay: foreign keys need them during the load.
    const { rows } = await this.client.query<{ name: string; sql: string }>(
      `SELECT i.indexname AS name, i.indexdef AS sql
         FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
      [[...RUN_LOG_TABLES]],
    );
    for (const { name } of rows) await this.client.query(`DROP INDEX "${name}"`);
    this.dropped = rows;
    return rows.map((r) => r.name);
  }

  async restoreSecondaryIndexes(): Promise<void> {
    for (const { sql } of this.dropped) await this.client.query(sql);
    this.dropped = [];
  }

  async insertStudies(rows: Row[]): Promise<void> {
    await this.insertColumns('Study', STUDY_COLUMNS, rows);
  }

  async insertRuns(runs: Row[], tags: Row[]): Promise<void> {
    await this.insertColumns('SimulationRun', RUN_COLUMNS, runs);
    if (tags.length > 0) await this.insertColumns('RunTag', TAG_COLUMNS, tags);
  }

  async analyze(): Promise<void> {
    // VACUUM sets the visibility map: without it index-only scans still visit the heap.
    for (const table of RUN_LOG_TABLES) await this.client.query(`VACUUM (ANALYZE) "${table}"`);
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  private async insertColumns(table: string, columns: ReadonlyArray<readonly [string, string]>, rows: Row[]): Promise<void> {
    await copyRows(this.client, table, columns.map(([name]) => name), rows.map((row) => row.map(toPostgres)));
  }

}

/** Prisma stores DateTime in `timestamp(3)` (no zone) as UTC wall-clock time. */
function toPostgres(value: Cell): string | number | null {
  return value instanceof Date ? value.toISOString().replace('T', ' ').replace('Z', '') : value;
}

