// `src/main.ts` as `npm start` runs it (its Node flags, NODE_ENV=production) on a fresh SQLite
// file or a fresh PostgreSQL database, for benchmarks that measure the whole service.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { procStatCpuMs } from './proc-cpu.js';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from './server-process.js';
import { TEST_POSTGRES_URL } from '../../test/support/databases.js';

export const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface NpmStartServer {
  child: ChildProcess;
  endpoint: string;
  post(body: unknown): Promise<{ status: number; json: any }>;
  /** Stops the server, drops its database and temp folder. */
  stop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function startNpmStartServer(options: {
  provider: 'sqlite' | 'postgres';
  env?: Record<string, string>;
  nodeFlags?: string[];
  tag: string;
}): Promise<NpmStartServer> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `eco-${options.tag}-`));
  let databaseUrl: string;
  let dropDatabase = async () => undefined as void;
  if (options.provider === 'postgres') {
    const name = `eco_${options.tag}_${Date.now().toString(36)}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    const u = new URL(TEST_POSTGRES_URL);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDatabase = () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } else {
    databaseUrl = `file:${path.join(work, `${options.tag}.db`)}`;
  }
  const port = await freePort();
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const startFlags = pkg.scripts.start.split(/\s+/).filter((word) => /^--[a-z-]+=\S+$/.test(word));
  const child = spawn(process.execPath, [...startFlags, ...(options.nodeFlags ?? []), '--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_URL: databaseUrl, RUN_OUTBOX_PATH: path.join(work, 'outbox.jsonl'), ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('GraphiQL at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  const endpoint = `http://127.0.0.1:${port}/graphql`;
  return {
    child,
    endpoint,
    async post(body) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await dropDatabase();
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

/** CPU seconds (user + system) the process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  return procStatCpuMs(`/proc/${pid}/stat`) / 1000;
}
