import fs from 'node:fs';
import path from 'node:path';

export type DatabaseProvider = 'sqlite' | 'postgres';

export interface DatabaseTarget {
  provider: DatabaseProvider;
  /** For SQLite a `file:` URL (relative paths are relative to the process cwd). */
  url: string;
}

export const DEFAULT_SQLITE_URL = 'file:./data/ecosystemiser.db';

/** Which provider a DATABASE_URL means. Unset → the embedded SQLite default. */
export function databaseTarget(databaseUrl: string | undefined): DatabaseTarget {
  const url = databaseUrl?.trim() || DEFAULT_SQLITE_URL;
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: 'postgres', url };
  if (url.startsWith('file:') || url === ':memory:') {
    ensureSqliteFolder(url);
    return { provider: 'sqlite', url };
  }
  throw new Error(`DATABASE_URL must start with postgresql:// or file: (got "${url}")`);
}

/** better-sqlite3 reports only "External error" when the folder of the file is missing. */
function ensureSqliteFolder(url: string): void {
  const file = sqliteFilePath(url);
  if (file) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

export function sqliteFilePath(url: string): string | null {
  if (url === ':memory:' || url === 'file::memory:') return null;
  return url.replace(/^file:/, '').replace(/\?.*$/, '');
}
