// Migration drift check for both providers, and generation of the next migration.
//
//   npx tsx scripts/check-migrations.ts                 # exit 1 with a readable diff on drift
//   npx tsx scripts/check-migrations.ts --provider sqlite
//   npx tsx scripts/check-migrations.ts --write run_query_indexes
//
// Check: the committed migrations, applied with `prisma migrate deploy`, must produce the same
// schema as prisma/models.prisma does from scratch (`migrate diff --from-empty --script`).
// `migrate diff --from-migrations` cannot do this here (SQLite shadow database: P3006; adapter-pg
// shadow database issues) and `--from-url` / `--from-schema-datasource` are refused when
// prisma.config.ts defines an adapter; so both schemas are built in throw-away databases and
// compared as catalog facts (see migrations/schema-snapshot.ts). Indexes Prisma cannot express
// (migrations/hand-written-indexes.ts) must exist after the migrations and are otherwise ignored.
//
// --write NAME: applies the migrations to a throw-away database, introspects it with
// `prisma db pull` into a copy of the schema folder (the models "as migrated"), then
// `migrate diff --from-schema-datamodel <copy> --to-schema-datamodel prisma/<provider>` gives the
// SQL from the last migration to the current models. Written as
// prisma/<provider>/migrations/<UTC timestamp>_NAME/migration.sql, then checked like above.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateDatabase } from '../src/db/migrate.js';
import type { DatabaseProvider } from '../src/db/target.js';
import { HAND_WRITTEN_INDEXES } from './migrations/hand-written-indexes.js';
import { isEmptyMigration, prismaCli, PROJECT_ROOT } from './migrations/prisma-cli.js';
import { diffSnapshots, snapshotSchema } from './migrations/schema-snapshot.js';
import { createTempDatabase, type TempDatabase } from './migrations/temp-database.js';

const { values: args } = parseArgs({
  options: {
    provider: { type: 'string', default: 'both' },
    write: { type: 'string' },
  },
});

const providers: DatabaseProvider[] =
  args.provider === 'both' ? ['sqlite', 'postgres'] : args.provider === 'sqlite' || args.provider === 'postgres' ? [args.provider] : [];
if (providers.length === 0) fail(`--provider must be sqlite, postgres or both (got "${args.provider}")`);
if (args.write !== undefined && !/^[a-z0-9]+(_[a-z0-9]+)*$/.test(args.write)) {
  fail(`--write needs a snake_case migration name like run_query_indexes (got "${args.write}")`);
}

if (args.write) {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  for (const provider of providers) {
    const written = await writeMigration(provider, `${stamp}_${args.write}`);
    console.log(written ? `[${provider}] wrote ${path.relative(PROJECT_ROOT, written)}` : `[${provider}] models match the migrations: nothing to write`);
  }
}

let drifted = false;
for (const provider of providers) {
  const differences = await checkProvider(provider);
  if (differences.length === 0) {
    console.log(`[${provider}] migrations match prisma/models.prisma`);
  } else {
    drifted = true;
    console.error(`[${provider}] DRIFT: the committed migrations do not produce the schema of prisma/models.prisma`);
    console.error(differences.join('\n'));
    console.error(`  Fix: npx tsx scripts/check-migrations.ts --write <name>  (see docs/migrations.md)`);
  }
}
process.exit(drifted ? 1 : 0);

async function checkProvider(provider: DatabaseProvider): Promise<string[]> {
  return withTempDatabases(provider, async (migrated, fromModels) => {
    await migrateDatabase(migrated.url);
    await fromModels.execute(await modelsScript(fromModels.url, ['--from-empty']));
    const [a, b] = await Promise.all([snapshotSchema(provider, migrated.url), snapshotSchema(provider, fromModels.url)]);
    const missing: string[] = [];
    for (const index of HAND_WRITTEN_INDEXES[provider]) {
      if (!a.delete(`index ${index.name}`)) {
        missing.push(`  - index ${index.name}\n      hand-written in ${index.migration}, but missing after the migrations`);
      }
    }
    return [...missing, ...diffSnapshots(a, b, { left: 'migrations', right: 'models' })];
  });
}

async function writeMigration(provider: DatabaseProvider, folderName: string): Promise<string | null> {
  const migrated = await createTempDatabase(provider, 'write');
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-schema-'));
  try {
    await migrateDatabase(migrated.url);
    for (const index of HAND_WRITTEN_INDEXES[provider]) await migrated.execute(`DROP INDEX IF EXISTS "${index.name}"`);
    const schemaFolder = path.join(PROJECT_ROOT, 'prisma', provider);
    fs.copyFileSync(path.join(schemaFolder, 'schema.prisma'), path.join(copy, 'schema.prisma'));
    // The symlinked models are copied as a file: db pull rewrites it with what the database holds,
    // keeping what a database cannot say (relation names, @default(uuid()), @updatedAt).
    fs.copyFileSync(fs.realpathSync(path.join(schemaFolder, 'models.prisma')), path.join(copy, 'models.prisma'));
    await prismaCli(migrated.url, ['db', 'pull', '--schema', copy]);
    const sql = await modelsScript(migrated.url, ['--from-schema-datamodel', copy]);
    if (isEmptyMigration(sql)) return null;
    const folder = path.join(schemaFolder, 'migrations', folderName);
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, 'migration.sql');
    fs.writeFileSync(file, sql.endsWith('\n') ? sql : `${sql}\n`);
    return file;
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
    await migrated.drop();
  }
}

/** `prisma migrate diff <from> --to-schema-datamodel prisma/<provider> --script` as text. */
async function modelsScript(databaseUrl: string, from: string[]): Promise<string> {
  const provider = databaseUrl.startsWith('file:') ? 'sqlite' : 'postgres';
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eco-diff-')), 'diff.sql');
  try {
    await prismaCli(databaseUrl, ['migrate', 'diff', ...from, '--to-schema-datamodel', path.join('prisma', provider), '--script', '--output', out]);
    return fs.readFileSync(out, 'utf8');
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

async function withTempDatabases<T>(provider: DatabaseProvider, fn: (a: TempDatabase, b: TempDatabase) => Promise<T>): Promise<T> {
  const a = await createTempDatabase(provider, 'migrations');
  try {
    const b = await createTempDatabase(provider, 'models');
    try {
      return await fn(a, b);
    } finally {
      await b.drop();
    }
  } finally {
    await a.drop();
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
