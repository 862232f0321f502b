/**
 * Limits on the document text, checked while it is parsed: the parser recurses once per
 * nesting level, so a 3,000-level `not: { not: … }` literal overflowed its stack and ended as
 * INTERNAL_SERVER_ERROR (issue 13). A linear scan of the text bounds the nesting first (nothing
 * in graphql-armor does: its token limit would let a 3,000-level literal of 12k tokens through
 * to the recursion), then graphql-armor's token-counting parser stops at the token limit
 * without reading the rest. Both refusals are typed 400s naming their limit (QUERY_TOO_COMPLEX,
 * kind DOCUMENT_DEPTH / TOKENS). Yoga caches parsed documents, so repeated operations pay none.
 */
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { DocumentNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { documentLimitError } from './armor-limits.js';
import { LIMITS } from './limits.js';

function limitError(kind: string, message: string, limit: number) {
  return createGraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', kind, limit, http: { status: 400 } },
  });
}

/** A word of a name or number (`_`, letters, digits, and `.`/`+`/`-` inside numbers). */
function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2b || c === 0x2d;
}

export interface DocumentShape {
  /** Deepest nesting of `{`, `[` and `(`. */
  depth: number;
  /** Lexical tokens as graphql-js counts them for a valid document (comments and commas are not). */
  tokens: number;
}

/**
 * Nesting and token count of a GraphQL document in one linear scan, skipping strings and
 * comments; stops as soon as either is above its bound. Counting here, not only in the parser,
 * matters for time: graphql-js builds an AST node per token and needed ~100 ms of event loop
 * for a 100,000-token document before its own limit stopped it; this scan takes ~3 ms.
 */
export function documentShape(source: string, maxDepth = Infinity, maxTokens = Infinity): DocumentShape {
  let depth = 0;
  let deepest = 0;
  let tokens = 0;
  const length = source.length;
  for (let i = 0; i < length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x20 || c === 0x2c || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue;
    if (c === 0x23) {
      while (i < length && source.charCodeAt(i) !== 0x0a && source.charCodeAt(i) !== 0x0d) i++;
      continue;
    }
    if (++tokens > maxTokens) break;
    if (c === 0x7b || c === 0x5b || c === 0x28) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > maxDepth) break;
      }
    } else if (c === 0x7d || c === 0x5d || c === 0x29) {
      if (depth > 0) depth--;
    } else if (c === 0x22) {
      if (source.startsWith('"""', i)) {
        i += 3;
        while (i < length && !source.startsWith('"""', i)) i += source.charCodeAt(i) === 0x5c ? 2 : 1;
        i += 2;
      } else {
        i++;
        while (i < length && source.charCodeAt(i) !== 0x22 && source.charCodeAt(i) !== 0x0a) i += source.charCodeAt(i) === 0x5c ? 2 : 1;
      }
    } else if (c === 0x2e && source.startsWith('...', i)) {
      i += 2;
    } else if (isWordChar(c)) {
      while (i + 1 < length && isWordChar(source.charCodeAt(i + 1))) i++;
    }
  }
  return { depth: deepest, tokens };
}

/** Deepest nesting of `{`, `[` and `(` in a GraphQL document, skipping strings and comments. */
export function documentNestingDepth(source: string, stopAbove = Infinity): number {
  return documentShape(source, stopAbove).depth;
}

const TOKEN_LIMIT_OPTIONS = {
  n: LIMITS.maxDocumentTokens,
  propagateOnRejection: false,
  onReject: [
    () => {
      throw documentLimitError('TOKENS', 'Document length in tokens', LIMITS.maxDocumentTokens);
    },
  ],
};

export function parseWithinLimits(source: string): DocumentNode {
  const shape = documentShape(source, LIMITS.maxDocumentNesting, LIMITS.maxDocumentTokens);
  if (shape.depth > LIMITS.maxDocumentNesting) {
    throw limitError('DOCUMENT_DEPTH', `Document nesting exceeds the limit of ${LIMITS.maxDocumentNesting} levels`, LIMITS.maxDocumentNesting);
  }
  if (shape.tokens > LIMITS.maxDocumentTokens) {
    throw documentLimitError('TOKENS', 'Document length in tokens', LIMITS.maxDocumentTokens);
  }
  // armor's parser takes its options next to graphql-js's parse options (one object).
  return new MaxTokensParserWLexer(source, TOKEN_LIMIT_OPTIONS as never).parseDocument();
}

/**
 * Nesting depth of a JSON value (variables such as `metadata`), iteratively: JSON.parse accepts
 * any depth, but JSON.stringify and graphql-js's coercion recurse and overflow on 100,000 levels.
 */
export function jsonDepthExceeds(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

export function useParserLimits(): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source) => parseWithinLimits(typeof source === 'string' ? source : source.body));
    },
    onExecute({ args }) {
      // Every variable, whichever type it feeds, before graphql-js coerces it recursively.
      const variables = args.variableValues;
      if (variables && jsonDepthExceeds(variables, LIMITS.maxVariableNesting + 1)) {
        throw createGraphQLError(`Variables nest deeper than the limit of ${LIMITS.maxVariableNesting} levels`, {
          extensions: { code: 'BAD_USER_INPUT', kind: 'VARIABLE_DEPTH', limit: LIMITS.maxVariableNesting, http: { status: 400 } },
        });
      }
    },
  };
}
