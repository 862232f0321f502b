import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../support/databases.js';

describe.each(PROVIDERS)('migrated %s database', (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('starts empty and stores a study', async () => {
    expect(await db.prisma.simulationRun.count()).toBe(0);
    const study = await db.prisma.study.create({ data: { name: 'sweep' } });
    expect(await db.prisma.study.findUnique({ where: { id: study.id } })).toMatchObject({ name: 'sweep' });
  });
});
