import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
