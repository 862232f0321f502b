/**
 * API tokens and the audit log in the database: create (the token text is returned once and
 * never stored), list, revoke. Every token change bumps the auth revision and writes an audit
 * entry in the same transaction, so no server can keep trusting a revoked token (revision.ts).
 */
import type { DbHandle } from '../db/client.js';
import { bumpRevisionStatements, revisionChangedHere } from './revision.js';
import { parseScopes, type Scope } from './scopes.js';
import { generateToken, hashToken } from './token-secret.js';

export type AuditAction = 'DELETE_RUN' | 'DELETE_STUDY' | 'CREATE_TOKEN' | 'REVOKE_TOKEN';

export interface TokenInfo {
  id: string;
  name: string;
  scopes: Scope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

type Tx = Parameters<Parameters<DbHandle['prisma']['$transaction']>[0]>[0];

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;

async function bumpRevision(tx: Tx, provider: DbHandle['provider']): Promise<void> {
  for (const statement of bumpRevisionStatements(provider)) await tx.$executeRawUnsafe(statement);
}

function info(row: { id: string; name: string; scopes: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): TokenInfo {
  return { ...row, scopes: parseScopes(row.scopes) };
}

/** A new token for `name`; the returned `token` is the only copy of the secret. */
export async function createToken(db: DbHandle, name: string, scopes: readonly Scope[], actor: string | null = null): Promise<{ token: string; info: TokenInfo }> {
  if (!NAME.test(name)) throw new Error(`token name "${name}" must be 1-64 letters, digits or _.@- (starting with a letter or digit)`);
  const scopeText = parseScopes(scopes.join(',')).join(',');
  const token = generateToken();
  const row = await db.prisma.$transaction(async (tx) => {
    const active = await tx.apiToken.count({ where: { name, revokedAt: null } });
    if (active > 0) throw new Error(`a token named "${name}" exists already: revoke it first, or pick another name`);
    const created = await tx.apiToken.create({ data: { name, tokenHash: hashToken(token), scopes: scopeText } });
    await writeAudit(tx, 'CREATE_TOKEN', created.id, actor);
    await bumpRevision(tx, db.provider);
    return created;
  });
  revisionChangedHere();
  return { token, info: info(row) };
}

export async function listTokens(db: DbHandle): Promise<TokenInfo[]> {
  const rows = await db.prisma.apiToken.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map(info);
}

/** Revokes the active token with this id or name; null if there is none. */
export async function revokeToken(db: DbHandle, idOrName: string, actor: string | null = null): Promise<TokenInfo | null> {
  const revoked = await db.prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { revokedAt: null, OR: [{ id: idOrName }, { name: idOrName }] } });
    if (!token) return null;
    const revoked = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await writeAudit(tx, 'REVOKE_TOKEN', token.id, actor);
    await bumpRevision(tx, db.provider);
    return info(revoked);
  });
  if (revoked) revisionChangedHere();
  return revoked;
}

/** An audit entry inside the caller's transaction (the delete and its record commit together). */
export async function writeAudit(tx: Pick<Tx, 'auditEntry'>, action: AuditAction, targetId: string, tokenName: string | null): Promise<void> {
  await tx.auditEntry.create({ data: { action, targetId, tokenName } });
}
