// A fresh PostgreSQL test database reached through a TCP proxy the test can cut and restore.
import { createDb, type DbHandle } from '../../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from '../../support/databases.js';
import { startTcpProxy, throughProxy, type TcpProxy } from './tcp-proxy.js';

export interface ProxiedPostgres {
  /** Direct access, for the test's own checks. */
  db: TestDatabase;
  proxy: TcpProxy;
  /** The connection under test, through the proxy. */
  viaProxy: DbHandle;
  /** Disconnects, stops the proxy and drops the database. */
  close(): Promise<void>;
}

export async function proxiedPostgres(): Promise<ProxiedPostgres> {
  const db = await createTestDatabase('postgres');
  const u = new URL(db.url);
  const proxy = await startTcpProxy(u.hostname, Number(u.port || 5432));
  const viaProxy = await createDb({ databaseUrl: throughProxy(db.url, proxy) });
  return {
    db,
    proxy,
    viaProxy,
    async close() {
      await viaProxy.prisma.$disconnect();
      await proxy.close();
      await db.drop();
    },
  };
}
