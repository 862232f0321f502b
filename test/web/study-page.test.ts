// The study page in headless Chromium on a real 2×2 parametric study started through the API
// (runStudy), on both providers: live progress to COMPLETED without a reload, the best runs,
// the Pareto front and the sensitivity rows are the API's, and the scatter, histogram and
// parameter-vs-KPI plots have one point per completed trial. Screenshot:
// test-artifacts/screenshots/<provider>-study-parametric.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PROVIDERS } from '../support/databases.js';
import { ensureWebBuilt, houseSystem, launchBrowser, openPage, screenshot, startExplorerServer, type ExplorerServer } from './support.js';

let browser: Browser;
beforeAll(async () => {
  ensureWebBuilt();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const RUN_STUDY = `mutation ($input: RunStudyInput!) { runStudy(input: $input) { study { id status } progress { total } } }`;
const STUDY = `query ($id: ID!) { study(id: $id) {
  status parameterKeys progress { total done completed }
  bestRun(kpi: TOTAL_COST_EUR) { id }
  paretoFront(x: TOTAL_COST_EUR, y: TOTAL_CO2_KG) { id }
  sensitivity { parameter kpi }
} }`;

describe.each(PROVIDERS)('study page in Chromium (%s)', (provider) => {
  let server: ExplorerServer;
  beforeAll(async () => {
    server = await startExplorerServer(provider, { studies: true });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('follows a 2×2 parametric study to COMPLETED and draws its trade-offs as the API computes them', async () => {
    const started = await server.gql(RUN_STUDY, {
      input: {
        name: 'PV × battery (browser)',
        // A year per trial, so the page usually sees the study RUNNING first.
        system: houseSystem('Study house', { pvKw: 5, batteryKwh: 5, timesteps: 8760, startDayOfYear: 1 }),
        options: { solver: 'RULE_BASED' },
        parametric: {
          parameters: [
            { component: 'pv', field: 'peakKw', values: [3, 6] },
            { component: 'battery', field: 'energyKwh', values: [2, 10] },
          ],
        },
      },
    });
    expect(started.errors).toBeUndefined();
    const id = started.data.runStudy.study.id as string;
    expect(started.data.runStudy.progress.total).toBe(4);

    const { page, errors, close } = await openPage(browser);
    await page.goto(`${server.baseUrl}/study/${encodeURIComponent(id)}`);
    const progress = page.locator('[data-testid=study-progress]');
    await progress.waitFor();
    const statusAtLoad = await progress.getAttribute('data-status');
    // Live: no reload from here on.
    await page.waitForSelector('[data-testid=study-progress][data-status=COMPLETED][data-done="4"]', { timeout: 60_000 });
    if (statusAtLoad !== 'COMPLETED') expect(statusAtLoad).toBe('RUNNING');

    const api = (await server.gql(STUDY, { id })).data.study;
    expect(api.status).toBe('COMPLETED');
    expect(api.progress).toMatchObject({ total: 4, done: 4, completed: 4 });

    // Plots: one point per completed trial, once the refetch after completion landed.
    await page.waitForSelector('[data-testid=scatter-chart][data-points="4"] canvas');
    await page.waitForSelector('[data-testid=histogram-chart] canvas');
    await page.waitForSelector('[data-testid=parameter-chart][data-points="4"] canvas');

    // Best runs and the Pareto front are the API's.
    expect(await page.getAttribute('[data-testid=best-runs] tbody tr:first-child', 'data-run-id')).toBe(api.bestRun.id);
    expect(Number(await page.getAttribute('[data-testid=pareto-count]', 'data-count'))).toBe(api.paretoFront.length);
    expect(api.paretoFront.length).toBeGreaterThan(0);

    // Parameter choice and the sensitivity table.
    const options = await page.locator('select[name=parameter] option').allTextContents();
    expect(options).toEqual(api.parameterKeys);
    expect(api.parameterKeys).toEqual(['battery.energyKwh', 'pv.peakKw']);
    const rows = await page.locator('[data-testid=sensitivity-table] tbody tr').evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-parameter')}:${tr.getAttribute('data-kpi')}`));
    expect(rows.sort()).toEqual(api.sensitivity.map((s: { parameter: string; kpi: string }) => `${s.parameter}:${s.kpi}`).sort());
    expect(rows.length).toBeGreaterThan(0);

    // Another parameter redraws the parameter plot with the same trials.
    await page.selectOption('select[name=parameter]', 'pv.peakKw');
    await page.waitForSelector('[data-testid=parameter-chart][data-points="4"] canvas');
    await screenshot(page, `${provider}-study-parametric`);
    expect(errors).toEqual([]);
    await close();
  }, 120_000);
});
