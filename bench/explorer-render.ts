// Explorer timings in headless Chromium (Debian's, via playwright-core) against a server in this
// process: the runs page's first table after navigation, the table after a sort change and after
// a filter change (from the click to the new rows), and a year of hourly dispatch drawn (from
// choosing HOUR to the chart's canvas being painted with the new data).
//   npx tsx bench/seed-runs.ts --url file:/tmp/eco-bench/csv.db --runs 100000
//   npx tsx bench/explorer-render.ts --url file:/tmp/eco-bench/csv.db
import { createDb } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { SimulationRunner } from '../src/runner/runner.js';
import { createYogaApp, startHttpServer } from '../src/server.js';
import { ensureWebBuilt, houseSystem, launchBrowser } from '../test/web/support.js';
import { median } from './lib/stats.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const url = args.get('url') ?? 'file:/tmp/eco-bench/csv.db';
const rounds = Number(args.get('rounds') ?? 5);

ensureWebBuilt();
await migrateDatabase(url);
const db = await createDb({ databaseUrl: url });
const runner = new SimulationRunner(db, { poolSize: 1 });
await runner.ready;
const server = await startHttpServer(createYogaApp({ db, runner }), 0, '127.0.0.1');
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const browser = await launchBrowser();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
const total = await (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ runs { totalCount } }' }) })).json();

const idle = '[data-testid=runs-table][aria-busy=false]';
// The whole page of ids, not just the first row: at 1M runs the cheapest run may well be an
// OPTIMAL one, so a solver filter need not change the first row (the bench then timed out).
const rowIds = () => page.evaluate(() => Array.from(document.querySelectorAll('[data-testid=runs-table] tbody tr')).map((tr) => tr.getAttribute('data-run-id')).join(','));
const changedFrom = (before: string) =>
  page.waitForFunction(
    (ids) => document.querySelector('[data-testid=runs-table][aria-busy=false]') !== null && Array.from(document.querySelectorAll('[data-testid=runs-table] tbody tr')).map((tr) => tr.getAttribute('data-run-id')).join(',') !== ids,
    before,
  );
const times: Record<string, number[]> = { first: [], sort: [], filter: [], year: [] };
for (let r = 0; r < rounds; r++) {
  let t = performance.now();
  await page.goto(`${base}/`);
  await page.waitForSelector(idle);
  times.first.push(performance.now() - t);
  const firstIds = await rowIds();
  t = performance.now();
  await page.click('button[data-sort=TOTAL_COST_EUR]');
  await changedFrom(firstIds);
  times.sort.push(performance.now() - t);
  const sortedIds = await rowIds();
  t = performance.now();
  await page.check('input[name=solver][value=OPTIMAL]');
  await changedFrom(sortedIds);
  times.filter.push(performance.now() - t);
}

// A year of hourly dispatch: one real 8760-step run.
const run = await (await fetch(`${base}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    query: 'mutation ($input: RunSimulationInput!) { runSimulation(input: $input) { runId } }',
    variables: { input: { system: houseSystem('Bench year', { pvKw: 6, batteryKwh: 10, timesteps: 8760, startDayOfYear: 1 }) } },
  }),
})).json();
const runId = run.data.runSimulation.runId as string;
let seriesCount = 0;
for (let r = 0; r < rounds; r++) {
  await page.goto(`${base}/run/${encodeURIComponent(runId)}`);
  await page.waitForSelector('[data-testid=dispatch-chart][data-points="8760"] canvas');
  await page.selectOption('[data-testid=resolution]', 'DAY');
  await page.waitForSelector('[data-testid=dispatch-chart][data-points="365"]');
  const t = performance.now();
  await page.selectOption('[data-testid=resolution]', 'HOUR');
  await page.waitForSelector('[data-testid=dispatch-chart][data-points="8760"]');
  // Two animation frames after the option: ECharts has painted.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  times.year.push(performance.now() - t);
  seriesCount = await page.evaluate(() => document.querySelectorAll('[data-testid=dispatch-chart]').length);
}
console.log(`runs in the database: ${total.data.runs.totalCount} (${db.provider}); ${rounds} rounds, median ms (all)`);
for (const [name, list] of Object.entries(times)) console.log(`${name.padEnd(7)} ${Math.round(median(list))}  (${list.map((v) => Math.round(v)).join(', ')})`);
console.log(`year chart: 8760 points per series (${seriesCount} chart)`);
await browser.close();
server.close();
await runner.close();
await db.close();
