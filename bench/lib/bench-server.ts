// A real HTTP GraphQL server over a seeded database, for the throughput benchmark. Run as its
// own process so the load generator does not share its event loop. With BENCH_PROCESSES=N > 1
// it serves the port from N processes (node:cluster, as `WEB_CONCURRENCY=N npm start` does).
// Prints `LISTENING <port>` once every process listens.
// BENCH_AUTH=required serves it as AUTH=required does (tokens, scopes, rate limits); default off.
// BENCH_LIMITS=off leaves out graphql-armor and trusted documents (the "without" of issue 11).
//   BENCH_DATABASE_URL=… [BENCH_PROCESSES=2] [BENCH_AUTH=required] node --import tsx bench/lib/bench-server.ts
import cluster from 'node:cluster';
import { createDb } from '../../src/db/client.js';
import { createYogaApp, startHttpServer } from '../../src/server.js';
import { createServerAuth } from '../../src/auth/guard.js';
import { authSettingsFromEnv } from '../../src/auth/settings.js';
import { queriesOnlyRunner } from './graphql-client.js';
import { freePort } from './server-process.js';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL is required');
const processes = Number(process.env.BENCH_PROCESSES ?? 1);

if (processes > 1 && cluster.isPrimary) {
  // Every worker listens on the same, fixed port (a worker asking for port 0 would get a port of
  // its own): take a free one first.
  const port = await freePort();
  let listening = 0;
  for (let i = 0; i < processes; i++) {
    cluster.fork({ BENCH_PORT: String(port) }).on('message', (message: { listening?: number }) => {
      if (typeof message.listening === 'number' && ++listening === processes) console.log(`LISTENING ${port}`);
    });
  }
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 2000).unref();
  });
} else {
  const db = await createDb({ databaseUrl: url });
  const auth = await createServerAuth(db, authSettingsFromEnv({ ...process.env, AUTH: process.env.BENCH_AUTH ?? 'off' }));
  // BENCH_LIMITS=off: the baseline without graphql-armor and trusted documents (throughput.ts --auth both).
  const yoga = createYogaApp({ db, runner: queriesOnlyRunner, auth, issue11Limits: process.env.BENCH_LIMITS !== 'off' });
  const server = await startHttpServer(yoga, Number(process.env.BENCH_PORT ?? 0), '127.0.0.1');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  if (cluster.isWorker) process.send!({ listening: address.port });
  else console.log(`LISTENING ${address.port}`);
  process.on('SIGTERM', () => {
    server.close();
    void db.prisma.$disconnect().finally(() => process.exit(0));
  });
}
