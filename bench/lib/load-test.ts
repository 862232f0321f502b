// A bounded HTTP load run behind one typed function: wrk (C, from Debian's `wrk` package) when
// it is installed, autocannon (Node, an npm dev dependency) otherwise or on request. Both send
// the same POST over `connections` keep-alive connections and check every response body.
// wrk is the default because the load generator shares this 2-core machine with the server:
// autocannon spends about as much CPU per request as the server does, wrk a tenth of it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export type LoadTool = 'wrk' | 'autocannon';

export interface LoadTestOptions {
  url: string;
  body: string;
  connections: number;
  durationSeconds: number;
  /** Every response must equal this body; others count as mismatches. */
  expectBody?: string;
  /** Extra request headers (e.g. authorization). */
  headers?: Record<string, string>;
  tool?: LoadTool;
}

export interface LoadTestResult {
  tool: LoadTool;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP97_5Ms: number;
  latencyP99Ms: number;
  totalRequests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
}

const WRK = '/usr/bin/wrk';

export function defaultLoadTool(): LoadTool {
  return fs.existsSync(WRK) ? 'wrk' : 'autocannon';
}

export async function loadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const tool = options.tool ?? defaultLoadTool();
  return tool === 'wrk' ? wrkLoadTest(options) : autocannonLoadTest(options);
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p97_5: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
}

type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

async function autocannonLoadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...options.headers },
    body: options.body,
    connections: options.connections,
    duration: options.durationSeconds,
    expectBody: options.expectBody,
  });
  return {
    tool: 'autocannon',
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP97_5Ms: result.latency.p97_5,
    latencyP99Ms: result.latency.p99,
    totalRequests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
  };
}

/** wrk with a Lua script that sends the body, compares every response and prints one JSON line. */
async function wrkLoadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eco-wrk-'));
  const script = path.join(dir, 'request.lua');
  fs.writeFileSync(script, wrkScript(options.body, options.expectBody, options.headers ?? {}));
  try {
    const { stdout } = await promisify(execFile)(
      WRK,
      ['-t1', `-c${options.connections}`, `-d${options.durationSeconds}s`, '--timeout', '10s', '-s', script, options.url],
      { maxBuffer: 1 << 20 },
    );
    const line = stdout.split('\n').find((l) => l.startsWith('WRK_RESULT '));
    if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
    const r = JSON.parse(line.slice('WRK_RESULT '.length)) as {
      requests: number;
      durationUs: number;
      p50Us: number;
      p975Us: number;
      p99Us: number;
      socketErrors: number;
      timeouts: number;
      non2xx: number;
      mismatches: number;
    };
    return {
      tool: 'wrk',
      requestsPerSecond: r.requests / (r.durationUs / 1e6),
      latencyP50Ms: r.p50Us / 1000,
      latencyP97_5Ms: r.p975Us / 1000,
      latencyP99Ms: r.p99Us / 1000,
      totalRequests: r.requests,
      non2xx: r.non2xx,
      errors: r.socketErrors,
      timeouts: r.timeouts,
      mismatches: r.mismatches,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function wrkScript(body: string, expectBody: string | undefined, headers: Record<string, string>): string {
  // `headers[ [=[…]=] ]` needs the spaces: `headers[[=[` opens a long string, which Lua then
  // reads as calling the table, and the script fails before sending a header.
  return `
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"
${Object.entries(headers).map(([name, value]) => `wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`).join('\n')}
wrk.body = ${luaString(body)}
local expected = ${expectBody === undefined ? 'nil' : luaString(expectBody)}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) mismatches = 0; non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1
  elseif expected ~= nil and body ~= expected then mismatches = mismatches + 1 end
end
function done(summary, latency, requests)
  local m, n = 0, 0
  for _, t in ipairs(threads) do m = m + t:get("mismatches"); n = n + t:get("non2xx") end
  local e = summary.errors
  io.write(string.format('WRK_RESULT {"requests":%d,"durationUs":%d,"p50Us":%d,"p975Us":%d,"p99Us":%d,"socketErrors":%d,"timeouts":%d,"non2xx":%d,"mismatches":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(97.5), latency:percentile(99),
    e.connect + e.read + e.write, e.timeout, n, m))
end
`;
}

/** A Lua long-bracket literal whose level does not occur in the text. */
function luaString(text: string): string {
  let level = 1;
  while (text.includes(`]${'='.repeat(level)}]`)) level++;
  const eq = '='.repeat(level);
  // A long bracket drops a newline right after the opening bracket: start with one so a body
  // beginning with a newline keeps it.
  return `[${eq}[\n${text}]${eq}]`;
}
