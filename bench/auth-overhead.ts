/**
 * What auth and the issue-11 limits cost one top-5 request, measured so this machine's drift
 * cannot decide it: two apps over the same database in one process, one without auth, armor or
 * trusted documents, the other with AUTH=required (a read token) and all of them, asked in
 * strict alternation (A, B, A, B, …), each request's CPU time read around it (getrusage).
 * Interleaving request by request puts every change in the machine's speed on both sides.
 * Complements bench/throughput.ts --auth both, whose req/s on this VM move by ±15 % run to run.
 *
 *   npx tsx --max-semi-space-size=64 bench/auth-overhead.ts [--url file:/tmp/eco-bench/runs.db] [--requests 20000]
 */
import { parseArgs } from 'node:util';
import { createServerAuth } from '../src/auth/guard.js';
import { authSettingsFromEnv } from '../src/auth/settings.js';
import { createToken, revokeToken } from '../src/auth/token-store.js';
import { createDb } from '../src/db/client.js';
import { createYogaApp } from '../src/server.js';
import { benchScenarios } from './lib/scenarios.js';
import { queriesOnlyRunner } from './lib/graphql-client.js';

const { values: args } = parseArgs({
  options: { url: { type: 'string', default: 'file:/tmp/eco-bench/runs.db' }, requests: { type: 'string', default: '20000' } },
});
process.env.NODE_ENV = 'production';
const db = await createDb({ databaseUrl: args.url! });
const tokenName = `bench-auth-overhead-${process.pid}`;
const { token } = await createToken(db, tokenName, ['read']);
try {
  const scenario = (await benchScenarios(db.prisma)).scenarios.find((s) => s.key === 'top5InStudy')!;
  const body = JSON.stringify({ query: scenario.query, variables: scenario.variables });
  const baseline = createYogaApp({ db, runner: queriesOnlyRunner, auth: await createServerAuth(db, authSettingsFromEnv({ AUTH: 'off' })), issue11Limits: false });
  const guarded = createYogaApp({ db, runner: queriesOnlyRunner, auth: await createServerAuth(db, authSettingsFromEnv({ AUTH: 'required' })), issue11Limits: true });
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json', host: '127.0.0.1:4000' };
  const ask = async (app: typeof baseline, extra: Record<string, string>) => {
    const response = await app.fetch('http://127.0.0.1:4000/graphql', { method: 'POST', headers: { ...headers, ...extra }, body });
    return response.text();
  };
  const expected = await ask(baseline, {});
  if (!expected.startsWith('{"data"') || (await ask(guarded, { authorization: `Bearer ${token}` })) !== expected) throw new Error('the two apps answer differently');
  const cpuUs = () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  const samples = { baseline: [] as number[], guarded: [] as number[] };
  const total = Number(args.requests);
  for (let i = 0; i < total; i++) {
    const guardedTurn = i % 2 === 1;
    const before = cpuUs();
    await ask(guardedTurn ? guarded : baseline, guardedTurn ? { authorization: `Bearer ${token}` } : {});
    const spent = cpuUs() - before;
    if (i >= total / 10) (guardedTurn ? samples.guarded : samples.baseline).push(spent); // first 10 %: warm-up
  }
  const stats = (list: number[]) => {
    const sorted = [...list].sort((a, b) => a - b);
    const mean = list.reduce((s, x) => s + x, 0) / list.length;
    return { median: sorted[Math.floor(sorted.length / 2)], mean, p90: sorted[Math.floor(sorted.length * 0.9)] };
  };
  const a = stats(samples.baseline);
  const b = stats(samples.guarded);
  console.log(`${db.provider}, top 5 by cost in one study, ${samples.baseline.length} + ${samples.guarded.length} requests (alternating, after warm-up), CPU µs per request:`);
  console.log(`  without auth and limits: median ${a.median}, mean ${a.mean.toFixed(1)}, p90 ${a.p90}`);
  console.log(`  AUTH=required + armor + trusted documents: median ${b.median}, mean ${b.mean.toFixed(1)}, p90 ${b.p90}`);
  console.log(`  cost: median ${(((b.median - a.median) / a.median) * 100).toFixed(1)} %, mean ${(((b.mean - a.mean) / a.mean) * 100).toFixed(1)} %`);
} finally {
  await revokeToken(db, tokenName).catch(() => undefined);
  await db.close();
}
process.exit(0);
