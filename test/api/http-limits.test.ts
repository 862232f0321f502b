// The request body limit over real sockets (useRequestBodyLimit in src/server.ts): through
// Node's HTTP server it trusts Content-Length — Node's parser never hands the app more body
// bytes than declared — and counts bytes only for chunked bodies. limits.test.ts covers the
// in-process yoga.fetch path; here a real server on 127.0.0.1 gets hand-written requests.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/graphql/limits.js';
import { GRAPHQL_PATH, startHttpServer } from '../../src/server.js';
import { insertRun, startApi, type ApiHarness } from './support.js';

const LIMIT = LIMITS.maxRequestBodyBytes;
const MiB = 1 << 20;

interface RawResponse {
  status: number;
  headers: string;
  body: string;
}

/** The HTTP/1.1 responses in `text`, in order (Content-Length or chunked bodies). */
function parseResponses(text: string): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = text;
  for (;;) {
    const headerEnd = rest.indexOf('\r\n\r\n');
    if (headerEnd < 0) return responses;
    const headers = rest.slice(0, headerEnd);
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(headers)?.[1]);
    let after = rest.slice(headerEnd + 4);
    let body = '';
    const length = /\r\ncontent-length: *(\d+)/i.exec(headers);
    if (length) {
      body = after.slice(0, Number(length[1]));
      after = after.slice(Number(length[1]));
    } else if (/\r\ntransfer-encoding: *chunked/i.test(headers)) {
      for (;;) {
        const sizeEnd = after.indexOf('\r\n');
        if (sizeEnd < 0) break;
        const size = parseInt(after.slice(0, sizeEnd), 16);
        body += after.slice(sizeEnd + 2, sizeEnd + 2 + size);
        after = after.slice(sizeEnd + 2 + size + 2);
        if (size === 0) break;
      }
    }
    responses.push({ status, headers, body });
    rest = after;
  }
}

/**
 * Opens a socket, lets `send` write to it, and collects what comes back until the server
 * closes the connection or `done` says enough has arrived.
 */
function rawExchange(
  port: number,
  send: (socket: net.Socket) => void | Promise<void>,
  done: (responses: RawResponse[]) => boolean = () => false,
  timeoutMs = 20_000,
): Promise<{ responses: RawResponse[]; text: string; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let settled = false;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ responses: parseResponses(text), text, closedByServer });
    };
    const timer = setTimeout(() => {
      settled = true;
      socket.destroy();
      reject(new Error(`no complete answer in ${timeoutMs} ms; got: ${text.slice(0, 500)}`));
    }, timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (done(parseResponses(text))) finish(false);
    });
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    // The server may close while we are still writing (EPIPE / ECONNRESET): that is an answer.
    socket.on('error', () => finish(true));
    socket.once('connect', () => {
      Promise.resolve(send(socket)).catch(() => undefined);
    });
  });
}

/** Writes without ignoring back-pressure; false if the socket went away. */
async function write(socket: net.Socket | http.ClientRequest, data: string | Uint8Array): Promise<boolean> {
  if (socket.destroyed) return false;
  if (socket.write(data)) return true;
  return new Promise((resolve) => {
    const onDrain = () => {
      socket.off('close', onClose);
      resolve(true);
    };
    const onClose = () => {
      socket.off('drain', onDrain);
      resolve(false);
    };
    socket.once('drain', onDrain);
    socket.once('close', onClose);
  });
}

