// Queries served by graphql-jit (useCompiledQueries, src/graphql/compiled-execution.ts) must
// give exactly what graphql-js's interpreter gives: every query below goes through the server
// (compiled) and through graphql-js `execute` on the same schema and a fresh context
// (interpreted), and the two JSON results must be deep-equal, errors included. The plugin's
// compileQuery is observed through a wrapping mock, so each case also proves that it really
// ran compiled (a silent fallback — e.g. graphql-jit loading another `graphql` copy and
// refusing the schema — would otherwise pass every comparison), and that a query graphql-jit
// cannot compile (variables of the recursive RunFilter) falls back with the same result.
import { createRequire } from 'node:module';
import { execute, getOperationAST, GraphQLError, GraphQLSchema, parse, type DocumentNode, type ExecutionResult } from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createContext } from '../../src/graphql/context.js';
import { schema } from '../../src/graphql/schema.js';
import { PROVIDERS } from '../support/databases.js';
import { errorCodes, insertRun, insertStudy, startApi, unusedRunner, type ApiHarness, type GraphQLResponse } from './support.js';
import { LOCAL_USER } from '../../src/auth/authenticator.js';

interface CompileCall {
  document: DocumentNode;
  /** The operation's name in the document (the request may not name it). */
  operation: string | undefined;
  compiled: boolean;
  failure?: unknown;
  /** Time spent in compileQuery: the event loop is blocked for all of it. */
  ms: number;
}

const jit = vi.hoisted(() => ({ calls: [] as CompileCall[], executions: 0 }));

// The real graphql-jit, with every compileQuery call recorded and every compiled query counted
// when it runs.
vi.mock('graphql-jit', async (importOriginal) => {
  const actual = await importOriginal<typeof import('graphql-jit')>();
  const compileQuery = (...[schemaArg, document, operationName, options]: Parameters<typeof actual.compileQuery>) => {
    const call: CompileCall = { document, operation: getOperationAST(document, operationName)?.name?.value, compiled: false, ms: 0 };
    jit.calls.push(call);
    const start = performance.now();
    try {
      const result = actual.compileQuery(schemaArg, document, operationName, options) as CompiledQuery | ExecutionResult;
      if ('query' in result && typeof result.query === 'function') {
        call.compiled = true;
        const query = result.query;
        result.query = (...args) => {
          jit.executions++;
          return query(...args);
        };
      } else {
        call.failure = (result as ExecutionResult).errors;
      }
      return result;
    } catch (error) {
      call.failure = error;
      throw error;
    } finally {
      call.ms = performance.now() - start;
    }
  };
  return { ...actual, compileQuery };
});

const T0 = Date.UTC(2026, 2, 1);
const at = (hours: number) => new Date(T0 + hours * 3600_000);

/** A result as a client sees it: JSON, errors reduced to message, path and extensions. */
function normalise(result: GraphQLResponse | ExecutionResult): unknown {
  const json = JSON.parse(JSON.stringify(result)) as GraphQLResponse;
  return {
    ...json,
    ...(json.errors && { errors: json.errors.map(({ message, path, extensions }) => ({ message, path, extensions })) }),
  };
}

