// Typed documents for the example operations in client/operations and the explorer web/src/operations, generated from the
// committed schema.graphql (never from a running server), so CI needs no network.
// Regenerate: `npx graphql-codegen --config codegen.ts` after `npx tsx scripts/print-schema.ts`.
import type { CodegenConfig } from '@graphql-codegen/cli';

const sharedConfig = {
  // NodeNext ESM: imports must not be rewritten to CommonJS-style paths.
  emitLegacyCommonJSImports: false,
  useTypeImports: true,
  enumsAsTypes: true,
  scalars: { DateTime: 'string', JSON: 'unknown' },
};

const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: false,
  generates: {
    'client/generated/': {
      documents: ['client/operations/*.graphql'],
      preset: 'client',
      // Each document carries the sha256 the server trusts it by (persisted-documents.json,
      // hash -> document; src/graphql/trusted-documents.ts), for PERSISTED_ONLY servers.
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: {
        // NodeNext ESM: imports must not be rewritten to CommonJS-style paths.
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
    // The Results Explorer (web/): its operations as typed documents (string mode: no graphql
    // parser in the bundle), each with the sha256 the server knows it by
    // (persisted-documents.json, hash -> document).
    'web/src/gql/': {
      documents: ['web/src/operations/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: { ...sharedConfig, documentMode: 'string' },
    },
  },
};

export default config;
