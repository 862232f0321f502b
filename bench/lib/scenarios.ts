// The GraphQL requests the issue sets targets for, shared by the latency, throughput and
// query-plan benchmarks so all three measure exactly the same operations.
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Db } from '../../src/db/client.js';

export interface Scenario {
  key: 'top5InStudy' | 'thresholdFirst20' | 'thresholdFirst20WithCount';
  title: string;
  /** Server-time target from the issue, milliseconds per request. */
  targetMs: number;
  query: string;
  variables: Record<string, unknown>;
}

const RUN_FIELDS = `id systemName status solver createdAt kpis { totalCostEur totalCo2Kg renewableFraction }`;

const TOP5_IN_STUDY = `query Top5ByCostInStudy($study: ID!) {
  runs(filter: { studyId: { eq: $study } }, orderBy: [{ field: TOTAL_COST_EUR, direction: ASC }], first: 5) {
    edges { node { ${RUN_FIELDS} } }
  }
}`;

const THRESHOLD = `query CheapestRenewable($min: Float!) {
  runs(
    filter: { status: { eq: COMPLETED }, renewableFraction: { gt: $min } }
    orderBy: [{ field: TOTAL_COST_EUR, direction: ASC }]
    first: 20
  ) {
    edges { cursor node { ${RUN_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const THRESHOLD_WITH_COUNT = THRESHOLD.replace('CheapestRenewable', 'CheapestRenewableCounted').replace(
  'pageInfo { hasNextPage endCursor }',
  'pageInfo { hasNextPage endCursor }\n    totalCount',
);

/**
 * The scenarios against a seeded database. "A study" is the one with the most runs: the
 * worst case for a per-study query.
 */
export async function benchScenarios(prisma: Db): Promise<{ scenarios: Scenario[]; studyId: string; studyRuns: number }> {
  const [largest] = await prisma.simulationRun.groupBy({
    by: ['studyId'],
    where: { studyId: { not: null } },
    _count: { _all: true },
    orderBy: { _count: { studyId: 'desc' } },
    take: 1,
  });
  if (!largest?.studyId) throw new Error('No study with runs: seed the database first (bench/seed-runs.ts)');
  const study = encodeGlobalID('Study', largest.studyId);
  return {
    studyId: largest.studyId,
    studyRuns: largest._count._all,
    scenarios: [
      { key: 'top5InStudy', title: 'top 5 by cost in one study', targetMs: 2, query: TOP5_IN_STUDY, variables: { study } },
      {
        key: 'thresholdFirst20',
        title: 'renewableFraction > 0.8 AND COMPLETED, by totalCostEur, first: 20',
        targetMs: 10,
        query: THRESHOLD,
        variables: { min: 0.8 },
      },
      {
        key: 'thresholdFirst20WithCount',
        title: 'same + totalCount',
        targetMs: 50,
        query: THRESHOLD_WITH_COUNT,
        variables: { min: 0.8 },
      },
    ],
  };
}
