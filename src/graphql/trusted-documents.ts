/**
 * Trusted documents: the operations our own clients send (the explorer's web/src/operations and
 * client/operations) are known by the sha256 the GraphQL Code Generator client preset computed
 * (its persisted-documents.json manifests, committed and drift-checked by `npm run
 * codegen:check`). Clients send `extensions.persistedQuery.sha256Hash` instead of the text.
 *
 * Default mode: a known hash runs its document, and any document text runs as before (GraphiQL,
 * curl). PERSISTED_ONLY=1: only known hashes run; document text, unknown hashes and
 * introspection are refused, so a stranger with a token can still only run what our clients
 * run. Yoga's persisted-operations plugin does the lookup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The codegen manifests the server trusts (codegen.ts writes them). */
export const TRUSTED_MANIFESTS = ['web/src/gql/persisted-documents.json', 'client/generated/persisted-documents.json'].map((p) => path.join(ROOT, p));

/** Hash (hex, without the manifest's `sha256:` prefix) → document text. */
export function loadTrustedDocuments(files: string[] = TRUSTED_MANIFESTS): Map<string, string> {
  const documents = new Map<string, string>();
  for (const file of files) {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    for (const [hash, text] of Object.entries(manifest)) documents.set(hash.replace(/^sha256:/, ''), text);
  }
  return documents;
}

function refusal(code: string, message: string) {
  return () => createGraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

export function useTrustedDocuments(options: { persistedOnly: boolean; documents?: Map<string, string> }): Plugin[] {
  const documents = options.documents ?? loadTrustedDocuments();
  const plugins: Plugin[] = [
    usePersistedOperations({
      getPersistedOperation: (hash) => documents.get(hash.replace(/^sha256:/, '')) ?? null,
      allowArbitraryOperations: !options.persistedOnly,
      // The manifest's documents were validated against this schema by codegen, but a server
      // may be older or newer than its clients: validate anyway (cached per document by Yoga).
      skipDocumentValidation: false,
      customErrors: {
        notFound: refusal('PERSISTED_QUERY_NOT_FOUND', 'No trusted document has this sha256Hash (run `npm run codegen` and restart the server).'),
        keyNotFound: refusal(
          options.persistedOnly ? 'PERSISTED_QUERY_ONLY' : 'BAD_REQUEST',
          options.persistedOnly
            ? 'This server runs trusted documents only: send extensions.persistedQuery.sha256Hash of a codegen document.'
            : 'Send a query, or extensions.persistedQuery { version: 1, sha256Hash } of a trusted document.',
        ),
        persistedQueryOnly: refusal('PERSISTED_QUERY_ONLY', 'This server runs trusted documents only: document text is refused; send extensions.persistedQuery.sha256Hash.'),
      },
    }) as Plugin,
  ];
  if (options.persistedOnly) {
    plugins.push({
      onValidate({ addValidationRule }) {
        addValidationRule(NoSchemaIntrospectionCustomRule);
      },
    });
  }
  return plugins;
}
