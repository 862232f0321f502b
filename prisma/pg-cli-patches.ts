// Loaded only by prisma.config.ts (the CLI) for PostgreSQL, never by the app.
// Prisma's JS schema engine reads pg_catalog columns of type `name` (OID 19), `char` (18) and
// `name[]` (1003); @prisma/adapter-pg cannot map those and migrate fails with "Column type
// 'name' could not be deserialized" (prisma/orm#27403). Reporting them as text / text[] fixes it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Result = require('pg/lib/result.js') as {
  prototype: { addFields(fields: Array<{ dataTypeID: number }>): void };
};

const TEXT = 25;
const TEXT_ARRAY = 1009;
const REMAP: Record<number, number> = { 18: TEXT, 19: TEXT, 1003: TEXT_ARRAY };

const original = Result.prototype.addFields;
Result.prototype.addFields = function addFields(fields) {
  for (const field of fields) {
    const mapped = REMAP[field.dataTypeID];
    if (mapped !== undefined) field.dataTypeID = mapped;
  }
  return original.call(this, fields);
};

// The WASM schema engine arms a 10 s timer on PostgreSQL (its advisory-lock timeout) that is
// never cleared, so every `migrate deploy` lingered 10 s after finishing. Unref'd, it no longer
// keeps the CLI alive; it still fires if the CLI is busy for that long.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = function setTimeoutUnrefLong(...args: Parameters<typeof setTimeout>) {
  const timer = originalSetTimeout(...args);
  if ((args[1] ?? 0) >= 5000) timer.unref();
  return timer;
} as typeof setTimeout;
