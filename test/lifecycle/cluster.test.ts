// `WEB_CONCURRENCY=2 npm start` as a user runs it (src/main.ts in a child process, a temp SQLite
// file, a free port): two worker processes serve one port. node:cluster on Linux hands each new
// connection to the next worker in turn, so every step below uses a fresh connection (no
// keep-alive) and is repeated with different offsets, so that steps land on both workers.
// Nothing in the product says which worker answered: the behaviours themselves are checked —
// two processes' worth of runs at once, events and cancels across workers, restart, shutdown.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadsPerProcess } from '../../src/cluster/concurrency.js';
import { workerOutboxPath } from '../../src/cluster/outbox-files.js';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { RunOutbox } from '../../src/runner/outbox.js';
import { houseSystem, SLOW_OPTIONS, until, yearSystem } from './support/systems.js';
import { freePort } from '../support/ports.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mainScript = path.join(projectRoot, 'src', 'main.ts');

/** A POST of `body` to /graphql on its own connection (no agent: never a reused socket). */
function graphqlPost(port: number, body: string, headers: Record<string, string>): http.RequestOptions {
  return {
    host: '127.0.0.1',
    port,
    path: '/graphql',
    method: 'POST',
    agent: false,
    headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  };
}

/** One GraphQL request on a new TCP connection, closed afterwards. */
function fresh(port: number, query: string, variables?: Record<string, unknown>): Promise<any> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const request = http.request(
      graphqlPost(port, body, { connection: 'close', accept: 'application/json' }),
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new Error(`HTTP ${response.statusCode}: ${text}`));
          }
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** A subscription over Server-Sent Events on its own connection; `payloads` fills as events arrive. */
function subscribe(port: number, query: string): Promise<{ payloads: any[]; close(): void }> {
  const body = JSON.stringify({ query });
  return new Promise((resolve, reject) => {
    const request = http.request(
      graphqlPost(port, body, { accept: 'text/event-stream' }),
      (response) => {
        const payloads: any[] = [];
        let buffer = '';
        response.setEncoding('utf8').on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of message.split('\n')) if (line.startsWith('data: ')) payloads.push(JSON.parse(line.slice(6)));
          }
        });
        response.on('error', () => undefined);
        resolve({ payloads, close: () => request.destroy() });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Pids of the processes whose parent is `pid` and whose command line contains `needle`. */
function childPids(pid: number, needle = ''): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== pid) continue;
      if (needle && !fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) continue;
      found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/** Every process below `pid`. */
function descendantPids(pid: number): number[] {
  const children = childPids(pid);
  return [...children, ...children.flatMap((child) => descendantPids(child))];
}

function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Resolves once the subscription receives events: Yoga starts the subscription's generator only
 * when the stream is read, after the response has begun, so a short run is started (and
 * repeated) until its events show up.
 */
async function untilLive(port: number, sse: { payloads: any[] }): Promise<void> {
  for (let attempt = 0; sse.payloads.length === 0; attempt++) {
    if (attempt === 10) throw new Error('the subscription never received an event');
    await fresh(port, RUN, { input: { system: houseSystem(`Warm-up ${attempt}`) } });
    await until(() => sse.payloads.length > 0, 2_000).catch(() => undefined);
  }
}

const START = `mutation($input: RunSimulationInput!) { runSimulation(input: $input, wait: false) { runId } }`;
const RUN = `mutation($input: RunSimulationInput!) { runSimulation(input: $input) { runId run { status } } }`;
const CANCEL = 'mutation($id: ID!) { cancelRun(id: $id) { run { id status errorCode } } }';
const PING = '{ runs(first: 1) { totalCount } }';

