import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOut, PREPARED_STATEMENT_LIMIT, postgresRawSql, type RawSql } from '../../src/db/raw-sql.js';
import { proxiedPostgres, type ProxiedPostgres } from '../lifecycle/support/proxied-postgres.js';
import { until } from '../lifecycle/support/systems.js';
import { throughProxy } from '../lifecycle/support/tcp-proxy.js';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../support/databases.js';

describe.each(PROVIDERS)('raw SQL next to Prisma on %s', (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('reads what Prisma wrote, timestamps included, and writes what Prisma reads', async () => {
    const createdAt = new Date('2026-01-02T03:04:05.678Z');
    const study = await db.prisma.study.create({ data: { name: 'raw', createdAt } });
    const p = db.sql.placeholder;
    const rows = await db.sql.query<{ name: string; createdAt: unknown }>(
      `SELECT "name", "createdAt" FROM "Study" WHERE "id" = ${p(1)}`,
      [study.id],
    );
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0].createdAt as string | number | Date).getTime()).toBe(createdAt.getTime());

    const later = new Date('2026-03-04T05:06:07.890Z');
    const [changed] = await db.sql.transaction([
      { sql: `UPDATE "Study" SET "updatedAt" = ${p(1)}, "description" = ${p(2)} WHERE "id" = ${p(3)}`, params: [later, 'x', study.id] },
    ]);
    expect(changed).toBe(1);
    const reread = await db.prisma.study.findUniqueOrThrow({ where: { id: study.id } });
    expect(reread.updatedAt.getTime()).toBe(later.getTime());
    expect(reread.description).toBe('x');
    // Stored in the same form Prisma writes, so comparisons and ordering stay consistent.
    const prismaForm = await db.sql.query<{ updatedAt: unknown; createdAt: unknown }>(
      `SELECT "updatedAt", "createdAt" FROM "Study" WHERE "id" = ${p(1)}`,
      [study.id],
    );
    expect(typeof prismaForm[0].updatedAt).toBe(typeof prismaForm[0].createdAt);
    if (provider === 'sqlite') expect(prismaForm[0].updatedAt).toBe('2026-03-04T05:06:07.890+00:00');
  });

  it('keeps floats exactly', async () => {
    const value = 1818.5261222769182;
    const p = db.sql.placeholder;
    const [row] = await db.sql.query<{ v: number }>(`SELECT CAST(${p(1)} AS DOUBLE PRECISION) AS v`.replace('DOUBLE PRECISION', provider === 'sqlite' ? 'REAL' : 'DOUBLE PRECISION'), [value]);
    expect(Number(row.v)).toBe(value);
  });
});

// PostgreSQL statements run as named prepared statements (postgresRawSql): at most
// PREPARED_STATEMENT_LIMIT distinct SQL texts get a name, per RawSql; each connection prepares
// a name the first time it runs it.

