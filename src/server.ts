/**
 * The HTTP face of the service: Yoga with the schema, a per-request context (DataLoaders),
 * masked unexpected errors, a request body limit and GraphiQL at /graphql; the Results Explorer
 * (web/) at / with its CSV exports under /export/ (src/http/). Creating the app
 * starts nothing; `startHttpServer` listens (src/service.ts calls it for `npm start`).
 */
import { createServer, IncomingMessage, type Server } from 'node:http';
import { createGraphQLError, createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { createContext, type AppDependencies, type GraphQLContext, type SimulationRunnerLike } from './graphql/context.js';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GRAPHIQL_DEFAULT_DOCUMENT } from './graphql/graphiql-document.js';
import { LIMITS } from './graphql/limits.js';
import { schema } from './graphql/schema.js';
import { useCompiledQueries } from './graphql/compiled-execution.js';
import { useMutationTurns } from './graphql/mutation-turns.js';
import { useOverloadStatus } from './graphql/overload.js';
import type { DbHandle } from './db/client.js';
import { createExplorerRoutes, useRoutes } from './http/explorer-routes.js';
import { allowEveryone, type Authorize } from './http/csv-export.js';
import { requestPolicyFromEnv, useRequestPolicy, type RequestPolicy } from './http/request-policy.js';
import { useParserLimits } from './graphql/parser-limits.js';
import { useArmorLimits } from './graphql/armor-limits.js';
import { useTrustedDocuments } from './graphql/trusted-documents.js';
import { hostFromEnv, mutationsPerTurnFromEnv, persistedOnlyFromEnv } from './env-settings.js';
import { LOCAL_USER, type Principal } from './auth/authenticator.js';
import { exportAuthorizer, type ServerAuth } from './auth/guard.js';
import { useAuth } from './auth/plugin.js';

export type { SimulationRunnerLike };
export type EcoYoga = YogaServerInstance<Record<string, unknown>, GraphQLContext>;

export const GRAPHQL_PATH = '/graphql';

export interface YogaAppDependencies {
  db: DbHandle;
  runner: SimulationRunnerLike;
  studies?: AppDependencies['studies'];
  /** AUTH=required (src/auth/guard.ts): token checks, scopes, rate limits; absent: AUTH=off. */
  auth?: ServerAuth | null;
  /** Who may download CSV exports; default: tokens with `read` under auth, else everyone. */
  authorizeExport?: Authorize;
  /** Folder of the built explorer (default web/dist). */
  webRoot?: string;
  /** Host, CORS and CSRF rules; default from the environment (docs/security.md). */
  policy?: RequestPolicy;
  /** Only trusted (codegen) documents by hash, no introspection, no GraphiQL; default PERSISTED_ONLY. */
  persistedOnly?: boolean;
  /** false leaves out graphql-armor and trusted documents: only for bench/throughput.ts's
   *  "without" baseline (issue 11 measures what auth and limits add). Default true. */
  issue11Limits?: boolean;
  /** Mutations started per event-loop turn (0: no limit); default MUTATIONS_PER_TURN or 4. */
  mutationsPerTurn?: number;
}

