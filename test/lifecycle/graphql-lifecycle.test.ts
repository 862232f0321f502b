// The lifecycle fields through Yoga: runSimulation(wait: false), cancelRun, runUpdated over
// Server-Sent Events, and the OVERLOADED error mapping.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runnerErrorToGraphQL } from '../../src/graphql/run-lifecycle.js';
import { RunnerOverloadedError, SimulationRunner } from '../../src/runner/runner.js';
import { startApi, type ApiHarness } from '../api/support.js';
import { PROVIDERS } from '../support/databases.js';
import { houseSystem, quiet, SLOW_OPTIONS, until, yearSystem } from './support/systems.js';

describe.each(PROVIDERS)('lifecycle API on %s', (provider) => {
  let api: ApiHarness;
  let runner: SimulationRunner;
  beforeAll(async () => {
    api = await startApi(provider, (db) => (runner = new SimulationRunner(db, { poolSize: 1, progressIntervalMs: 100, log: quiet })));
  });
  afterAll(async () => {
    await runner?.close();
    await api?.close();
  });

  it('runSimulation(wait: false) returns at once with the run QUEUED or RUNNING; polling sees it finish', async () => {
    const response = await api.gql(
      `mutation($input: RunSimulationInput!) {
        runSimulation(input: $input, wait: false) { runId logDeferred kpis { totalCostEur } run { id status } }
      }`,
      { input: { system: houseSystem('GraphQL no wait', 2000) } },
    );
    expect(response.errors).toBeUndefined();
    const payload = response.data!.runSimulation;
    expect(['QUEUED', 'RUNNING']).toContain(payload.run.status);
    expect(payload.kpis).toBeNull();
    expect(payload.logDeferred).toBe(false);
    const poll = 'query($id: ID!) { run(id: $id) { status kpis { totalCostEur } } }';
    await until(async () => (await api.gql(poll, { id: payload.runId })).data!.run.status === 'COMPLETED');
    const done = await api.gql(poll, { id: payload.runId });
    expect(done.data!.run.kpis.totalCostEur).toBeTypeOf('number');
  });

  it('cancelRun stops a running run; a second cancel is a CONFLICT, an unknown id NOT_FOUND', async () => {
    const started = await runner.runSimulation({ system: yearSystem('GraphQL cancel'), options: SLOW_OPTIONS }, { wait: false });
    await until(() => runner.stats().running === 1);
    const id = encodeGlobalID('SimulationRun', started.runId);
    const mutation = 'mutation($id: ID!) { cancelRun(id: $id) { run { id status errorCode } } }';
    const first = await api.gql(mutation, { id });
    expect(first.errors).toBeUndefined();
    expect(first.data!.cancelRun.run).toMatchObject({ id, status: 'CANCELLED', errorCode: 'CANCELLED' });
    const second = await api.gql(mutation, { id });
    expect(second.errors![0]!.extensions!.code).toBe('CONFLICT');
    const unknown = await api.gql(mutation, { id: encodeGlobalID('SimulationRun', '00000000-0000-4000-8000-000000000000') });
    expect(unknown.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('runUpdated streams the current state and each change over SSE, and ends after the final status', async () => {
    const started = await runner.runSimulation({ system: houseSystem('GraphQL live', 2000) }, { wait: false });
    const response = await api.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription($id: ID!) { runUpdated(id: $id) { status logged run { status } } }',
        variables: { id: encodeGlobalID('SimulationRun', started.runId) },
      }),
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await response.text(); // the stream ends after the terminal status
    const updates = [...text.matchAll(/^data: (.+)$/gm)].map((m) => JSON.parse(m[1]!)).filter((p) => p.data);
    const statuses = updates.map((u) => u.data.runUpdated.status);
    expect(['QUEUED', 'RUNNING']).toContain(statuses[0]);
    expect(statuses.at(-1)).toBe('COMPLETED');
    expect(updates.at(-1).data.runUpdated.run.status).toBe('COMPLETED');
  });
});

describe('runner errors as API errors', () => {
  it('OVERLOADED carries the retry hint and the limit; other errors pass through', () => {
    const limit = { maxPendingRuns: 10, pendingRuns: 10, maxPendingInputBytes: 1e6, pendingInputBytes: 2e4 };
    const mapped = runnerErrorToGraphQL(new RunnerOverloadedError(limit, 3)) as GraphQLError;
    expect(mapped).toBeInstanceOf(GraphQLError);
    expect(mapped.extensions).toMatchObject({ code: 'OVERLOADED', retryAfterSeconds: 3, maxPendingRuns: 10, pendingRuns: 10 });
    const other = new Error('x');
    expect(runnerErrorToGraphQL(other)).toBe(other);
  });
});
