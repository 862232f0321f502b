/**
 * Study: a named group of runs (e.g. the design variants of one site). Its run counts and KPI
 * statistics are derived from the runs on every request — batched for a page of studies.
 */
import type { KeysetColumn } from '../db/run-filters.js';
import { builder } from './builder.js';
import { IssueList } from './errors.js';
import { RunFilterInput } from './filters.js';
import { databaseIdOf } from './global-ids.js';
import { RunOrderInput } from './order.js';
import { resolveKeysetConnection } from './pagination.js';
import { RunConnectionRef, pageComplexity, resolveRunConnection, type RunListArgs } from './run-list.js';
import { RunRef } from './run.js';
import { RunStatsRef } from './stats.js';

export const StudyRef = builder.prismaNode('Study', {
  id: { field: 'id' },
  // node(id) of a deleted or unknown row is null, not an error (findUnique, not ...OrThrow).
  nullable: true,
  description: 'A named group of runs.',
  fields: (t) => ({
    databaseId: t.exposeString('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    createdBy: t.exposeString('createdBy', { nullable: true, description: 'The name of the API token that created the study; null when created with AUTH=off.' }),
    runCount: t.int({
      description: 'Runs in this study (derived, never stored).',
      resolve: async (study, _args, ctx) => (await ctx.loaders.studyStats.load(study.id)).count,
    }),
    stats: t.field({
      type: RunStatsRef,
      description: 'Run counts per status and solver, and the best/min/max/avg of every KPI over the study\'s runs.',
      resolve: (study, _args, ctx) => ctx.loaders.studyStats.load(study.id),
    }),
    runs: t.connection(
      {
        type: RunRef,
        description: 'The study\'s runs; same filter and orderBy as Query.runs.',
        args: {
          filter: t.arg({ type: RunFilterInput }),
          orderBy: t.arg({ type: [RunOrderInput] }),
        },
        complexity: pageComplexity,
        resolve: (study, args, ctx, info) => resolveRunConnection(ctx, args as RunListArgs, { studyId: study.id }, info),
      },
      RunConnectionRef,
    ),
  }),
});

builder.objectField(RunRef, 'study', (t) =>
  t.field({
    type: StudyRef,
    nullable: true,
    resolve: (run, _args, ctx) => (run.studyId ? ctx.loaders.study.load(run.studyId) : null),
  }),
);

const STUDY_COLUMNS: KeysetColumn[] = [
  { column: 'createdAt', direction: 'desc', nulls: 'last', nullable: false },
  { column: 'id', direction: 'asc', nulls: 'last', nullable: false },
];

builder.queryFields((t) => ({
  study: t.field({
    type: StudyRef,
    nullable: true,
    description: 'One study by id; null if there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const issues = new IssueList();
      const id = databaseIdOf(String(args.id), 'Study', 'id', issues);
      issues.throwIfAny();
      return ctx.loaders.study.load(id!);
    },
  }),
  studies: t.connection({
    type: StudyRef,
    description: 'Studies, newest first.',
    complexity: pageComplexity,
    resolve: (_root, args, ctx) =>
      resolveKeysetConnection({
        args,
        columns: STUDY_COLUMNS,
        dateColumns: new Set(['createdAt']),
        issues: new IssueList(),
        fetch: ({ where, orderBy, take }) => ctx.db.prisma.study.findMany({ where, orderBy, take }),
      }),
  }, { name: 'StudyConnection' }, { name: 'StudyEdge' }),
}));
