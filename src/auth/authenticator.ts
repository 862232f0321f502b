/**
 * Bearer token → Principal, from memory in the common case. A cached answer (including "no such
 * token") is kept with the auth revision it was read at and used only while that revision is
 * current (revision.ts), so a revoke is seen by the next request. lastUsedAt is written at most
 * once per `lastUsedIntervalMs` per token and process, after the answer, never awaited.
 */
import type { DbHandle } from '../db/client.js';
import type { RevisionSource } from './revision.js';
import { parseScopes, type Scope } from './scopes.js';
import { bearerToken, hashToken } from './token-secret.js';

export interface Principal {
  /** The token's name (null: AUTH=off, the local user). Recorded on runs and audit entries. */
  tokenName: string | null;
  scopes: ReadonlySet<Scope>;
}

/** AUTH=off: the single local user may do everything. */
export const LOCAL_USER: Principal = Object.freeze({ tokenName: null, scopes: new Set<Scope>(['read', 'run', 'write', 'admin']) });

interface Cached {
  revision: number;
  principal: (Principal & { tokenId: string }) | null;
}

/** Cache entries kept at most (unknown tokens are cached too, so random guesses stay cheap). */
const MAX_CACHED = 10_000;

export interface AuthenticatorOptions {
  lastUsedIntervalMs?: number;
  log?: (message: string) => void;
  now?: () => number;
}

export class TokenAuthenticator {
  private readonly cache = new Map<string, Cached>();
  private readonly hashes = new Map<string, string | null>();
  private readonly lastUsedWritten = new Map<string, number>();
  private readonly lastUsedIntervalMs: number;
  private readonly log: (message: string) => void;
  private readonly now: () => number;

  constructor(
    private readonly db: DbHandle,
    private readonly revision: RevisionSource,
    options: AuthenticatorOptions = {},
  ) {
    this.lastUsedIntervalMs = options.lastUsedIntervalMs ?? 60_000;
    this.log = options.log ?? ((message) => console.warn(message));
    this.now = options.now ?? (() => Date.now());
  }

  /** The principal of an Authorization header; null when missing, unknown or revoked. */
  async authenticate(authorization: string | null): Promise<Principal | null> {
    const known = this.authenticateFromMemory(authorization);
    if (known !== undefined) return known;
    const hash = this.hashOf(authorization)!;
    const revision = await this.revision.current();
    let cached = this.cache.get(hash);
    if (!cached || cached.revision !== revision) {
      // Read after the revision: a revoke committed in between is seen now or bumps it again.
      const row = await this.db.prisma.apiToken.findUnique({ where: { tokenHash: hash } });
      cached = { revision, principal: row && row.revokedAt === null ? { tokenId: row.id, tokenName: row.name, scopes: new Set(parseScopes(row.scopes)) } : null };
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(hash, cached);
    }
    if (cached.principal) this.noteUse(cached.principal.tokenId);
    return cached.principal;
  }

  /**
   * The same answer without a promise when it needs no I/O (a cached token at a revision known
   * without a query: every request but the first of a token on PostgreSQL, all on SQLite);
   * undefined when `authenticate` has to read. Lets the GraphQL guard stay synchronous on the
   * hot path: an async hook costs a top-5 request several µs of promise plumbing.
   */
  authenticateFromMemory(authorization: string | null): Principal | null | undefined {
    const hash = this.hashOf(authorization);
    if (hash === null) return null;
    const current = this.revision.current();
    if (typeof current !== 'number') return undefined;
    const cached = this.cache.get(hash);
    if (!cached || cached.revision !== current) return undefined;
    if (cached.principal) this.noteUse(cached.principal.tokenId);
    return cached.principal;
  }

  /**
   * The token hash of an Authorization header (null: no bearer token), remembered per header
   * value: parsing and hashing were most of what a cached token's check cost (~10 of ~20 µs).
   * The header values stay in this process's memory only, as a request's headers do; they are
   * never written to the database or a log.
   */
  private hashOf(authorization: string | null): string | null {
    if (!authorization) return null;
    let hash = this.hashes.get(authorization);
    if (hash === undefined) {
      const token = bearerToken(authorization);
      hash = token === null ? null : hashToken(token);
      if (this.hashes.size >= MAX_CACHED) this.hashes.clear();
      this.hashes.set(authorization, hash);
    }
    return hash;
  }

  private noteUse(tokenId: string): void {
    const now = this.now();
    const last = this.lastUsedWritten.get(tokenId);
    if (last !== undefined && now - last < this.lastUsedIntervalMs) return;
    this.lastUsedWritten.set(tokenId, now);
    setImmediate(() => {
      this.db.prisma.apiToken
        .updateMany({ where: { id: tokenId }, data: { lastUsedAt: new Date(now) } })
        .catch((error: unknown) => this.log(`auth: lastUsedAt not recorded: ${(error as Error).message}`));
    });
  }

  close(): Promise<void> {
    return this.revision.close();
  }
}
