// A database schema as comparable facts: key ("index SimulationRun_status_idx") → normalised
// definition. Two databases match when their snapshots are equal. Prisma's own bookkeeping
// table (_prisma_migrations) and SQLite's internal tables are left out.
import Database from 'better-sqlite3';
import { sqliteFilePath, type DatabaseProvider } from '../../src/db/target.js';
import { withClient } from './temp-database.js';

export type SchemaSnapshot = Map<string, string>;

const PRISMA_TABLE = '_prisma_migrations';

export function snapshotSchema(provider: DatabaseProvider, url: string): Promise<SchemaSnapshot> {
  return provider === 'sqlite' ? snapshotSqlite(url) : snapshotPostgres(url);
}

async function snapshotSqlite(url: string): Promise<SchemaSnapshot> {
  const file = sqliteFilePath(url);
  if (!file) throw new Error('The drift check needs SQLite files, not in-memory databases');
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master
          WHERE type IN ('table', 'index') AND sql IS NOT NULL
            AND name NOT LIKE 'sqlite_%' AND tbl_name <> ?`,
      )
      .all(PRISMA_TABLE) as Array<{ type: string; name: string; tableName: string; sql: string }>;
    const snapshot: SchemaSnapshot = new Map();
    for (const row of rows) {
      if (row.type === 'index') {
        snapshot.set(`index ${row.name}`, normaliseSql(row.sql));
        continue;
      }
      // Column order is not compared: SQLite can only append columns (ALTER TABLE … ADD), so a
      // migrated table may list them in another order than a freshly created one.
      for (const item of tableItems(row.sql)) snapshot.set(`table ${row.name}: ${itemKey(item)}`, item);
    }
    return snapshot;
  } finally {
    db.close();
  }
}

/** The comma-separated definitions inside CREATE TABLE (…), split at top level only. */
function tableItems(sql: string): string[] {
  const body = sql.slice(sql.indexOf('(') + 1, sql.lastIndexOf(')'));
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (const ch of body) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      items.push(normaliseSql(current));
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) items.push(normaliseSql(current));
  return items;
}

/** A column is keyed by its name, a constraint by its kind and name or columns. */
function itemKey(item: string): string {
  const column = /^"([^"]+)"/.exec(item);
  if (column) return `column ${column[1]}`;
  const named = /^CONSTRAINT "([^"]+)"/i.exec(item);
  if (named) return `constraint ${named[1]}`;
  return item;
}

function normaliseSql(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .replace(/,/g, ', ')
    .trim();
}

async function snapshotPostgres(url: string): Promise<SchemaSnapshot> {
  return withClient(url, async (client) => {
    const snapshot: SchemaSnapshot = new Map();
    const columns = await client.query<Record<string, string | null>>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
              character_maximum_length::text AS max_length, numeric_precision::text AS numeric_precision,
              datetime_precision::text AS datetime_precision
         FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name <> $1`,
      [PRISMA_TABLE],
    );
    for (const c of columns.rows) {
      const { table_name, column_name, ...definition } = c;
      snapshot.set(
        `column ${table_name}.${column_name}`,
        Object.entries(definition)
          .filter(([, v]) => v !== null)
          .map(([k, v]) => `${k}=${v}`)
          .join(' '),
      );
    }
    const indexes = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename <> $1`,
      [PRISMA_TABLE],
    );
    for (const i of indexes.rows) snapshot.set(`index ${i.indexname}`, i.indexdef);
    const enums = await client.query<{ typname: string; labels: string }>(
      `SELECT t.typname, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE t.typnamespace = current_schema()::regnamespace
        GROUP BY t.typname`,
    );
    for (const e of enums.rows) snapshot.set(`enum ${e.typname}`, e.labels);
    const constraints = await client.query<{ table_name: string; conname: string; definition: string }>(
      `SELECT c.conrelid::regclass::text AS table_name, c.conname, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c
        WHERE c.connamespace = current_schema()::regnamespace AND c.conrelid <> 0
          AND c.conrelid::regclass::text NOT IN ($1, $2)`,
      [PRISMA_TABLE, `"${PRISMA_TABLE}"`],
    );
    for (const c of constraints.rows) snapshot.set(`constraint ${c.table_name}.${c.conname}`, c.definition);
    return snapshot;
  });
}

/** Readable differences, one line per fact; empty when the schemas match. */
export function diffSnapshots(
  left: SchemaSnapshot,
  right: SchemaSnapshot,
  labels: { left: string; right: string },
): string[] {
  const lines: string[] = [];
  const keys = [...new Set([...left.keys(), ...right.keys()])].sort();
  for (const key of keys) {
    const a = left.get(key);
    const b = right.get(key);
    if (a === b) continue;
    if (b === undefined) lines.push(`  - ${key}\n      only in ${labels.left}: ${a}`);
    else if (a === undefined) lines.push(`  + ${key}\n      only in ${labels.right}: ${b}`);
    else lines.push(`  ~ ${key}\n      ${labels.left}: ${a}\n      ${labels.right}: ${b}`);
  }
  return lines;
}
