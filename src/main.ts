// `npm start`: migrate the database DATABASE_URL names (default: SQLite under data/), start
// the worker pool and serve GraphQL on PORT (default 4000).
import { createDb } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { databaseTarget } from './db/target.js';
import { SimulationRunner } from './runner/runner.js';
import { createYogaApp, startHttpServer } from './server.js';

const port = Number(process.env.PORT ?? 4000);

const target = databaseTarget(process.env.DATABASE_URL);
await migrateDatabase(target.url);
const db = await createDb({ databaseUrl: target.url });
// The outbox keeps run-log writes the database refused, to replay them when it answers again.
const runner = new SimulationRunner(db, {
  outboxPath: process.env.RUN_OUTBOX_PATH ?? 'data/run-outbox.jsonl',
  log: (message) => console.warn(message),
});
await runner.ready;
const yoga = createYogaApp({ db, runner });
const server = await startHttpServer(yoga, port);

const where = db.provider === 'sqlite' ? db.target.url : 'PostgreSQL';
console.log(`EcoSystemiser on ${where}: GraphiQL at http://localhost:${port}${yoga.graphqlEndpoint}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    await runner.close();
    await db.prisma.$disconnect();
    process.exit(0);
  });
}
