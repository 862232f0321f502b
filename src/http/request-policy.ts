/**
 * Host, cross-origin and CSRF checks for every HTTP request (GraphQL, GraphiQL and any other
 * route Yoga serves), applied before anything is parsed or run. Why (issue 13): the embedded
 * server runs without auth on localhost, so a page on another site must not be able to read
 * from it (CORS), drive it with a form POST (CSRF) or reach it by DNS rebinding (Host).
 *
 *   CORS_ORIGINS   comma-separated origins allowed cross-origin (default: none; same-origin only)
 *   ALLOWED_HOSTS  comma-separated host names accepted besides the loopback names
 *
 * `checkRequest` answers the refusal Response (or null to go on); `corsHeaders` the headers an
 * allowed origin gets. `useRequestPolicy` wires both into Yoga as its first plugin.
 */
import type { Plugin } from 'graphql-yoga';
import { hostFromEnv } from '../env-settings.js';

export interface RequestPolicy {
  /** Exact origins (scheme://host[:port]) allowed cross-origin. Never "*". */
  corsOrigins: ReadonlySet<string>;
  /** Lower-case host names (no port) accepted in Host; null: any host (non-loopback bind). */
  allowedHosts: ReadonlySet<string> | null;
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** Content types a GraphQL POST may carry: anything else could be sent by a plain HTML form. */
const JSON_CONTENT_TYPES = new Set(['application/json', 'application/graphql-response+json']);

export function isLoopbackAddress(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * The policy from the environment. On a loopback bind only loopback Host names (plus
 * ALLOWED_HOSTS) pass; on any other bind the Host check is off unless ALLOWED_HOSTS is set.
 */
export function requestPolicyFromEnv(env: NodeJS.ProcessEnv = process.env, bindHost = hostFromEnv(env)): RequestPolicy {
  const corsOrigins = splitList(env.CORS_ORIGINS);
  for (const origin of corsOrigins) {
    if (origin === '*') throw new Error('CORS_ORIGINS cannot be "*": list the origins (credentials are never sent to any origin)');
    if (!/^https?:\/\/[^/]+$/.test(origin)) throw new Error(`CORS_ORIGINS entry "${origin}" is not an origin like https://app.example`);
  }
  const extraHosts = splitList(env.ALLOWED_HOSTS).map((host) => host.toLowerCase());
  const allowedHosts = isLoopbackAddress(bindHost) || extraHosts.length > 0 ? new Set([...LOOPBACK_HOSTS, ...extraHosts]) : null;
  return { corsOrigins: new Set(corsOrigins.map((origin) => origin.toLowerCase())), allowedHosts };
}

/** The host name of a Host header without its port ("[::1]:4000" → "[::1]"). */
function hostName(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host : host.slice(0, end + 1);
  }
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

function refusal(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** The CORS headers for `origin` when the policy allows it, else none. */
export function corsHeaders(policy: RequestPolicy, origin: string | null): Record<string, string> | null {
  if (origin == null || !policy.corsOrigins.has(origin.toLowerCase())) return null;
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    vary: 'Origin',
  };
}

/** A refusal for `request`, or null when it may go on. Preflights are answered here too. */
export function checkRequest(policy: RequestPolicy, request: Request): Response | null {
  if (policy.allowedHosts) {
    // Over a socket Node always passes the Host header on (DNS rebinding arrives that way);
    // in-process `yoga.fetch` calls carry none and are not network requests.
    const host = request.headers.get('host');
    if (host != null && !policy.allowedHosts.has(hostName(host))) return refusal(403, 'FORBIDDEN_HOST', `Host "${host}" is not served here (see ALLOWED_HOSTS)`);
  }
  const origin = request.headers.get('origin');
  if (request.method === 'OPTIONS') {
    const allowed = corsHeaders(policy, origin);
    if (!allowed) return new Response(null, { status: 204 });
    return new Response(null, {
      status: 204,
      headers: {
        ...allowed,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? 'content-type, authorization',
        'access-control-max-age': '600',
      },
    });
  }
  if (request.method === 'POST') {
    const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!JSON_CONTENT_TYPES.has(contentType)) {
      return refusal(415, 'UNSUPPORTED_MEDIA_TYPE', `POST bodies must be application/json or application/graphql-response+json (got "${contentType || 'none'}")`);
    }
  }
  return null;
}

export function useRequestPolicy(policy: RequestPolicy): Plugin {
  return {
    onRequest({ request, endResponse }) {
      const refused = checkRequest(policy, request);
      if (refused) endResponse(refused);
    },
    onResponse({ request, response }) {
      const allowed = corsHeaders(policy, request.headers.get('origin'));
      if (allowed) for (const [name, value] of Object.entries(allowed)) response.headers.set(name, value);
    },
  };
}
