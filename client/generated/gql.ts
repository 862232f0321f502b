/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation CreateStudy($input: CreateStudyInput!) {\n  createStudy(input: $input) {\n    id\n    name\n    description\n    createdAt\n  }\n}": typeof types.CreateStudyDocument,
    "mutation DeleteStudy($input: DeleteStudyInput!) {\n  deleteStudy(input: $input) {\n    deletedStudyId\n    deletedRunCount\n    detachedRunCount\n  }\n}": typeof types.DeleteStudyDocument,
    "query FailedRuns($first: Int = 20) {\n  runs(\n    filter: {status: {eq: FAILED}}\n    orderBy: [{field: CREATED_AT, direction: DESC}]\n    first: $first\n  ) {\n    totalCount\n    nodes {\n      id\n      systemName\n      solver\n      errorCode\n      errorMessage\n      finishedAt\n    }\n  }\n}": typeof types.FailedRunsDocument,
    "mutation RunSimulation($input: RunSimulationInput!) {\n  runSimulation(input: $input) {\n    run {\n      id\n      status\n      systemName\n      solver\n      tags\n      errorMessage\n      kpis {\n        totalCostEur\n        renewableFraction\n        selfSufficiencyRate\n      }\n    }\n    kpis {\n      totalCostEur\n    }\n    warnings\n  }\n}": typeof types.RunSimulationDocument,
    "query RunStats($filter: RunFilter) {\n  runStats(filter: $filter) {\n    count\n    byStatus {\n      status\n      count\n    }\n    bySolver {\n      solver\n      count\n    }\n    kpis {\n      totalCostEur {\n        min\n        max\n        avg\n        best\n      }\n      renewableFraction {\n        min\n        max\n        avg\n        best\n      }\n    }\n    firstRunAt\n    lastRunAt\n  }\n}": typeof types.RunStatsDocument,
    "query RunsAboveRenewableFraction($minRenewableFraction: Float!, $first: Int = 20, $after: String) {\n  runs(\n    filter: {status: {eq: COMPLETED}, renewableFraction: {gt: $minRenewableFraction}}\n    orderBy: [{field: TOTAL_COST_EUR, direction: ASC}]\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        systemName\n        kpis {\n          totalCostEur\n          renewableFraction\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.RunsAboveRenewableFractionDocument,
    "query RunsBySolver($solver: SolverKind!, $first: Int = 20, $after: String) {\n  runs(\n    filter: {solver: {eq: $solver}}\n    orderBy: [{field: CREATED_AT, direction: DESC}]\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    nodes {\n      id\n      systemName\n      solver\n      status\n      createdAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.RunsBySolverDocument,
    "query StudyOverview($id: ID!) {\n  study(id: $id) {\n    id\n    name\n    runCount\n    stats {\n      byStatus {\n        status\n        count\n      }\n      kpis {\n        totalCostEur {\n          best\n          avg\n        }\n      }\n    }\n    runs(orderBy: [{field: TOTAL_COST_EUR}], first: 3) {\n      nodes {\n        id\n        systemName\n      }\n    }\n  }\n}": typeof types.StudyOverviewDocument,
    "query TopRunsByCostInStudy($studyId: ID!, $first: Int = 5) {\n  runs(\n    filter: {studyId: {eq: $studyId}, status: {eq: COMPLETED}}\n    orderBy: [{field: TOTAL_COST_EUR, direction: ASC}]\n    first: $first\n  ) {\n    nodes {\n      id\n      systemName\n      solver\n      kpis {\n        totalCostEur\n        renewableFraction\n        totalCo2Kg\n      }\n    }\n  }\n}": typeof types.TopRunsByCostInStudyDocument,
};
const documents: Documents = {
    "mutation CreateStudy($input: CreateStudyInput!) {\n  createStudy(input: $input) {\n    id\n    name\n    description\n    createdAt\n  }\n}": types.CreateStudyDocument,
    "mutation DeleteStudy($input: DeleteStudyInput!) {\n  deleteStudy(input: $input) {\n    deletedStudyId\n    deletedRunCount\n    detachedRunCount\n  }\n}": types.DeleteStudyDocument,
    "query FailedRuns($first: Int = 20) {\n  runs(\n    filter: {status: {eq: FAILED}}\n    orderBy: [{field: CREATED_AT, direction: DESC}]\n    first: $first\n  ) {\n    totalCount\n    nodes {\n      id\n      systemName\n      solver\n      errorCode\n      errorMessage\n      finishedAt\n    }\n  }\n}": types.FailedRunsDocument,
    "mutation RunSimulation($input: RunSimulationInput!) {\n  runSimulation(input: $input) {\n    run {\n      id\n      status\n      systemName\n      solver\n      tags\n      errorMessage\n      kpis {\n        totalCostEur\n        renewableFraction\n        selfSufficiencyRate\n      }\n    }\n    kpis {\n      totalCostEur\n    }\n    warnings\n  }\n}": types.RunSimulationDocument,
    "query RunStats($filter: RunFilter) {\n  runStats(filter: $filter) {\n    count\n    byStatus {\n      status\n      count\n    }\n    bySolver {\n      solver\n      count\n    }\n    kpis {\n      totalCostEur {\n        min\n        max\n        avg\n        best\n      }\n      renewableFraction {\n        min\n        max\n        avg\n        best\n      }\n    }\n    firstRunAt\n    lastRunAt\n  }\n}": types.RunStatsDocument,
    "query RunsAboveRenewableFraction($minRenewableFraction: Float!, $first: Int = 20, $after: String) {\n  runs(\n    filter: {status: {eq: COMPLETED}, renewableFraction: {gt: $minRenewableFraction}}\n    orderBy: [{field: TOTAL_COST_EUR, direction: ASC}]\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        systemName\n        kpis {\n          totalCostEur\n          renewableFraction\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.RunsAboveRenewableFractionDocument,
    "query RunsBySolver($solver: SolverKind!, $first: Int = 20, $after: String) {\n  runs(\n    filter: {solver: {eq: $solver}}\n    orderBy: [{field: CREATED_AT, direction: DESC}]\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    nodes {\n      id\n      systemName\n      solver\n      status\n      createdAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.RunsBySolverDocument,
    "query StudyOverview($id: ID!) {\n  study(id: $id) {\n    id\n    name\n    runCount\n    stats {\n      byStatus {\n        status\n        count\n      }\n      kpis {\n        totalCostEur {\n          best\n          avg\n        }\n      }\n    }\n    runs(orderBy: [{field: TOTAL_COST_EUR}], first: 3) {\n      nodes {\n        id\n        systemName\n      }\n    }\n  }\n}": types.StudyOverviewDocument,
    "query TopRunsByCostInStudy($studyId: ID!, $first: Int = 5) {\n  runs(\n    filter: {studyId: {eq: $studyId}, status: {eq: COMPLETED}}\n    orderBy: [{field: TOTAL_COST_EUR, direction: ASC}]\n    first: $first\n  ) {\n    nodes {\n      id\n      systemName\n      solver\n      kpis {\n        totalCostEur\n        renewableFraction\n        totalCo2Kg\n      }\n    }\n  }\n}": types.TopRunsByCostInStudyDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateStudy($input: CreateStudyInput!) {\n  createStudy(input: $input) {\n    id\n    name\n    description\n    createdAt\n  }\n}"): (typeof documents)["mutation CreateStudy($input: CreateStudyInput!) {\n  createStudy(input: $input) {\n    id\n    name\n    description\n    createdAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteStudy($input: DeleteStudyInput!) {\n  deleteStudy(input: $input) {\n    deletedStudyId\n    deletedRunCount\n    detachedRunCount\n  }\n}"): (typeof documents)["mutation DeleteStudy($input: DeleteStudyInput!) {\n  deleteStudy(input: $input) {\n    deletedStudyId\n    deletedRunCount\n    detachedRunCount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FailedRuns($first: Int = 20) {\n  runs(\n    filter: {status: {eq: FAILED}}\n    orderBy: [{field: CREATED_AT, direction: DESC}]\n    first: $first\n  ) {\n    totalCount\n    nodes {\n      id\n      systemName\n      solver\n      errorCode\n      errorMessage\n      finishedAt\n    }\n  }\n}"): (typeof documents)["query FailedRuns($first: Int = 20) {\n  runs(\n    filter: {status: {eq: FAILED}}\n    orderBy: [{field: CREATED_AT, direction: DESC}]\n    first: $first\n  ) {\n    totalCount\n    nodes {\n      id\n      systemName\n      solver\n      errorCode\n      errorMessage\n      finishedAt\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RunSimulation($input: RunSimulationInput!) {\n  runSimulation(input: $input) {\n    run {\n      id\n      status\n      systemName\n      solver\n      tags\n      errorMessage\n      kpis {\n        totalCostEur\n        renewableFraction\n        selfSufficiencyRate\n      }\n    }\n    kpis {\n      totalCostEur\n    }\n    warnings\n  }\n}"): (typeof documents)["mutation RunSimulation($input: RunSimulationInput!) {\n  runSimulation(input: $input) {\n    run {\n      id\n      status\n      systemName\n      solver\n      tags\n      errorMessage\n      kpis {\n        totalCostEur\n        renewableFraction\n        selfSufficiencyRate\n      }\n    }\n    kpis {\n      totalCostEur\n    }\n    warnings\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RunStats($filter: RunFilter) {\n  runStats(filter: $filter) {\n    count\n    byStatus {\n      status\n      count\n    }\n    bySolver {\n      solver\n      count\n    }\n    kpis {\n      totalCostEur {\n        min\n        max\n        avg\n        best\n      }\n      renewableFraction {\n        min\n        max\n        avg\n        best\n      }\n    }\n    firstRunAt\n    lastRunAt\n  }\n}"): (typeof documents)["query RunStats($filter: RunFilter) {\n  runStats(filter: $filter) {\n    count\n    byStatus {\n      status\n      count\n    }\n    bySolver {\n      solver\n      count\n    }\n    kpis {\n      totalCostEur {\n        min\n        max\n        avg\n        best\n      }\n      renewableFraction {\n        min\n        max\n        avg\n        best\n      }\n    }\n    firstRunAt\n    lastRunAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RunsAboveRenewableFraction($minRenewableFraction: Float!, $first: Int = 20, $after: String) {\n  runs(\n    filter: {status: {eq: COMPLETED}, renewableFraction: {gt: $minRenewableFraction}}\n    orderBy: [{field: TOTAL_COST_EUR, direction: ASC}]\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        systemName\n        kpis {\n          totalCostEur\n          renewableFraction\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query RunsAboveRenewableFraction($minRenewableFraction: Float!, $first: Int = 20, $after: String) {\n  runs(\n    filter: {status: {eq: COMPLETED}, renewableFraction: {gt: $minRenewableFraction}}\n    orderBy: [{field: TOTAL_COST_EUR, direction: ASC}]\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        systemName\n        kpis {\n          totalCostEur\n          renewableFraction\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RunsBySolver($solver: SolverKind!, $first: Int = 20, $after: String) {\n  runs(\n    filter: {solver: {eq: $solver}}\n    orderBy: [{field: CREATED_AT, direction: DESC}]\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    nodes {\n      id\n      systemName\n      solver\n      status\n      createdAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query RunsBySolver($solver: SolverKind!, $first: Int = 20, $after: String) {\n  runs(\n    filter: {solver: {eq: $solver}}\n    orderBy: [{field: CREATED_AT, direction: DESC}]\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    nodes {\n      id\n      systemName\n      solver\n      status\n      createdAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StudyOverview($id: ID!) {\n  study(id: $id) {\n    id\n    name\n    runCount\n    stats {\n      byStatus {\n        status\n        count\n      }\n      kpis {\n        totalCostEur {\n          best\n          avg\n        }\n      }\n    }\n    runs(orderBy: [{field: TOTAL_COST_EUR}], first: 3) {\n      nodes {\n        id\n        systemName\n      }\n    }\n  }\n}"): (typeof documents)["query StudyOverview($id: ID!) {\n  study(id: $id) {\n    id\n    name\n    runCount\n    stats {\n      byStatus {\n        status\n        count\n      }\n      kpis {\n        totalCostEur {\n          best\n          avg\n        }\n      }\n    }\n    runs(orderBy: [{field: TOTAL_COST_EUR}], first: 3) {\n      nodes {\n        id\n        systemName\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TopRunsByCostInStudy($studyId: ID!, $first: Int = 5) {\n  runs(\n    filter: {studyId: {eq: $studyId}, status: {eq: COMPLETED}}\n    orderBy: [{field: TOTAL_COST_EUR, direction: ASC}]\n    first: $first\n  ) {\n    nodes {\n      id\n      systemName\n      solver\n      kpis {\n        totalCostEur\n        renewableFraction\n        totalCo2Kg\n      }\n    }\n  }\n}"): (typeof documents)["query TopRunsByCostInStudy($studyId: ID!, $first: Int = 5) {\n  runs(\n    filter: {studyId: {eq: $studyId}, status: {eq: COMPLETED}}\n    orderBy: [{field: TOTAL_COST_EUR, direction: ASC}]\n    first: $first\n  ) {\n    nodes {\n      id\n      systemName\n      solver\n      kpis {\n        totalCostEur\n        renewableFraction\n        totalCo2Kg\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;