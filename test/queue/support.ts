// Real processes for queue-mode tests: API instances (src/main.ts with EXECUTION=queue) and
// workers (src/queue/worker-main.ts), each one node process (tsx as a loader, so a SIGKILL hits
// the process itself), talking to a fresh PostgreSQL database per test.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/ports.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Spawned {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  kill(signal?: NodeJS.Signals): void;
}

function start(script: string, env: Record<string, string>, readyLine: RegExp, timeoutMs = 60_000): Promise<Spawned> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, script)], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (text += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (text += c));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const spawned: Spawned = { child, output: () => text, exited, kill: (signal = 'SIGKILL') => void child.kill(signal) };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within ${timeoutMs} ms:\n${text}`)), timeoutMs);
    const check = () => {
      if (readyLine.test(text)) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve(spawned);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready:\n${text}`));
    });
  });
}

export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<Spawned & { port: number }> {
  const port = await freePort();
  const api = await start('src/main.ts', { DATABASE_URL: databaseUrl, EXECUTION: 'queue', PORT: String(port), ...env }, /GraphiQL at/);
  return { ...api, port };
}

export async function startWorker(databaseUrl: string, env: Record<string, string> = {}): Promise<Spawned & { id: string }> {
  const worker = await start('src/queue/worker-main.ts', { DATABASE_URL: databaseUrl, WORKER_CONCURRENCY: '1', ...env }, /taking jobs/);
  const id = /worker (\S+): /.exec(worker.output())![1]!;
  return { ...worker, id };
}

/** One GraphQL request (its own connection). */
export function graphql(port: number, query: string, variables?: Record<string, unknown>): Promise<any> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', accept: 'application/json', connection: 'close', 'content-length': Buffer.byteLength(body) },
      },
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

/** A subscription over Server-Sent Events; `payloads` fills as events arrive. */
export function subscribe(port: number, query: string, variables?: Record<string, unknown>): Promise<{ payloads: any[]; close(): void }> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'content-length': Buffer.byteLength(body) },
      },
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

export const RUN = `mutation ($input: RunSimulationInput!, $wait: Boolean) {
  runSimulation(input: $input, wait: $wait) { runId run { id status } warnings }
}`;
