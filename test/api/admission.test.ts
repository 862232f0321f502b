// Admission control through real HTTP (issue 13): with at most 5 runs pending, 10 concurrent
// year-long OPTIMAL runSimulation(wait: false) calls — each takes seconds on one worker thread,
// so none ends before all ten arrive — give 5 accepted runs that complete, and 5 OVERLOADED
// refusals answered 503 with Retry-After, with nothing written for them.
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemAsGraphQLInput } from '../../src/graphql/system-input-json.js';
import { admissionFromEnv } from '../../src/runner/admission.js';
import { SimulationRunner } from '../../src/runner/runner.js';
import { startHttpServer } from '../../src/server.js';
import { PROVIDERS } from '../support/databases.js';
import { startApi, type ApiHarness } from './support.js';

const example = JSON.parse(fs.readFileSync(new URL('../../examples/residential-pv-battery.json', import.meta.url), 'utf8'));
const MUTATION = `mutation($input: RunSimulationInput!) { runSimulation(input: $input, wait: false) { run { databaseId status } } }`;

describe('admission settings from the environment', () => {
  it('reads MAX_PENDING_RUNS and MAX_PENDING_INPUT_MB, shares them among cluster processes and refuses nonsense', () => {
    expect(admissionFromEnv({ MAX_PENDING_RUNS: '5' })).toEqual({ maxPendingRuns: 5, maxPendingInputBytes: 256 * 1024 * 1024 });
    expect(admissionFromEnv({ MAX_PENDING_RUNS: '10', MAX_PENDING_INPUT_MB: '64' }, 4)).toEqual({ maxPendingRuns: 2, maxPendingInputBytes: 16 * 1024 * 1024 });
    for (const bad of ['0', '-1', '2.5', 'many']) expect(() => admissionFromEnv({ MAX_PENDING_RUNS: bad })).toThrow(/MAX_PENDING_RUNS must be a positive integer/);
  });
});

describe.each(PROVIDERS)('MAX_PENDING_RUNS=5 over HTTP (%s)', (provider) => {
  let api: ApiHarness;
  let runner: SimulationRunner;
  let server: Server;
  let endpoint: string;

  beforeAll(async () => {
    api = await startApi(provider, (db) => (runner = new SimulationRunner(db, { poolSize: 1, maxPendingRuns: 5, log: () => undefined })));
    server = await startHttpServer(api.yoga, 0, '127.0.0.1');
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server?.close();
    await runner?.close();
    await api?.close();
  });

  it('accepts 5 of 10 concurrent year-long OPTIMAL runs, refuses 5 with OVERLOADED and writes exactly 5 rows', async () => {
    const input = { system: systemAsGraphQLInput(example.system), options: { solver: 'OPTIMAL', objective: 'COST' } };
    const responses = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: JSON.stringify({ query: MUTATION, variables: { input: { ...input, system: { ...input.system, name: `Burst ${i}` } } } }),
        });
        return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
      }),
    );
    const accepted = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status !== 200);
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(5);
    for (const r of accepted) expect(['QUEUED', 'RUNNING']).toContain(r.body.data.runSimulation.run.status);
    for (const r of refused) {
      expect(r.status).toBe(503);
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(r.body.data).toBeNull();
      expect(r.body.errors).toHaveLength(1);
      expect(r.body.errors[0].extensions).toMatchObject({ code: 'OVERLOADED', maxPendingRuns: 5, pendingRuns: 5 });
      expect(r.body.errors[0].extensions.retryAfterSeconds).toBe(Number(r.retryAfter));
      expect(r.body.errors[0].extensions.http).toBeUndefined();
    }
    const ids = accepted.map((r) => r.body.data.runSimulation.run.databaseId as string);
    expect(await api.db.prisma.simulationRun.count()).toBe(5);

    const deadline = Date.now() + 120_000;
    while (runner.stats().held > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const rows = await api.db.prisma.simulationRun.findMany({ select: { id: true, status: true, solver: true } });
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(rows.every((r) => r.status === 'COMPLETED' && r.solver === 'OPTIMAL')).toBe(true);
    expect(runner.stats().pendingInputBytes).toBe(0);
  }, 180_000);
});
