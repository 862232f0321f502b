// A study survives a server restart (issue 8): `src/main.ts` in a child process runs a study of
// year-long OPTIMAL trials; it is SIGKILLed mid-way and a new process is started on the same
// database. Trials that finished stay, trials never started are started, the trials that were
// running become CRASHED and are run once more: every trial ends COMPLETED exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client.js';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../support/databases.js';
import { freePort } from '../support/ports.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TRIALS = 12;

function startServer(databaseUrl: string, port: number, outbox: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), RUN_OUTBOX_PATH: outbox, RUN_HEARTBEAT_MS: '250', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('GraphiQL at')) resolve(child);
    });
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-2000)));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out} ${err}`)));
  });
}

async function gql(port: number, query: string, variables?: Record<string, unknown>): Promise<any> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

describe.each(PROVIDERS)('a study across a server restart (%s)', (provider) => {
  let db: TestDatabase;
  let server: ChildProcess | null = null;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-study-restart-'));

  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    server?.kill('SIGKILL');
    await db?.drop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /**
   * `npm start` migrates the SQLite file, and Prisma's migrate deploy times out (SocketTimeout)
   * while another process has the file open: the test's own connections step aside meanwhile.
   */
  async function startWithoutTestConnections(port: number, outbox: string): Promise<ChildProcess> {
    if (provider !== 'sqlite') return startServer(db.url, port, path.join(work, outbox));
    const { drop, url } = db;
    await db.close();
    const child = await startServer(url, port, path.join(work, outbox));
    db = Object.assign(await createDb({ databaseUrl: url }), { url, drop });
    return child;
  }

  it('loses no trial and runs none twice', async () => {
    const example = JSON.parse(fs.readFileSync(path.join(root, 'examples/residential-pv-battery.json'), 'utf8'));
    const { systemAsGraphQLInput } = await import('../../src/graphql/system-input-json.js');
    let port = await freePort();
    server = await startWithoutTestConnections(port, 'a.jsonl');
    const started = await gql(port, `mutation($input: RunStudyInput!) { runStudy(input: $input) { study { id databaseId } } }`, {
      input: {
        name: 'Restarted',
        system: systemAsGraphQLInput(example.system),
        options: { solver: 'OPTIMAL' },
        parametric: { parameters: [{ component: 'battery', field: 'energyKwh', range: { start: 2, stop: 2 + TRIALS - 1, step: 1 } }] },
      },
    });
    expect(started.errors).toBeUndefined();
    const studyId = started.data.runStudy.study.databaseId as string;
    const completed = () => db.prisma.simulationRun.count({ where: { studyId, status: 'COMPLETED' } });
    const deadline = Date.now() + 120_000;
    while ((await completed()) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    server.kill('SIGKILL');
    await new Promise((r) => server!.once('exit', r));
    const before = await db.prisma.simulationRun.findMany({ where: { studyId }, select: { trialIndex: true, status: true } });
    expect(before.filter((r) => r.status === 'COMPLETED').length).toBeGreaterThanOrEqual(2);
    expect(before.filter((r) => r.status === 'COMPLETED').length).toBeLessThan(TRIALS);

    port = await freePort();
    server = await startWithoutTestConnections(port, 'b.jsonl');
    const id = started.data.runStudy.study.id;
    let study: any;
    while (Date.now() < deadline + 120_000) {
      study = (await gql(port, `query($id: ID!) { study(id: $id) { status progress { total completed failed running queued } } }`, { id })).data.study;
      if (study.status !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(study.status).toBe('COMPLETED');
    expect(study.progress).toMatchObject({ total: TRIALS, completed: TRIALS, failed: 0, running: 0, queued: 0 });
    const runs = await db.prisma.simulationRun.findMany({ where: { studyId }, select: { trialIndex: true, status: true } });
    for (let index = 0; index < TRIALS; index++) {
      const statuses = runs.filter((r) => r.trialIndex === index).map((r) => r.status);
      expect(statuses.filter((s) => s === 'COMPLETED'), `trial ${index}: ${statuses.join(',')}`).toHaveLength(1);
      expect(statuses.every((s) => s === 'COMPLETED' || s === 'CRASHED')).toBe(true);
      // Finished before the kill: kept as they were, not run again.
      if (before.some((r) => r.trialIndex === index && r.status === 'COMPLETED')) expect(statuses).toEqual(['COMPLETED']);
    }
  }, 300_000);
});
