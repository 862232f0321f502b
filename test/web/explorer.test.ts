// The Results Explorer in headless Chromium against the real service and real runs, on both
// providers: the table filters, sorts and pages as the API does, the dispatch chart has the
// points of each downsampling, compare shows the API's deltas, the CSV export of a filter is
// the API's rows (formula cells escaped), a RUNNING run turns COMPLETED without a reload, and
// the URL restores the view. Screenshots of every page go to test-artifacts/screenshots/.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PROVIDERS } from '../support/databases.js';
import { insertRun } from '../api/support.js';
import { ensureWebBuilt, houseSystem, launchBrowser, openPage, parseCsv, RUN_MUTATION, screenshot, startExplorerServer, type ExplorerServer } from './support.js';

let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ROW_IDS = `Array.from(document.querySelectorAll('[data-testid=runs-table] tbody tr')).map((tr) => tr.getAttribute('data-run-id'))`;

async function tableIds(page: Page): Promise<string[]> {
  await page.waitForSelector('[data-testid=runs-table][aria-busy=false]');
  return (await page.evaluate(ROW_IDS)) as string[];
}

const RUN_IDS_QUERY = `query ($filter: RunFilter, $orderBy: [RunOrder!], $first: Int, $after: String) {
  runs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount nodes { id systemName kpis { totalCostEur totalCo2Kg renewableFraction } } pageInfo { hasNextPage endCursor }
  }
}`;

