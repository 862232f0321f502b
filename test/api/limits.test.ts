// Limits from day one: depth and complexity (rejected before any SQL runs), masked unexpected
// errors, the request body limit (413 before parsing, with and without Content-Length), and
// GraphiQL with a default document that is valid against the schema.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHIQL_DEFAULT_DOCUMENT } from '../../src/graphql/graphiql-document.js';
import { LIMITS } from '../../src/graphql/limits.js';
import { schema } from '../../src/graphql/schema.js';
import { PROVIDERS } from '../support/databases.js';
import { errorCodes, startApi, type ApiHarness } from './support.js';

describe.each(PROVIDERS)('limits (%s)', (provider) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(provider);
  });
  afterAll(() => api.close());

  it('rejects a query deeper than the depth limit before touching the database', async () => {
    let selection = 'name';
    for (let i = 0; i < 4; i++) selection = `runs(first: 1) { nodes { study { ${selection} } } }`;
    api.sql.length = 0;
    const r = await api.gql(`{ studies(first: 1) { nodes { ${selection} } } }`);
    expect(errorCodes(r)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(r.errors![0].extensions).toMatchObject({ kind: 'DEPTH', limit: LIMITS.maxDepth });
    expect(api.sql).toEqual([]);
  });

  it('rejects a query above the complexity limit, accepts a full page of runs', async () => {
    const r = await api.gql(`{ studies(first: 100) { nodes { runs(first: 100) { nodes { id systemName status } } } } }`);
    expect(errorCodes(r)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(r.errors![0].extensions!.kind).toBe('COMPLEXITY');
    expect(r.errors![0].extensions!.measured).toBeGreaterThan(LIMITS.maxComplexity);
    const full = await api.gql(`{ runs(first: 100) { totalCount nodes { id databaseId systemName status solver objective timesteps timestepHours
      createdAt startedAt finishedAt durationMs tags warnings errorCode errorMessage study { name runCount }
      kpis { totalCostEur operatingCostEur capexEur totalCo2Kg renewableFraction totalGenerationKwh totalDemandKwh gridImportKwh gridExportKwh
             netGridUsageKwh selfConsumptionRate selfSufficiencyRate peakGridImportKw curtailmentKwh unmetDemandKwh batteryEquivalentCycles
             lcoeEurPerKwh npvEur simplePaybackYears co2ReductionFraction }
      solverStatistics { solveStatus solveMs iterationCount } } } }`);
    expect(full.errors).toBeUndefined();
  });

  it('masks unexpected errors: no message, no stack', async () => {
    // The harness runner fails with an internal message the client must not see.
    const r = await api.gql(`mutation { runSimulation(input: { system: { name: "x", components: [], connections: [] } }) { warnings } }`);
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].message).toBe('Unexpected error.');
    const body = JSON.stringify(r);
    expect(body).not.toMatch(/does not run simulations/);
    expect(body).not.toMatch(/stack|\.ts:\d+/);
  });

  it('refuses a body over the limit with 413, by Content-Length and while streaming', async () => {
    const big = JSON.stringify({ query: `{ runs { totalCount } }`, variables: { pad: 'x'.repeat(LIMITS.maxRequestBodyBytes) } });
    const declared = await api.yoga.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(declared.status).toBe(413);

    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 1 << 20) controller.enqueue(bytes.subarray(offset, offset + (1 << 20)));
        controller.close();
      },
    });
    const chunked = await api.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);

    // A year of hourly profile values (~200 KB) is well within the limit.
    const year = JSON.stringify({ query: `query($v: [Float!]) { runStats(filter: { totalCostEur: { notIn: $v } }) { count } }`, variables: { v: [] } });
    const ok = await api.yoga.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: year });
    expect(ok.status).toBe(200);
  });

  it('serves GraphiQL at /graphql with the example document', async () => {
    const r = await api.yoga.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    const html = await r.text();
    expect(html).toMatch(/EcoSystemiser GraphQL/);
    expect(html).toMatch(/CheapestRenewableRuns/);
    expect(html).toMatch(/RunSmallSystem/);
  });
});

// The schema was built with the `graphql` copy Node loads for Pothos (CommonJS); under vitest a
// plain `import 'graphql'` here may load the ESM copy, which refuses a schema of the other.
const { parse, validate } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

describe('GraphiQL default document', () => {
  it('is valid against the schema (a real query and a real mutation)', () => {
    const document = parse(GRAPHIQL_DEFAULT_DOCUMENT);
    expect(validate(schema, document)).toEqual([]);
    expect(document.definitions.map((d) => ('operation' in d ? d.operation : null))).toEqual(['query', 'mutation']);
  });
});
