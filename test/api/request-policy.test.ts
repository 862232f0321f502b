// Host, CORS and CSRF checks (src/http/request-policy.ts) and the parser limits
// (src/graphql/parser-limits.ts), over real sockets on 127.0.0.1, on both providers: every
// refusal leaves the database unchanged.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../support/databases.js';
import { requestPolicyFromEnv } from '../../src/http/request-policy.js';
import { createYogaApp, GRAPHQL_PATH, startHttpServer } from '../../src/server.js';
import { LIMITS } from '../../src/graphql/limits.js';
import { insertRun, startApi, unusedRunner, type ApiHarness } from './support.js';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(port: number, options: { method?: string; headers?: Record<string, string>; body?: string; path?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path ?? GRAPHQL_PATH, headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const CREATE_STUDY = JSON.stringify({ query: 'mutation { createStudy(input: { name: "csrf" }) { id } }' });

describe.each(PROVIDERS)('request policy over HTTP (%s)', (provider) => {
  let api: ApiHarness;
  let defaultServer: http.Server;
  let configuredServer: http.Server;
  let defaultPort: number;
  let configuredPort: number;
  const countStudies = () => api.db.prisma.study.count();
  const countRuns = () => api.db.prisma.simulationRun.count();

  beforeAll(async () => {
    api = await startApi(provider);
    const defaultYoga = createYogaApp({ db: api.db, runner: unusedRunner, policy: requestPolicyFromEnv({}, '127.0.0.1') });
    const configuredYoga = createYogaApp({
      db: api.db,
      runner: unusedRunner,
      policy: requestPolicyFromEnv({ CORS_ORIGINS: 'https://a.example, https://b.example', ALLOWED_HOSTS: 'app.internal' }, '127.0.0.1'),
    });
    defaultServer = await startHttpServer(defaultYoga, 0, '127.0.0.1');
    configuredServer = await startHttpServer(configuredYoga, 0, '127.0.0.1');
    defaultPort = (defaultServer.address() as AddressInfo).port;
    configuredPort = (configuredServer.address() as AddressInfo).port;
  });

  afterAll(async () => {
    defaultServer?.close();
    configuredServer?.close();
    await api?.close();
  });

  const json = { 'content-type': 'application/json', accept: 'application/json' };

  it('gives another origin no CORS headers by default, on a preflight and on a simple request', async () => {
    const preflight = await request(defaultPort, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const simple = await request(defaultPort, { headers: { ...json, origin: 'https://evil.example' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(simple.status).toBe(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('with CORS_ORIGINS gives exactly the listed origins CORS headers, never *', async () => {
    for (const origin of ['https://a.example', 'https://b.example']) {
      const preflight = await request(configuredPort, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(preflight.headers['access-control-allow-origin']).toBe(origin);
      const simple = await request(configuredPort, { headers: { ...json, origin }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(simple.headers['access-control-allow-origin']).toBe(origin);
      expect(simple.headers['access-control-allow-credentials']).toBe('true');
    }
    const other = await request(configuredPort, { method: 'OPTIONS', headers: { origin: 'https://c.example', 'access-control-request-method': 'POST' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(() => requestPolicyFromEnv({ CORS_ORIGINS: '*' }, '127.0.0.1')).toThrow(/cannot be "\*"/);
  });

  it('refuses form, text and multipart POSTs of a mutation with 415 and writes nothing', async () => {
    const before = await countStudies();
    const bodies: [string, string][] = [
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent('mutation { createStudy(input: { name: "csrf" }) { id } }')}`],
      ['text/plain', CREATE_STUDY],
      ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${CREATE_STUDY}\r\n--x--\r\n`],
    ];
    for (const [contentType, body] of bodies) {
      const reply = await request(defaultPort, { headers: { 'content-type': contentType }, body });
      expect(reply.status, contentType).toBe(415);
      expect(JSON.parse(reply.body).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await countStudies()).toBe(before);
  });

  it('accepts loopback Host names with any port, refuses a foreign Host with 403; ALLOWED_HOSTS admits one', async () => {
    const query = JSON.stringify({ query: '{ __typename }' });
    for (const host of ['localhost', 'localhost:4000', '127.0.0.1:1234', '[::1]:4000', '[::1]']) {
      expect((await request(defaultPort, { headers: { ...json, host }, body: query })).status, host).toBe(200);
    }
    const before = await countStudies();
    const foreign = await request(defaultPort, { headers: { ...json, host: 'evil.example' }, body: CREATE_STUDY });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).errors[0].extensions.code).toBe('FORBIDDEN_HOST');
    expect((await request(defaultPort, { headers: { ...json, host: 'app.internal:8080' }, body: query })).status).toBe(403);
    expect((await request(configuredPort, { headers: { ...json, host: 'app.internal:8080' }, body: query })).status).toBe(200);
    expect((await request(configuredPort, { headers: { ...json, host: 'evil.example' }, body: query })).status).toBe(403);
    expect(await countStudies()).toBe(before);
  });

  // 400 for clients that accept application/graphql-response+json; an application/json-only
  // client gets the same typed error with 200, as the GraphQL-over-HTTP spec asks (Yoga does so).
  const graphqlResponse = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

  it('refuses a 3,000-level nested filter literal before parsing, as a typed 400', async () => {
    const literal = 'not: {'.repeat(3000) + 'status: { eq: COMPLETED }' + '}'.repeat(3000);
    const plain = await request(defaultPort, { headers: json, body: JSON.stringify({ query: `{ runs(filter: { ${literal} }) { totalCount } }` }) });
    expect(JSON.parse(plain.body).errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', kind: 'DOCUMENT_DEPTH' });
    const reply = await request(defaultPort, { headers: graphqlResponse, body: JSON.stringify({ query: `{ runs(filter: { ${literal} }) { totalCount } }` }) });
    expect(reply.status).toBe(400);
    const error = JSON.parse(reply.body).errors[0];
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', kind: 'DOCUMENT_DEPTH', limit: LIMITS.maxDocumentNesting });
  });

  it('refuses a document of more tokens than the limit, as a typed 400', async () => {
    const query = `{ ${'__typename '.repeat(LIMITS.maxDocumentTokens + 10)} }`;
    const reply = await request(defaultPort, { headers: graphqlResponse, body: JSON.stringify({ query }) });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', kind: 'TOKENS', limit: LIMITS.maxDocumentTokens });
  });

  it('refuses a 100,000-level nested metadata variable as BAD_USER_INPUT and writes nothing', async () => {
    const run = await insertRun(api.db, { systemName: 'Deep metadata' });
    const levels = 100_000;
    // Built as text: JSON.stringify itself recurses and would overflow on this value.
    const metadata = '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
    const body = `{"query":"mutation($i: UpdateRunMetadataInput!) { updateRunMetadata(input: $i) { metadata } }","variables":{"i":{"id":"${run.globalId}","metadata":${metadata}}}}`;
    const reply = await request(defaultPort, { headers: json, body });
    const error = JSON.parse(reply.body).errors[0];
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions).toMatchObject({ kind: 'VARIABLE_DEPTH', limit: LIMITS.maxVariableNesting });
    const row = await api.db.prisma.simulationRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.metadataJson ?? null).not.toContain('"a"');
    expect(await countRuns()).toBeGreaterThan(0);
    // The server still answers.
    expect((await request(defaultPort, { headers: json, body: JSON.stringify({ query: '{ __typename }' }) })).status).toBe(200);
  });
});
