// The Results Explorer against a server with AUTH=required, in headless Chromium: the static
// app loads without a token, the API's UNAUTHENTICATED opens the token dialog, the token given
// there is kept in this tab's sessionStorage (not localStorage) and sent as the Bearer header
// with every GraphQL request and CSV download. Provider-independent (the browser side is
// under test; the server side of auth has both providers in test/api/auth-*.test.ts): SQLite.
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createServerAuth, type ServerAuth } from '../../src/auth/guard.js';
import { DEFAULT_RATE_LIMIT } from '../../src/auth/settings.js';
import { createToken } from '../../src/auth/token-store.js';
import { SimulationRunner } from '../../src/runner/runner.js';
import { createYogaApp, startHttpServer } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { insertRun } from '../api/support.js';
import { ensureWebBuilt, launchBrowser, openPage, screenshot } from './support.js';

describe('Results Explorer with AUTH=required (sqlite)', () => {
  let browser: Browser;
  let db: TestDatabase;
  let runner: SimulationRunner;
  let auth: ServerAuth;
  let server: Server;
  let baseUrl: string;
  let token: string;
  let runId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    browser = await launchBrowser();
    db = await createTestDatabase('sqlite');
    runner = new SimulationRunner(db, { poolSize: 1 });
    await runner.ready;
    auth = (await createServerAuth(db, { mode: 'required', rateLimit: DEFAULT_RATE_LIMIT }, () => undefined))!;
    server = await startHttpServer(createYogaApp({ db, runner, auth }), 0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    token = (await createToken(db, 'browser', ['read'])).token;
    runId = (await insertRun(db, { systemName: 'Behind a token', totalCostEur: 100 })).globalId;
  });
  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await runner?.close();
    await auth?.close();
    await db?.drop();
  });

  it('asks for a token, keeps it in sessionStorage and sends it as the Bearer header', async () => {
    const { page, close } = await openPage(browser);
    try {
      const authorizations: (string | null)[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/graphql') authorizations.push(request.headers()['authorization'] ?? null);
      });
      await page.goto(`${baseUrl}/`);
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
      await page.goto(`${baseUrl}/`);
      await page.waitForSelector('[role=dialog] input[aria-label=Token]');
      expect(await page.evaluate(`sessionStorage.getItem('ecosystemiser.token')`)).toBeNull();
    } finally {
      await close();
    }
  }, 60_000);
});
