// Abuse of the GraphQL endpoint, over real sockets on both providers (issue 11): each attack
// document is refused with its own typed error, nothing runs and nothing is written, and the
// server keeps answering `{ __typename }` from another client within 100 ms while it refuses.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/graphql/limits.js';
import { requestPolicyFromEnv } from '../../src/http/request-policy.js';
import { createYogaApp, GRAPHQL_PATH, startHttpServer } from '../../src/server.js';
import { PROVIDERS } from '../support/databases.js';
import { insertRun, startApi, unusedRunner, type ApiHarness } from './support.js';

// One keep-alive agent per role: the probe never waits behind a socket the attacker uses.
const attackerAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function post(port: number, agent: http.Agent, body: string): Promise<{ status: number; json: any; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: GRAPHQL_PATH,
        agent,
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          let json: any = null;
          try {
            json = JSON.parse(text);
          } catch {
            json = { raw: text };
          }
          resolve({ status: res.statusCode!, json, ms: performance.now() - started });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const nested = (levels: number, inner: string, wrap: (s: string) => string) => {
  let s = inner;
  for (let i = 0; i < levels; i++) s = wrap(s);
  return s;
};

interface Attack {
  name: string;
  body: () => string;
  /** extensions one of the errors must have */
  expected: Record<string, unknown>;
  /** Refused while executing (a field error: HTTP 200 with data null), not before. */
  duringExecution?: boolean;
}

const ATTACKS: Attack[] = [
  {
    name: 'depth 20',
    body: () => JSON.stringify({ query: `{ ${nested(6, 'name', (s) => `runs(first: 1) { nodes { study { ${s} } } }`)} }` }),
    expected: { code: 'QUERY_TOO_COMPLEX', kind: 'DEPTH', limit: LIMITS.maxDepth },
  },
  {
    name: '1,000 aliases',
    // Aliases of a field that reads the database (armor lets `__typename` aliases through).
    body: () => JSON.stringify({ query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: runStats { count }`).join(' ')} }` }),
    expected: { code: 'QUERY_TOO_COMPLEX', kind: 'ALIASES', limit: LIMITS.maxAliases, measured: 1000 },
  },
  {
    name: '5,000 directives',
    body: () => JSON.stringify({ query: `{ __typename ${'@include(if: true) '.repeat(5000)}}` }),
    expected: { code: 'QUERY_TOO_COMPLEX', kind: 'DIRECTIVES', limit: LIMITS.maxDirectives, measured: 5000 },
  },
  {
    name: 'a 100,000-token document',
    body: () => JSON.stringify({ query: `{ ${'__typename '.repeat(100_000)}}` }),
    expected: { code: 'QUERY_TOO_COMPLEX', kind: 'TOKENS', limit: LIMITS.maxDocumentTokens },
  },
  {
    name: 'a 1,000-operation batch',
    body: () => JSON.stringify(Array.from({ length: 1000 }, () => ({ query: 'mutation { createStudy(input: { name: "batch" }) { id } }' }))),
    expected: { code: 'BAD_REQUEST' },
  },
  {
    name: 'a fragment cycle',
    body: () => JSON.stringify({ query: '{ runs(first: 1) { nodes { ...A } } } fragment A on SimulationRun { study { runs(first: 1) { nodes { ...B } } } } fragment B on SimulationRun { ...A }' }),
    expected: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'a 500-level nested RunFilter variable',
    body: () => `{"query":"query($f: RunFilter) { runs(filter: $f) { totalCount } }","variables":{"f":${nested(500, '{"status":{"eq":"COMPLETED"}}', (s) => `{"not":${s}}`)}}}`,
    expected: { code: 'BAD_USER_INPUT', kind: 'VARIABLE_DEPTH', limit: LIMITS.maxVariableNesting },
  },
  {
    // A literal page size makes the document's cost: refused while validating.
    name: 'first: 100000',
    body: () => JSON.stringify({ query: '{ runs(first: 100000) { nodes { id } } }' }),
    expected: { code: 'QUERY_TOO_COMPLEX', kind: 'COMPLEXITY', limit: LIMITS.maxComplexity },
  },
  {
    // The same page size in a variable is only known when executing: the page-size limit.
    name: 'first: 100000 as a variable',
    body: () => JSON.stringify({ query: 'query($n: Int) { runs(first: $n) { nodes { id } } }', variables: { n: 100000 } }),
    expected: { code: 'BAD_USER_INPUT' },
    duringExecution: true,
  },
];

describe.each(PROVIDERS)('attack documents over HTTP (%s)', (provider) => {
  let api: ApiHarness;
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    api = await startApi(provider);
    await insertRun(api.db, { systemName: 'kept' });
    const yoga = createYogaApp({ db: api.db, runner: unusedRunner, policy: requestPolicyFromEnv({}, '127.0.0.1'), persistedOnly: false });
    server = await startHttpServer(yoga, 0, '127.0.0.1');
    port = (server.address() as AddressInfo).port;
    // Code paths warm, as on a server that has been up a while: the bound is for steady
    // service, not for the first-ever compilation of the parser and validation rules.
    for (const attack of ATTACKS) await post(port, attackerAgent, attack.body());
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await api?.close();
  });

  it.each(ATTACKS)('$name is refused with its typed error while { __typename } still answers within 100 ms', async ({ body, expected, duringExecution }) => {
    const payload = body();
    const before = [await api.db.prisma.study.count(), await api.db.prisma.simulationRun.count()];
    // Up to three rounds, judged by the best: on a shared 2-core CI machine another test file
    // can take the CPU for a moment; a server that blocks on the attack fails every round.
    let bestWorstProbe = Infinity;
    let latencies = '';
    for (let round = 0; round < 3 && bestWorstProbe >= 100; round++) {
      // Warm the probe's connection, then probe every 5 ms for as long as the attack is in flight.
      await post(port, probeAgent, '{"query":"{ __typename }"}');
      let attacking = true;
      const probes: number[] = [];
      const probing = (async () => {
        while (attacking || probes.length < 3) {
          const probe = await post(port, probeAgent, '{"query":"{ __typename }"}');
          expect(probe.json.data).toEqual({ __typename: 'Query' });
          probes.push(probe.ms);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      const attacks = [];
      for (let i = 0; i < 3; i++) attacks.push(await post(port, attackerAgent, payload));
      attacking = false;
      await probing;
      for (const reply of attacks) {
        if (duringExecution) {
          expect(reply.status).toBe(200);
          expect(reply.json.data).toBeNull();
        } else {
          expect(reply.status, JSON.stringify(reply.json).slice(0, 300)).toBeGreaterThanOrEqual(400);
          expect(reply.status).toBeLessThan(500);
        }
        const errors = reply.json.errors ?? [];
        expect(errors.length, JSON.stringify(reply.json).slice(0, 300)).toBeGreaterThan(0);
        expect(errors.some((e: any) => Object.entries(expected).every(([k, v]) => e.extensions?.[k] === v)), JSON.stringify(errors.slice(0, 3)).slice(0, 500)).toBe(true);
        expect(JSON.stringify(reply.json)).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error/);
      }
      bestWorstProbe = Math.min(bestWorstProbe, Math.max(...probes));
      latencies += ` round ${round + 1}: ${probes.map((p) => p.toFixed(1)).join(', ')};`;
    }
    expect(bestWorstProbe, `probe latencies (ms):${latencies}`).toBeLessThan(100);
    expect([await api.db.prisma.study.count(), await api.db.prisma.simulationRun.count()]).toEqual(before);
  });
});

describe('field suggestions', () => {
  it('are hidden with NODE_ENV=production, so typos do not map the schema; shown otherwise', async () => {
    const api = await startApi('sqlite');
    const previous = process.env.NODE_ENV;
    try {
      process.env.NODE_ENV = 'production';
      const production = createYogaApp({ db: api.db, runner: unusedRunner, policy: requestPolicyFromEnv({}, '127.0.0.1'), persistedOnly: false });
      process.env.NODE_ENV = 'test';
      const development = createYogaApp({ db: api.db, runner: unusedRunner, policy: requestPolicyFromEnv({}, '127.0.0.1'), persistedOnly: false });
      const ask = async (yoga: typeof production) =>
        (await (await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ runz { totalCount } }"}' })).json()) as any;
      const hidden = JSON.stringify((await ask(production)).errors);
      const shown = JSON.stringify((await ask(development)).errors);
      expect(shown).toMatch(/Did you mean/);
      expect(hidden).toMatch(/Cannot query field .{0,3}runz/);
      expect(hidden).not.toMatch(/Did you mean/);
    } finally {
      process.env.NODE_ENV = previous;
      await api.close();
    }
  });
});
