/**
 * Run lists: the `runs` query, `run(id)`, and the SimulationRunConnection type (with a lazy
 * `totalCount`: the count query runs only when a client asks for it). Study.runs uses the
 * same resolver with the study as an extra condition.
 */
import type { Prisma, SimulationRun } from '../generated/prisma-sqlite/client.js';
import { RUN_DATE_COLUMNS, runFilterToWhere, runKeysetColumns } from '../db/run-filters.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';
import { IssueList } from './errors.js';
import { RunFilterInput, toRunFilter, type RunFilterInputShape } from './filters.js';
import { databaseIdOf } from './global-ids.js';
import { LIMITS } from './limits.js';
import { RUN_LIST_SELECT } from './loaders.js';
import { RunOrderInput, toRunOrder, type RunOrderInputShape } from './order.js';
import { resolveKeysetConnection, type ConnectionArgs } from './pagination.js';
import { RunRef } from './run.js';

type RunWhere = Prisma.SimulationRunWhereInput;

export const RunConnectionRef = builder.connectionObject(
  {
    type: RunRef,
    name: 'SimulationRunConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: 'Runs matching the filter (all pages). Costs a count query: ask only when needed.',
        resolve: (connection, _args, ctx) =>
          ctx.db.prisma.simulationRun.count({ where: (connection as unknown as { countWhere: RunWhere }).countWhere }),
      }),
    }),
  },
  { name: 'SimulationRunEdge' },
);

export interface RunListArgs extends ConnectionArgs {
  filter?: RunFilterInputShape | null;
  orderBy?: RunOrderInputShape[] | null;
}

/** One page of runs matching `args.filter` within `scope` (e.g. one study). */
export async function resolveRunConnection(ctx: GraphQLContext, args: RunListArgs, scope: RunWhere = {}) {
  const issues = new IssueList();
  const filter = toRunFilter(args.filter, 'filter', issues);
  const order = toRunOrder(args.orderBy, 'orderBy', issues);
  const columns = runKeysetColumns(order);
  const filterWhere = andWhere(scope, runFilterToWhere(filter, { provider: ctx.db.provider }));
  const connection = await resolveKeysetConnection({
    args,
    columns,
    dateColumns: RUN_DATE_COLUMNS,
    issues,
    fetch: async ({ where, orderBy, take }) =>
      // Rows without the JSON documents; see run.ts for why the cast is safe.
      (await ctx.db.prisma.simulationRun.findMany({
        where: andWhere(filterWhere, where as RunWhere),
        orderBy: orderBy as Prisma.SimulationRunOrderByWithRelationInput[],
        take,
        select: RUN_LIST_SELECT,
      })) as unknown as SimulationRun[],
  });
  return { ...connection, countWhere: filterWhere };
}

export function andWhere(a: RunWhere, b: RunWhere): RunWhere {
  if (Object.keys(a).length === 0) return b;
  if (Object.keys(b).length === 0) return a;
  return { AND: [a, b] };
}

/** Lists weigh their page size: the limit sees a 100-run page as 100 × its selection. */
export function pageComplexity(args: { first?: number | null; last?: number | null }) {
  const size = Math.min(args.first ?? args.last ?? LIMITS.defaultPageSize, LIMITS.maxPageSize);
  return { field: 1, multiplier: Math.max(size, 1) };
}

builder.queryFields((t) => ({
  runs: t.connection(
    {
      type: RunRef,
      description: `Runs matching \`filter\`, sorted by \`orderBy\` (default: newest first), one page at a time (default ${LIMITS.defaultPageSize}, at most ${LIMITS.maxPageSize}).`,
      args: {
        filter: t.arg({ type: RunFilterInput }),
        orderBy: t.arg({ type: [RunOrderInput], description: 'Sort keys in order; the run id is always added last as a tie-break.' }),
      },
      complexity: pageComplexity,
      resolve: (_root, args, ctx) => resolveRunConnection(ctx, args as RunListArgs),
    },
    RunConnectionRef,
  ),
  run: t.field({
    type: RunRef,
    nullable: true,
    description: 'One run by id; null if there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const issues = new IssueList();
      const id = databaseIdOf(String(args.id), 'SimulationRun', 'id', issues);
      issues.throwIfAny();
      return ctx.db.prisma.simulationRun.findUnique({ where: { id: id! } });
    },
  }),
}));
