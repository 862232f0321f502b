/**
 * CSV downloads: the runs matching a RunFilter (in a RunOrder), and one run's dispatch series.
 *
 * The runs export takes the `runs` query's own arguments as JSON in the URL
 * (`/export/runs.csv?filter={...}&orderBy=[...]`) and coerces them with the schema's RunFilter
 * and RunOrder input types, then goes through the same toRunFilter / toRunOrder / run-sql.ts
 * path as the API: the same runs in the same order, whatever the filter. One SQL statement
 * (the API's page SQL without a limit) read a batch at a time, the next batch only when the
 * client has taken the previous one (a pull stream): memory stays flat however many runs match.
 * The reading and formatting happen in a thread, on a connection of its own (csv-export-thread.ts).
 */
import { coerceInputValue, GraphQLList, GraphQLNonNull, isInputType, type GraphQLInputType } from 'graphql';
import { SQLITE_BUSY_TIMEOUT_MS, type DbHandle } from '../db/client.js';
import { runKeysetColumns } from '../db/run-filters.js';
import { compileRunExport } from '../db/run-sql.js';
import { sqliteFilePath } from '../db/target.js';
import { IssueList, type InputIssue } from '../graphql/errors.js';
import { toRunFilter } from '../graphql/filters.js';
import { databaseIdOf } from '../graphql/global-ids.js';
import { toRunOrder } from '../graphql/order.js';
import { schema } from '../graphql/schema.js';
import { headerWithUnit } from '../results/kpi-units.js';
import { decodeRunSeries, downsampleSeries, type SeriesResolution } from '../results/run-series.js';
import { csvLine, neutraliseFormula } from './csv.js';
import { exportInThread } from './csv-export-pool.js';
import type { ExportSource } from './csv-export-thread.js';
import { CHUNK_BYTES, RUN_CSV_READS } from './csv-run-lines.js';

/**
 * Decides whether a request may download. Resolves to allow; throws a Response (or any object
 * with a numeric `status`, e.g. 401/403) to refuse. The server passes its auth check here.
 */
export type Authorize = (request: Request) => Promise<void>;

export const allowEveryone: Authorize = async () => undefined;

/** Rows per batch read while streaming: large enough to amortise a read (and, on PostgreSQL, a
 *  FETCH round trip), small in memory (~1.4 MB of CSV text per batch). */
export const EXPORT_PAGE_SIZE = 2000;

/** SQLite rows per batch: a batch there is only a slice of one statement's iteration, so a small
 *  one costs nothing, and it keeps few rows alive for a young-generation GC to copy (2000 rows
 *  of 45 values doubled the export's GC time). */
const SQLITE_EXPORT_BATCH = 200;

export interface ExportDependencies {
  db: DbHandle;
  authorize: Authorize;
  /** Rows per database read (default EXPORT_PAGE_SIZE on PostgreSQL, SQLITE_EXPORT_BATCH on
   *  SQLite; tests use small pages). */
  pageSize?: number;
  /** Bytes per chunk of the response (default CHUNK_BYTES; tests use small chunks). */
  chunkBytes?: number;
}

/** Where an export thread reads the database from (null: an in-memory database, which it cannot). */
export function exportSource(db: DbHandle): ExportSource | null {
  if (db.provider === 'postgres') return { provider: 'postgres', url: db.target.url };
  const file = sqliteFilePath(db.target.url);
  return file ? { provider: 'sqlite', file, busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS } : null;
}

