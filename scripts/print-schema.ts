/**
 * Writes schema.graphql from the Pothos schema, sorted (lexicographicSortSchema) so the file
 * only changes when the schema does. `--check` writes nothing and exits 1 if the committed
 * file is stale — CI runs it, and codegen reads the committed file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/graphql/schema.js';

const schemaFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'schema.graphql');

export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

const printed = printSortedSchema();
if (process.argv.includes('--check')) {
  const committed = fs.existsSync(schemaFile) ? fs.readFileSync(schemaFile, 'utf8') : '';
  if (committed !== printed) {
    console.error('schema.graphql is stale: run `npx tsx scripts/print-schema.ts` and commit the result.');
    process.exit(1);
  }
  console.log('schema.graphql is up to date.');
} else {
  fs.writeFileSync(schemaFile, printed);
  console.log(`wrote ${path.relative(process.cwd(), schemaFile)}`);
}
