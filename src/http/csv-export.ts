/**
 * CSV downloads: the runs matching a RunFilter (in a RunOrder), and one run's dispatch series.
 *
 * The runs export takes the `runs` query's own arguments as JSON in the URL
 * (`/export/runs.csv?filter={...}&orderBy=[...]`) and coerces them with the schema's RunFilter
 * and RunOrder input types, then goes through the same toRunFilter / toRunOrder / run-sql.ts
 * path as the API: the same runs in the same order, whatever the filter. One SQL statement
 * (the API's page SQL without a limit) read a batch at a time, the next batch only when the
 * client has taken the previous one (a pull stream): memory stays flat however many runs match.
 */
import { coerceInputValue, GraphQLList, GraphQLNonNull, isInputType, type GraphQLInputType } from 'graphql';
import type { DbHandle } from '../db/client.js';
import { RUN_KPI_FIELDS, runKeysetColumns } from '../db/run-filters.js';
import { streamRunArrays, type RunListColumn } from '../db/run-sql.js';
import { IssueList, type InputIssue } from '../graphql/errors.js';
import { toRunFilter } from '../graphql/filters.js';
import { databaseIdOf } from '../graphql/global-ids.js';
import { toRunOrder } from '../graphql/order.js';
import { schema } from '../graphql/schema.js';
import { KPI_PRESENTATION, headerWithUnit } from '../results/kpi-units.js';
import { decodeRunSeries, downsampleSeries, type SeriesResolution } from '../results/run-series.js';
import { csvLine, csvNumber, csvText, neutraliseFormula } from './csv.js';

/**
 * Decides whether a request may download. Resolves to allow; throws a Response (or any object
 * with a numeric `status`, e.g. 401/403) to refuse. The server passes its auth check here.
 */
export type Authorize = (request: Request) => Promise<void>;

export const allowEveryone: Authorize = async () => undefined;

/** Rows per batch read while streaming: large enough to amortise a read (and, on PostgreSQL, a
 *  FETCH round trip), small in memory (~1.4 MB of CSV text per batch). */
export const EXPORT_PAGE_SIZE = 2000;

/** A row as the export reads it: the values of `streamRunArrays`' names, in that order. */
type Values = readonly unknown[];
type Cell = (row: Values) => string;

interface RunColumn {
  header: string;
  /** The database columns the cell is made of. */
  reads: readonly RunListColumn[];
  /** Builds the cell function once per export, given the row index of each column it reads. */
  cell: (...indexes: number[]) => Cell;
}

const text = (name: RunListColumn, header: string = name): RunColumn => ({ header, reads: [name], cell: (i) => (r) => (r[i] == null ? '' : csvText(String(r[i]))) });
const number = (name: RunListColumn, header: string = name): RunColumn => ({ header, reads: [name], cell: (i) => (r) => (r[i] == null ? '' : csvNumber(Number(r[i]))) });
const timestamp = (name: RunListColumn): RunColumn => ({ header: name, reads: [name], cell: (i) => (r) => isoUtc(r[i]) });

/** A JSON list column as `a; b` (most runs' warnings are `[]`: no parse for those). */
const jsonList = (name: RunListColumn, header: string): RunColumn => ({
  header,
  reads: [name],
  cell: (i) => (r) => {
    const json = r[i];
    if (typeof json !== 'string' || json === '[]') return '';
    try {
      const parsed = JSON.parse(json) as unknown;
      return Array.isArray(parsed) ? csvText(parsed.map(String).join('; ')) : '';
    } catch {
      return '';
    }
  },
});

/**
 * Timestamps as the API writes them (`Date.toISOString()`): SQLite holds Prisma's
 * `2026-03-14T21:13:52.688+00:00`, PostgreSQL's arrive formatted with a `Z` (run-sql.ts).
 * ISO text never needs quoting or escaping.
 */
