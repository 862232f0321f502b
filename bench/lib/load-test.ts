// autocannon (no type definitions shipped) behind a typed function: one bounded run, the
// figures the README reports.
import { createRequire } from 'node:module';

export interface LoadTestOptions {
  url: string;
  body: string;
  connections: number;
  durationSeconds: number;
  /** Every response must equal this body; others count as mismatches. */
  expectBody?: string;
}

export interface LoadTestResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP97_5Ms: number;
  latencyP99Ms: number;
  totalRequests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p97_5: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
}

type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export async function loadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: options.body,
    connections: options.connections,
    duration: options.durationSeconds,
    expectBody: options.expectBody,
  });
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP97_5Ms: result.latency.p97_5,
    latencyP99Ms: result.latency.p99,
    totalRequests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
  };
}