describe.skipIf(process.platform !== 'linux')('WEB_CONCURRENCY=2 npm start', () => {
  let dir: string;
  let port: number;
  let primary: ChildProcess;
  let db: DbHandle;
  let stdout = '';
  let stderr = '';
  const exited = { code: null as number | null, signal: null as string | null, done: false };
  const retiredRunId = '0f0f0f0f-0000-4000-8000-000000000003';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-cluster-'));
    const databaseUrl = `file:${path.join(dir, 'eco.db')}`;
    const outboxPath = path.join(dir, 'run-outbox.jsonl');
    // An earlier start with 3 workers left a write in worker 3's outbox: it must not be lost.
    const left = new RunOutbox(workerOutboxPath(outboxPath, 3));
    left.append({
      kind: 'insert',
      at: '2026-01-01T00:00:00.000Z',
      run: {
        id: retiredRunId,
        status: 'QUEUED',
        systemName: 'Left by worker 3',
        solver: 'RULE_BASED',
        objective: 'COST',
        timesteps: 24,
        timestepHours: 1,
        engineVersion: 'test',
        studyId: null,
        inputJson: '{}',
        optionsJson: '{}',
        tags: [],
        metadataJson: '{}',
        idempotencyKey: null,
      },
    });
    left.append({ kind: 'fail', at: '2026-01-01T00:00:01.000Z', runId: retiredRunId, status: 'FAILED', errorCode: 'SHUTDOWN', errorMessage: 'left over' });
    left.close();

    port = await freePort();
    primary = spawn(process.execPath, ['--import', 'tsx', mainScript], {
      cwd: projectRoot,
      env: { ...process.env, WEB_CONCURRENCY: '2', PORT: String(port), DATABASE_URL: databaseUrl, RUN_OUTBOX_PATH: outboxPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    primary.stdout!.setEncoding('utf8').on('data', (d) => (stdout += d));
    primary.stderr!.setEncoding('utf8').on('data', (d) => (stderr += d));
    primary.once('exit', (code, signal) => Object.assign(exited, { code, signal, done: true }));
    await until(() => /GraphiQL at/.test(stdout) || exited.done, 110_000, 100);
    if (exited.done) throw new Error(`the cluster did not start (${exited.code}): ${stderr}`);
    db = await createDb({ databaseUrl });
  });

  afterAll(async () => {
    await db?.close();
    if (primary && !exited.done) {
      primary.kill('SIGKILL');
      for (const pid of descendantPids(primary.pid!)) process.kill(pid, 'SIGKILL');
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the GraphiQL URL once, for the cluster; migrated once; a retired worker\'s outbox was taken over', async () => {
    expect(stdout.match(/GraphiQL at/g)).toHaveLength(1);
    expect(stdout).toContain(`2 worker processes: GraphiQL at http://localhost:${port}/graphql`);
    expect(childPids(primary.pid!, 'main.ts')).toHaveLength(2);
    expect(fs.existsSync(workerOutboxPath(path.join(dir, 'run-outbox.jsonl'), 3))).toBe(false);
    await until(async () => (await db.prisma.simulationRun.findUnique({ where: { id: retiredRunId } }))?.status === 'FAILED');
    const response = await fresh(port, 'query($id: ID!) { run(id: $id) { systemName status errorCode } }', {
      id: encodeGlobalID('SimulationRun', retiredRunId),
    });
    expect(response.data.run).toEqual({ systemName: 'Left by worker 3', status: 'FAILED', errorCode: 'SHUTDOWN' });
  });

  it('both workers serve: more long runs RUNNING at once than one process has threads for', async () => {
    // Each worker has threadsPerProcess(2) simulation threads; one more long run than that can
    // only be RUNNING at the same time if the runs were taken by two processes.
    const count = threadsPerProcess(2) + 1;
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const response = await fresh(port, START, { input: { system: yearSystem(`Parallel ${i}`), options: SLOW_OPTIONS } });
      expect(response.errors).toBeUndefined();
      ids.push(response.data.runSimulation.runId);
    }
    const running = () => db.prisma.simulationRun.count({ where: { status: 'RUNNING', systemName: { startsWith: 'Parallel' } } });
    await until(async () => (await running()) === count, 30_000);
    for (const id of ids) {
      const response = await fresh(port, CANCEL, { id });
      expect(response.errors).toBeUndefined();
      expect(response.data.cancelRun.run).toMatchObject({ id, status: 'CANCELLED', errorCode: 'CANCELLED' });
    }
  });

  it('cancelRun of a long run works from either worker, whether it runs on the same one or on the other', async () => {
    // Round k puts k fresh connections between the start and the cancel: with the workers taking
    // connections in turn, the rounds cover cancel-on-the-other-worker and on-the-same-worker,
    // asked of each worker.
    for (let k = 0; k < 4; k++) {
      const started = await fresh(port, START, { input: { system: yearSystem(`Cancel ${k}`), options: SLOW_OPTIONS } });
      const id: string = started.data.runSimulation.runId;
      await until(async () => (await db.prisma.simulationRun.count({ where: { systemName: `Cancel ${k}`, status: 'RUNNING' } })) === 1, 30_000);
      for (let i = 0; i < k; i++) expect((await fresh(port, PING)).errors).toBeUndefined();
      const response = await fresh(port, CANCEL, { id });
      expect(response.errors, `round ${k}`).toBeUndefined();
      expect(response.data.cancelRun.run).toMatchObject({ id, status: 'CANCELLED', errorCode: 'CANCELLED' });
      // Cancelled once: now a CONFLICT wherever it is asked.
      const again = await fresh(port, CANCEL, { id });
      expect(again.errors[0].extensions.code).toBe('CONFLICT');
    }
  });

  it('a runsUpdated subscriber on one connection sees RUNNING and COMPLETED of runs started on other connections', async () => {
    const sse = await subscribe(port, 'subscription { runsUpdated { runId status } }');
    try {
      await untilLive(port, sse);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await fresh(port, RUN, { input: { system: houseSystem(`Watched ${i}`) } });
        expect(response.errors).toBeUndefined();
        expect(response.data.runSimulation.run.status).toBe('COMPLETED');
        ids.push(response.data.runSimulation.runId);
      }
      const statusesOf = (id: string) => sse.payloads.filter((p) => p.data?.runsUpdated.runId === id).map((p) => p.data.runsUpdated.status);
      await until(() => ids.every((id) => statusesOf(id).includes('COMPLETED')), 10_000);
      for (const id of ids) {
        expect(statusesOf(id)).toEqual(expect.arrayContaining(['QUEUED', 'RUNNING', 'COMPLETED']));
        expect(statusesOf(id).at(-1)).toBe('COMPLETED');
      }
    } finally {
      sse.close();
    }
  });

  it('studies started on either worker run every trial exactly once (one process drives each study)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await fresh(port, `mutation($input: RunStudyInput!) { runStudy(input: $input) { study { id databaseId } } }`, {
        input: { name: `Cluster study ${i}`, system: houseSystem(`Study house ${i}`), parametric: { parameters: [{ component: 'pv', field: 'peakKw', range: { start: 1, stop: 12, step: 1 } }] } },
      });
      expect(response.errors).toBeUndefined();
      ids.push(response.data.runStudy.study.databaseId);
    }
    for (const studyId of ids) {
      await until(async () => (await db.prisma.study.findUnique({ where: { id: studyId } }))?.status === 'COMPLETED', 60_000);
      const runs = await db.prisma.simulationRun.findMany({ where: { studyId }, select: { trialIndex: true, status: true } });
      expect(runs.map((r) => r.trialIndex).sort((a, b) => a! - b!)).toEqual([...Array(12).keys()]);
      expect(runs.every((r) => r.status === 'COMPLETED')).toBe(true);
    }
  });

  it('a worker killed with SIGKILL is restarted; the service keeps answering meanwhile and after', async () => {
    const before = childPids(primary.pid!, 'main.ts');
    expect(before).toHaveLength(2);
    const victim = before[0]!;
    const logged = stderr.length;
    process.kill(victim, 'SIGKILL');
    await until(() => stderr.slice(logged).includes('exited unexpectedly (signal SIGKILL)'), 10_000);
    // Meanwhile the other worker takes every connection.
    for (let i = 0; i < 4; i++) expect((await fresh(port, PING)).data.runs.totalCount).toBeTypeOf('number');
    await until(() => stderr.slice(logged).includes('is serving again'), 60_000, 100);
    const after = childPids(primary.pid!, 'main.ts');
    expect(after).toHaveLength(2);
    expect(after).not.toContain(victim);
    expect(after).toContain(before[1]);
    for (let i = 0; i < 6; i++) expect((await fresh(port, PING)).data.runs.totalCount).toBeTypeOf('number');
    // The restarted worker takes part in the relay: events of runs anywhere reach a subscriber.
    const sse = await subscribe(port, 'subscription { runsUpdated { runId status } }');
    try {
      await untilLive(port, sse);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await fresh(port, RUN, { input: { system: houseSystem(`After restart ${i}`) } })).data.runSimulation.runId);
      await until(() => ids.every((id) => sse.payloads.some((p) => p.data?.runsUpdated.runId === id && p.data.runsUpdated.status === 'COMPLETED')), 10_000);
    } finally {
      sse.close();
    }
  });

  it('SIGTERM to the primary stops every worker gracefully and exits with 0', async () => {
    const processes = descendantPids(primary.pid!);
    expect(processes.length).toBeGreaterThanOrEqual(2);
    // A run in progress ends as FAILED / SHUTDOWN (the workers' graceful path), not RUNNING.
    const started = await fresh(port, START, { input: { system: yearSystem('At shutdown'), options: SLOW_OPTIONS } });
    expect(started.errors).toBeUndefined();
    await until(async () => (await db.prisma.simulationRun.count({ where: { systemName: 'At shutdown', status: 'RUNNING' } })) === 1, 30_000);
    primary.kill('SIGTERM');
    await until(() => exited.done, 30_000, 50);
    expect(exited).toMatchObject({ code: 0, signal: null });
    await until(() => processes.every((pid) => !isAlive(pid)), 5_000);
    const run = await db.prisma.simulationRun.findFirstOrThrow({ where: { systemName: 'At shutdown' } });
    expect(run).toMatchObject({ status: 'FAILED', errorCode: 'SHUTDOWN' });
    expect(stderr).not.toContain('did not stop in time');
  });
});