describe.each(PROVIDERS)('Results Explorer in Chromium (%s)', (provider) => {
  let server: ExplorerServer;
  let page: Page;
  let errors: string[];
  let closePage: () => Promise<void>;
  const runIds: Record<string, string> = {};
  let studyId: string;

  const api = async (variables: Record<string, unknown>) => {
    const result = await server.gql(RUN_IDS_QUERY, variables);
    expect(result.errors).toBeUndefined();
    return result.data.runs as { totalCount: number; nodes: { id: string; systemName: string; kpis: Record<string, number> | null }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
  };

  beforeAll(async () => {
    server = await startExplorerServer(provider);
    const study = await server.gql(`mutation { createStudy(input: { name: "PV sizing" }) { id } }`);
    studyId = study.data.createStudy.id;
    const designs: [string, Parameters<typeof houseSystem>[1], string, string[]][] = [
      ['Grid only', {}, 'RULE_BASED', ['baseline']],
      ['PV 3 kW', { pvKw: 3 }, 'RULE_BASED', ['pv']],
      ['PV 6 kW', { pvKw: 6 }, 'RULE_BASED', ['pv']],
      ['PV 6 kW + battery', { pvKw: 6, batteryKwh: 10 }, 'OPTIMAL', ['pv', 'battery']],
      ['=cmd()', { pvKw: 4 }, 'RULE_BASED', ['formula']],
      ['Week across months', { pvKw: 5, batteryKwh: 5, timesteps: 168, startDayOfYear: 28 }, 'RULE_BASED', ['week']],
    ];
    for (const [name, options, solver, tags] of designs) {
      const result = await server.gql(RUN_MUTATION, { input: { system: houseSystem(name, options), options: { solver }, tags, studyId }, wait: true });
      expect(result.errors).toBeUndefined();
      runIds[name] = result.data.runSimulation.runId;
    }
    // Enough rows for two pages (the table shows 20): logged runs without the engine.
    for (let i = 0; i < 18; i++) await insertRun(server.db, { systemName: `Bulk ${String(i).padStart(2, '0')}`, totalCostEur: 500 + i * 7, totalCo2Kg: 900 - i * 11 });
    await insertRun(server.db, { systemName: 'Broken design', status: 'FAILED', errorCode: 'INFEASIBLE', errorMessage: 'no feasible dispatch' });
    ({ page, errors, close: closePage } = await openPage(browser));
  });
  afterAll(async () => {
    await closePage?.();
    await server?.close();
  });

  it('sorts and filters the runs table as the API does, and the URL restores the view', async () => {
    await page.goto(`${server.baseUrl}/`);
    const everyRun = await api({ first: 20 });
    expect(await tableIds(page)).toEqual(everyRun.nodes.map((n) => n.id));
    // The count is a query of its own (the rows do not wait for it): read it once it arrived.
    await expect(page.textContent('[data-testid=total-count][aria-busy=false]')).resolves.toBe(`${everyRun.totalCount} runs`);
    await screenshot(page, `${provider}-runs`);

    // Sort by total cost (click), then add CO2 as a second key (shift+click): the API's order.
    await page.click('button[data-sort=TOTAL_COST_EUR]');
    await page.waitForURL(/sort=TOTAL_COST_EUR%3Aasc/);
    await page.click('button[data-sort=TOTAL_CO2_KG]', { modifiers: ['Shift'] });
    await page.waitForURL(/TOTAL_CO2_KG%3Aasc/);
    const byCost = await api({ first: 20, orderBy: [{ field: 'TOTAL_COST_EUR', direction: 'ASC' }, { field: 'TOTAL_CO2_KG', direction: 'ASC' }] });
    expect(await tableIds(page)).toEqual(byCost.nodes.map((n) => n.id));
    await page.click('button[data-sort=TOTAL_COST_EUR]', { modifiers: ['Shift'] });
    await page.waitForURL(/TOTAL_COST_EUR%3Adesc/);
    const byCostDesc = await api({ first: 20, orderBy: [{ field: 'TOTAL_COST_EUR', direction: 'DESC' }, { field: 'TOTAL_CO2_KG', direction: 'ASC' }] });
    expect(await tableIds(page)).toEqual(byCostDesc.nodes.map((n) => n.id));

    // Filters: COMPLETED, tag "pv", a KPI threshold.
    await page.check('input[name=status][value=COMPLETED]');
    await page.waitForURL(/status=COMPLETED/);
    await page.fill('input[name=tag]', 'pv');
    await page.press('input[name=tag]', 'Enter');
    await page.waitForURL(/tag=pv/);
    await page.selectOption('select[name=kpi-field]', 'renewableFraction');
    await page.selectOption('select[name=kpi-op]', 'gt');
    await page.fill('input[name=kpi-value]', '0.05');
    await page.click('[data-testid=add-threshold]');
    await page.waitForURL(/kpi=renewableFraction%3Agt%3A0.05/);
    const filter = { status: { in: ['COMPLETED'] }, tags: { contains: 'pv' }, renewableFraction: { gt: 0.05 } };
    const orderBy = [{ field: 'TOTAL_COST_EUR', direction: 'DESC' }, { field: 'TOTAL_CO2_KG', direction: 'ASC' }];
    const filtered = await api({ first: 20, filter, orderBy });
    expect(filtered.nodes.length).toBeGreaterThan(1);
    expect(await tableIds(page)).toEqual(filtered.nodes.map((n) => n.id));

    // A fresh load of the same URL shows the same view, controls included.
    const url = page.url();
    await page.goto('about:blank');
    await page.goto(url);
    expect(await tableIds(page)).toEqual(filtered.nodes.map((n) => n.id));
    expect(await page.isChecked('input[name=status][value=COMPLETED]')).toBe(true);
    expect(await page.inputValue('input[name=tag]')).toBe('pv');
    await screenshot(page, `${provider}-runs-filtered`);
  });

  it('pages with the API cursors', async () => {
    await page.goto(`${server.baseUrl}/?sort=SYSTEM_NAME:asc`);
    const first = await api({ first: 20, orderBy: [{ field: 'SYSTEM_NAME', direction: 'ASC' }] });
    const second = await api({ first: 20, after: first.pageInfo.endCursor, orderBy: [{ field: 'SYSTEM_NAME', direction: 'ASC' }] });
    expect(second.nodes.length).toBeGreaterThan(0);
    expect(await tableIds(page)).toEqual(first.nodes.map((n) => n.id));
    await page.click('[data-testid=next-page]');
    await page.waitForURL(/after=/);
    expect(await tableIds(page)).toEqual(second.nodes.map((n) => n.id));
    await page.reload();
    expect(await tableIds(page)).toEqual(second.nodes.map((n) => n.id));
    await page.click('[data-testid=prev-page]');
    await page.waitForURL(/before=/);
    expect(await tableIds(page)).toEqual(first.nodes.map((n) => n.id));
  });

  it('draws the dispatch with the points of each downsampling', async () => {
    // 168 h from day 28: days 28..34 (7 days), in January and February (2 months).
    await page.goto(`${server.baseUrl}/run/${encodeURIComponent(runIds['Week across months'])}`);
    const points = async () => {
      await page.waitForSelector('[data-testid=dispatch-chart] canvas');
      return Number(await page.getAttribute('[data-testid=dispatch-chart]', 'data-points'));
    };
    expect(await points()).toBe(168);
    await page.waitForSelector('[data-testid=balance-chart] canvas');
    await page.waitForSelector('[data-testid=duration-chart] canvas');
    expect(await page.getAttribute('[data-testid=balance-chart]', 'data-points')).toBe('2');
    await screenshot(page, `${provider}-run`);
    await page.selectOption('[data-testid=resolution]', 'DAY');
    await page.waitForSelector('[data-testid=dispatch-chart][data-points="7"]');
    await page.selectOption('[data-testid=resolution]', 'MONTH');
    await page.waitForSelector('[data-testid=dispatch-chart][data-points="2"]');
    // The same counts the API gives.
    const api = await server.gql(`query ($id: ID!) { day: run(id: $id) { series(resolution: DAY) { values } } month: run(id: $id) { series(resolution: MONTH) { values } } }`, {
      id: runIds['Week across months'],
    });
    expect(api.data.day.series[0].values).toHaveLength(7);
    expect(api.data.month.series[0].values).toHaveLength(2);
  });

  it('compares runs with deltas against the reference', async () => {
    const ids = [runIds['Grid only'], runIds['PV 6 kW'], runIds['PV 6 kW + battery']];
    await page.goto(`${server.baseUrl}/compare?ids=${ids.map(encodeURIComponent).join(',')}`);
    await page.waitForSelector('[data-testid=compare-table]');
    const kpis = await server.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on SimulationRun { id kpis { totalCostEur renewableFraction } } } }`, { ids });
    const [reference, ...others] = kpis.data.nodes as { id: string; kpis: { totalCostEur: number; renewableFraction: number } }[];
    for (const other of others) {
      for (const kpi of ['totalCostEur', 'renewableFraction'] as const) {
        const delta = Number(await page.getAttribute(`[data-testid="delta-${kpi}-${other.id}"]`, 'data-delta'));
        expect(delta).toBeCloseTo(other.kpis[kpi] - reference.kpis[kpi], 9);
      }
    }
    await page.waitForSelector('[data-testid=compare-chart] canvas');
    // Inputs that differ are highlighted (the PV size differs; the grid price does not).
    expect(await page.locator('.inputs-compare tr.differs').count()).toBeGreaterThan(0);
    await screenshot(page, `${provider}-compare`);
    // Another reference: the deltas follow it.
    await page.check(`input[name=reference] >> nth=1`);
    await page.waitForURL(/ref=/);
    const delta = Number(await page.getAttribute(`[data-testid="delta-totalCostEur-${reference.id}"]`, 'data-delta'));
    expect(delta).toBeCloseTo(reference.kpis.totalCostEur - others[0].kpis.totalCostEur, 9);
  });

  it('exports the filtered runs as the API rows, with formula cells escaped', async () => {
    await page.goto(`${server.baseUrl}/?status=COMPLETED&sort=TOTAL_COST_EUR:asc`);
    await tableIds(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    const rows = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
    const [header, ...data] = rows;
    expect(header).toContain('totalCostEur [EUR/year]');
    expect(header).toContain('renewableFraction [0..1]');
    const expected: { id: string; systemName: string; kpis: Record<string, number> | null }[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api>> = await api({ first: 100, after, filter: { status: { in: ['COMPLETED'] } }, orderBy: [{ field: 'TOTAL_COST_EUR', direction: 'ASC' }] });
      expected.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    const col = (name: string) => header.indexOf(name);
    expect(data.map((r) => r[col('id')])).toEqual(expected.map((n) => n.id));
    expect(data.map((r) => Number(r[col('totalCostEur [EUR/year]')]))).toEqual(expected.map((n) => n.kpis!.totalCostEur));
    const formula = data.find((r) => r[col('id')] === runIds['=cmd()'])!;
    expect(formula[col('systemName')]).toBe("'=cmd()");
    expect(data.every((r) => r[col('status')] === 'COMPLETED')).toBe(true);

    // The one-run series export: a row per period.
    const series = await fetch(`${server.baseUrl}/export/runs/${encodeURIComponent(runIds['Week across months'])}/series.csv?resolution=DAY`);
    expect(series.status).toBe(200);
    const seriesRows = parseCsv(await series.text());
    expect(seriesRows).toHaveLength(1 + 7);
    expect(seriesRows[0].slice(0, 3)).toEqual(['period', 'startHour [h]', 'periodHours [h]']);
    expect(seriesRows[0]).toContain('flow:grid->house [kW]');
  });

  it('shows a run turning from RUNNING to COMPLETED without a reload', async () => {
    // A year of hourly LP (a cold HiGHS worker): seconds, long enough to be seen running.
    const started = await server.gql(RUN_MUTATION, {
      input: { system: houseSystem('Live year', { pvKw: 5, batteryKwh: 8, timesteps: 8760, startDayOfYear: 1 }), options: { solver: 'OPTIMAL' }, studyId },
      wait: false,
    });
    expect(started.errors).toBeUndefined();
    const id = started.data.runSimulation.runId as string;
    // The runs table too: its row of the run changes in place (runsUpdated).
    const table = await openPage(browser);
    await table.page.goto(`${server.baseUrl}/?sort=CREATED_AT:desc`);
    const row = `[data-testid=runs-table] tr[data-run-id="${id}"]`;
    await table.page.waitForSelector(row);
    const statusAtLoad = await table.page.getAttribute(row, 'data-status');
    await page.goto(`${server.baseUrl}/run/${encodeURIComponent(id)}`);
    await page.waitForSelector('[data-testid=run-status]:text-matches("QUEUED|RUNNING")', { timeout: 5000 });
    await screenshot(page, `${provider}-run-live`);
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
    await page.waitForSelector('[data-testid=run-status]:text("COMPLETED")', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=dispatch-chart] canvas');
    expect(navigations).toEqual([]);
    await table.page.waitForSelector(`${row}[data-status=COMPLETED]`, { timeout: 10_000 });
    if (statusAtLoad !== 'COMPLETED') expect(statusAtLoad).toMatch(/QUEUED|RUNNING/);
    expect(table.errors).toEqual([]);
    await table.close();
  });

  it('shows a study with its trade-off plots', async () => {
    await page.goto(`${server.baseUrl}/study/${encodeURIComponent(studyId)}`);
    await page.waitForSelector('[data-testid=scatter-chart] canvas');
    await page.waitForSelector('[data-testid=histogram-chart] canvas');
    await screenshot(page, `${provider}-study`);
    await page.goto(`${server.baseUrl}/new`);
    await page.waitForSelector('textarea#system-json');
    await screenshot(page, `${provider}-new-run`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/`);
    await tableIds(page);
    await screenshot(page, `${provider}-runs-narrow`);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('logged no console errors on any page', () => {
    expect(errors).toEqual([]);
  });
});