const PRISMA_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;
function isoUtc(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string') {
    if (value.endsWith('Z') && value.length === 24) return value;
    if (PRISMA_UTC.test(value)) return `${value.slice(0, 23)}Z`;
  }
  const date = value instanceof Date ? value : new Date(value as string);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** Global ids, as encodeGlobalID writes them (base64 of `Type:id`), without its per-call work. */
const globalId = (type: string, name: RunListColumn, header: string): RunColumn => ({
  header,
  reads: [name],
  cell: (i) => (r) => (r[i] == null ? '' : Buffer.from(`${type}:${String(r[i])}`, 'utf8').toString('base64')),
});

/** Every column a run list reads, with units in the header where the value has one. */
export const RUN_CSV_COLUMNS: readonly RunColumn[] = [
  globalId('SimulationRun', 'id', 'id'),
  text('id', 'databaseId'),
  text('systemName'),
  text('status'),
  text('solver'),
  text('objective'),
  globalId('Study', 'studyId', 'studyId'),
  jsonList('tagsJson', 'tags'),
  timestamp('createdAt'),
  timestamp('startedAt'),
  timestamp('finishedAt'),
  {
    header: headerWithUnit('durationMs', 'ms'),
    reads: ['startedAt', 'finishedAt'],
    cell: (s, f) => (r) => (r[s] != null && r[f] != null ? csvNumber(Date.parse(isoUtc(r[f])) - Date.parse(isoUtc(r[s]))) : ''),
  },
  number('timesteps'),
  number('timestepHours', headerWithUnit('timestepHours', 'h')),
  ...RUN_KPI_FIELDS.map((k) => number(k, headerWithUnit(k, KPI_PRESENTATION[k].unit))),
  text('solveStatus'),
  text('solverMessage'),
  number('objectiveValue'),
  number('solveMs', headerWithUnit('solveMs', 'ms')),
  number('variableCount'),
  number('constraintCount'),
  number('iterationCount'),
  number('mipGap'),
  text('errorCode'),
  text('errorMessage'),
  jsonList('warningsJson', 'warnings'),
  text('engineVersion'),
];

const RUN_CSV_READS: readonly RunListColumn[] = [...new Set(RUN_CSV_COLUMNS.flatMap((c) => c.reads))];

/** One function from a row (in `names` order) to its CSV line, built once per export. */
function rowFormatter(names: readonly string[]): (row: Values) => string {
  const cells = RUN_CSV_COLUMNS.map((c) =>
    c.cell(
      ...c.reads.map((name) => {
        const index = names.indexOf(name);
        if (index < 0) throw new Error(`csv-export: column ${name} was not read`);
        return index;
      }),
    ),
  );
  const count = cells.length;
  return (row) => {
    let line = cells[0](row);
    for (let c = 1; c < count; c++) line += ',' + cells[c](row);
    return line + '\r\n';
  };
}

export interface ExportDependencies {
  db: DbHandle;
  authorize: Authorize;
  /** Rows per database read (default EXPORT_PAGE_SIZE; tests use small pages). */
  pageSize?: number;
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
  const columns = runKeysetColumns(order);
  const encoder = new TextEncoder();
  const read = streamRunArrays(deps.db.sql, { filter, order: columns, columns: RUN_CSV_READS }, deps.pageSize ?? EXPORT_PAGE_SIZE);
  const pages = read.batches;
  const line = rowFormatter(read.names);
  let headerSent = false;
  // A pull stream: the next batch is read only when the client took the previous one (flat
  // memory), and a batch goes out as one string encoded once (one write, not one per row).
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvLine(RUN_CSV_COLUMNS.map((c) => c.header))));
          return;
        }
        const next = await pages.next();
        if (next.done) {
          controller.close();
          return;
        }
        let chunk = '';
        for (const row of next.value) chunk += line(row);
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        // Headers are gone already: all a client can see is a cut-off download.
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return(undefined);
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
