/**
 * Queries run as JavaScript compiled once per document (graphql-jit) instead of being
 * interpreted field by field on every request: for a page of runs the interpreter was the
 * largest GraphQL cost per request (bench/README.md, throughput). Compiled queries are kept
 * with Yoga's cached parsed documents (a WeakMap), so they are bounded by the same LRU.
 *
 * Mutations run on graphql-js's own `execute` (serial, same results and errors): Yoga's default
 * executor (@graphql-tools/executor) coerces variables with graphql-js and then walks them again
 * to snapshot every input object (`snapshotInputValue`), once per field of the input type. For
 * runSimulation's wide SystemInput/ComponentInput that is 105–128 µs per request against
 * graphql-js's 65–88 µs (bench/README.md, bursts), and a mutation has no use for the snapshot:
 * nothing mutates the variables during execution.
 *
 * What stays on the standard executor:
 * - subscriptions: they rely on the executor's async-iterator semantics;
 * - documents with a variable whose input type is recursive (`$filter: RunFilter` reaches
 *   itself through and/or/not): graphql-jit's variable compiler recurses until the stack
 *   overflows, which takes seconds (graphql-jit#175), so such documents are never offered to it;
 * - anything else graphql-jit refuses to compile.
 * Variables are coerced by graphql-js before the compiled query runs, so a bad variable gets
 * exactly the standard executor's error (graphql-jit words them differently, less precisely).
 */
import {
  execute,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isInputObjectType,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

interface Compiled {
  query: CompiledQuery;
  operation: OperationDefinitionNode;
}

/** No compiled form: the document is not a query, or graphql-jit cannot (or must not) compile it. */
const INTERPRETED = Symbol('interpreted');
/** A mutation: graphql-js's `execute`. */
const MUTATION = Symbol('mutation');
type Entry = Compiled | typeof INTERPRETED | typeof MUTATION;

export function useCompiledQueries(): Plugin {
  const compiled = new WeakMap<DocumentNode, WeakMap<GraphQLSchema, Map<string, Entry>>>();

  const entryFor = (schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Entry => {
    let bySchema = compiled.get(document);
    if (!bySchema) compiled.set(document, (bySchema = new WeakMap()));
    let byOperation = bySchema.get(schema);
    if (!byOperation) bySchema.set(schema, (byOperation = new Map()));
    const key = operationName ?? '';
    let entry = byOperation.get(key);
    if (entry === undefined) {
      entry = compile(schema, document, operationName);
      byOperation.set(key, entry);
    }
    return entry;
  };

  return {
    onExecute({ args, setExecuteFn }) {
      const entry = entryFor(args.schema, args.document, args.operationName ?? undefined);
      if (entry === INTERPRETED) return;
      if (entry === MUTATION) {
        setExecuteFn(execute);
        return;
      }
      setExecuteFn((executionArgs) => {
        const variables = executionArgs.variableValues ?? {};
        if (entry.operation.variableDefinitions?.length) {
          const coerced = getVariableValues(executionArgs.schema, entry.operation.variableDefinitions, variables, { maxErrors: 50 });
          if (coerced.errors) return { errors: coerced.errors };
        }
        return entry.query.query(executionArgs.rootValue, executionArgs.contextValue, variables);
      });
    },
  };
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Entry {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation === 'mutation') return MUTATION;
  if (operation?.operation !== 'query') return INTERPRETED;
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    if (type && reachesRecursiveInput(schema, getNamedType(type))) return INTERPRETED;
  }
  try {
    const query = compileQuery(schema, document, operationName);
    return isCompiledQuery(query) ? { query, operation } : INTERPRETED;
  } catch {
    return INTERPRETED;
  }
}

const recursiveInputsBySchema = new WeakMap<GraphQLSchema, Map<string, boolean>>();

/** Whether an input object type can reach an input type that contains itself. */
function reachesRecursiveInput(schema: GraphQLSchema, type: unknown): boolean {
  if (!isInputObjectType(type)) return false;
  let known = recursiveInputsBySchema.get(schema);
  if (!known) recursiveInputsBySchema.set(schema, (known = new Map()));
  const cached = known.get(type.name);
  if (cached !== undefined) return cached;
  const result = hasCycle(type, new Set());
  known.set(type.name, result);
  return result;
}

/** Depth-first over input fields: a type met again on the current path closes a cycle. */
function hasCycle(type: GraphQLInputObjectType, path: Set<string>): boolean {
  if (path.has(type.name)) return true;
  path.add(type.name);
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    if (isInputObjectType(named) && hasCycle(named, path)) return true;
  }
  path.delete(type.name);
  return false;
}
