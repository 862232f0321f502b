// Browser tests of the Results Explorer: the real service (Yoga + runner + the built web app)
// on a fresh test database, listening on a free port, and one headless Debian Chromium per
// test file, driven by playwright-core (never a browser download).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import type { DatabaseProvider } from '../../src/db/target.js';
import { createServerAuth } from '../../src/auth/guard.js';
import { DEFAULT_RATE_LIMIT } from '../../src/auth/settings.js';
import { StudyRunner } from '../../src/runner/study-runner.js';
import { SimulationRunner } from '../../src/runner/runner.js';
import { createYogaApp, startHttpServer } from '../../src/server.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-artifacts/screenshots');
const WEB_DIR = path.resolve('web');

/** Builds web/dist when it is missing or older than a source file (CI builds it at install). */
export function ensureWebBuilt(): void {
  const index = path.join(WEB_DIR, 'dist', 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  const sources = Math.max(newest(path.join(WEB_DIR, 'src')), fs.statSync(path.join(WEB_DIR, 'index.html')).mtimeMs, fs.statSync(path.resolve('src/results/kpi-units.ts')).mtimeMs);
  if (built >= sources) return;
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface ExplorerServer {
  db: TestDatabase;
  runner: SimulationRunner;
  baseUrl: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  close(): Promise<void>;
}

export interface ExplorerServerOptions {
  /** Also start a StudyRunner, so runStudy works (the study page's tests). */
  studies?: boolean;
  /** Serve as AUTH=required does (tokens from src/auth/token-store.ts). */
  auth?: boolean;
  /** Serve as PERSISTED_ONLY does. */
  persistedOnly?: boolean;
}

export async function startExplorerServer(provider: DatabaseProvider, options: ExplorerServerOptions = {}): Promise<ExplorerServer> {
  const db = await createTestDatabase(provider);
  const runner = new SimulationRunner(db, { poolSize: 1 });
  await runner.ready;
  const studies = options.studies ? new StudyRunner(db, runner, { maxTrials: 50, log: () => undefined }) : undefined;
  const auth = options.auth ? (await createServerAuth(db, { mode: 'required', rateLimit: DEFAULT_RATE_LIMIT }, () => undefined))! : undefined;
  const yoga = createYogaApp({ db, runner, studies, auth, persistedOnly: options.persistedOnly });
  const server: Server = await startHttpServer(yoga, 0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    db,
    runner,
    baseUrl,
    async gql(query, variables) {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await studies?.close();
      await runner.close();
      await auth?.close();
      await db.drop();
    },
  };
}

/** A page that records console errors and uncaught exceptions (tests assert there are none). */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return { page, errors, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A small system: grid + demand, optionally PV and a battery (a few parameters vary the KPIs). */
export function houseSystem(name: string, options: { pvKw?: number; batteryKwh?: number; timesteps?: number; startDayOfYear?: number } = {}) {
  const components: Record<string, unknown>[] = [
    { id: 'grid', kind: 'GRID', importPriceEurPerKwh: { constant: 0.3 }, exportPriceEurPerKwh: { constant: 0.08 } },
    { id: 'house', kind: 'ELECTRIC_DEMAND', annualKwh: 4000 },
  ];
  const connections = [{ from: 'grid', to: 'house', medium: 'ELECTRICITY' }];
  if (options.pvKw) {
    components.push({ id: 'pv', kind: 'SOLAR_PV', peakKw: options.pvKw });
    connections.push({ from: 'pv', to: 'house', medium: 'ELECTRICITY' }, { from: 'pv', to: 'grid', medium: 'ELECTRICITY' });
  }
  if (options.batteryKwh) {
    components.push({ id: 'battery', kind: 'BATTERY', energyKwh: options.batteryKwh });
    connections.push({ from: 'battery', to: 'house', medium: 'ELECTRICITY' });
    if (options.pvKw) connections.push({ from: 'pv', to: 'battery', medium: 'ELECTRICITY' });
  }
  return {
    name,
    horizon: { timesteps: options.timesteps ?? 24, startDayOfYear: options.startDayOfYear ?? 172 },
    components,
    connections,
  };
}

export const RUN_MUTATION = `mutation ($input: RunSimulationInput!, $wait: Boolean) {
  runSimulation(input: $input, wait: $wait) { runId run { id status } warnings }
}`;

/** A CSV text as rows of cells (RFC 4180 quoting). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}
