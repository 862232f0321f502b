/**
 * The explorer's built files (web/dist, made by `npm run build:web` at install) served by the
 * service itself: nothing is loaded from a CDN. App routes (/, /runs, /run/…, /compare, /study/…)
 * get index.html, so a shared or reloaded URL opens the same view; hashed files under /assets/
 * are cached for good, index.html never (it names the current hashes).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Paths the single-page app renders itself. */
const APP_ROUTE = /^\/(?:|explorer\/?|runs\/?|run\/[^/]+\/?|compare\/?|studies\/?|study\/[^/]+\/?|new\/?)$/;

export interface StaticFiles {
  /** A response for an explorer path, or null when the path is not one (left to GraphQL). */
  handle(request: Request): Promise<Response | null>;
}

export function createStaticFiles(root: string = DEFAULT_WEB_ROOT): StaticFiles {
  const resolvedRoot = path.resolve(root);
  // Built files never change while the process runs; index.html is re-read so a rebuild shows.
  const cache = new Map<string, Buffer>();
  const read = async (file: string, cacheable: boolean): Promise<Buffer | null> => {
    const hit = cache.get(file);
    if (hit) return hit;
    try {
      const content = await readFile(file);
      if (cacheable) cache.set(file, content);
      return content;
    } catch {
      return null;
    }
  };
  return {
    async handle(request) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return null;
      const { pathname } = new URL(request.url);
      const head = request.method === 'HEAD';
      if (APP_ROUTE.test(pathname)) {
        const html = await read(path.join(resolvedRoot, 'index.html'), false);
        if (!html) return notBuilt();
        return respond(html, '.html', 'no-cache', head);
      }
      if (!pathname.startsWith('/assets/') && pathname !== '/favicon.svg') return null;
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        return new Response('Bad path', { status: 400 });
      }
      const file = path.resolve(resolvedRoot, `.${decoded}`);
      if (!file.startsWith(resolvedRoot + path.sep)) return new Response('Not found', { status: 404 });
      const content = await read(file, true);
      if (!content) return new Response('Not found', { status: 404 });
      const immutable = pathname.startsWith('/assets/');
      return respond(content, path.extname(file), immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600', head);
    },
  };
}

function respond(content: Buffer, extension: string, cacheControl: string, head: boolean): Response {
  return new Response(head ? null : new Uint8Array(content), {
    headers: {
      'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
      'content-length': String(content.length),
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
    },
  });
}

function notBuilt(): Response {
  return new Response(
    '<!doctype html><meta charset="utf-8"><title>Explorer not built</title>' +
      '<p>The Results Explorer has not been built. Run <code>npm run build:web</code> (done by <code>npm ci</code>) and reload. ' +
      'GraphiQL is at <a href="/graphql">/graphql</a>.</p>',
    { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } },
  );
}
