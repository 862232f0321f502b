// A real HTTP GraphQL server over a seeded database, for the throughput benchmark. Run as its
// own process so the load generator does not share its event loop. Prints `LISTENING <port>`.
//   BENCH_DATABASE_URL=… node --import tsx bench/lib/bench-server.ts
import { createDb } from '../../src/db/client.js';
import { createYogaApp, startHttpServer } from '../../src/server.js';
import { queriesOnlyRunner } from './graphql-client.js';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL is required');
const db = await createDb({ databaseUrl: url });
const yoga = createYogaApp({ db, runner: queriesOnlyRunner });
const server = await startHttpServer(yoga, 0, '127.0.0.1');
const address = server.address();
if (!address || typeof address === 'string') throw new Error('server has no TCP address');
console.log(`LISTENING ${address.port}`);

process.on('SIGTERM', () => {
  server.close();
  void db.prisma.$disconnect().finally(() => process.exit(0));
});
