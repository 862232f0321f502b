// Trusted documents (src/graphql/trusted-documents.ts), both providers: the codegen manifests'
// hashes run in every mode; with PERSISTED_ONLY nothing else does (document text, unknown
// hashes, introspection, GraphiQL), and refusals write nothing.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createYogaApp, type EcoYoga } from '../../src/server.js';
import { requestPolicyFromEnv } from '../../src/http/request-policy.js';
import { loadTrustedDocuments, TRUSTED_MANIFESTS } from '../../src/graphql/trusted-documents.js';
import { PROVIDERS } from '../support/databases.js';
import { errorCodes, insertRun, startApi, unusedRunner, type ApiHarness } from './support.js';

/** The client operation named `name`, by its manifest hash. */
function trusted(name: string): { hash: string; text: string } {
  for (const file of TRUSTED_MANIFESTS) {
    for (const [hash, text] of Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>)) {
      if (new RegExp(`^(query|mutation|subscription) ${name}\\b`).test(text)) return { hash: hash.replace(/^sha256:/, ''), text };
    }
  }
  throw new Error(`no trusted document ${name}`);
}

describe.each(PROVIDERS)('trusted documents (%s)', (provider) => {
  let api: ApiHarness;
  let strict: EcoYoga;
  let open: EcoYoga;

  const send = async (yoga: EcoYoga, body: Record<string, unknown>) => {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as any };
  };
  const byHash = (hash: string, variables: Record<string, unknown> = {}) => ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

  beforeAll(async () => {
    api = await startApi(provider);
    await insertRun(api.db, { systemName: 'Trusted', totalCostEur: 42 });
    const policy = requestPolicyFromEnv({}, '127.0.0.1');
    strict = createYogaApp({ db: api.db, runner: unusedRunner, policy, persistedOnly: true });
    open = createYogaApp({ db: api.db, runner: unusedRunner, policy, persistedOnly: false });
  });
  afterAll(() => api?.close());

  it('every manifest entry is a document the schema accepts, keyed by the sha256 of its text', async () => {
    const { createHash } = await import('node:crypto');
    const documents = loadTrustedDocuments();
    expect(documents.size).toBeGreaterThan(15);
    for (const [hash, text] of documents) expect(createHash('sha256').update(text).digest('hex')).toBe(hash);
  });

  it('PERSISTED_ONLY: a known hash runs its document', async () => {
    const { hash } = trusted('RunStats');
    const r = await send(strict, byHash(hash, {}));
    expect(r.json.errors).toBeUndefined();
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.json.data)).toMatch(/count/);
  });

  it('PERSISTED_ONLY: document text, an unknown hash and introspection are refused, and nothing is written', async () => {
    const before = await api.db.prisma.study.count();
    const text = await send(strict, { query: 'mutation { createStudy(input: { name: "not trusted" }) { id } }' });
    expect(text.status).toBe(400);
    expect(errorCodes(text.json)).toEqual(['PERSISTED_QUERY_ONLY']);
    // The exact text of a trusted document is still text: only its hash is trusted.
    const sameText = await send(strict, { query: trusted('RunStats').text });
    expect(errorCodes(sameText.json)).toEqual(['PERSISTED_QUERY_ONLY']);
    const unknown = await send(strict, byHash('0'.repeat(64)));
    expect(unknown.status).toBe(400);
    expect(errorCodes(unknown.json)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const nothing = await send(strict, {});
    expect(errorCodes(nothing.json)).toEqual(['PERSISTED_QUERY_ONLY']);
    const introspection = await send(strict, { query: '{ __schema { types { name } } }' });
    expect(introspection.json.data).toBeUndefined();
    expect(JSON.stringify(introspection.json)).not.toMatch(/"types"/);
    const graphiql = await strict.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).not.toMatch(/GraphiQL/);
    expect(await api.db.prisma.study.count()).toBe(before);
  });

  it('default mode: trusted hashes and document text both run; an unknown hash is refused', async () => {
    const { hash, text } = trusted('RunStats');
    const viaHash = await send(open, byHash(hash));
    const viaText = await send(open, { query: text });
    expect(viaHash.json.errors).toBeUndefined();
    expect(viaHash.json).toEqual(viaText.json);
    const unknown = await send(open, byHash('f'.repeat(64)));
    expect(errorCodes(unknown.json)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const introspection = await send(open, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.json.data.__schema.queryType.name).toBe('Query');
  });
});
