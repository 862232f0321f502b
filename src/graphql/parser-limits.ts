/**
 * Limits on the document text, checked before graphql-js parses it: the parser recurses once
 * per nesting level, so a 3,000-level `not: { not: … }` literal overflowed its stack and ended
 * as INTERNAL_SERVER_ERROR (issue 13). A linear scan of the text bounds the nesting first, then
 * `parse(…, { maxTokens })` bounds the length without building the whole token list. Both
 * refusals are typed 400s naming their limit (QUERY_TOO_COMPLEX, kind DOCUMENT_DEPTH / TOKENS).
 */
import { parse, type DocumentNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { LIMITS } from './limits.js';

function limitError(kind: string, message: string, limit: number) {
  return createGraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', kind, limit, http: { status: 400 } },
  });
}

/** Deepest nesting of `{`, `[` and `(` in a GraphQL document, skipping strings and comments. */
export function documentNestingDepth(source: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  const length = source.length;
  for (let i = 0; i < length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x7b || c === 0x5b || c === 0x28) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d || c === 0x29) {
      if (depth > 0) depth--;
    } else if (c === 0x23) {
      while (i < length && source.charCodeAt(i) !== 0x0a && source.charCodeAt(i) !== 0x0d) i++;
    } else if (c === 0x22) {
      if (source.startsWith('"""', i)) {
        i += 3;
        while (i < length && !source.startsWith('"""', i)) i += source.charCodeAt(i) === 0x5c ? 2 : 1;
        i += 2;
      } else {
        i++;
        while (i < length && source.charCodeAt(i) !== 0x22 && source.charCodeAt(i) !== 0x0a) i += source.charCodeAt(i) === 0x5c ? 2 : 1;
      }
    }
  }
  return deepest;
}

export function parseWithinLimits(source: string): DocumentNode {
  const depth = documentNestingDepth(source, LIMITS.maxDocumentNesting);
  if (depth > LIMITS.maxDocumentNesting) {
    throw limitError('DOCUMENT_DEPTH', `Document nesting exceeds the limit of ${LIMITS.maxDocumentNesting} levels`, LIMITS.maxDocumentNesting);
  }
  try {
    return parse(source, { maxTokens: LIMITS.maxDocumentTokens });
  } catch (error) {
    // graphql-js 16 says "more that N tokens" (sic); later versions may fix the typo.
    if (error instanceof Error && /contains more th(?:an|at) \d+ tokens/.test(error.message)) {
      throw limitError('TOKENS', `Document exceeds the limit of ${LIMITS.maxDocumentTokens} tokens`, LIMITS.maxDocumentTokens);
    }
    throw error;
  }
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
