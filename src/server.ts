/**
 * The HTTP face of the service: Yoga with the schema, a per-request context (DataLoaders),
 * masked unexpected errors, a request body limit and GraphiQL at /graphql. Creating the app
 * starts nothing; `startHttpServer` listens (only src/main.ts calls it).
 */
import { createServer, type Server } from 'node:http';
import { createGraphQLError, createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { createContext, type AppDependencies, type GraphQLContext, type SimulationRunnerLike } from './graphql/context.js';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GRAPHIQL_DEFAULT_DOCUMENT } from './graphql/graphiql-document.js';
import { LIMITS } from './graphql/limits.js';
import { schema } from './graphql/schema.js';
import type { DbHandle } from './db/client.js';

export type { SimulationRunnerLike };
export type EcoYoga = YogaServerInstance<Record<string, unknown>, GraphQLContext>;

export const GRAPHQL_PATH = '/graphql';

export function createYogaApp(deps: { db: DbHandle; runner: SimulationRunnerLike }): EcoYoga {
  const dependencies: AppDependencies = { db: deps.db, runner: deps.runner };
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    context: () => createContext(dependencies),
    // Unexpected errors become "Unexpected error." without stack or message, except when
    // NODE_ENV=development; expected ones carry extensions.code (src/graphql/errors.ts).
    maskedErrors: { isDev: process.env.NODE_ENV === 'development' },
    // Checked on Content-Length and while streaming (chunked bodies): 413 before parsing.
    maxRequestBodySize: LIMITS.maxRequestBodyBytes,
    // No file uploads in this API: refusing multipart removes a whole parser from the surface.
    multipart: false,
    landingPage: false,
    graphiql: {
      title: 'EcoSystemiser GraphQL',
      defaultQuery: GRAPHIQL_DEFAULT_DOCUMENT,
    },
    // GraphiQL's page with its scripts inlined: the default one loads them from a CDN, which
    // a browser on a closed network (like these machines) cannot reach.
    plugins: [useCodedVariableErrors()],
    renderGraphiQL: (options) => renderGraphiQL(options).replace(/<link rel=icon[^>]*>/, ''),
  });
}

export function startHttpServer(yoga: EcoYoga, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer(yoga);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/**
 * graphql-js rejects variables that do not fit their type (wrong JSON type, unknown enum value,
 * missing required field, unknown field) before any resolver runs, with no extensions.code.
 * They are bad user input like any other: tag them BAD_USER_INPUT so clients can rely on codes.
 */
function useCodedVariableErrors(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors || result.data !== undefined) return;
          const errors = result.errors.map((error) =>
            error.extensions?.code === undefined && /^Variable "\$/.test(error.message)
              ? createGraphQLError(error.message, {
                  nodes: error.nodes,
                  extensions: { ...error.extensions, code: 'BAD_USER_INPUT', http: { status: 400 } },
                })
              : error,
          );
          setResult({ ...result, errors });
        },
      };
    },
  };
}