/** GET /export/runs.csv?filter=<RunFilter JSON>&orderBy=<[RunOrder] JSON> */
export async function exportRunsCsv(request: Request, deps: ExportDependencies): Promise<Response> {
  const refused = await refusal(request, deps.authorize);
  if (refused) return refused;
  const url = new URL(request.url);
  const issues = new IssueList();
  const filterInput = coerceArgument(url.searchParams.get('filter'), 'filter', schemaInputType('RunFilter'), issues);
  const orderInput = coerceArgument(url.searchParams.get('orderBy'), 'orderBy', new GraphQLList(new GraphQLNonNull(schemaInputType('RunOrder'))), issues);
  const filter = issues.issues.length === 0 ? toRunFilter(filterInput as never, 'filter', issues) : undefined;
  const order = issues.issues.length === 0 ? toRunOrder(orderInput as never, 'orderBy', issues) : [];
  if (issues.issues.length > 0) return badRequest(issues.issues);
  const query = { filter, order: runKeysetColumns(order), columns: RUN_CSV_READS };
  const source = exportSource(deps.db);
  // Prisma and the raw connections of an in-memory SQLite URL are separate databases already;
  // the export's own connection would be a third, empty one.
  if (!source) return jsonError(501, 'NOT_SUPPORTED', 'the CSV export needs a SQLite file or PostgreSQL, not an in-memory database');
  const compiled = compileRunExport(deps.db.provider, query);
  const chunks = exportInThread({
    source,
    sql: compiled.sql,
    params: compiled.params,
    names: compiled.names,
    chunkBytes: deps.chunkBytes ?? CHUNK_BYTES,
    batchSize: deps.pageSize ?? (source.provider === 'sqlite' ? SQLITE_EXPORT_BATCH : EXPORT_PAGE_SIZE),
  });
  // A pull stream: the next rows are read only when the client took the previous chunk (flat
  // memory), and they go out as a few hundred kB of bytes at a time (one write, not one per row).
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await chunks.next();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      } catch (error) {
        // Headers are gone already: all a client can see is a cut-off download.
        controller.error(error);
      }
    },
    cancel() {
      chunks.cancel();
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="runs-${timestampForFile()}.csv"`,
      'cache-control': 'no-store',
    },
  });
}

const SERIES_RESOLUTIONS = new Set<SeriesResolution>(['HOUR', 'DAY', 'MONTH']);
const SERIES_ROWS_PER_CHUNK = 500;

/** GET /export/runs/<run id>/series.csv?resolution=HOUR|DAY|MONTH — one row per period. */
export async function exportRunSeriesCsv(request: Request, runGlobalId: string, deps: ExportDependencies): Promise<Response> {
  const refused = await refusal(request, deps.authorize);
  if (refused) return refused;
  const url = new URL(request.url);
  const issues = new IssueList();
  const runId = databaseIdOf(runGlobalId, 'SimulationRun', 'id', issues);
  const resolution = (url.searchParams.get('resolution') ?? 'HOUR').toUpperCase() as SeriesResolution;
  if (!SERIES_RESOLUTIONS.has(resolution)) issues.add('resolution', `must be HOUR, DAY or MONTH, got "${resolution}"`);
  if (issues.issues.length > 0 || !runId) return badRequest(issues.issues);
  const stored = await deps.db.prisma.runResult.findUnique({ where: { runId } });
  if (!stored) {
    const exists = await deps.db.prisma.simulationRun.findUnique({ where: { id: runId }, select: { status: true } });
    return jsonError(404, 'NOT_FOUND', exists ? `run ${runGlobalId} has no series (status ${exists.status})` : `no SimulationRun with id "${runGlobalId}"`);
  }
  const runSeries = decodeRunSeries(stored.encoding, stored.data);
  const down = downsampleSeries(runSeries, resolution);
  const header = [
    'period',
    headerWithUnit('startHour', 'h'),
    headerWithUnit('periodHours', 'h'),
    ...down.series.map((s) => headerWithUnit(neutraliseFormula(s.key), s.unit)),
  ];
  const encoder = new TextEncoder();
  const startHours: number[] = [];
  down.periodHours.reduce((start, hours) => (startHours.push(start), start + hours), 0);
  let next = -1;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next < 0) {
        controller.enqueue(encoder.encode(csvLine(header)));
        next = 0;
        return;
      }
      if (next >= down.periodHours.length) {
        controller.close();
        return;
      }
      let chunk = '';
      const end = Math.min(next + SERIES_ROWS_PER_CHUNK, down.periodHours.length);
      for (let p = next; p < end; p++) chunk += csvLine([p, startHours[p], down.periodHours[p], ...down.series.map((s) => s.values[p])]);
      next = end;
      controller.enqueue(encoder.encode(chunk));
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="run-${runId}-series-${resolution.toLowerCase()}.csv"`,
      'cache-control': 'no-store',
    },
  });
}

function schemaInputType(name: string): GraphQLInputType {
  const type = schema.getType(name);
  if (!type || !isInputType(type)) throw new Error(`schema has no input type ${name}`);
  return type;
}

/** JSON text → the value GraphQL would pass a resolver for an argument of `type` (or undefined). */
function coerceArgument(text: string | null, path: string, type: GraphQLInputType, issues: IssueList): unknown {
  if (text === null || text === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    issues.add(path, 'is not JSON');
    return undefined;
  }
  if (json === null) return undefined;
  return coerceInputValue(json, type, (at, _invalid, error) => {
    issues.add([path, ...at].map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join(''), error.message);
  });
}

async function refusal(request: Request, authorize: Authorize): Promise<Response | null> {
  try {
    await authorize(request);
    return null;
  } catch (error) {
    if (error instanceof Response) return error;
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === 'number') {
      const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : 'REFUSED';
      return jsonError(status, code, (error as { message?: string }).message || 'not allowed');
    }
    throw error;
  }
}

function badRequest(issues: readonly InputIssue[]): Response {
  return Response.json(
    { errors: [{ message: `Invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, extensions: { code: 'BAD_USER_INPUT', issues } }] },
    { status: 400 },
  );
}

function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status });
}

function timestampForFile(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}
