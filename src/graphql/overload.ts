/**
 * An operation refused in whole by admission control answers HTTP 503 with Retry-After, so
 * proxies, load balancers and plain HTTP clients back off without reading the body. When any
 * other part of the operation succeeded (an aliased second field, say), the answer stays 200:
 * the client must see that data, and the OVERLOADED error with its retryAfterSeconds says the rest.
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { GraphQLError } from 'graphql';

export function useOverloadStatus(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.length) return;
          if (!result.errors.every((error) => error.extensions?.code === 'OVERLOADED')) return;
          const data = result.data as Record<string, unknown> | null | undefined;
          if (data && Object.values(data).some((value) => value !== null)) return;
          setResult({ ...result, errors: result.errors.map(withStatus503) });
        },
      };
    },
  };
}

function withStatus503(error: GraphQLError): GraphQLError {
  const http = (error.extensions.http ?? {}) as { headers?: Record<string, string> };
  return createGraphQLError(error.message, {
    nodes: error.nodes,
    path: error.path,
    extensions: { ...error.extensions, http: { ...http, status: 503 } },
  });
}
