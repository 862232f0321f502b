// Sends a scenario to a Yoga app in-process (yoga.fetch: the whole GraphQL server path, no
// socket) and fails loudly on errors, so a benchmark never times an error response.
import type { SimulationRunnerLike } from '../../src/server.js';
import type { Scenario } from './scenarios.js';

interface FetchesGraphql {
  fetch(url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<Response> | Response;
}

export async function executeGraphql(yoga: FetchesGraphql, scenario: Pick<Scenario, 'query' | 'variables' | 'title'>): Promise<unknown> {
  const response = await yoga.fetch('http://bench.local/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
  if (!response.ok || body.errors?.length) {
    throw new Error(`${scenario.title}: HTTP ${response.status} ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

/** The benchmarks only read: a runner that refuses to run makes an accidental mutation loud. */
export const queriesOnlyRunner: SimulationRunnerLike = {
  runSimulation() {
    return Promise.reject(new Error('benchmarks do not run simulations'));
  },
};