describe.each(PROVIDERS)('compiled query execution (%s)', (provider) => {
  let api: ApiHarness;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi(provider);
    const alpha = await insertStudy(api.db, 'Alpha');
    const beta = await insertStudy(api.db, 'Beta');
    ids.alpha = alpha.globalId;
    ids.beta = beta.globalId;
    const runs: NonNullable<Parameters<typeof insertRun>[1]>[] = [
      { systemName: 'Solar Farm North', studyId: alpha.id, solver: 'RULE_BASED', totalCostEur: 100, renewableFraction: 0.9, tags: ['PV', 'Winter'] },
      { systemName: 'solar farm south', studyId: alpha.id, solver: 'OPTIMAL', totalCostEur: 80, renewableFraction: 0.85, tags: ['pv'] },
      { systemName: 'WIND Park', studyId: alpha.id, solver: 'OPTIMAL', totalCostEur: 120, renewableFraction: 0.5, tags: ['Wind'] },
      { systemName: 'Heat Pump Test', studyId: alpha.id, solver: 'HYBRID', status: 'FAILED', errorCode: 'INFEASIBLE', errorMessage: 'no feasible dispatch' },
      { systemName: 'Battery Only', studyId: beta.id, solver: 'ROLLING_HORIZON', totalCostEur: 80, renewableFraction: 0.81, npvEur: -12.5 },
      { systemName: 'Grid Only', solver: 'RULE_BASED', totalCostEur: 200, renewableFraction: 0, startedAt: at(6), finishedAt: at(6.5), solveMs: 1234.5, solveStatus: 'Optimal' },
      { systemName: 'Still Running', studyId: beta.id, status: 'RUNNING' },
    ];
    for (const [i, run] of runs.entries()) {
      const { id, globalId } = await insertRun(api.db, { ...run, createdAt: at(i + 1) });
      ids[`run${i}`] = globalId;
      ids[`runDb${i}`] = id;
    }
  });
  afterAll(() => api.close());
  beforeEach(() => {
    jit.calls.length = 0;
    jit.executions = 0;
  });

  /** The result of the graphql-js interpreter, on a context like the server's. */
  async function interpreted(query: string, variables?: Record<string, unknown>, operationName?: string) {
    const result = await execute({
      schema,
      document: parse(query),
      variableValues: variables,
      operationName,
      contextValue: createContext({ db: api.db, runner: unusedRunner }, LOCAL_USER),
    });
    return normalise(result);
  }

  async function served(query: string, variables?: Record<string, unknown>, operationName?: string) {
    const response = await api.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return (await response.json()) as GraphQLResponse;
  }

  /**
   * Serves `query` (which must run compiled), runs it interpreted, and expects the same JSON;
   * with `sameSql`, the same SQL statements too (the compiled path must select the same
   * columns and batch the same way). Only for single-root queries: with several root fields,
   * how DataLoader batches split depends on I/O timing, on either path.
   */
  async function compare(
    query: string,
    variables?: Record<string, unknown>,
    operationName?: string,
    { sameSql = false }: { sameSql?: boolean } = {},
  ): Promise<GraphQLResponse> {
    await settle();
    api.sql.length = 0;
    const executionsBefore = jit.executions;
    const server = await served(query, variables, operationName);
    expect(jit.executions, 'the server ran the compiled query').toBe(executionsBefore + 1);
    await settle();
    const serverSql = [...api.sql].sort();
    api.sql.length = 0;
    const reference = await interpreted(query, variables, operationName);
    // graphql-js settles as soon as an error reaches the root, before sibling resolvers finish
    // (graphql-jit waits for them): let their statements arrive before comparing.
    await settle();
    expect(normalise(server)).toEqual(reference);
    if (sameSql) expect(serverSql).toEqual([...api.sql].sort());
    return server;
  }

  /** Waits until no SQL statement has been sent for a while (stray resolvers have finished). */
  async function settle() {
    let seen = -1;
    while (seen !== api.sql.length) {
      seen = api.sql.length;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  }

  const RUN_PAGE = `query Page($first: Int, $after: String, $last: Int, $before: String) {
    runs(first: $first, after: $after, last: $last, before: $before, orderBy: [{ field: TOTAL_COST_EUR, nulls: FIRST }, { field: SYSTEM_NAME, direction: DESC }]) {
      totalCount
      edges {
        cursor
        node {
          __typename id databaseId systemName status solver objective timesteps timestepHours createdAt startedAt finishedAt
          durationMs tags warnings errorCode errorMessage metadata options system engineVersion
          kpis { totalCostEur renewableFraction npvEur lcoeEurPerKwh }
          solverStatistics { solveStatus solveMs }
          study { id databaseId name runCount }
        }
      }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

  it('runs: edges, cursors, pageInfo and totalCount, forward and backward', async () => {
    const first = await compare(RUN_PAGE, { first: 3 }, undefined, { sameSql: true });
    expect(first.errors).toBeUndefined();
    expect(first.data!.runs.totalCount).toBe(7);
    expect(first.data!.runs.edges).toHaveLength(3);
    const next = await compare(RUN_PAGE, { first: 3, after: first.data!.runs.pageInfo.endCursor });
    expect(next.data!.runs.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    await compare(RUN_PAGE, { last: 2, before: next.data!.runs.pageInfo.startCursor });
    // The same document again: compiled once, served compiled again.
    await compare(RUN_PAGE, { first: 100 });
    expect(jit.calls.filter((c) => c.operation === 'Page')).toHaveLength(1);
    expect(jit.calls.every((c) => c.compiled)).toBe(true);
  });

  it('filters and orderBy as literals, nested and/or/not included', async () => {
    const r = await compare(`{
      runs(
        filter: { or: [{ solver: { eq: OPTIMAL } }, { totalCostEur: { gte: 150 } }], not: { status: { eq: FAILED } }, renewableFraction: { lt: 0.9 } }
        orderBy: [{ field: RENEWABLE_FRACTION, direction: DESC }]
      ) { totalCount nodes { systemName kpis { renewableFraction } } }
      text: runs(filter: { systemName: { contains: "FARM" }, tags: { in: ["winter", "pv"] }, createdAt: { gte: "${at(0).toISOString()}" } }) {
        nodes { systemName tags }
      }
      none: runs(filter: { and: [{ totalCostEur: { isNull: true } }, { status: { in: [RUNNING, FAILED] } }] }) { totalCount nodes { systemName } }
    }`);
    expect(r.data!.runs.nodes.map((n: { systemName: string }) => n.systemName)).toEqual(['solar farm south', 'WIND Park', 'Grid Only']);
    expect(r.data!.text.nodes).toHaveLength(2);
    expect(r.data!.none.totalCount).toBe(2);
  });

  it('named fragments, aliases and __typename', async () => {
    const r = await compare(`
      query Fragments {
        cheapest: runs(first: 2, orderBy: [{ field: TOTAL_COST_EUR }]) { nodes { ...RunFields } }
        greenest: runs(first: 2, orderBy: [{ field: RENEWABLE_FRACTION, direction: DESC }]) { nodes { ...RunFields name: systemName } }
        studies(first: 10) { edges { cursor node { ...StudyFields } } pageInfo { hasNextPage endCursor } }
      }
      fragment RunFields on SimulationRun { id label: systemName kpis { cost: totalCostEur ...Green } study { ...StudyFields } }
      fragment Green on RunKpis { renewableFraction }
      fragment StudyFields on Study { __typename id name runCount }
    `);
    expect(r.errors).toBeUndefined();
    expect(r.data!.cheapest.nodes[0].kpis.cost).toBe(80);
    expect(r.data!.greenest.nodes[0]).toMatchObject({ label: 'Solar Farm North', name: 'Solar Farm North' });
  });

  it('@include and @skip with variables', async () => {
    const query = `query Directives($withKpis: Boolean!, $noStudy: Boolean!, $n: Int = 4) {
      runs(first: $n) {
        nodes {
          systemName
          kpis @include(if: $withKpis) { totalCostEur }
          study @skip(if: $noStudy) { name }
          ... on SimulationRun @include(if: $withKpis) { tags }
          ...Extra @skip(if: $noStudy)
        }
      }
    }
    fragment Extra on SimulationRun { status solver }`;
    for (const withKpis of [true, false]) {
      for (const noStudy of [true, false]) {
        const r = await compare(query, { withKpis, noStudy }, undefined, { sameSql: true });
        const node = r.data!.runs.nodes[0];
        expect('kpis' in node).toBe(withKpis);
        expect('tags' in node).toBe(withKpis);
        expect('study' in node).toBe(!noStudy);
        expect('status' in node).toBe(!noStudy);
      }
    }
    await compare(query, { withKpis: true, noStudy: false, n: 7 });
  });

  it('node and nodes with inline fragments on SimulationRun and Study', async () => {
    const r = await compare(
      `query Nodes($run: ID!, $study: ID!, $all: [ID!]!) {
        run: node(id: $run) { __typename id ... on SimulationRun { systemName status study { name } } ... on Study { name } }
        study: node(id: $study) { __typename id ... on Study { name runCount } ... on SimulationRun { systemName } }
        nodes(ids: $all) { __typename ... on Node { id } ... on SimulationRun { systemName } ... on Study { name } }
        byRunId: run(id: $run) { systemName }
      }`,
      { run: ids.run0, study: ids.beta, all: [ids.alpha, ids.run4, ids.run6, ids.beta] },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.run).toMatchObject({ __typename: 'SimulationRun', systemName: 'Solar Farm North', study: { name: 'Alpha' } });
    expect(r.data!.study).toMatchObject({ __typename: 'Study', name: 'Beta', runCount: 2 });
    expect(r.data!.nodes.map((n: { __typename: string }) => n.__typename)).toEqual(['Study', 'SimulationRun', 'SimulationRun', 'Study']);
  });

  it('study with its runs and stats, runStats and databaseStats', async () => {
    const r = await compare(
      `query Stats($id: ID!) {
        study(id: $id) {
          name description createdAt runCount
          runs(first: 2, orderBy: [{ field: TOTAL_COST_EUR }], filter: { status: { eq: COMPLETED } }) {
            totalCount edges { cursor node { systemName } } pageInfo { hasNextPage endCursor }
          }
          stats {
            count byStatus { status count } bySolver { solver count } firstRunAt lastRunAt
            kpis { totalCostEur { count min max avg best } renewableFraction { min max best } npvEur { count best } }
          }
        }
        runStats(filter: { solver: { in: [OPTIMAL, RULE_BASED] } }) { count byStatus { status count } kpis { totalCostEur { min max avg best } } }
        all: runStats { count bySolver { solver count } firstRunAt lastRunAt }
        databaseStats { studyCount runCount runs { count kpis { renewableFraction { min max } } } }
      }`,
      { id: ids.alpha },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.study.runs.totalCount).toBe(3);
    expect(r.data!.databaseStats).toMatchObject({ studyCount: 2, runCount: 7 });
  });

  it('a page of runs with their studies costs the same statements compiled as interpreted', async () => {
    // DataLoader batches must not split under the compiled executor, and the page must read the
    // same columns (selectedRunColumns reads the resolve info graphql-jit builds).
    await compare(`{ runs(first: 50) { nodes { id systemName study { id name runCount stats { count kpis { totalCostEur { best } } } } } } }`, undefined, undefined, {
      sameSql: true,
    });
  });

  it('introspection', async () => {
    await compare(`{ __schema { queryType { name } } __type(name: "RunStatus") { kind enumValues { name } } }`);
  });

  it('a bad filter literal: BAD_USER_INPUT, and the non-null `runs` nulls the whole data', async () => {
    const r = await compare(`{
      runStats { count }
      runs(filter: { studyId: { eq: "not-a-study-id" }, solver: { in: [${Array(501).fill('OPTIMAL').join(', ')}] } }) { totalCount }
    }`);
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0].path).toEqual(['runs']);
    expect(r.data).toBeNull();
    expect(r.errors![0].extensions!.issues.map((i: { path: string }) => i.path).sort()).toEqual(['filter.solver.in', 'filter.studyId.eq']);
  });

  it('errors in two non-null root fields', async () => {
    const r = await compare(`{ a: runs(first: 101) { totalCount } b: studies(last: -1) { nodes { name } } }`);
    expect(r.data).toBeNull();
  });

  it('errors below a nullable field null only that field', async () => {
    // Study.runs is non-null: its error nulls the (nullable) study, the other fields stay.
    const r = await compare(
      `query Partial($id: ID!) {
        study(id: $id) { name runs(first: 101) { totalCount } }
        run(id: "bm90LWEtcnVu") { systemName }
        runStats { count }
        ok: runs(first: 1) { nodes { systemName } }
      }`,
      { id: ids.alpha },
    );
    expect(r.data!.study).toBeNull();
    expect(r.data!.runStats.count).toBe(7);
    expect(r.data!.ok.nodes).toHaveLength(1);
    expect(r.errors!.map((e) => e.path)).toEqual(expect.arrayContaining([['study', 'runs']]));
    expect(errorCodes(r).every((c) => c === 'BAD_USER_INPUT' || c === 'NOT_FOUND')).toBe(true);
  });

  it('variables of every kind: scalars, custom scalars, enums, lists, input objects with defaults', async () => {
    const r = await compare(
      `query Vars($after: DateTime, $costs: [Float!], $solvers: [SolverKind!], $study: ID, $order: [RunOrder!], $cost: FloatFilter, $n: Int, $name: String) {
        runs(first: $n, orderBy: $order, filter: { createdAt: { gt: $after }, totalCostEur: $cost, solver: { in: $solvers }, systemName: { contains: $name } }) {
          totalCount nodes { systemName createdAt }
        }
        byCost: runStats(filter: { totalCostEur: { notIn: $costs }, studyId: { eq: $study } }) { count }
      }`,
      {
        after: at(1.5).toISOString().replace('Z', '+00:00'),
        costs: [80, 100.5],
        solvers: ['OPTIMAL', 'RULE_BASED', 'ROLLING_HORIZON'],
        study: ids.alpha,
        // direction and nulls come from RunOrder's field defaults.
        order: [{ field: 'TOTAL_COST_EUR' }, { field: 'SYSTEM_NAME', direction: 'DESC' }],
        cost: { gte: 50, lt: 1000 },
        n: 10,
        name: 'o',
      },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.runs.nodes.map((n: { systemName: string }) => n.systemName)).toEqual(['solar farm south', 'Battery Only', 'Grid Only']);
  });

  it('bad variable values are refused with the same messages as graphql-js, coded BAD_USER_INPUT', async () => {
    const cases: [string, Record<string, unknown>][] = [
      [`query V1($first: Int) { runs(first: $first) { totalCount } }`, { first: 'ten' }],
      [`query V2($s: RunStatus!) { runs(filter: { status: { eq: $s } }) { totalCount } }`, { s: 'DONE' }],
      [`query V2($s: RunStatus!) { runs(filter: { status: { eq: $s } }) { totalCount } }`, {}],
      [`query V3($o: [RunOrder!]) { runs(orderBy: $o) { totalCount } }`, { o: [{ field: 'NOPE' }] }],
      [`query V3($o: [RunOrder!]) { runs(orderBy: $o) { totalCount } }`, { o: [{ field: 'NPV_EUR', colour: 1 }] }],
      [`query V4($d: DateTime) { runs(filter: { createdAt: { gt: $d } }) { totalCount } }`, { d: 'yesterday' }],
      [`query V5($f: FloatFilter) { runStats(filter: { totalCostEur: $f }) { count } }`, { f: { gt: 'x' } }],
      [`query V6($v: [Float!]) { runStats(filter: { totalCostEur: { notIn: $v } }) { count } }`, { v: [1, null] }],
    ];
    const mismatches: unknown[] = [];
    for (const [query, variables] of cases) {
      const server = await served(query, variables);
      const reference = (await interpreted(query, variables)) as GraphQLResponse;
      expect(server.data).toBeUndefined();
      expect(reference.data).toBeUndefined();
      expect(errorCodes(server)).toEqual(server.errors!.map(() => 'BAD_USER_INPUT'));
      const got = server.errors!.map((e) => e.message);
      const want = reference.errors!.map((e) => e.message);
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push({ variables, compiled: got, graphqlJs: want });
    }
    // Each of these documents was compiled: the compiled query coerced (and refused) the variables.
    expect(jit.calls.every((c) => c.compiled)).toBe(true);
    expect(jit.calls.map((c) => c.operation)).toEqual(['V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(mismatches).toEqual([]);
  });

  it('a $filter: RunFilter variable falls back to the interpreter, with the same result', async () => {
    const query = `query WithFilter($filter: RunFilter, $orderBy: [RunOrder!]) {
      runs(filter: $filter, orderBy: $orderBy, first: 100) { totalCount nodes { systemName kpis { totalCostEur } } }
      runStats(filter: $filter) { count }
    }`;
    const variables = {
      filter: { or: [{ solver: { eq: 'OPTIMAL' } }, { not: { totalCostEur: { lt: 150 } } }], and: [{ status: { eq: 'COMPLETED' } }] },
      orderBy: [{ field: 'SYSTEM_NAME' }],
    };
    for (let i = 0; i < 2; i++) {
      const server = await served(query, variables);
      expect(server.errors).toBeUndefined();
      expect(server.data!.runs.nodes.map((n: { systemName: string }) => n.systemName)).toEqual(['Grid Only', 'solar farm south', 'WIND Park']);
      expect(normalise(server)).toEqual(await interpreted(query, variables));
    }
    // Never offered to graphql-jit (RunFilter is recursive), never run compiled.
    expect(jit.calls).toEqual([]);
    expect(jit.executions).toBe(0);
    // Errors in the fallback are unchanged too.
    const bad = { filter: { studyId: { eq: 'nope' } } };
    const server = await served(query, bad);
    expect(server.data).toBeNull();
    expect(errorCodes(server)).toContain('BAD_USER_INPUT');
    expect(normalise(server)).toEqual(await interpreted(query, bad));
  });

  it('never offers graphql-jit a document whose variables reach a recursive input type', async () => {
    // graphql-jit recurses through RunFilter's and/or/not until the stack overflows: seconds of
    // a blocked event loop per new document. Nested in another input type or a list, too.
    const queries = [
      `query FreshFilter($where: RunFilter) { runStats(filter: $where) { count } }`,
      `query FilterList($where: [RunFilter!]!) { runStats(filter: { or: $where }) { count } }`,
    ];
    const variables = [{ where: { solver: { eq: 'OPTIMAL' } } }, { where: [{ solver: { eq: 'OPTIMAL' } }] }];
    for (let i = 0; i < queries.length; i++) {
      const server = await served(queries[i], variables[i]);
      expect(server).toEqual({ data: { runStats: { count: 2 } } });
    }
    expect(jit.calls).toEqual([]);
    // A variable of a non-recursive input type in the same schema still compiles.
    const ok = await served(`query Ordered($o: [RunOrder!]) { runs(orderBy: $o, first: 1) { nodes { systemName } } }`, { o: [{ field: 'SYSTEM_NAME' }] });
    expect(ok.errors).toBeUndefined();
    expect(jit.calls.map((c) => [c.operation, c.compiled])).toEqual([['Ordered', true]]);
  });

  it('compiles per operation name; mutations never compile', async () => {
    const document = `query A { runStats { count } } query B { databaseStats { studyCount } }`;
    const a = await compare(document, undefined, 'A');
    const b = await compare(document, undefined, 'B');
    await compare(document, undefined, 'A');
    expect(a.data).toEqual({ runStats: { count: 7 } });
    expect(b.data).toEqual({ databaseStats: { studyCount: 2 } });
    expect(jit.calls.map((c) => [c.operation, c.compiled])).toEqual([
      ['A', true],
      ['B', true],
    ]);
    // The compiled query is the one for this schema and document (not another server's).
    expect(jit.calls.every((c) => c.document === jit.calls[0].document)).toBe(true);

    jit.calls.length = 0;
    jit.executions = 0;
    const created = await served(`mutation { createStudy(input: { name: "Gamma" }) { name runCount } }`);
    expect(created).toEqual({ data: { createStudy: { name: 'Gamma', runCount: 0 } } });
    expect(jit.calls).toEqual([]);
    expect(jit.executions).toBe(0);
    await api.db.prisma.study.deleteMany({ where: { name: 'Gamma' } });
  });

  it('depth and complexity limits still apply to compiled queries', async () => {
    // Literal shapes are refused while validating (graphql-armor), before anything executes.
    let selection = 'name';
    for (let i = 0; i < 4; i++) selection = `runs(first: 1) { nodes { study { ${selection} } } }`;
    const executionsBefore = jit.executions;
    const deep = await served(`{ studies(first: 1) { nodes { ${selection} } } }`);
    expect(errorCodes(deep)).toEqual(['QUERY_TOO_COMPLEX']);
    const wide = await served(`{ studies(first: 100) { nodes { runs(first: 100) { nodes { id systemName status } } } } }`);
    expect(errorCodes(wide)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(jit.executions).toBe(executionsBefore);
    // Page sizes in variables are only known when executing: the compiled query refuses them.
    const byVariables = await compare(
      `query($n: Int) { studies(first: $n) { nodes { runs(first: $n) { nodes { id systemName status } } } } }`,
      { n: 100 },
    );
    expect(errorCodes(byVariables)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(byVariables.errors![0].extensions!.kind).toBe('COMPLEXITY');
  });
});

describe('graphql copies', () => {
  it('graphql-jit, the schema and the tests use one graphql module', () => {
    // Two copies would make graphql-jit refuse the schema (the plugin then silently falls back
    // for every query) or turn resolver errors into unexpected, masked ones.
    const require = createRequire(import.meta.url);
    const fromJit = createRequire(require.resolve('graphql-jit'))('graphql') as typeof import('graphql');
    expect(fromJit.GraphQLSchema).toBe(GraphQLSchema);
    expect(fromJit.GraphQLError).toBe(GraphQLError);
    expect(schema).toBeInstanceOf(fromJit.GraphQLSchema);
  });
});
