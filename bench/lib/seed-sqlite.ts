// Bulk load into SQLite through better-sqlite3: prepared statements inside one transaction.
import Database from 'better-sqlite3';
import { sqliteFilePath } from '../../src/db/target.js';
import { RUN_LOG_TABLES, type SeedWriter } from './seed-writer.js';
import { RUN_COLUMNS, STUDY_COLUMNS, TAG_COLUMNS, type Cell, type Row } from './synthetic-runs.js';

export class SqliteSeedWriter implements SeedWriter {
  private dropped: Array<{ name: string; sql: string }> = [];
  private readonly insertStudy: Database.Statement;
  private readonly insertRun: Database.Statement;
  private readonly insertTag: Database.Statement;

  private constructor(private readonly db: Database.Database) {
    this.insertStudy = db.prepare(insertSql('Study', STUDY_COLUMNS));
    this.insertRun = db.prepare(insertSql('SimulationRun', RUN_COLUMNS));
    this.insertTag = db.prepare(insertSql('RunTag', TAG_COLUMNS));
  }

  static async open(url: string): Promise<SqliteSeedWriter> {
    const file = sqliteFilePath(url);
    if (!file) throw new Error('Seeding an in-memory SQLite database is pointless: pass a file: URL');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // A crash mid-seed only loses benchmark data that can be regenerated; skip the fsyncs.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144'); // 256 MiB
    db.pragma('foreign_keys = ON');
    return new SqliteSeedWriter(db);
  }

  async begin(): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
  }

  async commit(): Promise<void> {
    this.db.exec('COMMIT');
  }

  async rollback(): Promise<void> {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  async countRuns(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM "SimulationRun"').get() as { n: number }).n;
  }

  async reset(): Promise<void> {
    for (const table of [...RUN_LOG_TABLES].reverse()) this.db.exec(`DELETE FROM "${table}"`);
  }

  async dropSecondaryIndexes(): Promise<string[]> {
    // Auto-indexes (primary keys, UNIQUE constraints) have no sql and cannot be dropped.
    const rows = this.db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN (${RUN_LOG_TABLES.map(() => '?').join(',')})`,
      )
      .all(...RUN_LOG_TABLES) as Array<{ name: string; sql: string }>;
    for (const { name } of rows) this.db.exec(`DROP INDEX "${name}"`);
    this.dropped = rows;
    return rows.map((r) => r.name);
  }

  async restoreSecondaryIndexes(): Promise<void> {
    for (const { sql } of this.dropped) this.db.exec(sql);
    this.dropped = [];
  }

  async insertStudies(rows: Row[]): Promise<void> {
    for (const row of rows) this.insertStudy.run(row.map(toSqlite));
  }

  async insertRuns(runs: Row[], tags: Row[]): Promise<void> {
    for (const row of runs) this.insertRun.run(row.map(toSqlite));
    for (const row of tags) this.insertTag.run(row.map(toSqlite));
  }

  async analyze(): Promise<void> {
    this.db.exec('ANALYZE');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function insertSql(table: string, columns: ReadonlyArray<readonly [string, string]>): string {
  return `INSERT INTO "${table}" (${columns.map(([c]) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

/** Prisma's SQLite adapter stores DateTime as ISO-8601 text with an explicit +00:00 offset. */
function toSqlite(value: Cell): string | number | null {
  return value instanceof Date ? value.toISOString().replace('Z', '+00:00') : value;
}
