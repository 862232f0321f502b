// The Results Explorer against a PERSISTED_ONLY server, in headless Chromium: it sends only the
// sha256 of its codegen documents (never their text), and its pages work. Provider-independent
// (the server side has both providers in test/api/trusted-documents.test.ts): SQLite.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRun } from '../api/support.js';
import { ensureWebBuilt, launchBrowser, openPage, screenshot, startExplorerServer, type ExplorerServer } from './support.js';

describe('Results Explorer with PERSISTED_ONLY (sqlite)', () => {
  let browser: Browser;
  let server: ExplorerServer;
  let runId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    browser = await launchBrowser();
    server = await startExplorerServer('sqlite', { persistedOnly: true });
    runId = (await insertRun(server.db, { systemName: 'Only by hash', totalCostEur: 321 })).globalId;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs table and run page load with hash-only requests and no console errors', async () => {
    const { page, errors, close } = await openPage(browser);
    try {
      const bodies: any[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST') bodies.push(JSON.parse(request.postData() ?? '{}'));
      });
      await page.goto(`${server.baseUrl}/`);
      await page.waitForSelector(`[data-testid=runs-table] tbody tr[data-run-id="${runId}"]`);
      await page.click(`[data-testid=runs-table] tbody tr[data-run-id="${runId}"] a`);
      await page.waitForSelector('text=Only by hash');
      await screenshot(page, 'explorer-persisted-only');
      expect(bodies.length).toBeGreaterThanOrEqual(2);
      for (const body of bodies) {
        expect(body.query).toBeUndefined();
        expect(body.extensions.persistedQuery.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);
});
