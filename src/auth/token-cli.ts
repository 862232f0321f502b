// `npm run token -- <command>`: API tokens of the database DATABASE_URL names (the same default
// as `npm start`). Runs where the server's database is reachable; tokens take effect (and
// revocations too) on every server's next request (src/auth/revision.ts).
//
//   npm run token -- create --name ci --scopes read,run   prints the token once
//   npm run token -- list                                 names, scopes, created, last used, revoked
//   npm run token -- revoke ci                            by name or id
import { parseArgs } from 'node:util';
import { createDb } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { databaseTarget } from '../db/target.js';
import { SCOPES, parseScopes } from './scopes.js';
import { createToken, listTokens, revokeToken } from './token-store.js';

const USAGE = `usage:
  npm run token -- create --name <name> --scopes <${SCOPES.join(',')}>
  npm run token -- list
  npm run token -- revoke <name or id>`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, scopes: { type: 'string' } },
});
const [command, ...rest] = positionals;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (command !== 'create' && command !== 'list' && command !== 'revoke') fail(USAGE);
if (command === 'create' && (!values.name || !values.scopes)) fail(`create needs --name and --scopes\n${USAGE}`);
if (command === 'revoke' && rest.length !== 1) fail(`revoke needs one token name or id\n${USAGE}`);

const target = databaseTarget(process.env.DATABASE_URL);
let db = await createDb({ databaseUrl: target.url });
// Migrate only a database that has no token table yet (tokens made before the first start):
// migrating a SQLite file that a running server holds would wait on its locks for nothing.
if (!(await db.sql.query('SELECT 1 FROM "ApiToken" LIMIT 1').then(() => true, () => false))) {
  await db.close();
  await migrateDatabase(target.url);
  db = await createDb({ databaseUrl: target.url });
}
let exitCode = 0;
try {
  if (command === 'create') {
    const { token, info } = await createToken(db, values.name!, parseScopes(values.scopes!));
    console.error(`Created token "${info.name}" (id ${info.id}) with scopes ${info.scopes.join(',')}. It is shown only now; store it as a secret:`);
    // Alone on stdout, so `TOKEN=$(npm run -s token -- create …)` captures exactly the token.
    console.log(token);
  } else if (command === 'list') {
    const tokens = await listTokens(db);
    if (tokens.length === 0) console.log('no tokens');
    for (const t of tokens) {
      const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active';
      console.log(`${t.name}\t${t.id}\t${t.scopes.join(',')}\tcreated ${t.createdAt.toISOString()}\tlast used ${t.lastUsedAt?.toISOString() ?? 'never'}\t${state}`);
    }
  } else {
    const revoked = await revokeToken(db, rest[0]!);
    if (revoked) console.log(`Revoked token "${revoked.name}" (id ${revoked.id}).`);
    else {
      console.error(`No active token named or with id "${rest[0]}".`);
      exitCode = 1;
    }
  }
} catch (error) {
  console.error((error as Error).message);
  exitCode = 1;
} finally {
  await db.close();
}
process.exit(exitCode);
