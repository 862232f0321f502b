// The Results Explorer against a server with AUTH=required, in headless Chromium: the static
// app loads without a token, the API's UNAUTHENTICATED opens the token dialog, the token given
// there is kept in this tab's sessionStorage (not localStorage) and sent as the Bearer header
// with every GraphQL request and CSV download. Provider-independent (the browser side is
// under test; the server side of auth has both providers in test/api/auth-*.test.ts): SQLite.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createToken } from '../../src/auth/token-store.js';
import { insertRun } from '../api/support.js';
import { ensureWebBuilt, launchBrowser, openPage, screenshot, startExplorerServer, type ExplorerServer } from './support.js';

describe('Results Explorer with AUTH=required (sqlite)', () => {
  let browser: Browser;
  let server: ExplorerServer;
  let token: string;
  let runId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    browser = await launchBrowser();
    server = await startExplorerServer('sqlite', { auth: true });
    token = (await createToken(server.db, 'browser', ['read'])).token;
    runId = (await insertRun(server.db, { systemName: 'Behind a token', totalCostEur: 100 })).globalId;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks for a token, keeps it in sessionStorage and sends it as the Bearer header', async () => {
    const { page, close } = await openPage(browser);
    try {
      const authorizations: (string | null)[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/graphql') authorizations.push(request.headers()['authorization'] ?? null);
      });
      await page.goto(`${server.baseUrl}/`);
      // The app itself is public; its first query is refused and the dialog asks for a token.
      await page.waitForSelector('[role=dialog] input[aria-label=Token]');
      expect(authorizations[0]).toBeNull();
      await page.fill('[role=dialog] input[aria-label=Token]', token);
      await page.click('[role=dialog] button[type=submit]');
      await page.waitForSelector(`[data-testid=runs-table] tbody tr[data-run-id="${runId}"]`);
      await screenshot(page, 'explorer-auth-runs');
      expect(authorizations.at(-1)).toBe(`Bearer ${token}`);
      const storage = (await page.evaluate(`({ session: sessionStorage.getItem('ecosystemiser.token'), local: localStorage.getItem('ecosystemiser.token') })`)) as { session: string | null; local: string | null };
      expect(storage).toEqual({ session: token, local: null });
      // A CSV download from the page goes with the same header (a plain link could not send it).
      const exportAuthorization = page.waitForRequest((request) => new URL(request.url()).pathname === '/export/runs.csv');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
      expect((await exportAuthorization).headers()['authorization']).toBe(`Bearer ${token}`);
      const path = await download.path();
      expect(fs.readFileSync(path!, 'utf8')).toContain('Behind a token');
    } finally {
      await close();
    }
  }, 60_000);

  it('a new browser session starts without the token', async () => {
    const { page, close } = await openPage(browser);
    try {
      await page.goto(`${server.baseUrl}/`);
      await page.waitForSelector('[role=dialog] input[aria-label=Token]');
      expect(await page.evaluate(`sessionStorage.getItem('ecosystemiser.token')`)).toBeNull();
    } finally {
      await close();
    }
  }, 60_000);
});
