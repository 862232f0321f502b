/**
 * The explorer's HTTP routes next to GraphQL: the built web app and the CSV downloads. One plain
 * (Request) => Response | null handler (null: not ours, GraphQL's), so whatever wraps the
 * service's request handling (Host/CORS/CSRF checks) covers these routes too.
 */
import type { Plugin } from 'graphql-yoga';
import type { DbHandle } from '../db/client.js';
import { allowEveryone, exportRunSeriesCsv, exportRunsCsv, exportSource, type Authorize } from './csv-export.js';
import { warmExportThread } from './csv-export-pool.js';
import { createStaticFiles } from './static-files.js';

export type RouteHandler = (request: Request) => Promise<Response | null>;

export interface ExplorerRouteOptions {
  db: DbHandle;
  /** Who may download exports (default: everyone). */
  authorize?: Authorize;
  /** Folder of the built web app (default web/dist). */
  webRoot?: string;
  /** Runs per database read of the CSV export (default: csv-export.ts). */
  exportPageSize?: number;
  /** Bytes per chunk of the CSV export's response (default 256 kB). */
  exportChunkBytes?: number;
}

const SERIES_EXPORT = /^\/export\/runs\/([^/]+)\/series\.csv$/;

export function createExplorerRoutes(options: ExplorerRouteOptions): RouteHandler {
  const staticFiles = createStaticFiles(options.webRoot);
  if (exportSource(options.db)) warmExportThread();
  const deps = { db: options.db, authorize: options.authorize ?? allowEveryone, pageSize: options.exportPageSize, chunkBytes: options.exportChunkBytes };
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/export/')) {
      if (request.method !== 'GET') return new Response('Method not allowed', { status: 405, headers: { allow: 'GET' } });
      if (pathname === '/export/runs.csv') return exportRunsCsv(request, deps);
      const series = SERIES_EXPORT.exec(pathname);
      if (series) return exportRunSeriesCsv(request, decodeURIComponent(series[1]), deps);
      return new Response('Not found', { status: 404 });
    }
    return staticFiles.handle(request);
  };
}

/** Serves `handle`'s responses before Yoga looks at a request; everything else goes on to GraphQL. */
export function useRoutes(handle: RouteHandler): Plugin {
  return {
    async onRequest({ request, endResponse }) {
      const response = await handle(request);
      if (response) endResponse(response);
    },
  };
}