export function createYogaApp(deps: YogaAppDependencies): EcoYoga {
  const dependencies: AppDependencies = { db: deps.db, runner: deps.runner, studies: deps.studies };
  // The explorer at / and its CSV exports: plain request handlers ahead of GraphQL.
  const auth = deps.auth ?? null;
  const authorize = deps.authorizeExport ?? (auth ? exportAuthorizer(auth) : allowEveryone);
  const explorerRoutes = createExplorerRoutes({ db: deps.db, authorize, webRoot: deps.webRoot });
  // Under auth nobody has a scope until useAuth has checked the token (fail closed).
  const startingPrincipal: Principal = auth ? NOBODY : LOCAL_USER;
  const policy = deps.policy ?? requestPolicyFromEnv(process.env, hostFromEnv());
  const persistedOnly = deps.persistedOnly ?? persistedOnlyFromEnv();
  const mutationsPerTurn = deps.mutationsPerTurn ?? mutationsPerTurnFromEnv();
  const withLimits = deps.issue11Limits !== false || persistedOnly;
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    context: () => createContext(dependencies, startingPrincipal),
    // Unexpected errors become "Unexpected error." without stack or message, except when
    // NODE_ENV=development; expected ones carry extensions.code (src/graphql/errors.ts).
    maskedErrors: { isDev: process.env.NODE_ENV === 'development' },
    // Replaced by useRequestBodyLimit below, which skips the per-request stream wrapper when
    // Node's HTTP parser already bounds the body by its Content-Length.
    maxRequestBodySize: false,
    // No file uploads in this API: refusing multipart removes a whole parser from the surface.
    multipart: false,
    landingPage: false,
    // Yoga's default reflects every Origin with credentials; useRequestPolicy answers CORS.
    cors: false,
    // GraphiQL sends document text and introspects: neither is allowed with PERSISTED_ONLY.
    graphiql: persistedOnly ? false : {
      title: 'EcoSystemiser GraphQL',
      defaultQuery: GRAPHIQL_DEFAULT_DOCUMENT,
    },
    plugins: [
      // First: Host, CORS and CSRF refusals happen before anything is parsed, run or served.
      useRequestPolicy(policy),
      useRoutes(explorerRoutes),
      // Before parsing: a trusted document's hash becomes its text (or, PERSISTED_ONLY, text is refused).
      ...(withLimits ? useTrustedDocuments({ persistedOnly }) : []),
      useParserLimits(),
      ...(withLimits ? useArmorLimits({ blockFieldSuggestions: persistedOnly || process.env.NODE_ENV === 'production' }) : []),
      // Before execution of any kind (compiled or not): refused operations run nothing.
      ...(auth ? [useAuth(auth)] : []),
      useCompiledQueries(),
      // After it: wraps whichever executor it chose for a mutation.
      ...(mutationsPerTurn > 0 ? [useMutationTurns(mutationsPerTurn)] : []),
      useCodedVariableErrors(),
      useOverloadStatus(),
      // Last: wraps whichever request parser the plugins before it selected.
      useRequestBodyLimit(LIMITS.maxRequestBodyBytes),
    ],
    // GraphiQL's page with its scripts inlined: the default one loads them from a CDN, which
    // a browser on a closed network (like these machines) cannot reach.
    renderGraphiQL: (options) => renderGraphiQL(options).replace(/<link rel=icon[^>]*>/, ''),
  });
}

const NOBODY: Principal = Object.freeze({ tokenName: null, scopes: new Set<never>() });

export function startHttpServer(yoga: EcoYoga, port: number, host = hostFromEnv()): Promise<Server> {
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

/**
 * 413 before parsing for a body over `limitBytes`: by Content-Length when one is declared, and
 * by counting while streaming otherwise (chunked bodies, in-process `yoga.fetch`). Yoga's own
 * limit streams every body through a counting TransformStream; over HTTP with Content-Length
 * that is wasted work (about a tenth of a small query's CPU), because Node's parser never
 * delivers more body bytes than the header declared.
 */
export function useRequestBodyLimit(limitBytes: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, serverContext, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared != null) {
        if (!/^\d+$/.test(declared)) throw httpError(400, 'BAD_REQUEST', 'Content-Length header is invalid.');
        if (Number(declared) > limitBytes) throw httpError(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request body too large');
        if ((serverContext as { req?: unknown } | undefined)?.req instanceof IncomingMessage) return;
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((req) => parse(withCountedBody(req, limitBytes, fetchAPI)));
    },
  };
}

function withCountedBody(request: Request, limitBytes: number, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }): Request {
  const body = request.body!;
  // A native stream needs the native TransformStream (graphql-yoga#4583).
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytesRead = 0;
  const counted = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytesRead += chunk.byteLength;
        if (bytesRead > limitBytes) controller.error(httpError(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request body too large'));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: counted,
    duplex: 'half',
  } as RequestInit);
}

function httpError(status: number, code: string, message: string) {
  return createGraphQLError(message, { extensions: { code, http: { status } } });
}
