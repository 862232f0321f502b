// Mutations start a few per event-loop turn (src/graphql/mutation-turns.ts): a query sent with a
// burst of them is answered before most of the burst has started, and every mutation still runs.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemAsGraphQLInput } from '../../src/graphql/system-input-json.js';
import { mutationsPerTurnFromEnv } from '../../src/env-settings.js';
import { turnGate } from '../../src/graphql/mutation-turns.js';
import { createYogaApp } from '../../src/server.js';
import type { SimulationRunnerLike } from '../../src/graphql/context.js';
import { RunnerOverloadedError } from '../../src/runner/errors.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

describe('turnGate', () => {
  it('lets perTurn callers on in a turn and the rest in later turns, first come first served', async () => {
    const enter = turnGate(2);
    const order: number[] = [];
    const waits = Array.from({ length: 5 }, (_, i) => {
      const wait = enter();
      if (wait === undefined) order.push(i);
      return wait?.then(() => order.push(i));
    });
    expect(order).toEqual([0, 1]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([0, 1, 2, 3]);
    await Promise.all(waits);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    // A new turn starts with a fresh allowance.
    await new Promise((resolve) => setImmediate(resolve));
    expect(enter()).toBeUndefined();
  });
});

describe('MUTATIONS_PER_TURN', () => {
  it('is a non-negative integer, the default otherwise', () => {
    expect(mutationsPerTurnFromEnv({})).toBe(4);
    expect(mutationsPerTurnFromEnv({ MUTATIONS_PER_TURN: '0' })).toBe(0);
    expect(mutationsPerTurnFromEnv({ MUTATIONS_PER_TURN: '12' })).toBe(12);
    expect(mutationsPerTurnFromEnv({ MUTATIONS_PER_TURN: '-1' })).toBe(4);
    expect(mutationsPerTurnFromEnv({ MUTATIONS_PER_TURN: '2.5' })).toBe(4);
    expect(mutationsPerTurnFromEnv({ MUTATIONS_PER_TURN: 'many' })).toBe(4);
  });
});

describe('a burst of mutations and one query', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await db.drop();
  });

  /** Sends `count` runSimulation and then `{ __typename }`; how many had reached the runner when the query was answered. */
  async function startedBeforeTheQuery(mutationsPerTurn: number, count: number) {
    let started = 0;
    const runner: SimulationRunnerLike = {
      runSimulation: async () => {
        started++;
        // A typed refusal: the test is about when execution starts, not what it does.
        throw new RunnerOverloadedError({ maxPendingRuns: 0, pendingRuns: 0, maxPendingInputBytes: 0, pendingInputBytes: 0 }, 1);
      },
    };
    const yoga = createYogaApp({ db, runner, mutationsPerTurn });
    const post = async (query: string, variables?: unknown) => {
      const response = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as unknown;
    };
    const system = systemAsGraphQLInput(JSON.parse(fs.readFileSync('examples/residential-pv-battery.json', 'utf8')).system);
    const mutations = Array.from({ length: count }, () => post('mutation ($input: RunSimulationInput!) { runSimulation(input: $input, wait: false) { runId } }', { input: { system } }));
    const answered = await post('{ __typename }').then(() => started);
    const results = (await Promise.all(mutations)) as { errors?: { extensions?: { code?: string } }[] }[];
    return { answered, results, started };
  }

  it('answers the query before most of the burst has started, and runs every mutation', async () => {
    const limited = await startedBeforeTheQuery(2, 12);
    expect(limited.answered).toBeLessThanOrEqual(2);
    expect(limited.started).toBe(12);
    expect(limited.results.map((r) => r.errors?.[0].extensions?.code)).toEqual(Array(12).fill('OVERLOADED'));
    const unlimited = await startedBeforeTheQuery(0, 12);
    expect(unlimited.started).toBe(12);
    expect(unlimited.answered).toBeGreaterThan(limited.answered);
  });
});
