/**
 * The explorer's GraphQL client: typed documents from codegen (web/src/gql, never a
 * hand-written query string), sent by their sha256 as persisted queries. A Bearer token, if the
 * user gave one, goes with every request; an UNAUTHENTICATED answer asks for one.
 */
import type { TypedDocumentString } from './gql/graphql';
import persistedDocuments from './gql/persisted-documents.json';

/**
 * The one switch for sending the document text next to its hash. The server looks trusted
 * documents up by hash in every mode (src/graphql/trusted-documents.ts) and, with
 * PERSISTED_ONLY, refuses text: so the hash only.
 */
export const SEND_QUERY_TEXT = false;

const TOKEN_KEY = 'ecosystemiser.token';
export const UNAUTHENTICATED_EVENT = 'ecosystemiser:unauthenticated';

// sessionStorage, not localStorage: the token is gone when the tab closes, so a forgotten
// browser session does not keep API access (docs/security.md).
export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function authHeaders(): Record<string, string> {
  const token = storedToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

type Document<R, V> = TypedDocumentString<R, V>;

function hashOf(document: Document<unknown, unknown>): string {
  const hash = (document.__meta__ as { hash?: string } | undefined)?.hash;
  if (!hash) throw new Error('document without a persisted hash: run `npm run codegen`');
  return hash;
}

function body(document: Document<unknown, unknown>, variables: unknown): string {
  const hash = hashOf(document);
  const manifest = persistedDocuments as Record<string, string>;
  return JSON.stringify({
    // The manifest's text is exactly what the hash was computed from.
    ...(SEND_QUERY_TEXT ? { query: manifest[hash] ?? document.toString() } : {}),
    variables: variables ?? {},
    extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } },
  });
}

interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; issues?: ApiIssue[] };
}

function toApiError(errors: GraphQLErrorShape[]): ApiError {
  const first = errors[0];
  return new ApiError(errors.map((e) => e.message).join('; '), first?.extensions?.code, first?.extensions?.issues ?? []);
}

function signalUnauthenticated(): void {
  window.dispatchEvent(new CustomEvent(UNAUTHENTICATED_EVENT));
}

export async function request<R, V>(document: Document<R, V>, variables?: V, signal?: AbortSignal): Promise<R> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...authHeaders() },
      body: body(document as Document<unknown, unknown>, variables),
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('The server cannot be reached. Is `npm start` running?', 'NETWORK');
  }
  let payload: { data?: R | null; errors?: GraphQLErrorShape[] };
  try {
    payload = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} without GraphQL`, 'HTTP_' + response.status);
  }
  const unauthenticated = response.status === 401 || payload.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  if (unauthenticated) {
    signalUnauthenticated();
    throw new ApiError('A token is needed: enter one to continue.', 'UNAUTHENTICATED');
  }
  if (payload.errors?.length) throw toApiError(payload.errors);
  if (!payload.data) throw new ApiError('Empty answer from the server', undefined);
  return payload.data;
}

/**
 * A subscription over Server-Sent Events (Yoga's default transport): `onNext` for each result.
 * Reconnects after a dropped connection; the server sends the current state first, so a missed
 * event is never the truth for long. Returns the function that stops it.
 */
export function subscribe<R, V>(document: Document<R, V>, variables: V, onNext: (data: R) => void): () => void {
  const controller = new AbortController();
  let stopped = false;
  const connect = async () => {
    while (!stopped) {
      try {
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...authHeaders() },
          body: body(document as Document<unknown, unknown>, variables),
          signal: controller.signal,
        });
        if (response.status === 401) signalUnauthenticated();
        if (!response.ok || !response.body) throw new Error(`subscription: HTTP ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(message)?.[1];
            const data = message
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trimStart())
              .join('\n');
            if (event === 'complete') return;
            if (!data) continue;
            const payload = JSON.parse(data) as { data?: R; errors?: GraphQLErrorShape[] };
            if (payload.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) signalUnauthenticated();
            if (payload.data) onNext(payload.data);
          }
        }
      } catch (error) {
        if (stopped || (error as Error).name === 'AbortError') return;
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  };
  void connect();
  return () => {
    stopped = true;
    controller.abort();
  };
}
