/** deleteRun, updateRunTags, updateRunMetadata: edits of a logged run that never touch its
 *  status or results (only the runner writes those). */
import { MAX_METADATA_BYTES, MAX_TAG_LENGTH, MAX_TAGS } from '../runner/runner.js';
import { lower } from '../db/run-filters.js';
import { builder } from './builder.js';
import { IssueList, conflict, notFound } from './errors.js';
import { databaseIdOf } from './global-ids.js';
import { RunRef } from './run.js';
import { writeAudit } from '../auth/token-store.js';

const DeleteRunPayloadRef = builder.objectRef<{ deletedRunId: string }>('DeleteRunPayload').implement({
  fields: (t) => ({ deletedRunId: t.exposeID('deletedRunId') }),
});

const UpdateRunTagsInputRef = builder.inputType('UpdateRunTagsInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    tags: t.stringList({ required: true, description: `Replaces the run's tags (at most ${MAX_TAGS}, each 1..${MAX_TAG_LENGTH} characters).` }),
  }),
});

const UpdateRunMetadataInputRef = builder.inputType('UpdateRunMetadataInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    metadata: t.field({ type: 'JSON', required: true, description: `Replaces the metadata: a JSON object of at most ${MAX_METADATA_BYTES} bytes.` }),
  }),
});

function checkTags(tags: string[], issues: IssueList): void {
  if (tags.length > MAX_TAGS) issues.add('input.tags', `at most ${MAX_TAGS} tags, got ${tags.length}`);
  tags.forEach((tag, i) => {
    if (tag.trim().length === 0) issues.add(`input.tags[${i}]`, 'must not be empty');
    else if (tag.length > MAX_TAG_LENGTH) issues.add(`input.tags[${i}]`, `at most ${MAX_TAG_LENGTH} characters`);
    else if (tags.indexOf(tag) !== i) issues.add(`input.tags[${i}]`, `duplicate tag "${tag}"`);
  });
}

builder.mutationFields((t) => ({
  deleteRun: t.field({
    type: DeleteRunPayloadRef,
    description: 'Deletes a finished run with its tags and series. A QUEUED or RUNNING run is a CONFLICT.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const issues = new IssueList();
      const id = databaseIdOf(String(args.id), 'SimulationRun', 'id', issues)!;
      issues.throwIfAny();
      // One conditional statement: a run cannot start between a check and the delete. The audit
      // entry commits with it, or neither does.
      const count = await ctx.db.prisma.$transaction(async (tx) => {
        const deleted = await tx.simulationRun.deleteMany({ where: { id, status: { notIn: ['QUEUED', 'RUNNING'] } } });
        if (deleted.count > 0) await writeAudit(tx, 'DELETE_RUN', id, ctx.principal.tokenName);
        return deleted.count;
      });
      if (count === 0) {
        const run = await ctx.db.prisma.simulationRun.findUnique({ where: { id }, select: { status: true } });
        if (!run) throw notFound('SimulationRun', String(args.id), 'id');
        throw conflict(`run is ${run.status}; delete it once it has finished`);
      }
      return { deletedRunId: String(args.id) };
    },
  }),
  updateRunTags: t.field({
    type: RunRef,
    args: { input: t.arg({ type: UpdateRunTagsInputRef, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const issues = new IssueList();
      const id = databaseIdOf(String(input.id), 'SimulationRun', 'input.id', issues)!;
      checkTags(input.tags, issues);
      issues.throwIfAny();
      return ctx.db.prisma.$transaction(async (tx) => {
        const exists = await tx.simulationRun.findUnique({ where: { id }, select: { id: true } });
        if (!exists) throw notFound('SimulationRun', String(input.id), 'input.id');
        await tx.runTag.deleteMany({ where: { runId: id } });
        if (input.tags.length > 0) {
          await tx.runTag.createMany({ data: input.tags.map((tag) => ({ runId: id, tag, tagLower: lower(tag) })) });
        }
        return tx.simulationRun.update({ where: { id }, data: { tagsJson: JSON.stringify(input.tags) } });
      });
    },
  }),
  updateRunMetadata: t.field({
    type: RunRef,
    args: { input: t.arg({ type: UpdateRunMetadataInputRef, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const issues = new IssueList();
      const id = databaseIdOf(String(input.id), 'SimulationRun', 'input.id', issues)!;
      const metadata = input.metadata;
      if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
        issues.add('input.metadata', 'must be a JSON object');
      } else if (Buffer.byteLength(JSON.stringify(metadata), 'utf8') > MAX_METADATA_BYTES) {
        issues.add('input.metadata', `at most ${MAX_METADATA_BYTES} bytes of JSON`);
      }
      issues.throwIfAny();
      const { count } = await ctx.db.prisma.simulationRun.updateMany({ where: { id }, data: { metadataJson: JSON.stringify(metadata) } });
      if (count === 0) throw notFound('SimulationRun', String(input.id), 'input.id');
      return ctx.db.prisma.simulationRun.findUniqueOrThrow({ where: { id } });
    },
  }),
}));
