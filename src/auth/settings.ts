/**
 * Auth settings from the environment (docs/security.md):
 *
 *   AUTH                            off (default) | required
 *   ALLOW_UNAUTHENTICATED_NETWORK   1: serve a non-loopback HOST with AUTH=off anyway
 *   RATE_LIMIT_MUTATION_BURST       mutations a token may send at once (default 30)
 *   RATE_LIMIT_MUTATIONS_PER_MINUTE refill rate of that allowance (default 60)
 *
 * AUTH=off is the embedded single-user mode: everyone who reaches the port is the local user,
 * with every scope and no rate limit (bench/burst.ts sends 1,000 runs from 50 clients that way).
 * That is only safe on loopback, hence the refusal to bind anything else without a token check.
 */
import { isLoopbackAddress } from '../http/request-policy.js';
import type { RateLimit } from './rate-limit.js';

export type AuthMode = 'off' | 'required';

export interface AuthSettings {
  mode: AuthMode;
  rateLimit: RateLimit;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 30, perMinute: 60 };

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim() ?? '';
  if (text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`${name} must be a positive integer (got "${env[name]}")`);
  return Number(text);
}

export function authSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const text = (env.AUTH ?? '').trim().toLowerCase();
  if (text !== '' && text !== 'off' && text !== 'required') throw new Error(`AUTH must be "off" or "required" (got "${env.AUTH}")`);
  return {
    mode: text === 'required' ? 'required' : 'off',
    rateLimit: {
      burst: positiveInt(env, 'RATE_LIMIT_MUTATION_BURST', DEFAULT_RATE_LIMIT.burst),
      perMinute: positiveInt(env, 'RATE_LIMIT_MUTATIONS_PER_MINUTE', DEFAULT_RATE_LIMIT.perMinute),
    },
  };
}

/** Throws when `host` is reachable from the network while anyone may call every mutation. */
export function assertBindAllowed(settings: AuthSettings, host: string, env: NodeJS.ProcessEnv = process.env): void {
  if (settings.mode === 'required' || isLoopbackAddress(host) || env.ALLOW_UNAUTHENTICATED_NETWORK === '1') return;
  throw new Error(
    `HOST=${host} is reachable from the network, but AUTH is off (anyone could run, change and delete runs). ` +
      'Set AUTH=required and create tokens with `npm run token -- create`, or set ALLOW_UNAUTHENTICATED_NETWORK=1 if a proxy in front does the checking.',
  );
}

/** The one start-up line saying who may use the server. */
export function authStartupLine(settings: AuthSettings, host: string): string {
  if (settings.mode === 'required') {
    return `Auth: AUTH=required: every request needs "Authorization: Bearer <token>" (npm run token -- create); mutations limited to ${settings.rateLimit.perMinute}/min per token (bursts of ${settings.rateLimit.burst})`;
  }
  return isLoopbackAddress(host)
    ? `Auth: AUTH=off: no tokens; anyone who can reach ${host} is the local user with every scope (set AUTH=required to check tokens)`
    : `Auth: AUTH=off on ${host} with ALLOW_UNAUTHENTICATED_NETWORK=1: no tokens; every client that reaches the port may run, change and delete runs`;
}
