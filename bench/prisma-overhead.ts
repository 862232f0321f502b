// Where a list request's time goes below GraphQL: the same "top 5 by cost in a study" page read
// (a) with the API's list selection (RUN_LIST_SELECT, every scalar but the JSON documents),
// (b) with only the columns the benchmark's GraphQL query shows, and (c) as the equivalent SQL
// through $queryRawUnsafe (no query compilation). Prisma 6.19's client engine compiles every
// query on the main thread, at a cost that grows with the selection, not with the rows.
//
//   npx tsx bench/prisma-overhead.ts [--provider sqlite|postgres|both] [--iterations 400]
import { parseArgs } from 'node:util';
import { createDb } from '../src/db/client.js';
import type { DatabaseProvider } from '../src/db/target.js';
import { RUN_LIST_SELECT } from '../src/graphql/loaders.js';
import { assertSeeded, BENCH_URLS, providersFromArg } from './lib/bench-db.js';
import { benchScenarios } from './lib/scenarios.js';
import { ms, summarize } from './lib/stats.js';

const { values: args } = parseArgs({ options: { provider: { type: 'string' }, iterations: { type: 'string', default: '400' } } });
const iterations = Number(args.iterations);
if (!Number.isInteger(iterations) || iterations < 1) throw new Error('--iterations must be a positive integer');

const SHOWN_COLUMNS = {
  id: true,
  systemName: true,
  status: true,
  solver: true,
  createdAt: true,
  totalCostEur: true,
  totalCo2Kg: true,
  renewableFraction: true,
} as const;

for (const provider of providersFromArg(args.provider)) await measure(provider);

async function measure(provider: DatabaseProvider): Promise<void> {
  const url = BENCH_URLS[provider];
  const db = await createDb({ databaseUrl: url });
  try {
    await assertSeeded(url, () => db.prisma.simulationRun.count());
    const { studyId } = await benchScenarios(db.prisma);
    const orderBy = [{ totalCostEur: { sort: 'asc' as const, nulls: 'last' as const } }, { id: 'asc' as const }];
    const listColumns = Object.keys(RUN_LIST_SELECT).map((c) => `"${c}"`).join(', ');
    const rawSql =
      provider === 'sqlite'
        ? `SELECT ${listColumns} FROM "SimulationRun" WHERE "studyId" = ? ORDER BY CASE WHEN "totalCostEur" IS NULL THEN 1 ELSE 0 END, "totalCostEur" ASC, "id" ASC LIMIT 6`
        : `SELECT ${listColumns} FROM "SimulationRun" WHERE "studyId" = $1 ORDER BY "totalCostEur" ASC NULLS LAST, "id" ASC LIMIT 6`;
    const variants: Array<[string, () => Promise<unknown>]> = [
      [`findMany, ${Object.keys(RUN_LIST_SELECT).length} columns (API list selection)`, () => db.prisma.simulationRun.findMany({ where: { studyId }, orderBy, take: 6, select: RUN_LIST_SELECT })],
      [`findMany, ${Object.keys(SHOWN_COLUMNS).length} columns (what the query shows)`, () => db.prisma.simulationRun.findMany({ where: { studyId }, orderBy, take: 6, select: SHOWN_COLUMNS })],
      [`$queryRawUnsafe, ${Object.keys(RUN_LIST_SELECT).length} columns`, () => db.prisma.$queryRawUnsafe(rawSql, studyId)],
    ];
    console.log(`\n${provider}: top 5 by cost in the largest study, ${iterations} sequential calls each`);
    for (const [label, run] of variants) {
      for (let i = 0; i < 50; i++) await run();
      const samples: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const t = performance.now();
        await run();
        samples.push(performance.now() - t);
      }
      const s = summarize(samples);
      console.log(`  ${label.padEnd(52)} median ${ms(s.medianMs).padStart(5)} ms, p95 ${ms(s.p95Ms).padStart(5)} ms`);
    }
  } finally {
    await db.prisma.$disconnect();
  }
}
