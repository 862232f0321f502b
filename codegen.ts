// Typed documents for the example operations in client/operations, generated from the
// committed schema.graphql (never from a running server), so CI needs no network.
// Regenerate: `npx graphql-codegen --config codegen.ts` after `npx tsx scripts/print-schema.ts`.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['client/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'client/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // NodeNext ESM: imports must not be rewritten to CommonJS-style paths.
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
