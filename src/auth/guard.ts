/**
 * Builds what AUTH=required needs for one server process (token cache, its revision source,
 * the mutation buckets), and the CSV export check that uses the same tokens. AUTH=off builds
 * nothing: no plugin, no listener, no cost per request.
 */
import type { DbHandle } from '../db/client.js';
import type { Authorize } from '../http/csv-export.js';
import { TokenAuthenticator } from './authenticator.js';
import type { AuthGuard } from './plugin.js';
import { TokenBuckets } from './rate-limit.js';
import { revisionSource } from './revision.js';
import type { AuthSettings } from './settings.js';

export interface ServerAuth extends AuthGuard {
  close(): Promise<void>;
}

export async function createServerAuth(db: DbHandle, settings: AuthSettings, log: (message: string) => void = console.warn): Promise<ServerAuth | null> {
  if (settings.mode === 'off') return null;
  const authenticator = new TokenAuthenticator(db, await revisionSource(db, log), { log });
  return { authenticator, buckets: new TokenBuckets(settings.rateLimit), close: () => authenticator.close() };
}

/** The same codes and extensions as the GraphQL refusals (errors.ts), as a plain HTTP answer. */
function refusal(status: number, code: string, message: string, extensions: Record<string, unknown> = {}): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="ecosystemiser"';
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }), { status, headers });
}

/** CSV exports are reads of the run log: they need the `read` scope. */
export function exportAuthorizer(guard: AuthGuard): Authorize {
  return async (request) => {
    const principal = await guard.authenticator.authenticate(request.headers.get('authorization'));
    if (!principal) throw refusal(401, 'UNAUTHENTICATED', 'Authentication required: send a valid API token as "Authorization: Bearer <token>"');
    if (!principal.scopes.has('read')) throw refusal(403, 'FORBIDDEN', 'CSV exports need the "read" scope, which this token does not have', { scope: 'read', field: 'export' });
  };
}
