/**
 * Document limits from graphql-armor (Escape's plugins for Envelop/Yoga): depth, aliases,
 * directives and a document cost, checked while the document is validated (before any resolver
 * or SQL runs), and field suggestions hidden in production so the schema cannot be guessed
 * through typos. The token limit runs inside the parser (parser-limits.ts). Every number comes
 * from LIMITS; every refusal is the API's typed QUERY_TOO_COMPLEX with `kind`, `limit` and
 * `measured`, as the Pothos complexity limit answers (errors.ts), not armor's plain message.
 *
 * One cost, two checkpoints: armor's cost limit is set to count as the Pothos complexity does
 * (1 per field, a connection × its literal `first`/`last`) against the same LIMITS.maxComplexity,
 * so a document that asks for too much is refused while validating; page sizes given in
 * variables are only known when executing, where the Pothos complexity plugin (builder.ts)
 * refuses with the same kind COMPLEXITY. armor counts a connection's own field inside its
 * multiplier, so near the limit it is the (slightly) stricter of the two.
 */
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { LIMITS } from './limits.js';

export type ArmorLimitKind = 'DEPTH' | 'ALIASES' | 'DIRECTIVES' | 'COMPLEXITY' | 'TOKENS';

export function documentLimitError(kind: ArmorLimitKind, what: string, limit: number, measured?: number): GraphQLError {
  const found = measured === undefined ? '' : ` (found ${measured})`;
  return createGraphQLError(`${what} exceeds the limit of ${limit}${found}`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', kind, limit, ...(measured === undefined ? {} : { measured }), http: { status: 400 } },
  });
}

/** Armor's message with `exposeLimits` ends "…, found N." — the only place it says N. */
function measuredIn(error: GraphQLError): number | undefined {
  const match = /found (\d+(?:\.\d+)?)\.?$/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

/** armor reports through callbacks; this one reports the typed error instead of armor's own. */
function reportAs(kind: ArmorLimitKind, what: string, limit: number) {
  return {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const typed = documentLimitError(kind, what, limit, measuredIn(error));
        if (context) context.reportError(typed);
        else throw typed;
      },
    ],
  };
}

export interface ArmorOptions {
  /** Hide "Did you mean …?" in validation errors (NODE_ENV=production, PERSISTED_ONLY). */
  blockFieldSuggestions: boolean;
}

export function useArmorLimits(options: ArmorOptions): Plugin[] {
  const plugins: Plugin[] = [
    // Fragments flattened: depth counts fields, as the selection nesting a resolver sees.
    maxDepthPlugin({ n: LIMITS.maxDepth, flattenFragments: true, ...reportAs('DEPTH', 'Query depth', LIMITS.maxDepth) }),
    maxAliasesPlugin({ n: LIMITS.maxAliases, ...reportAs('ALIASES', 'Aliases', LIMITS.maxAliases) }),
    maxDirectivesPlugin({ n: LIMITS.maxDirectives, ...reportAs('DIRECTIVES', 'Directives', LIMITS.maxDirectives) }),
    costLimitPlugin({
      maxCost: LIMITS.maxComplexity,
      objectCost: 1,
      scalarCost: 1,
      depthCostFactor: 1,
      flattenFragments: true,
      ...reportAs('COMPLEXITY', 'Query complexity', LIMITS.maxComplexity),
    }),
  ] as Plugin[];
  if (options.blockFieldSuggestions) plugins.push(blockFieldSuggestionsPlugin() as Plugin);
  return plugins;
}
