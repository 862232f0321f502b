/**
 * AUTH=required, enforced on every GraphQL operation before it executes or subscribes: the
 * bearer token is authenticated (401 UNAUTHENTICATED), each root field of the operation is
 * checked against the scope table (403 FORBIDDEN naming the scope), and a mutation takes one
 * unit from its token's bucket (429 RATE_LIMITED with Retry-After). A refused operation runs
 * nothing. The principal is put on the context for resolvers (who started a run, ownership).
 * Runs after parsing and validation, so the document is known to be valid for the schema.
 * An open subscription re-checks its token before each event (a cache hit), so a revoked
 * token's stream ends with UNAUTHENTICATED at its next event instead of running on.
 */
import { getOperationAST, Kind, type DocumentNode, type ExecutionResult, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../graphql/context.js';
import type { Principal, TokenAuthenticator } from './authenticator.js';
import { forbidden, rateLimited, unauthenticated } from './errors.js';
import type { TokenBuckets } from './rate-limit.js';
import { META_FIELDS, ROOT_FIELD_SCOPES, type RootType } from './scopes.js';

export interface AuthGuard {
  authenticator: TokenAuthenticator;
  buckets: TokenBuckets;
}

interface RootFields {
  type: RootType;
  fields: readonly string[];
}

const ROOT_TYPES: Record<string, RootType> = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };

/** The root field names an operation selects, through fragments (validation ruled out cycles). */
export function rootFieldsOf(document: DocumentNode, operationName: string | null | undefined): RootFields | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const fields = new Set<string>();
  const seen = new Set<string>();
  const visit = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  visit(operation.selectionSet);
  return { type: ROOT_TYPES[operation.operation]!, fields: [...fields] };
}

type AuthContext = GraphQLContext & { request?: Request };

export function useAuth(guard: AuthGuard): Plugin {
  // Per parsed document (Yoga caches those): the root-field walk is done once per document.
  const byDocument = new WeakMap<DocumentNode, Map<string, RootFields | null>>();
  const rootFields = (document: DocumentNode, operationName: string | null | undefined) => {
    let byName = byDocument.get(document);
    if (!byName) byDocument.set(document, (byName = new Map()));
    const key = operationName ?? '';
    if (!byName.has(key)) byName.set(key, rootFieldsOf(document, operationName));
    return byName.get(key)!;
  };

  const check = (context: AuthContext, principal: Principal | null, document: DocumentNode, operationName: string | null | undefined) => {
    if (!principal) return unauthenticated();
    context.principal = principal;
    const root = rootFields(document, operationName);
    if (!root) return null; // graphql-js reports the missing operation itself
    for (const field of root.fields) {
      if (META_FIELDS.has(field)) continue;
      const table = ROOT_FIELD_SCOPES[root.type];
      const scope = Object.hasOwn(table, field) ? table[field]! : null;
      if (scope === null || !principal.scopes.has(scope)) return forbidden(scope, `${root.type}.${field}`);
    }
    if (root.type === 'Mutation') {
      const take = guard.buckets.take(principal.tokenName ?? '');
      if (!take.ok) return rateLimited(take.retryAfterSeconds, guard.buckets.limit);
    }
    return null;
  };
  const authorizationOf = (context: AuthContext) => context.request?.headers.get('authorization') ?? null;
  const refusal = async (context: AuthContext, document: DocumentNode, operationName: string | null | undefined) =>
    check(context, await guard.authenticator.authenticate(authorizationOf(context)), document, operationName);

  return {
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as unknown as AuthContext;
      // Synchronous when the token is known from memory (the common case), async otherwise.
      const known = guard.authenticator.authenticateFromMemory(authorizationOf(context));
      if (known !== undefined) {
        const error = check(context, known, args.document, args.operationName);
        if (error) setResultAndStopExecution({ errors: [error] });
        return;
      }
      return refusal(context, args.document, args.operationName).then((error) => {
        if (error) setResultAndStopExecution({ errors: [error] });
      });
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const context = args.contextValue as unknown as AuthContext;
      const error = await refusal(context, args.document, args.operationName);
      if (error) {
        setResultAndStopExecution({ errors: [error] });
        return;
      }
      const authorization = context.request?.headers.get('authorization') ?? null;
      return {
        onSubscribeResult({ result, setResult }) {
          if (!(Symbol.asyncIterator in result)) return;
          setResult(endWhenRevoked(result, async () => (await guard.authenticator.authenticate(authorization)) !== null));
        },
      };
    },
  };
}

/**
 * The stream's events while `stillValid()`; then one UNAUTHENTICATED event and the end. A plain
 * iterator rather than an async generator: `return()` (the client went away) must reach the
 * source at once, not wait for its next event as a suspended generator would.
 */
function endWhenRevoked(source: AsyncIterable<ExecutionResult>, stillValid: () => Promise<boolean>): AsyncIterableIterator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  let ended = false;
  const done = (): IteratorResult<ExecutionResult> => ({ done: true, value: undefined });
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (ended) return done();
      const next = await iterator.next();
      if (next.done || ended) return next.done ? next : done();
      if (!(await stillValid())) {
        ended = true;
        void iterator.return?.();
        return { done: false, value: { errors: [unauthenticated()] } };
      }
      return next;
    },
    async return() {
      ended = true;
      await iterator.return?.();
      return done();
    },
  };
}
