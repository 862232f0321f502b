// Shared by the auth tests: a Yoga app with AUTH=required over a fresh test database (real
// runner and study runner), tokens per scope, and calls with or without a bearer token.
import { createServerAuth, type ServerAuth } from '../../src/auth/guard.js';
import { DEFAULT_RATE_LIMIT } from '../../src/auth/settings.js';
import type { RateLimit } from '../../src/auth/rate-limit.js';
import type { DatabaseProvider } from '../../src/db/target.js';
import { SimulationRunner } from '../../src/runner/runner.js';
import { StudyRunner } from '../../src/runner/study-runner.js';
import { createYogaApp, type EcoYoga } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import type { GraphQLResponse } from './support.js';

export interface AuthApi {
  db: TestDatabase;
  yoga: EcoYoga;
  auth: ServerAuth;
  runner: SimulationRunner;
  /** Every SQL statement sent so far (tests clear it). */
  sql: string[];
  /** POST with `Authorization: Bearer <token>` (no header when token is null). */
  call(token: string | null, query: string, variables?: Record<string, unknown>): Promise<{ status: number; headers: Headers; body: GraphQLResponse }>;
  close(): Promise<void>;
}

export async function startAuthApi(provider: DatabaseProvider, rateLimit: RateLimit = DEFAULT_RATE_LIMIT): Promise<AuthApi> {
  const sql: string[] = [];
  const db = await createTestDatabase(provider, { onQuery: (query) => sql.push(query) });
  const runner = new SimulationRunner(db, { poolSize: 1, log: () => undefined });
  await runner.ready;
  const studies = new StudyRunner(db, runner, { log: () => undefined });
  const auth = (await createServerAuth(db, { mode: 'required', rateLimit }, () => undefined))!;
  const yoga = createYogaApp({ db, runner, studies, auth });
  return {
    db,
    yoga,
    auth,
    runner,
    sql,
    async call(token, query, variables) {
      const response = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse };
    },
    async close() {
      await studies.close();
      await runner.close();
      await auth.close();
      await db.drop();
    },
  };
}

/**
 * The first SSE event of a subscription (its parsed data), or null if none came within
 * `waitMs` (a subscription that is open and waiting for changes). The stream is closed after.
 */
export async function firstSubscriptionEvent(
  yoga: EcoYoga,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  waitMs = 400,
): Promise<{ status: number; event: GraphQLResponse | null }> {
  const abort = new AbortController();
  const response = await yoga.fetch('http://test/graphql', {
    method: 'POST',
    signal: abort.signal,
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs));
  try {
    for (;;) {
      const chunk = await Promise.race([reader.read(), timeout]);
      if (chunk === null || chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
      const match = /event: next\ndata: (.*)\n/.exec(text);
      if (match) return { status: response.status, event: JSON.parse(match[1]!) as GraphQLResponse };
    }
    return { status: response.status, event: null };
  } finally {
    abort.abort();
    await reader.cancel().catch(() => undefined);
  }
}

export interface OpenSubscription {
  /** Parsed `next` events so far. */
  events: GraphQLResponse[];
  /** Whether the server sent `complete` (or closed the stream). */
  completed(): boolean;
  close(): void;
}

/** A subscription over SSE read in the background, event by event. */
export async function openSubscription(yoga: EcoYoga, token: string, query: string): Promise<OpenSubscription> {
  const abort = new AbortController();
  const response = await yoga.fetch('http://test/graphql', {
    method: 'POST',
    signal: abort.signal,
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const events: GraphQLResponse[] = [];
  let completed = false;
  void (async () => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (message.startsWith('event: complete')) completed = true;
          const data = /^event: next\ndata: (.*)$/m.exec(message);
          if (data) events.push(JSON.parse(data[1]!) as GraphQLResponse);
        }
      }
    } catch {
      // aborted
    }
    completed = true;
  })();
  return { events, completed: () => completed, close: () => abort.abort() };
}
