/**
 * The API's one error design: expected failures are GraphQLErrors with a machine-readable
 * `extensions.code`; bad input also carries `extensions.issues: [{ path, message }]` with
 * every problem found (paths relative to the field's arguments, e.g.
 * `input.system.components[2].energyKwh`). Anything else is unexpected and masked by Yoga.
 *
 *   BAD_USER_INPUT    invalid arguments; nothing was written
 *   NOT_FOUND         an id that names nothing (`extensions.path` says which argument)
 *   CONFLICT          the request is valid but the current state forbids it
 *   QUERY_TOO_COMPLEX depth / breadth / complexity limit exceeded (nothing was executed)
 */
import type { GraphQLError } from 'graphql';
// Built through Yoga's helper so the error is an instance of the GraphQLError class Yoga checks
// against: under a bundler (vitest) `graphql` can load twice (ESM and CJS builds), and an
// error of the other copy would be masked as unexpected.
import { createGraphQLError } from 'graphql-yoga';

export interface InputIssue {
  path: string;
  message: string;
}

export function badUserInput(issues: readonly InputIssue[]): GraphQLError {
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return createGraphQLError(`Invalid input: ${summary}`, {
    extensions: { code: 'BAD_USER_INPUT', issues },
  });
}

export function notFound(typename: string, id: string, path: string): GraphQLError {
  return createGraphQLError(`${path}: no ${typename} with id "${id}"`, {
    extensions: { code: 'NOT_FOUND', path, issues: [{ path, message: `no ${typename} with id "${id}"` }] },
  });
}

export function conflict(message: string): GraphQLError {
  return createGraphQLError(message, { extensions: { code: 'CONFLICT' } });
}

export function queryTooComplex(
  kind: string,
  result: { complexity: number; depth: number; breadth: number; maxComplexity?: number; maxDepth?: number; maxBreadth?: number },
): GraphQLError {
  const measured = kind === 'Depth' ? result.depth : kind === 'Breadth' ? result.breadth : result.complexity;
  const max = kind === 'Depth' ? result.maxDepth : kind === 'Breadth' ? result.maxBreadth : result.maxComplexity;
  return createGraphQLError(`Query ${kind.toLowerCase()} ${measured} exceeds the limit of ${max}`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', kind: kind.toUpperCase(), measured, limit: max },
  });
}

/** Collects every problem of an input before failing, so one request reports them all. */
export class IssueList {
  readonly issues: InputIssue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw badUserInput(this.issues);
  }
}
