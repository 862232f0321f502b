/**
 * Settings read from the environment by the processes that must not load the GraphQL schema
 * for them (main.ts's cluster primary prints the start-up lines) as well as by the server.
 */

/** The address `npm start` binds: loopback unless HOST says otherwise (docs/security.md). */
export function hostFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOST ?? '127.0.0.1';
}

/** PERSISTED_ONLY=1 (or true): only trusted documents run, by hash (src/graphql/trusted-documents.ts). */
export function persistedOnlyFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PERSISTED_ONLY === '1' || env.PERSISTED_ONLY === 'true';
}

/** Mutations started per turn of the event loop (src/graphql/mutation-turns.ts). */
export const DEFAULT_MUTATIONS_PER_TURN = 4;

/** MUTATIONS_PER_TURN: a positive integer, or 0 for no limit; anything else is the default. */
export function mutationsPerTurnFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MUTATIONS_PER_TURN?.trim();
  const value = raw ? Number(raw) : NaN;
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_MUTATIONS_PER_TURN;
}
