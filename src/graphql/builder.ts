/**
 * The one Pothos schema builder: plugins, scalars and the request context type. Every type
 * and field lives in its own module and registers itself on this builder; schema.ts imports
 * them all.
 */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import type { GraphQLContext } from './context.js';
import { queryTooComplex } from './errors.js';
import { LIMITS } from './limits.js';

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: GraphQLContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [PrismaPlugin, RelayPlugin, ComplexityPlugin],
  // Non-null unless a field says otherwise: clients need not null-check counts and lists.
  defaultFieldNullability: false,
  prisma: {
    // The client comes from the context: the app (and each test) owns its own database.
    client: (ctx) => ctx.db.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    onUnusedQuery: null,
  },
  relay: {
    cursorType: 'String',
    clientMutationId: 'omit',
    // The connection field already multiplies by the page size (pageComplexity); edges and
    // nodes must not multiply again.
    nodesOnConnection: { complexity: { field: 0, multiplier: 1 } },
    edgesFieldOptions: { nullable: false, complexity: { field: 0, multiplier: 1 } },
    nodeFieldOptions: { nullable: false },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    // Depth is graphql-armor's (armor-limits.ts), checked earlier, during validation.
    limit: { complexity: LIMITS.maxComplexity, breadth: LIMITS.maxBreadth },
    complexityError: (kind, result) => queryTooComplex(kind, result),
  },
});

builder.queryType({});
builder.mutationType({});
