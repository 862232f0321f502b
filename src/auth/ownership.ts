/**
 * `run` lets a token cancel what it started; `admin` lets it cancel anything. For anything
 * else the answer must be the same as for an id that names nothing, so a token cannot probe
 * which runs or studies exist (issue 11): callers throw their ordinary NOT_FOUND.
 */
import type { Principal } from './authenticator.js';

export function mayCancel(principal: Principal, startedBy: string | null): boolean {
  return principal.scopes.has('admin') || (principal.tokenName !== null && principal.tokenName === startedBy);
}
