/* eslint-disable */
import * as types from './graphql.js';



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
    "query ExplorerCompare($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    ... on SimulationRun {\n      ...RunRow\n      objective\n      timesteps\n      timestepHours\n      system\n      options\n    }\n  }\n}": typeof types.ExplorerCompareDocument,
    "query ExplorerCompareSeries($ids: [ID!]!, $resolution: SeriesResolution!) {\n  nodes(ids: $ids) {\n    ... on SimulationRun {\n      id\n      systemName\n      series(resolution: $resolution) {\n        key\n        unit\n        values\n        periodHours\n      }\n    }\n  }\n}": typeof types.ExplorerCompareSeriesDocument,
    "query ExplorerRun($id: ID!) {\n  run(id: $id) {\n    ...RunRow\n    objective\n    timesteps\n    timestepHours\n    startedAt\n    engineVersion\n    errorMessage\n    warnings\n    system\n    options\n    metadata\n    solverStatistics {\n      solveStatus\n      solverMessage\n      objectiveValue\n      solveMs\n      variableCount\n      constraintCount\n      iterationCount\n      mipGap\n    }\n  }\n}": typeof types.ExplorerRunDocument,
    "query ExplorerRunSeries($id: ID!, $resolution: SeriesResolution!) {\n  run(id: $id) {\n    id\n    status\n    series(resolution: $resolution) {\n      key\n      kind\n      unit\n      componentId\n      from\n      to\n      medium\n      values\n      periodHours\n      timestepHours\n    }\n  }\n}": typeof types.ExplorerRunSeriesDocument,
    "subscription ExplorerRunUpdated($id: ID!) {\n  runUpdated(id: $id) {\n    runId\n    status\n    elapsedMs\n    run {\n      ...RunRow\n    }\n  }\n}": typeof types.ExplorerRunUpdatedDocument,
    "subscription ExplorerRunUpdates($studyId: ID) {\n  runsUpdated(studyId: $studyId) {\n    runId\n    status\n    at\n    elapsedMs\n    run {\n      ...RunRow\n    }\n  }\n}": typeof types.ExplorerRunUpdatesDocument,
    "query ExplorerRuns($filter: RunFilter, $orderBy: [RunOrder!], $first: Int, $after: String, $last: Int, $before: String) {\n  runs(\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    nodes {\n      ...RunRow\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}": typeof types.ExplorerRunsDocument,
    "query ExplorerRunsCount($filter: RunFilter) {\n  runs(filter: $filter, first: 0) {\n    totalCount\n  }\n}": typeof types.ExplorerRunsCountDocument,
    "mutation ExplorerStartRun($input: RunSimulationInput!) {\n  runSimulation(input: $input, wait: false) {\n    runId\n    warnings\n    run {\n      id\n      status\n    }\n  }\n}": typeof types.ExplorerStartRunDocument,
    "query ExplorerStudies($first: Int = 100) {\n  studies(first: $first) {\n    nodes {\n      id\n      name\n      runCount\n    }\n  }\n}": typeof types.ExplorerStudiesDocument,
    "query ExplorerStudy($id: ID!, $x: KpiField!, $y: KpiField!, $xDirection: ParetoDirection, $yDirection: ParetoDirection) {\n  study(id: $id) {\n    id\n    name\n    description\n    kind\n    status\n    runCount\n    parameterKeys\n    progress {\n      ...StudyProgressValues\n    }\n    stats {\n      count\n      byStatus {\n        status\n        count\n      }\n    }\n    bestCost: bestRun(kpi: TOTAL_COST_EUR) {\n      ...StudyRunPoint\n    }\n    bestCo2: bestRun(kpi: TOTAL_CO2_KG) {\n      ...StudyRunPoint\n    }\n    bestRenewable: bestRun(kpi: RENEWABLE_FRACTION, direction: DESC) {\n      ...StudyRunPoint\n    }\n    paretoFront(x: $x, y: $y, xDirection: $xDirection, yDirection: $yDirection) {\n      id\n      kpis {\n        ...RunKpiValues\n      }\n    }\n    kpiStats {\n      kpi\n      count\n      mean\n      std\n      min\n      p50\n      max\n    }\n    sensitivity {\n      parameter\n      kpi\n      count\n      pearson\n      spearman\n      elasticity\n    }\n  }\n}": typeof types.ExplorerStudyDocument,
    "query ExplorerStudyOptions($first: Int = 100) {\n  studies(first: $first) {\n    nodes {\n      id\n      name\n    }\n  }\n}": typeof types.ExplorerStudyOptionsDocument,
    "query ExplorerStudyRuns($id: ID!, $first: Int, $after: String) {\n  study(id: $id) {\n    id\n    runs(\n      first: $first\n      after: $after\n      filter: {status: {eq: COMPLETED}}\n      orderBy: [{field: TOTAL_COST_EUR, direction: ASC}]\n    ) {\n      nodes {\n        ...StudyRunPoint\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": typeof types.ExplorerStudyRunsDocument,
    "subscription ExplorerStudyUpdated($id: ID!) {\n  studyUpdated(id: $id) {\n    progress {\n      ...StudyProgressValues\n    }\n    study {\n      id\n      status\n    }\n  }\n}": typeof types.ExplorerStudyUpdatedDocument,
    "fragment RunKpiValues on RunKpis {\n  totalCostEur\n  operatingCostEur\n  capexEur\n  totalCo2Kg\n  renewableFraction\n  totalGenerationKwh\n  totalDemandKwh\n  gridImportKwh\n  gridExportKwh\n  netGridUsageKwh\n  selfConsumptionRate\n  selfSufficiencyRate\n  peakGridImportKw\n  curtailmentKwh\n  unmetDemandKwh\n  batteryEquivalentCycles\n  lcoeEurPerKwh\n  npvEur\n  simplePaybackYears\n  co2ReductionFraction\n}": typeof types.RunKpiValuesFragmentDoc,
    "fragment RunRow on SimulationRun {\n  id\n  databaseId\n  systemName\n  status\n  solver\n  createdAt\n  finishedAt\n  durationMs\n  tags\n  errorCode\n  study {\n    id\n    name\n  }\n  kpis {\n    ...RunKpiValues\n  }\n}": typeof types.RunRowFragmentDoc,
    "fragment StudyProgressValues on StudyProgress {\n  total\n  done\n  completed\n  failed\n  cancelled\n  running\n  queued\n  trialsPerSecond\n  etaSeconds\n}": typeof types.StudyProgressValuesFragmentDoc,
    "fragment StudyRunPoint on SimulationRun {\n  id\n  systemName\n  trialIndex\n  parameters {\n    key\n    value\n  }\n  kpis {\n    ...RunKpiValues\n  }\n}": typeof types.StudyRunPointFragmentDoc,
};
const documents: Documents = {
    "query ExplorerCompare($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    ... on SimulationRun {\n      ...RunRow\n      objective\n      timesteps\n      timestepHours\n      system\n      options\n    }\n  }\n}": types.ExplorerCompareDocument,
    "query ExplorerCompareSeries($ids: [ID!]!, $resolution: SeriesResolution!) {\n  nodes(ids: $ids) {\n    ... on SimulationRun {\n      id\n      systemName\n      series(resolution: $resolution) {\n        key\n        unit\n        values\n        periodHours\n      }\n    }\n  }\n}": types.ExplorerCompareSeriesDocument,
    "query ExplorerRun($id: ID!) {\n  run(id: $id) {\n    ...RunRow\n    objective\n    timesteps\n    timestepHours\n    startedAt\n    engineVersion\n    errorMessage\n    warnings\n    system\n    options\n    metadata\n    solverStatistics {\n      solveStatus\n      solverMessage\n      objectiveValue\n      solveMs\n      variableCount\n      constraintCount\n      iterationCount\n      mipGap\n    }\n  }\n}": types.ExplorerRunDocument,
    "query ExplorerRunSeries($id: ID!, $resolution: SeriesResolution!) {\n  run(id: $id) {\n    id\n    status\n    series(resolution: $resolution) {\n      key\n      kind\n      unit\n      componentId\n      from\n      to\n      medium\n      values\n      periodHours\n      timestepHours\n    }\n  }\n}": types.ExplorerRunSeriesDocument,
    "subscription ExplorerRunUpdated($id: ID!) {\n  runUpdated(id: $id) {\n    runId\n    status\n    elapsedMs\n    run {\n      ...RunRow\n    }\n  }\n}": types.ExplorerRunUpdatedDocument,
    "subscription ExplorerRunUpdates($studyId: ID) {\n  runsUpdated(studyId: $studyId) {\n    runId\n    status\n    at\n    elapsedMs\n    run {\n      ...RunRow\n    }\n  }\n}": types.ExplorerRunUpdatesDocument,
    "query ExplorerRuns($filter: RunFilter, $orderBy: [RunOrder!], $first: Int, $after: String, $last: Int, $before: String) {\n  runs(\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    nodes {\n      ...RunRow\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}": types.ExplorerRunsDocument,
    "query ExplorerRunsCount($filter: RunFilter) {\n  runs(filter: $filter, first: 0) {\n    totalCount\n  }\n}": types.ExplorerRunsCountDocument,
    "mutation ExplorerStartRun($input: RunSimulationInput!) {\n  runSimulation(input: $input, wait: false) {\n    runId\n    warnings\n    run {\n      id\n      status\n    }\n  }\n}": types.ExplorerStartRunDocument,
    "query ExplorerStudies($first: Int = 100) {\n  studies(first: $first) {\n    nodes {\n      id\n      name\n      runCount\n    }\n  }\n}": types.ExplorerStudiesDocument,
    "query ExplorerStudy($id: ID!, $x: KpiField!, $y: KpiField!, $xDirection: ParetoDirection, $yDirection: ParetoDirection) {\n  study(id: $id) {\n    id\n    name\n    description\n    kind\n    status\n    runCount\n    parameterKeys\n    progress {\n      ...StudyProgressValues\n    }\n    stats {\n      count\n      byStatus {\n        status\n        count\n      }\n    }\n    bestCost: bestRun(kpi: TOTAL_COST_EUR) {\n      ...StudyRunPoint\n    }\n    bestCo2: bestRun(kpi: TOTAL_CO2_KG) {\n      ...StudyRunPoint\n    }\n    bestRenewable: bestRun(kpi: RENEWABLE_FRACTION, direction: DESC) {\n      ...StudyRunPoint\n    }\n    paretoFront(x: $x, y: $y, xDirection: $xDirection, yDirection: $yDirection) {\n      id\n      kpis {\n        ...RunKpiValues\n      }\n    }\n    kpiStats {\n      kpi\n      count\n      mean\n      std\n      min\n      p50\n      max\n    }\n    sensitivity {\n      parameter\n      kpi\n      count\n      pearson\n      spearman\n      elasticity\n    }\n  }\n}": types.ExplorerStudyDocument,
    "query ExplorerStudyOptions($first: Int = 100) {\n  studies(first: $first) {\n    nodes {\n      id\n      name\n    }\n  }\n}": types.ExplorerStudyOptionsDocument,
    "query ExplorerStudyRuns($id: ID!, $first: Int, $after: String) {\n  study(id: $id) {\n    id\n    runs(\n      first: $first\n      after: $after\n      filter: {status: {eq: COMPLETED}}\n      orderBy: [{field: TOTAL_COST_EUR, direction: ASC}]\n    ) {\n      nodes {\n        ...StudyRunPoint\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": types.ExplorerStudyRunsDocument,
    "subscription ExplorerStudyUpdated($id: ID!) {\n  studyUpdated(id: $id) {\n    progress {\n      ...StudyProgressValues\n    }\n    study {\n      id\n      status\n    }\n  }\n}": types.ExplorerStudyUpdatedDocument,
    "fragment RunKpiValues on RunKpis {\n  totalCostEur\n  operatingCostEur\n  capexEur\n  totalCo2Kg\n  renewableFraction\n  totalGenerationKwh\n  totalDemandKwh\n  gridImportKwh\n  gridExportKwh\n  netGridUsageKwh\n  selfConsumptionRate\n  selfSufficiencyRate\n  peakGridImportKw\n  curtailmentKwh\n  unmetDemandKwh\n  batteryEquivalentCycles\n  lcoeEurPerKwh\n  npvEur\n  simplePaybackYears\n  co2ReductionFraction\n}": types.RunKpiValuesFragmentDoc,
    "fragment RunRow on SimulationRun {\n  id\n  databaseId\n  systemName\n  status\n  solver\n  createdAt\n  finishedAt\n  durationMs\n  tags\n  errorCode\n  study {\n    id\n    name\n  }\n  kpis {\n    ...RunKpiValues\n  }\n}": types.RunRowFragmentDoc,
    "fragment StudyProgressValues on StudyProgress {\n  total\n  done\n  completed\n  failed\n  cancelled\n  running\n  queued\n  trialsPerSecond\n  etaSeconds\n}": types.StudyProgressValuesFragmentDoc,
    "fragment StudyRunPoint on SimulationRun {\n  id\n  systemName\n  trialIndex\n  parameters {\n    key\n    value\n  }\n  kpis {\n    ...RunKpiValues\n  }\n}": types.StudyRunPointFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ExplorerCompare($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    ... on SimulationRun {\n      ...RunRow\n      objective\n      timesteps\n      timestepHours\n      system\n      options\n    }\n  }\n}"): typeof import('./graphql.js').ExplorerCompareDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ExplorerCompareSeries($ids: [ID!]!, $resolution: SeriesResolution!) {\n  nodes(ids: $ids) {\n    ... on SimulationRun {\n      id\n      systemName\n      series(resolution: $resolution) {\n        key\n        unit\n        values\n        periodHours\n      }\n    }\n  }\n}"): typeof import('./graphql.js').ExplorerCompareSeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ExplorerRun($id: ID!) {\n  run(id: $id) {\n    ...RunRow\n    objective\n    timesteps\n    timestepHours\n    startedAt\n    engineVersion\n    errorMessage\n    warnings\n    system\n    options\n    metadata\n    solverStatistics {\n      solveStatus\n      solverMessage\n      objectiveValue\n      solveMs\n      variableCount\n      constraintCount\n      iterationCount\n      mipGap\n    }\n  }\n}"): typeof import('./graphql.js').ExplorerRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ExplorerRunSeries($id: ID!, $resolution: SeriesResolution!) {\n  run(id: $id) {\n    id\n    status\n    series(resolution: $resolution) {\n      key\n      kind\n      unit\n      componentId\n      from\n      to\n      medium\n      values\n      periodHours\n      timestepHours\n    }\n  }\n}"): typeof import('./graphql.js').ExplorerRunSeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ExplorerRunUpdated($id: ID!) {\n  runUpdated(id: $id) {\n    runId\n    status\n    elapsedMs\n    run {\n      ...RunRow\n    }\n  }\n}"): typeof import('./graphql.js').ExplorerRunUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ExplorerRunUpdates($studyId: ID) {\n  runsUpdated(studyId: $studyId) {\n    runId\n    status\n    at\n    elapsedMs\n    run {\n      ...RunRow\n    }\n  }\n}"): typeof import('./graphql.js').ExplorerRunUpdatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ExplorerRuns($filter: RunFilter, $orderBy: [RunOrder!], $first: Int, $after: String, $last: Int, $before: String) {\n  runs(\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    nodes {\n      ...RunRow\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}"): typeof import('./graphql.js').ExplorerRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ExplorerRunsCount($filter: RunFilter) {\n  runs(filter: $filter, first: 0) {\n    totalCount\n  }\n}"): typeof import('./graphql.js').ExplorerRunsCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExplorerStartRun($input: RunSimulationInput!) {\n  runSimulation(input: $input, wait: false) {\n    runId\n    warnings\n    run {\n      id\n      status\n    }\n  }\n}"): typeof import('./graphql.js').ExplorerStartRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ExplorerStudies($first: Int = 100) {\n  studies(first: $first) {\n    nodes {\n      id\n      name\n      runCount\n    }\n  }\n}"): typeof import('./graphql.js').ExplorerStudiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ExplorerStudy($id: ID!, $x: KpiField!, $y: KpiField!, $xDirection: ParetoDirection, $yDirection: ParetoDirection) {\n  study(id: $id) {\n    id\n    name\n    description\n    kind\n    status\n    runCount\n    parameterKeys\n    progress {\n      ...StudyProgressValues\n    }\n    stats {\n      count\n      byStatus {\n        status\n        count\n      }\n    }\n    bestCost: bestRun(kpi: TOTAL_COST_EUR) {\n      ...StudyRunPoint\n    }\n    bestCo2: bestRun(kpi: TOTAL_CO2_KG) {\n      ...StudyRunPoint\n    }\n    bestRenewable: bestRun(kpi: RENEWABLE_FRACTION, direction: DESC) {\n      ...StudyRunPoint\n    }\n    paretoFront(x: $x, y: $y, xDirection: $xDirection, yDirection: $yDirection) {\n      id\n      kpis {\n        ...RunKpiValues\n      }\n    }\n    kpiStats {\n      kpi\n      count\n      mean\n      std\n      min\n      p50\n      max\n    }\n    sensitivity {\n      parameter\n      kpi\n      count\n      pearson\n      spearman\n      elasticity\n    }\n  }\n}"): typeof import('./graphql.js').ExplorerStudyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ExplorerStudyOptions($first: Int = 100) {\n  studies(first: $first) {\n    nodes {\n      id\n      name\n    }\n  }\n}"): typeof import('./graphql.js').ExplorerStudyOptionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ExplorerStudyRuns($id: ID!, $first: Int, $after: String) {\n  study(id: $id) {\n    id\n    runs(\n      first: $first\n      after: $after\n      filter: {status: {eq: COMPLETED}}\n      orderBy: [{field: TOTAL_COST_EUR, direction: ASC}]\n    ) {\n      nodes {\n        ...StudyRunPoint\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"): typeof import('./graphql.js').ExplorerStudyRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ExplorerStudyUpdated($id: ID!) {\n  studyUpdated(id: $id) {\n    progress {\n      ...StudyProgressValues\n    }\n    study {\n      id\n      status\n    }\n  }\n}"): typeof import('./graphql.js').ExplorerStudyUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RunKpiValues on RunKpis {\n  totalCostEur\n  operatingCostEur\n  capexEur\n  totalCo2Kg\n  renewableFraction\n  totalGenerationKwh\n  totalDemandKwh\n  gridImportKwh\n  gridExportKwh\n  netGridUsageKwh\n  selfConsumptionRate\n  selfSufficiencyRate\n  peakGridImportKw\n  curtailmentKwh\n  unmetDemandKwh\n  batteryEquivalentCycles\n  lcoeEurPerKwh\n  npvEur\n  simplePaybackYears\n  co2ReductionFraction\n}"): typeof import('./graphql.js').RunKpiValuesFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RunRow on SimulationRun {\n  id\n  databaseId\n  systemName\n  status\n  solver\n  createdAt\n  finishedAt\n  durationMs\n  tags\n  errorCode\n  study {\n    id\n    name\n  }\n  kpis {\n    ...RunKpiValues\n  }\n}"): typeof import('./graphql.js').RunRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment StudyProgressValues on StudyProgress {\n  total\n  done\n  completed\n  failed\n  cancelled\n  running\n  queued\n  trialsPerSecond\n  etaSeconds\n}"): typeof import('./graphql.js').StudyProgressValuesFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment StudyRunPoint on SimulationRun {\n  id\n  systemName\n  trialIndex\n  parameters {\n    key\n    value\n  }\n  kpis {\n    ...RunKpiValues\n  }\n}"): typeof import('./graphql.js').StudyRunPointFragmentDoc;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
