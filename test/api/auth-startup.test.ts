// `npm start` as a user runs it (src/main.ts in a child process, a temp SQLite file, a free
// port): the start-up line about auth, the refusal to serve the network without auth, and
// AUTH=required in cluster mode (WEB_CONCURRENCY=2), where a revoke made by another process
// must stop the token on every worker at the next request.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { assertBindAllowed, authSettingsFromEnv } from '../../src/auth/settings.js';
import { createToken, revokeToken } from '../../src/auth/token-store.js';
import { createDb } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { freePort } from '../support/ports.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mainScript = path.join(projectRoot, 'src', 'main.ts');

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
});

function tempDatabaseUrl(): string {
  return `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eco-auth-start-')), 'eco.db')}`;
}

function start(env: Record<string, string>): Started {
  let out = '';
  let err = '';
  const clean = { ...process.env };
  for (const name of ['AUTH', 'HOST', 'ALLOW_UNAUTHENTICATED_NETWORK', 'WEB_CONCURRENCY']) delete clean[name];
  // The outbox next to the temp database, not in the checkout's data/ folder.
  const outbox = env.DATABASE_URL ? { RUN_OUTBOX_PATH: path.join(path.dirname(env.DATABASE_URL.slice('file:'.length)), 'outbox.jsonl') } : {};
  const child = spawn(process.execPath, ['--import', 'tsx', mainScript], { cwd: projectRoot, env: { ...clean, ...outbox, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.stdout!.setEncoding('utf8').on('data', (d) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d) => (err += d));
  return { child, stdout: () => out, stderr: () => err, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

async function untilOutput(started: Started, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(started.stdout())) {
    if (started.child.exitCode !== null) throw new Error(`exited ${started.child.exitCode}: ${started.stderr()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} in time; stdout: ${started.stdout()} stderr: ${started.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A GraphQL POST on a new connection (node:cluster hands each one to the next worker). */
function post(port: number, query: string, token: string | null): Promise<number> {
  const body = JSON.stringify({ query });
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode!));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('auth settings', () => {
  it('AUTH is off by default, and only "off" or "required"', () => {
    expect(authSettingsFromEnv({}).mode).toBe('off');
    expect(authSettingsFromEnv({ AUTH: 'required' }).mode).toBe('required');
    expect(() => authSettingsFromEnv({ AUTH: 'on' })).toThrow(/AUTH must be "off" or "required"/);
    expect(() => authSettingsFromEnv({ RATE_LIMIT_MUTATION_BURST: '0' })).toThrow(/RATE_LIMIT_MUTATION_BURST/);
  });

  it('a non-loopback bind needs AUTH=required or ALLOW_UNAUTHENTICATED_NETWORK=1', () => {
    const off = authSettingsFromEnv({});
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(() => assertBindAllowed(off, host, {})).not.toThrow();
    for (const host of ['0.0.0.0', '::', '192.168.1.5']) expect(() => assertBindAllowed(off, host, {})).toThrow(/AUTH=required/);
    expect(() => assertBindAllowed(off, '0.0.0.0', { ALLOW_UNAUTHENTICATED_NETWORK: '1' })).not.toThrow();
    expect(() => assertBindAllowed(authSettingsFromEnv({ AUTH: 'required' }), '0.0.0.0', {})).not.toThrow();
  });
});

describe('npm start and auth', () => {
  it('says on start that AUTH is off (the default on loopback)', async () => {
    const started = start({ PORT: String(await freePort()), DATABASE_URL: tempDatabaseUrl() });
    await untilOutput(started, /GraphiQL at/);
    expect(started.stdout()).toMatch(/^Auth: AUTH=off: no tokens; anyone who can reach 127\.0\.0\.1 is the local user/m);
  }, 60_000);

  it('refuses to listen on a network address without auth, with a clear message, before touching the database', async () => {
    const databaseUrl = tempDatabaseUrl();
    const started = start({ PORT: String(await freePort()), DATABASE_URL: databaseUrl, HOST: '0.0.0.0' });
    expect(await started.exited).toBe(1);
    expect(started.stderr()).toMatch(/cannot start: HOST=0\.0\.0\.0 is reachable from the network, but AUTH is off.*AUTH=required.*ALLOW_UNAUTHENTICATED_NETWORK=1/);
    expect(fs.existsSync(databaseUrl.slice('file:'.length))).toBe(false);
  }, 60_000);

  it('serves the network with AUTH=off when told to explicitly, and says so', async () => {
    const port = await freePort();
    const started = start({ PORT: String(port), DATABASE_URL: tempDatabaseUrl(), HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_NETWORK: '1' });
    await untilOutput(started, /GraphiQL at/);
    expect(started.stdout()).toMatch(/^Auth: AUTH=off on 0\.0\.0\.0 with ALLOW_UNAUTHENTICATED_NETWORK=1/m);
    expect(await post(port, '{ __typename }', null)).toBe(200);
  }, 60_000);

  it('AUTH=required with WEB_CONCURRENCY=2: a token revoked by another process fails on every worker at the next request', async () => {
    const databaseUrl = tempDatabaseUrl();
    await migrateDatabase(databaseUrl);
    // Closed while the server starts: its `migrate deploy` waits on any other open connection.
    const before = await createDb({ databaseUrl });
    const { token } = await createToken(before, 'cluster-ci', ['read']);
    await before.close();
    let db: Awaited<ReturnType<typeof createDb>> | null = null;
    try {
      const port = await freePort();
      const started = start({ PORT: String(port), DATABASE_URL: databaseUrl, AUTH: 'required', WEB_CONCURRENCY: '2' });
      await untilOutput(started, /2 worker processes: GraphiQL at/, 60_000);
      expect(started.stdout()).toMatch(/^Auth: AUTH=required: every request needs "Authorization: Bearer <token>"/m);
      // Fresh connections alternate between the workers: both have the token cached after this.
      for (let i = 0; i < 4; i++) expect(await post(port, '{ runs(first: 1) { edges { node { id } } } }', token)).toBe(200);
      expect(await post(port, '{ __typename }', null)).toBe(401);
      db = await createDb({ databaseUrl });
      await revokeToken(db, 'cluster-ci');
      for (let i = 0; i < 4; i++) expect(await post(port, '{ runs(first: 1) { edges { node { id } } } }', token)).toBe(401);
    } finally {
      await db?.close();
    }
  }, 120_000);
});
