// Study and run edits: create/update/delete study (keeping or deleting its runs), deleteRun,
// tags and metadata — including NOT_FOUND / CONFLICT / BAD_USER_INPUT leaving rows unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../support/databases.js';
import { errorCodes, globalId, insertRun, startApi, type ApiHarness } from './support.js';

describe.each(PROVIDERS)('study and run mutations (%s)', (provider) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(provider);
  });
  afterAll(() => api.close());

  async function createStudy(name: string) {
    const r = await api.gql(`mutation($i: CreateStudyInput!) { createStudy(input: $i) { id databaseId name description } }`, { i: { name } });
    expect(r.errors).toBeUndefined();
    return r.data!.createStudy as { id: string; databaseId: string; name: string };
  }

  it('creates and updates a study; bad names are rejected with their path', async () => {
    const study = await createStudy('  Rooftops  ');
    expect(study.name).toBe('Rooftops');
    const u = await api.gql(`mutation($i: UpdateStudyInput!) { updateStudy(input: $i) { name description } }`, {
      i: { id: study.id, description: 'PV on every roof' },
    });
    expect(u.data!.updateStudy).toEqual({ name: 'Rooftops', description: 'PV on every roof' });
    const bad = await api.gql(`mutation($i: CreateStudyInput!) { createStudy(input: $i) { id } }`, { i: { name: ' ', description: 'x'.repeat(10_001) } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions!.issues.map((i: { path: string }) => i.path)).toEqual(['input.name', 'input.description']);
    const missing = await api.gql(`mutation($i: UpdateStudyInput!) { updateStudy(input: $i) { id } }`, {
      i: { id: globalId('Study', '00000000-0000-0000-0000-000000000000'), name: 'x' },
    });
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
    expect(await api.db.prisma.study.count({ where: { name: 'x' } })).toBe(0);
  });

  it('deleteStudy keeps the runs by default and deletes them on request', async () => {
    const keep = await createStudy('Keep runs');
    const drop = await createStudy('Drop runs');
    for (let i = 0; i < 3; i++) await insertRun(api.db, { studyId: keep.databaseId, tags: ['t'] });
    for (let i = 0; i < 2; i++) await insertRun(api.db, { studyId: drop.databaseId, tags: ['t'] });
    const del = `mutation($i: DeleteStudyInput!) { deleteStudy(input: $i) { deletedStudyId deletedRunCount detachedRunCount } }`;

    const kept = await api.gql(del, { i: { id: keep.id } });
    expect(kept.data!.deleteStudy).toEqual({ deletedStudyId: keep.id, deletedRunCount: 0, detachedRunCount: 3 });
    expect(await api.db.prisma.simulationRun.count({ where: { studyId: null } })).toBeGreaterThanOrEqual(3);

    const running = await insertRun(api.db, { studyId: drop.databaseId, status: 'RUNNING' });
    const blocked = await api.gql(del, { i: { id: drop.id, deleteRuns: true } });
    expect(errorCodes(blocked)).toEqual(['CONFLICT']);
    expect(await api.db.prisma.simulationRun.count({ where: { studyId: drop.databaseId } })).toBe(3);

    await api.db.prisma.simulationRun.update({ where: { id: running.id }, data: { status: 'COMPLETED' } });
    const dropped = await api.gql(del, { i: { id: drop.id, deleteRuns: true } });
    expect(dropped.data!.deleteStudy).toEqual({ deletedStudyId: drop.id, deletedRunCount: 3, detachedRunCount: 0 });
    expect(await api.db.prisma.study.count({ where: { id: drop.databaseId } })).toBe(0);
  });

  it('deleteRun removes a finished run with its tags; a RUNNING one is a CONFLICT', async () => {
    const done = await insertRun(api.db, { tags: ['x', 'y'] });
    const r = await api.gql(`mutation($id: ID!) { deleteRun(id: $id) { deletedRunId } }`, { id: done.globalId });
    expect(r.data!.deleteRun.deletedRunId).toBe(done.globalId);
    expect(await api.db.prisma.runTag.count({ where: { runId: done.id } })).toBe(0);
    const again = await api.gql(`mutation($id: ID!) { deleteRun(id: $id) { deletedRunId } }`, { id: done.globalId });
    expect(errorCodes(again)).toEqual(['NOT_FOUND']);
    const gone = await api.gql(`query($id: ID!) { node(id: $id) { id } run(id: $id) { id } }`, { id: done.globalId });
    expect(gone).toEqual({ data: { node: null, run: null } });
    const busy = await insertRun(api.db, { status: 'RUNNING' });
    const c = await api.gql(`mutation($id: ID!) { deleteRun(id: $id) { deletedRunId } }`, { id: busy.globalId });
    expect(errorCodes(c)).toEqual(['CONFLICT']);
    expect(await api.db.prisma.simulationRun.count({ where: { id: busy.id } })).toBe(1);
  });

  it('updateRunTags replaces the tags that filters see; updateRunMetadata replaces metadata', async () => {
    const run = await insertRun(api.db, { systemName: 'Tagged', tags: ['Old'] });
    const t = await api.gql(`mutation($i: UpdateRunTagsInput!) { updateRunTags(input: $i) { tags } }`, { i: { id: run.globalId, tags: ['New', 'Second'] } });
    expect(t.data!.updateRunTags.tags).toEqual(['New', 'Second']);
    const byTag = await api.gql(`{ runs(filter: { tags: { eq: "new" } }) { nodes { systemName } } }`);
    expect(byTag.data!.runs.nodes).toEqual([{ systemName: 'Tagged' }]);
    const old = await api.gql(`{ runs(filter: { tags: { eq: "old" } }) { totalCount } }`);
    expect(old.data!.runs.totalCount).toBe(0);

    const bad = await api.gql(`mutation($i: UpdateRunTagsInput!) { updateRunTags(input: $i) { tags } }`, { i: { id: run.globalId, tags: ['', 'a', 'a'] } });
    expect(bad.errors![0].extensions!.issues.map((i: { path: string }) => i.path)).toEqual(['input.tags[0]', 'input.tags[2]']);
    expect((await api.db.prisma.runTag.findMany({ where: { runId: run.id } })).map((x) => x.tag).sort()).toEqual(['New', 'Second']);

    const m = await api.gql(`mutation($i: UpdateRunMetadataInput!) { updateRunMetadata(input: $i) { metadata } }`, { i: { id: run.globalId, metadata: { site: 'Lyon', floors: 3 } } });
    expect(m.data!.updateRunMetadata.metadata).toEqual({ site: 'Lyon', floors: 3 });
    const notObject = await api.gql(`mutation($i: UpdateRunMetadataInput!) { updateRunMetadata(input: $i) { metadata } }`, { i: { id: run.globalId, metadata: [1, 2] } });
    expect(notObject.errors![0].extensions!.issues).toEqual([{ path: 'input.metadata', message: 'must be a JSON object' }]);
  });
});
