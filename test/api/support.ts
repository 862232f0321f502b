// Shared by the API tests: a Yoga app over a fresh test database (per provider), a GraphQL
// call helper, a SQL query counter, and direct row inserts for query tests.
import { print, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import type { DatabaseProvider } from '../../src/db/target.js';
import { createYogaApp, type EcoYoga, type SimulationRunnerLike } from '../../src/server.js';
import type { Prisma } from '../../src/generated/prisma-sqlite/client.js';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface ApiHarness {
  db: TestDatabase;
  yoga: EcoYoga;
  /** SQL statements sent since the last reset. */
  sql: string[];
  gql<T = Record<string, any>>(query: string | DocumentNode, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  typed<R, V>(document: TypedDocumentNode<R, V>, variables?: V): Promise<GraphQLResponse<R>>;
  close(): Promise<void>;
}

/** A runner for tests that never reach it (query tests); runSimulation tests use the real one. */
export const unusedRunner: SimulationRunnerLike = {
  runSimulation: () => Promise.reject(new Error('this test does not run simulations')),
};

export async function startApi(provider: DatabaseProvider, runner: (db: TestDatabase) => SimulationRunnerLike = () => unusedRunner): Promise<ApiHarness> {
  const sql: string[] = [];
  const db = await createTestDatabase(provider, { onQuery: (query) => sql.push(query) });
  const yoga = createYogaApp({ db, runner: runner(db) });
  const gql = async (query: string | DocumentNode, variables?: Record<string, unknown>) => {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
    });
    return (await response.json()) as GraphQLResponse<any>;
  };
  return {
    db,
    yoga,
    sql,
    gql,
    typed: (document, variables) => gql(document, variables as Record<string, unknown>),
    close: () => db.drop(),
  };
}

let sequence = 0;

/** Inserts a run row directly (query tests do not need the engine). KPIs only if given. */
export async function insertRun(
  db: TestDatabase,
  row: Partial<Prisma.SimulationRunUncheckedCreateInput> & { tags?: string[] } = {},
): Promise<{ id: string; globalId: string }> {
  const { tags = [], ...columns } = row;
  const systemName = columns.systemName ?? `System ${++sequence}`;
  const run = await db.prisma.simulationRun.create({
    data: {
      status: 'COMPLETED',
      solver: 'RULE_BASED',
      objective: 'COST',
      timesteps: 24,
      timestepHours: 1,
      engineVersion: 'test',
      inputJson: '{}',
      optionsJson: '{}',
      ...columns,
      systemName,
      systemNameLower: systemName.toLowerCase(),
      tagsJson: JSON.stringify(tags),
      tags: { create: tags.map((tag) => ({ tag, tagLower: tag.toLowerCase() })) },
    },
  });
  return { id: run.id, globalId: globalId('SimulationRun', run.id) };
}

export async function insertStudy(db: TestDatabase, name: string): Promise<{ id: string; globalId: string }> {
  const study = await db.prisma.study.create({ data: { name } });
  return { id: study.id, globalId: globalId('Study', study.id) };
}

export function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

export function errorCodes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}
