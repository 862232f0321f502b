// Issue 11, tokens at work (both providers, AUTH=required through yoga.fetch): revocation on the
// next request — from this process and from the token CLI in another one —, tokens never in the
// database or the logs in clear, lastUsedAt, the mutation rate limit (and none with AUTH=off),
// who started a run, cancelling only one's own runs, and the audit log of deletes.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sqliteFilePath } from '../../src/db/target.js';
import { SimulationRunner } from '../../src/runner/runner.js';
import { createToken, revokeToken } from '../../src/auth/token-store.js';
import { PROVIDERS } from '../support/databases.js';
import { openSubscription, startAuthApi, type AuthApi } from './auth-support.js';
import { globalId, insertRun, startApi } from './support.js';

const run = promisify(execFile);

/** `npm run token -- <args>` as another process would run it, against this test's database. */
async function tokenCli(databaseUrl: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run('npx', ['tsx', 'src/auth/token-cli.ts', ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, cwd: process.cwd() });
}

const RUNS = '{ runs(first: 1) { edges { node { id } } } }';

function smallSystem() {
  return {
    name: 'Token House',
    horizon: { timesteps: 24, timestepHours: 1 },
    components: [
      { id: 'grid', kind: 'GRID', importPriceEurPerKwh: { constant: 0.3 }, exportPriceEurPerKwh: { constant: 0.08 }, maxImportKw: null },
      { id: 'pv', kind: 'SOLAR_PV', peakKw: 5 },
      { id: 'house', kind: 'ELECTRIC_DEMAND', profile: { values: [0.5], fit: 'REPEAT' } },
    ],
    connections: [
      { from: 'pv', to: 'house', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'grid', medium: 'ELECTRICITY' },
      { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
    ],
  };
}
const RUN_SIMULATION = 'mutation($input: RunSimulationInput!) { runSimulation(input: $input) { run { status startedBy } } }';

describe.each(PROVIDERS)('API tokens (%s)', (provider) => {
  let api: AuthApi;

  beforeAll(async () => {
    api = await startAuthApi(provider, { burst: 5, perMinute: 1 });
  });
  afterAll(async () => api?.close());

  it('a token works at once and a revoked one fails on the very next request (revoked in this process)', async () => {
    const { token } = await createToken(api.db, 'soon-revoked', ['read']);
    expect((await api.call(token, RUNS)).status).toBe(200);
    expect((await api.call(token, RUNS)).status).toBe(200); // now cached
    await revokeToken(api.db, 'soon-revoked');
    const after = await api.call(token, RUNS);
    expect(after.status).toBe(401);
    expect(after.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('a token created and revoked by the CLI in another process takes effect on the next request', async () => {
    const created = await tokenCli(api.db.url, 'create', '--name', 'from-cli', '--scopes', 'read');
    const token = created.stdout.trim();
    expect(token).toMatch(/^eco_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).not.toContain(token);
    expect((await api.call(token, RUNS)).status).toBe(200);
    const revoked = await tokenCli(api.db.url, 'revoke', 'from-cli');
    expect(revoked.stdout).toContain('Revoked token "from-cli"');
    expect((await api.call(token, RUNS)).status).toBe(401);
    const listed = await tokenCli(api.db.url, 'list');
    expect(listed.stdout).toMatch(/from-cli\t.*\tread\t.*revoked/);
    expect(listed.stdout + listed.stderr).not.toContain(token);
  }, 60_000);

  it('checks a known token without a statement on the service\'s connections (SQLite reads the revision on a connection of its own)', async () => {
    const { token } = await createToken(api.db, 'cached', ['read']);
    // Warm up: the first use loads the token (and writes lastUsedAt); the create's own NOTIFY,
    // arriving after it, makes the next request read the revision once more.
    for (let i = 0; i < 2; i++) {
      await api.call(token, '{ __typename }');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    api.sql.length = 0;
    for (let i = 0; i < 5; i++) expect((await api.call(token, '{ __typename }')).status).toBe(200);
    // SQLite still reads the revision on every request (that is what makes a revoke by another
    // process count at once, tested above), but as a prepared statement on its own connection.
    expect(api.sql).toEqual([]);
  });

  if (provider === 'postgres') {
    it('while the LISTEN connection is down, reads the revision instead of trusting the cache', async () => {
      const { token, info } = await createToken(api.db, 'listener-down', ['read']);
      // Known revision cached (after the create's own NOTIFY has come and gone).
      expect((await api.call(token, RUNS)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await api.call(token, RUNS)).status).toBe(200);
      const listeners = () => api.db.sql.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`);
      const before = await listeners();
      expect(before.length).toBeGreaterThan(0);
      await api.db.sql.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`);
      await new Promise((resolve) => setTimeout(resolve, 20)); // the connection's 'end' event
      // A revoke whose NOTIFY this process cannot hear: the revision row is all it has.
      await api.db.sql.transaction([
        { sql: `UPDATE "ApiToken" SET "revokedAt" = now() WHERE "id" = $1`, params: [info.id] },
        { sql: `UPDATE "AuthRevision" SET "revision" = "revision" + 1 WHERE "id" = 1` },
      ]);
      expect((await api.call(token, RUNS)).status).toBe(401);
      // And it listens again afterwards.
      await vi.waitFor(async () => expect((await listeners()).length).toBeGreaterThan(0), { timeout: 5000 });
    });
  }

  it('answers a wrong token, another scheme and a missing header alike', async () => {
    for (const authorization of ['Bearer eco_not-a-token', 'Basic dXNlcjpwYXNz', '']) {
      const response = await api.yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: RUNS }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('CSV exports need a token with the read scope; the explorer\'s static files stay public', async () => {
    const { token: reader } = await createToken(api.db, 'csv-reader', ['read']);
    const { token: runner } = await createToken(api.db, 'csv-runner', ['run']);
    const exportRuns = (token: string | null) => api.yoga.fetch('http://test/export/runs.csv', { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const anonymous = await exportRuns(null);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    const noRead = await exportRuns(runner);
    expect(noRead.status).toBe(403);
    expect(((await noRead.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({ code: 'FORBIDDEN', scope: 'read', field: 'export' });
    const allowed = await exportRuns(reader);
    expect(allowed.status).toBe(200);
    expect((await allowed.text()).split('\n')[0]).toMatch(/^id,databaseId,/);
    expect((await api.yoga.fetch('http://test/export/runs/x/series.csv')).status).toBe(401);
    const page = await api.yoga.fetch('http://test/');
    expect([200, 404]).toContain(page.status); // public either way (404 only when web/dist is not built)
  });

  it('never stores or logs a token in clear', async () => {
    const output: string[] = [];
    const spies = (['log', 'warn', 'error', 'info', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void output.push(args.map(String).join(' '))),
    );
    const writes = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write')].map((spy) =>
      spy.mockImplementation(((chunk: unknown) => (output.push(String(chunk)), true)) as never),
    );
    let token: string;
    try {
      token = (await createToken(api.db, 'secret-check', ['read', 'admin'])).token;
      await api.call(token, RUNS);
      await api.call(token, '{ auditEntries { action tokenName } }');
      await api.call(token, 'mutation { createStudy(input: { name: "x" }) { id } }'); // FORBIDDEN
      await api.call(`${token}x`, RUNS); // UNAUTHENTICATED
      await new Promise((resolve) => setTimeout(resolve, 50)); // the lastUsedAt write
      await revokeToken(api.db, 'secret-check');
      await api.call(token, RUNS);
    } finally {
      for (const spy of [...spies, ...writes]) spy.mockRestore();
    }
    const hash = createHash('sha256').update(token).digest('hex');
    expect(output.join('\n')).not.toContain(token);
    const rows = await api.db.prisma.apiToken.findMany({ where: { name: 'secret-check' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hash);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(await api.db.prisma.auditEntry.findMany())).not.toContain(token);
    // The database as stored: the SQLite file and its write-ahead log hold no copy either.
    const file = sqliteFilePath(api.db.url);
    if (file) for (const path of [file, `${file}-wal`].filter((p) => fs.existsSync(p))) expect(fs.readFileSync(path).includes(token)).toBe(false);
    if (provider === 'postgres') {
      const dump = await api.db.sql.query<{ text: string }>(`SELECT string_agg(t::text, ' ') AS text FROM (SELECT row_to_json(a)::text AS t FROM "ApiToken" a UNION ALL SELECT row_to_json(e)::text FROM "AuditEntry" e) x`);
      expect(dump[0]!.text).toContain(hash);
      expect(dump[0]!.text).not.toContain(token);
    }
  });

  it('records lastUsedAt off the request path, at most once a minute', async () => {
    const { token, info } = await createToken(api.db, 'last-used', ['read']);
    expect(info.lastUsedAt).toBeNull();
    await api.call(token, RUNS);
    await vi.waitFor(async () => expect((await api.db.prisma.apiToken.findUnique({ where: { id: info.id } }))!.lastUsedAt).not.toBeNull());
    const first = (await api.db.prisma.apiToken.findUnique({ where: { id: info.id } }))!.lastUsedAt!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await api.call(token, RUNS);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await api.db.prisma.apiToken.findUnique({ where: { id: info.id } }))!.lastUsedAt!.getTime()).toBe(first.getTime());
  });

  it('limits mutations per token (429 RATE_LIMITED with Retry-After), not queries, not other tokens', async () => {
    const { token } = await createToken(api.db, 'busy', ['write', 'read']);
    const { token: other } = await createToken(api.db, 'quiet', ['write']);
    const create = (t: string) => api.call(t, 'mutation { createStudy(input: { name: "burst" }) { id } }');
    for (let i = 0; i < 5; i++) expect((await create(token)).status).toBe(200);
    const before = await api.db.prisma.study.count();
    const refused = await create(token);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, burst: 5, perMinute: 1 });
    expect(await api.db.prisma.study.count()).toBe(before);
    expect((await api.call(token, RUNS)).status).toBe(200);
    expect((await create(other)).status).toBe(200);
  });

  it('an open subscription of a revoked token ends with UNAUTHENTICATED at its next event', async () => {
    const { token: watcher } = await createToken(api.db, 'watcher', ['read']);
    const { token: starter } = await createToken(api.db, 'event-maker', ['run']);
    const stream = await openSubscription(api.yoga, watcher, 'subscription { runsUpdated { status } }');
    try {
      const runOnce = async () => expect((await api.call(starter, RUN_SIMULATION, { input: { system: smallSystem() } })).body.errors).toBeUndefined();
      await runOnce();
      await vi.waitFor(() => expect(stream.events.some((e) => e.data?.runsUpdated?.status === 'COMPLETED')).toBe(true));
      expect(stream.completed()).toBe(false);
      await revokeToken(api.db, 'watcher');
      await runOnce();
      await vi.waitFor(() => expect(stream.completed()).toBe(true));
      expect(stream.events.at(-1)?.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    } finally {
      stream.close();
    }
  }, 60_000);

  it('records which token started a run and created a study', async () => {
    const { token } = await createToken(api.db, 'starter', ['run', 'write']);
    const started = await api.call(token, RUN_SIMULATION, { input: { system: smallSystem() } });
    expect(started.body.errors).toBeUndefined();
    expect(started.body.data?.runSimulation.run).toEqual({ status: 'COMPLETED', startedBy: 'starter' });
    const study = await api.call(token, 'mutation { createStudy(input: { name: "mine" }) { createdBy } }');
    expect(study.body.data?.createStudy.createdBy).toBe('starter');
  }, 60_000);

  it('cancels only runs the token started; any other run answers exactly like one that does not exist', async () => {
    const { token } = await createToken(api.db, 'canceller', ['run']);
    const { token: admin } = await createToken(api.db, 'cancel-admin', ['run', 'admin']);
    const others = await insertRun(api.db, { status: 'RUNNING', startedBy: 'someone-else' });
    const local = await insertRun(api.db, { status: 'RUNNING', startedBy: null });
    const own = await insertRun(api.db, { status: 'COMPLETED', startedBy: 'canceller' });
    const cancel = (t: string, id: string) => api.call(t, 'mutation($id: ID!) { cancelRun(id: $id) { run { status } } }', { id });
    const missingId = globalId('SimulationRun', '00000000-0000-4000-8000-000000000000');
    const missing = await cancel(token, missingId);
    const shape = (r: typeof missing, id: string) => ({ status: r.status, data: r.body.data, errors: r.body.errors?.map((e) => ({ ...e, message: e.message.replace(id, '<id>'), extensions: { ...e.extensions, issues: JSON.stringify(e.extensions?.issues).replace(id, '<id>') } })) });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const run of [others, local]) expect(shape(await cancel(token, run.globalId), run.globalId)).toEqual(shape(missing, missingId));
    expect((await api.db.prisma.simulationRun.findUnique({ where: { id: others.id } }))!.status).toBe('RUNNING');
    // Its own run reaches the runner (finished already: CONFLICT); admin reaches anyone's.
    expect((await cancel(token, own.globalId)).body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await cancel(admin, others.globalId)).body.errors?.[0]?.extensions?.code).not.toBe('NOT_FOUND');
  });

  it('cancels only studies the token created; another token\'s study answers like a missing one', async () => {
    const { token } = await createToken(api.db, 'study-canceller', ['run']);
    const theirs = await api.db.prisma.study.create({ data: { name: 'theirs', createdBy: 'someone-else', status: 'COMPLETED' } });
    const mine = await api.db.prisma.study.create({ data: { name: 'mine', createdBy: 'study-canceller', status: 'COMPLETED' } });
    const cancel = (id: string) => api.call(token, 'mutation($id: ID!) { cancelStudy(id: $id) { name status } }', { id: globalId('Study', id) });
    const missing = await cancel('00000000-0000-4000-8000-000000000000');
    const refused = await cancel(theirs.id);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(refused.body.errors?.[0]?.message.replace(globalId('Study', theirs.id), '<id>')).toBe(missing.body.errors?.[0]?.message.replace(globalId('Study', '00000000-0000-4000-8000-000000000000'), '<id>'));
    // A finished study of its own is returned as it is.
    expect((await cancel(mine.id)).body).toEqual({ data: { cancelStudy: { name: 'mine', status: 'COMPLETED' } } });
  });

  it('writes an audit entry for every deleted run and study, and for token changes; admins read them', async () => {
    const { token } = await createToken(api.db, 'auditor', ['admin']);
    const doomed = await insertRun(api.db, { status: 'COMPLETED' });
    const study = await api.db.prisma.study.create({ data: { name: 'doomed' } });
    expect((await api.call(token, 'mutation($id: ID!) { deleteRun(id: $id) { deletedRunId } }', { id: doomed.globalId })).body.errors).toBeUndefined();
    expect((await api.call(token, 'mutation($id: ID!) { deleteStudy(input: { id: $id }) { deletedStudyId } }', { id: globalId('Study', study.id) })).body.errors).toBeUndefined();
    // A delete that deletes nothing is not audited.
    await api.call(token, 'mutation($id: ID!) { deleteRun(id: $id) { deletedRunId } }', { id: doomed.globalId });
    const entries = await api.call(token, '{ auditEntries(first: 500) { action targetId tokenName at } }');
    const list = entries.body.data?.auditEntries as { action: string; targetId: string; tokenName: string | null }[];
    expect(list.slice(0, 2).map(({ action, targetId, tokenName }) => ({ action, targetId, tokenName }))).toEqual([
      { action: 'DELETE_STUDY', targetId: study.id, tokenName: 'auditor' },
      { action: 'DELETE_RUN', targetId: doomed.id, tokenName: 'auditor' },
    ]);
    expect(list.filter((e) => e.action === 'DELETE_RUN' && e.targetId === doomed.id)).toHaveLength(1);
    expect(list.some((e) => e.action === 'CREATE_TOKEN')).toBe(true);
    expect(list.some((e) => e.action === 'REVOKE_TOKEN')).toBe(true);
  });
});

describe.each(PROVIDERS)('AUTH=off (%s)', (provider) => {
  it('has no rate limit, and runs are started by nobody in particular (startedBy null)', async () => {
    const api = await startApi(provider, (db) => new SimulationRunner(db, { poolSize: 1, log: () => undefined }));
    try {
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => api.gql(`mutation { createStudy(input: { name: "s${i}" }) { createdBy } }`)));
      expect(results.every((r) => r.errors === undefined && r.data?.createStudy.createdBy === null)).toBe(true);
      const started = await api.gql(RUN_SIMULATION, { input: { system: smallSystem() } });
      expect(started.data?.runSimulation.run).toEqual({ status: 'COMPLETED', startedBy: null });
    } finally {
      await (api.yoga as unknown as { dispose?: () => Promise<void> }).dispose?.();
      await api.close();
    }
  }, 60_000);
});