function requestHead(headers: Record<string, string | number>): string {
  const lines = [`POST ${GRAPHQL_PATH} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', 'Accept: application/json'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** A complete request with a correct Content-Length. */
function fullRequest(body: string): string {
  return requestHead({ 'Content-Length': Buffer.byteLength(body) }) + body;
}

describe('request body limit over HTTP (sqlite)', () => {
  let api: ApiHarness;
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    api = await startApi('sqlite');
    await insertRun(api.db, { systemName: 'Over HTTP' });
    server = await startHttpServer(api.yoga, 0, '127.0.0.1');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await api?.close();
  });

  /** A request through node:http; the body is written in pieces when it is an array. */
  function post(
    body: string | Uint8Array[],
    headers: Record<string, string | number>,
  ): Promise<{ status: number; body: string; sentBytes: number }> {
    return new Promise((resolve, reject) => {
      let sentBytes = 0;
      let answered = false;
      const request = http.request({ host: '127.0.0.1', port, path: GRAPHQL_PATH, method: 'POST', headers, agent: false }, (response) => {
        answered = true;
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode!, body: text, sentBytes });
          request.destroy();
        });
        response.on('error', reject);
      });
      // Writing on after the server has answered and closed is expected for over-limit bodies.
      request.on('error', (error) => {
        if (!answered) reject(error);
      });
      void (async () => {
        const pieces = typeof body === 'string' ? [Buffer.from(body)] : body;
        for (const piece of pieces) {
          if (answered || !(await write(request, piece))) return;
          sentBytes += piece.byteLength;
        }
        if (!answered) request.end();
      })();
    });
  }

  it('answers a normal query sent with Content-Length', async () => {
    const body = JSON.stringify({ query: '{ runs(first: 5) { totalCount nodes { systemName } } }' });
    const r = await post(body, { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body) });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ data: { runs: { totalCount: 1, nodes: [{ systemName: 'Over HTTP' }] } } });
  });

  it('answers a normal query sent chunked (no Content-Length)', async () => {
    const body = JSON.stringify({ query: '{ runs(first: 5) { totalCount } }', variables: { pad: 'x'.repeat(3 * MiB) } });
    const bytes = Buffer.from(body);
    const pieces = Array.from({ length: Math.ceil(bytes.length / MiB) }, (_, i) => bytes.subarray(i * MiB, (i + 1) * MiB));
    const r = await post(pieces, { 'content-type': 'application/json', accept: 'application/json', 'transfer-encoding': 'chunked' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ data: { runs: { totalCount: 1 } } });
  });

  it('refuses a declared body over the limit with 413 before it is sent', async () => {
    // Only the headers and the first bytes of a body of LIMIT + 1 bytes: the answer must come
    // without the server waiting for the rest.
    const start = '{"query":"{ runs { totalCount } }","variables":{"pad":"';
    const { responses, closedByServer } = await rawExchange(
      port,
      (socket) => void socket.write(requestHead({ 'Content-Length': LIMIT + 1 }) + start),
      (got) => got.length > 0,
    );
    expect(closedByServer).toBe(false);
    expect(responses).toHaveLength(1);
    expect(responses[0].status).toBe(413);
    expect(JSON.parse(responses[0].body).errors[0].message).toBe('Request body too large');
  });

  it('refuses a whole body over the limit sent with Content-Length with 413', async () => {
    const body = JSON.stringify({ query: '{ runs { totalCount } }', variables: { pad: 'x'.repeat(LIMIT) } });
    const bytes = Buffer.from(body);
    const pieces = Array.from({ length: Math.ceil(bytes.length / MiB) }, (_, i) => bytes.subarray(i * MiB, (i + 1) * MiB));
    const r = await post(pieces, { 'content-type': 'application/json', 'content-length': bytes.length });
    expect(r.status).toBe(413);
  });

  it('refuses a chunked body over the limit with 413 while it streams', async () => {
    // Chunks adding up to a little over the limit, and then nothing: no final chunk, so the
    // answer can only come from counting while streaming.
    const start = '{"query":"{ runs { totalCount } }","variables":{"pad":"';
    const piece = 'x'.repeat(MiB);
    const { responses, closedByServer } = await rawExchange(
      port,
      async (socket) => {
        await write(socket, requestHead({ 'Transfer-Encoding': 'chunked' }));
        await write(socket, `${start.length.toString(16)}\r\n${start}\r\n`);
        for (let sent = 0; sent <= LIMIT; sent += piece.length) {
          if (!(await write(socket, `${piece.length.toString(16)}\r\n${piece}\r\n`))) return;
        }
      },
      (got) => got.length > 0,
    );
    expect(closedByServer).toBe(false);
    expect(responses.map((r) => r.status)).toEqual([413]);
    expect(JSON.parse(responses[0].body).errors[0].message).toBe('Request body too large');
  });

  it('refuses a whole chunked body over the limit with 413 (node:http client)', async () => {
    const piece = Buffer.alloc(MiB, 'x');
    const pieces = [Buffer.from('{"query":"{ runs { totalCount } }","variables":{"pad":"'), ...Array(Math.ceil(LIMIT / MiB) + 1).fill(piece), Buffer.from('"}}')];
    const r = await post(pieces, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    expect(r.status).toBe(413);
  });

  it.each(['abc', '-1', '1e3', '0x10', '12, 12', ' ', '99999999999999999999999'])('an invalid Content-Length %j is a 400', async (value) => {
    const body = '{"query":"{ runs { totalCount } }"}';
    const { responses } = await rawExchange(port, (socket) => void socket.write(requestHead({ 'Content-Length': value }) + body), (got) => got.length > 0);
    // Node's parser refuses most of these itself (a bare 400); whatever gets through to the app
    // is refused by useRequestBodyLimit. Never a 200.
    expect(responses.map((r) => r.status)).toEqual([400]);
  });

  it('Content-Length together with Transfer-Encoding: chunked is refused, whatever the chunks hold', async () => {
    const body = JSON.stringify({ query: '{ runs { totalCount } }', variables: { pad: 'x'.repeat(LIMIT) } });
    const chunked = `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    const { responses } = await rawExchange(
      port,
      async (socket) => {
        await write(socket, requestHead({ 'Content-Length': 10, 'Transfer-Encoding': 'chunked' }));
        await write(socket, chunked);
      },
      (got) => got.length > 0,
    );
    expect(responses.map((r) => r.status)).toEqual([400]);
  });

  it('bytes after the declared body are the next request, not more body', async () => {
    const first = JSON.stringify({ query: '{ a: runStats { count } }' });
    const second = JSON.stringify({ query: '{ b: databaseStats { runCount } }' });
    // One write: the first request's body "runs on" into the second request.
    const { responses } = await rawExchange(port, (socket) => void socket.write(fullRequest(first) + fullRequest(second)), (got) => got.length >= 2);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(JSON.parse(responses[0].body)).toEqual({ data: { a: { count: 1 } } });
    expect(JSON.parse(responses[1].body)).toEqual({ data: { b: { runCount: 1 } } });
  });

  it('an over-limit body cannot get in by declaring a short Content-Length', async () => {
    // The declared part alone is not valid JSON; with the bytes after it, the body would be a
    // valid request of LIMIT + ~100 bytes. The server must only ever see the declared part
    // (a 400 for bad JSON), and the rest is garbage where a request line should be (Node: 400).
    const head = '{"query":"{ runs { totalCount } }","variables":{"pad":"';
    const tail = `${'x'.repeat(LIMIT)}"}}`;
    const { responses, text } = await rawExchange(port, async (socket) => {
      await write(socket, requestHead({ 'Content-Length': Buffer.byteLength(head) }) + head);
      for (let offset = 0; offset < tail.length; offset += MiB) {
        if (!(await write(socket, tail.slice(offset, offset + MiB)))) return;
      }
    });
    expect(responses.length).toBeGreaterThan(0);
    for (const r of responses) expect(r.status).toBe(400);
    expect(text).not.toMatch(/"data"/);
  });
});
