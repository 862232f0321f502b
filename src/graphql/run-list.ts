/**
 * Run lists: the `runs` query, `run(id)`, and the SimulationRunConnection type (with a lazy
 * `totalCount`: the count query runs only when a client asks for it). Study.runs uses the
 * same resolver with the study as its scope. Pages and counts are single SQL statements built
 * by src/db/run-sql.ts (the hot read path; Prisma's per-query compilation cost more than the
 * indexed SQL itself).
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { SimulationRun } from '../generated/prisma-sqlite/client.js';
import { RUN_DATE_COLUMNS, RUN_KPI_FIELDS, runKeysetColumns, type RunFilter } from '../db/run-filters.js';
import { countRuns, readRunPage, type RunListColumn, type RunListScope } from '../db/run-sql.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';
import { IssueList } from './errors.js';
import { RunFilterInput, toRunFilter, type RunFilterInputShape } from './filters.js';
import { databaseIdOf } from './global-ids.js';
import { LIMITS } from './limits.js';
import { RunOrderInput, toRunOrder, type RunOrderInputShape } from './order.js';
import { resolveKeysetConnection, type ConnectionArgs } from './pagination.js';
import { RUN_FIELD_COLUMNS, RunRef } from './run.js';

/** What totalCount needs to count the same runs the page was taken from. */
interface RunCountSource {
  countQuery: { filter?: RunFilter; scope: RunListScope };
}

export const RunConnectionRef = builder.connectionObject(
  {
    type: RunRef,
    name: 'SimulationRunConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: 'Runs matching the filter (all pages). Costs a count query: ask only when needed.',
        resolve: (connection, _args, ctx) => countRuns(ctx.db.sql, (connection as unknown as RunCountSource).countQuery),
      }),
    }),
  },
  { name: 'SimulationRunEdge' },
);

export interface RunListArgs extends ConnectionArgs {
  filter?: RunFilterInputShape | null;
  orderBy?: RunOrderInputShape[] | null;
}

/**
 * One page of runs matching `args.filter` within `scope` (e.g. one study). With `info`, only
 * the columns the query's selection needs are read; without it, every list column.
 */
export async function resolveRunConnection(ctx: GraphQLContext, args: RunListArgs, scope: RunListScope = {}, info?: GraphQLResolveInfo) {
  const issues = new IssueList();
  const filter = toRunFilter(args.filter, 'filter', issues);
  const order = toRunOrder(args.orderBy, 'orderBy', issues);
  const columns = runKeysetColumns(order);
  const connection = await resolveKeysetConnection({
    args,
    columns,
    dateColumns: RUN_DATE_COLUMNS,
    issues,
    fetch: async ({ order: pageOrder, bounds, take }) =>
      // Rows without the JSON documents; see run.ts for why the cast is safe.
      (await readRunPage(ctx.db.sql, { columns: info && selectedRunColumns(info), filter, scope, order: pageOrder, bounds, limit: take })) as SimulationRun[],
  });
  const countSource: RunCountSource = { countQuery: { filter, scope } };
  return { ...connection, ...countSource };
}

/**
 * The columns a connection's selection reads from each run (edges.node and nodes, through
 * fragments), or undefined — every column — when it selects a field RUN_FIELD_COLUMNS does
 * not know. @skip/@include are ignored: at worst a column too many is read.
 */
export function selectedRunColumns(info: GraphQLResolveInfo): RunListColumn[] | undefined {
  const columns = new Set<RunListColumn>();
  const kpiNames = new Set<string>(RUN_KPI_FIELDS);
  const runFields = (field: FieldNode): boolean => {
    for (const f of fieldsOf(field.selectionSet, info)) {
      const known = RUN_FIELD_COLUMNS[f.name.value];
      if (!known) return false;
      known.forEach((c) => columns.add(c));
      if (f.name.value === 'kpis') {
        for (const k of fieldsOf(f.selectionSet, info)) if (kpiNames.has(k.name.value)) columns.add(k.name.value as RunListColumn);
      }
    }
    return true;
  };
  for (const connectionField of info.fieldNodes) {
    for (const f of fieldsOf(connectionField.selectionSet, info)) {
      if (f.name.value === 'nodes' && !runFields(f)) return undefined;
      if (f.name.value === 'edges') {
        for (const e of fieldsOf(f.selectionSet, info)) if (e.name.value === 'node' && !runFields(e)) return undefined;
      }
    }
  }
  return [...columns];
}

/** The fields of a selection set, with inline fragments and fragment spreads flattened. */
function fieldsOf(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo): FieldNode[] {
  const out: FieldNode[] = [];
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) out.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) out.push(...fieldsOf(selection.selectionSet, info));
    else out.push(...fieldsOf(info.fragments[selection.name.value]?.selectionSet, info));
  }
  return out;
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
      resolve: (_root, args, ctx, info) => resolveRunConnection(ctx, args as RunListArgs, {}, info),
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
