// Runs the project's Prisma CLI for one database: prisma.config.ts picks the provider's schema
// folder, migrations and driver adapter from DATABASE_URL, so the URL decides everything.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function prismaCli(databaseUrl: string, args: string[]): Promise<string> {
  const cli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  try {
    const { stdout } = await run(process.execPath, [cli, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`prisma ${args.join(' ')} failed:\n${e.stderr || e.stdout || e.message}`);
  }
}

/** Whether a `migrate diff --script` output contains any statement. */
export function isEmptyMigration(sql: string): boolean {
  return sql
    .split('\n')
    .map((line) => line.trim())
    .every((line) => line === '' || line.startsWith('--'));
}
