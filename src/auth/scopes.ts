/**
 * Who may call what: every root field of Query, Mutation and Subscription mapped to the one
 * scope it needs. This table is the only place scopes are decided (src/auth/plugin.ts enforces
 * it before anything executes); a root field missing here is refused for every token, and
 * test/api/auth-scopes.test.ts fails until it is added.
 *
 * Scopes do not imply each other. They guard different risks — reading the run log, spending
 * CPU on simulations, changing records, destroying records and managing tokens — and a
 * hierarchy would force, say, a bot that tags runs to also be able to start year-long solves.
 * A token for everything lists them all (`--scopes read,run,write,admin`).
 */
export const SCOPES = ['read', 'run', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export type RootType = 'Query' | 'Mutation' | 'Subscription';

export const ROOT_FIELD_SCOPES: Readonly<Record<RootType, Readonly<Record<string, Scope>>>> = {
  Query: {
    databaseStats: 'read',
    node: 'read',
    nodes: 'read',
    queueStats: 'read',
    run: 'read',
    runStats: 'read',
    runs: 'read',
    studies: 'read',
    study: 'read',
    auditEntries: 'admin',
  },
  Mutation: {
    runSimulation: 'run',
    runStudy: 'run',
    // Only the caller's own runs and studies (admin: any); others answer NOT_FOUND (ownership.ts).
    cancelRun: 'run',
    cancelStudy: 'run',
    createStudy: 'write',
    updateStudy: 'write',
    updateRunTags: 'write',
    updateRunMetadata: 'write',
    deleteRun: 'admin',
    deleteStudy: 'admin',
  },
  Subscription: {
    runUpdated: 'read',
    runsUpdated: 'read',
    studyUpdated: 'read',
  },
};

/** Introspection names the schema, not data: any valid token may ask (GraphiQL, codegen). */
export const META_FIELDS: ReadonlySet<string> = new Set(['__typename', '__schema', '__type']);

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** "read,run" → ['read', 'run']; throws naming the first unknown scope. */
export function parseScopes(text: string): Scope[] {
  const scopes = [...new Set(text.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  if (scopes.length === 0) throw new Error(`give at least one scope of ${SCOPES.join(', ')}`);
  for (const scope of scopes) if (!isScope(scope)) throw new Error(`unknown scope "${scope}" (scopes: ${SCOPES.join(', ')})`);
  return scopes as Scope[];
}
