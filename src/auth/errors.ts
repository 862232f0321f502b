/**
 * The refusals of auth (docs/security.md). Each carries its HTTP status: the plugin refuses
 * whole operations, so Yoga answers 401 / 403 / 429 instead of 200.
 *
 *   UNAUTHENTICATED  no token, an unknown one or a revoked one (which of these is not said)
 *   FORBIDDEN        the token lacks `extensions.scope` for `extensions.field`
 *   RATE_LIMITED     too many mutations from this token; `retryAfterSeconds` says when to retry
 */
import type { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import type { Scope } from './scopes.js';

export function unauthenticated(): GraphQLError {
  return createGraphQLError('Authentication required: send a valid API token as "Authorization: Bearer <token>"', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer realm="ecosystemiser"' } } },
  });
}

export function forbidden(scope: Scope | null, field: string): GraphQLError {
  const message = scope
    ? `${field} needs the "${scope}" scope, which this token does not have`
    : `${field} has no scope assigned, so no token may call it`;
  return createGraphQLError(message, { extensions: { code: 'FORBIDDEN', scope, field, http: { status: 403 } } });
}

export function rateLimited(retryAfterSeconds: number, limit: { burst: number; perMinute: number }): GraphQLError {
  return createGraphQLError(`Too many mutations from this token: at most ${limit.perMinute} a minute (bursts of ${limit.burst}); retry in ${retryAfterSeconds} s`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      ...limit,
      http: { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } },
    },
  });
}