describe('named prepared statements on postgres', () => {
  let db: TestDatabase;
  const pools: pg.Pool[] = [];
  beforeAll(async () => {
    // One connection: every statement below runs on it, so pg_prepared_statements (which is
    // per session) shows everything this RawSql prepared.
    db = await createTestDatabase('postgres', { poolSize: 1 });
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
    await db?.drop();
  });

  /** A RawSql with its own statement names, over its own pool of `size` connections. */
  function freshRawSql(size: number): { sql: RawSql; pool: pg.Pool } {
    const pool = new pg.Pool({ connectionString: db.url, max: size });
    // pool.end() resolves before its sockets have closed; the drop that follows terminates them,
    // and without a listener that error would be unhandled.
    pool.on('error', () => undefined);
    pools.push(pool);
    return { sql: postgresRawSql(pool, undefined), pool };
  }

  const ours = `SELECT "name", "statement" FROM pg_prepared_statements WHERE "name" LIKE 'eco\\_%' ORDER BY length("name"), "name"`;
  /** Distinct SQL texts: the constant is part of the text. */
  const numbered = (k: number) => `SELECT $1::int + ${k} AS "v", '${k}'::text AS "k"`;

  it(`names the first ${PREPARED_STATEMENT_LIMIT} distinct statements, runs the others unnamed, all with correct rows`, async () => {
    const total = PREPARED_STATEMENT_LIMIT + 60;
    for (let k = 0; k < total; k++) {
      expect(await db.sql.query(numbered(k), [k * 2])).toEqual([{ v: k * 3, k: String(k) }]);
    }
    const named = await db.sql.query<{ name: string; statement: string }>(ours);
    expect(named).toHaveLength(PREPARED_STATEMENT_LIMIT);
    expect(named.map((s) => s.statement)).toEqual(Array.from({ length: PREPARED_STATEMENT_LIMIT }, (_, k) => numbered(k)));
    expect(new Set(named.map((s) => s.name)).size).toBe(PREPARED_STATEMENT_LIMIT);

    // Again, in another order and with other values: named ones are reused, the rest stay
    // unnamed, nothing more gets prepared.
    for (let k = total - 1; k >= 0; k--) {
      expect(await db.sql.query(numbered(k), [-k])).toEqual([{ v: 0, k: String(k) }]);
    }
    // Prisma shares the pool (and so the connection): its queries still work next to ours.
    expect(await db.prisma.study.count()).toBe(0);
    expect(await db.sql.query(ours)).toHaveLength(PREPARED_STATEMENT_LIMIT);
  });

  it('never prepares more than the limit on any connection of a pool', async () => {
    const { sql, pool } = freshRawSql(3);
    // Concurrent batches, so that every connection of the pool gets work.
    for (let round = 0; round < 2; round++) {
      for (let k = 0; k < PREPARED_STATEMENT_LIMIT + 40; k += 20) {
        const batch = Array.from({ length: 20 }, (_, i) => k + i);
        const rows = await Promise.all(batch.map((n) => sql.query<{ v: number }>(numbered(n), [round])));
        expect(rows.map((r) => r[0].v)).toEqual(batch.map((n) => n + round));
      }
    }
    // Hold all three connections at once and look at each one's prepared statements.
    const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
    try {
      const counts = await Promise.all(clients.map(async (client) => (await client.query(ours)).rowCount ?? 0));
      expect(counts.some((n) => n > 0)).toBe(true);
      for (const n of counts) expect(n).toBeLessThanOrEqual(PREPARED_STATEMENT_LIMIT);
      // Whatever a connection prepared under a name is that name's text on every connection.
      const byName = new Map<string, string>();
      for (const client of clients) {
        for (const { name, statement } of (await client.query<{ name: string; statement: string }>(ours)).rows) {
          expect(byName.get(name) ?? statement).toBe(statement);
          byName.set(name, statement);
        }
      }
    } finally {
      clients.forEach((client) => client.release());
    }
  });

  it('execute() and transaction() share named statements, the same SQL text in both', async () => {
    const { sql } = freshRawSql(1);
    await sql.execute(`CREATE TABLE "named_t" ("id" int PRIMARY KEY, "v" text NOT NULL)`);
    const insert = `INSERT INTO "named_t" ("id", "v") VALUES ($1, $2)`;
    const update = `UPDATE "named_t" SET "v" = "v" || $1 WHERE "id" <= $2`;
    const select = `SELECT "id", "v" FROM "named_t" ORDER BY "id"`;

    expect(await sql.execute(insert, [1, 'a'])).toBe(1);
    expect(
      await sql.transaction([
        { sql: insert, params: [2, 'b'] },
        { sql: insert, params: [3, 'c'] },
        { sql: update, params: ['!', 2] },
      ]),
    ).toEqual([1, 1, 2]);
    expect(await sql.execute(update, ['?', 1])).toBe(1);
    expect(await sql.execute(insert, [4, 'd'])).toBe(1);
    expect(await sql.query(select)).toEqual([
      { id: 1, v: 'a!?' },
      { id: 2, v: 'b!' },
      { id: 3, v: 'c' },
      { id: 4, v: 'd' },
    ]);
    const statements = (await sql.query<{ statement: string }>(ours)).map((s) => s.statement);
    for (const text of [insert, update, select]) expect(statements.filter((s) => s === text)).toHaveLength(1);

    // A failing transaction rolls back; its named statements and the connection stay usable.
    await expect(
      sql.transaction([
        { sql: insert, params: [5, 'e'] },
        { sql: insert, params: [1, 'duplicate'] },
      ]),
    ).rejects.toThrow(/duplicate key/);
    expect(await sql.query(`SELECT count(*)::int AS "n" FROM "named_t"`)).toEqual([{ n: 4 }]);
    expect(await sql.transaction([{ sql: insert, params: [5, 'e'] }])).toEqual([1]);
    expect(await sql.execute(insert, [6, 'f'])).toBe(1);
    expect((await sql.query(select)).map((r) => (r as { id: number }).id)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a statement whose first preparation failed is prepared again once it can be', async () => {
    const { sql } = freshRawSql(1);
    const count = `SELECT count(*)::int AS "n" FROM "named_later" WHERE "id" > $1`;
    await expect(sql.query(count, [0])).rejects.toThrow(/does not exist/);
    await expect(sql.transaction([{ sql: count, params: [0] }])).rejects.toThrow(/does not exist/);
    await sql.execute(`CREATE TABLE "named_later" ("id" int PRIMARY KEY)`);
    expect(await sql.query(count, [0])).toEqual([{ n: 0 }]);
    await sql.transaction([{ sql: `INSERT INTO "named_later" ("id") VALUES ($1), ($2)`, params: [1, 2] }, { sql: count, params: [1] }]);
    expect(await sql.query(count, [0])).toEqual([{ n: 2 }]);
  });
});

describe('a checked-out PostgreSQL connection that is reset (TCP proxy)', () => {
  let postgres: ProxiedPostgres;
  let pool: pg.Pool;
  beforeAll(async () => {
    postgres = await proxiedPostgres();
    pool = new pg.Pool({ connectionString: throughProxy(postgres.db.url, postgres.proxy), max: 2 });
    pool.on('error', () => undefined);
  });
  afterAll(async () => {
    await pool?.end();
    await postgres?.close();
  });

  // Without a listener of its own a checked-out client's 'error' event is unhandled, and that
  // ends the process (here: vitest reports an uncaught exception).
  it('fails the transaction in flight, keeps the process up and discards the connection', async () => {
    const sql = postgresRawSql(pool, undefined);
    const slow = sql.transaction([{ sql: 'SELECT pg_sleep(2)' }]);
    await until(() => pool.totalCount === 1 && pool.idleCount === 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    postgres.proxy.cut();
    await expect(slow).rejects.toThrow();
    expect(pool.totalCount).toBe(0);
    postgres.proxy.restore();
    expect(await sql.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('keeps the process up when the connection is reset between two statements', async () => {
    const { client, release } = await checkOut(pool);
    await client.query('SELECT 1');
    postgres.proxy.cut();
    await until(() => !(client as unknown as { _queryable: boolean })._queryable);
    release();
    postgres.proxy.restore();
    expect((await pool.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  });
});
