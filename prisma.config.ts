// Prisma CLI configuration (generate, migrate). The provider follows DATABASE_URL:
// postgres(ql)://… → prisma/postgres, anything else (default file:./data/ecosystemiser.db) →
// prisma/sqlite. The app picks its client the same way (src/db/client.ts).
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { databaseTarget } from './src/db/target.js';

const target = databaseTarget(process.env.DATABASE_URL);

export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: path.join('prisma', target.provider),
  migrations: { path: path.join('prisma', target.provider, 'migrations') },
  async adapter() {
    if (target.provider === 'postgres') {
      await import('./prisma/pg-cli-patches.js');
      const { PrismaPg } = await import('@prisma/adapter-pg');
      // allowExitOnIdle: idle pooled connections must not keep the CLI process alive.
      return new PrismaPg({ connectionString: target.url, allowExitOnIdle: true });
    }
    const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
    return new PrismaBetterSQLite3({ url: target.url });
  },
});
