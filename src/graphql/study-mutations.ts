/**
 * createStudy / updateStudy / deleteStudy. Deleting a study keeps its runs (their study
 * becomes null) unless `deleteRuns: true`; runs still RUNNING block a deleting delete.
 */
import { builder } from './builder.js';
import { IssueList, conflict, notFound } from './errors.js';
import { databaseIdOf } from './global-ids.js';
import { LIMITS } from './limits.js';
import { StudyRef } from './study.js';
import { writeAudit } from '../auth/token-store.js';

const CreateStudyInputRef = builder.inputType('CreateStudyInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string(),
  }),
});

const UpdateStudyInputRef = builder.inputType('UpdateStudyInput', {
  description: 'Fields left out stay as they are; description: null clears it.',
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    description: t.string(),
  }),
});

const DeleteStudyInputRef = builder.inputType('DeleteStudyInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    deleteRuns: t.boolean({
      defaultValue: false,
      description: 'false (default): the runs stay, without a study. true: the runs are deleted with it.',
    }),
  }),
});

interface DeleteStudyResult {
  deletedStudyId: string;
  deletedRunCount: number;
  detachedRunCount: number;
}

const DeleteStudyPayloadRef = builder.objectRef<DeleteStudyResult>('DeleteStudyPayload').implement({
  fields: (t) => ({
    deletedStudyId: t.exposeID('deletedStudyId'),
    deletedRunCount: t.exposeInt('deletedRunCount'),
    detachedRunCount: t.exposeInt('detachedRunCount', { description: 'Runs kept, now without a study.' }),
  }),
});

function checkName(name: unknown, path: string, issues: IssueList): void {
  if (typeof name !== 'string' || name.trim().length === 0) issues.add(path, 'must not be empty');
  else if (name.length > LIMITS.maxStudyNameLength) issues.add(path, `at most ${LIMITS.maxStudyNameLength} characters, got ${name.length}`);
}

function checkDescription(description: unknown, path: string, issues: IssueList): void {
  if (typeof description === 'string' && description.length > LIMITS.maxStudyDescriptionLength) {
    issues.add(path, `at most ${LIMITS.maxStudyDescriptionLength} characters, got ${description.length}`);
  }
}

builder.mutationFields((t) => ({
  createStudy: t.field({
    type: StudyRef,
    args: { input: t.arg({ type: CreateStudyInputRef, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const issues = new IssueList();
      checkName(input.name, 'input.name', issues);
      checkDescription(input.description, 'input.description', issues);
      issues.throwIfAny();
      return ctx.db.prisma.study.create({ data: { name: input.name.trim(), description: input.description ?? null, createdBy: ctx.principal.tokenName } });
    },
  }),
  updateStudy: t.field({
    type: StudyRef,
    args: { input: t.arg({ type: UpdateStudyInputRef, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const issues = new IssueList();
      const id = databaseIdOf(String(input.id), 'Study', 'input.id', issues);
      if (input.name !== undefined) checkName(input.name, 'input.name', issues);
      checkDescription(input.description, 'input.description', issues);
      issues.throwIfAny();
      const data: { name?: string; description?: string | null } = {};
      if (input.name != null) data.name = input.name.trim();
      if (input.description !== undefined) data.description = input.description;
      const { count } = await ctx.db.prisma.study.updateMany({ where: { id: id! }, data });
      if (count === 0) throw notFound('Study', String(input.id), 'input.id');
      return ctx.db.prisma.study.findUniqueOrThrow({ where: { id: id! } });
    },
  }),
  deleteStudy: t.field({
    type: DeleteStudyPayloadRef,
    args: { input: t.arg({ type: DeleteStudyInputRef, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const issues = new IssueList();
      const id = databaseIdOf(String(input.id), 'Study', 'input.id', issues)!;
      issues.throwIfAny();
      const deleteRuns = input.deleteRuns ?? false;
      const result = await ctx.db.prisma.$transaction(async (tx) => {
        const study = await tx.study.findUnique({ where: { id }, select: { id: true } });
        if (!study) throw notFound('Study', String(input.id), 'input.id');
        let deletedRunCount = 0;
        let detachedRunCount = 0;
        if (deleteRuns) {
          const active = await tx.simulationRun.count({ where: { studyId: id, status: { in: ['QUEUED', 'RUNNING'] } } });
          if (active > 0) throw conflict(`study has ${active} run(s) still QUEUED or RUNNING; delete it once they finish`);
          deletedRunCount = (await tx.simulationRun.deleteMany({ where: { studyId: id } })).count;
        } else {
          // Explicit rather than relying on the foreign key's SET NULL, so the count is exact.
          detachedRunCount = (await tx.simulationRun.updateMany({ where: { studyId: id }, data: { studyId: null } })).count;
        }
        await tx.study.delete({ where: { id } });
        await writeAudit(tx, 'DELETE_STUDY', id, ctx.principal.tokenName);
        return { deletedRunCount, detachedRunCount };
      });
      return { deletedStudyId: String(input.id), ...result };
    },
  }),
}));
