// Starting the benchmark's GraphQL server (lib/bench-server.ts) as a child process, and the
// reference response a load test compares every response with.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { procStatCpuMs } from './proc-cpu.js';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ServerProcess {
  port: number;
  stop(): void;
  /** CPU ms (user + system, every thread) the server and its worker processes have used. */
  cpuMs(): number;
}

/** The API over `databaseUrl` from `processes` processes, with the Node flags `npm start` uses. */
export async function startBenchServer(databaseUrl: string, processes = 1, env: Record<string, string> = {}): Promise<ServerProcess> {
  const entry = path.join(BENCH_DIR, 'lib', 'bench-server.ts');
  const child: ChildProcess = spawn(process.execPath, [...startNodeFlags(), '--import', 'tsx', entry], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_PROCESSES: String(processes), NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with code ${code} before listening`)));
  });
  return { port, stop: () => child.kill('SIGTERM'), cpuMs: () => processTreeCpuMs(child.pid!) };
}

/** CPU ms of a process and its children (node:cluster workers), from /proc (10 ms ticks). */
function processTreeCpuMs(pid: number): number {
  try {
    const own = procStatCpuMs(`/proc/${pid}/stat`);
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return own + children.reduce((sum, child) => sum + processTreeCpuMs(child), 0);
  } catch {
    return NaN;
  }
}

/** The Node flags `npm start` passes (package.json), so the server runs as it does in production. */
function startNodeFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(BENCH_DIR, '..', 'package.json'), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((word) => /^--[a-z-]+=\S+$/.test(word));
}

/** The first response, checked for GraphQL errors; a load test expects it verbatim. */
export async function referenceBody(endpoint: string, body: string, title: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body,
  });
  const text = await response.text();
  const parsed = JSON.parse(text) as { errors?: unknown[] };
  if (!response.ok || parsed.errors?.length) throw new Error(`${title}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return text;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
