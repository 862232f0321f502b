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
import { encodeGlobalID } from '@pothos/plugin-relay';
import { coerceInputValue, GraphQLList, GraphQLNonNull, isInputType, type GraphQLInputType } from 'graphql';
import type { DbHandle } from '../db/client.js';
import { RUN_KPI_FIELDS, runKeysetColumns, type KeysetColumn, type RunFilter } from '../db/run-filters.js';
import { streamRunList, type RunListRow } from '../db/run-sql.js';
import { IssueList, type InputIssue } from '../graphql/errors.js';
import { toRunFilter } from '../graphql/filters.js';
import { databaseIdOf } from '../graphql/global-ids.js';
import { toRunOrder } from '../graphql/order.js';
import { schema } from '../graphql/schema.js';
import { KPI_PRESENTATION, headerWithUnit } from '../results/kpi-units.js';
import { decodeRunSeries, downsampleSeries, type SeriesResolution } from '../results/run-series.js';
import { csvLine, neutraliseFormula, type CsvValue } from './csv.js';

/**
 * Decides whether a request may download. Resolves to allow; throws a Response (or any object
 * with a numeric `status`, e.g. 401/403) to refuse. The server passes its auth check here.
 */
export type Authorize = (request: Request) => Promise<void>;

export const allowEveryone: Authorize = async () => undefined;

/** Rows per batch read while streaming: large enough to amortise a read, small in memory. */
export const EXPORT_PAGE_SIZE = 1000;

interface RunColumn {
  header: string;
  value: (row: RunListRow) => CsvValue;
}

const parseJsonList = (text: string): unknown[] => {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
};

/** Every column a run list reads, with units in the header where the value has one. */
export const RUN_CSV_COLUMNS: readonly RunColumn[] = [
  { header: 'id', value: (r) => encodeGlobalID('SimulationRun', r.id) },
  { header: 'databaseId', value: (r) => r.id },
  { header: 'systemName', value: (r) => r.systemName },
  { header: 'status', value: (r) => r.status },
  { header: 'solver', value: (r) => r.solver },
  { header: 'objective', value: (r) => r.objective },
  { header: 'studyId', value: (r) => (r.studyId ? encodeGlobalID('Study', r.studyId) : null) },
  { header: 'tags', value: (r) => parseJsonList(r.tagsJson).join('; ') },
  { header: 'createdAt', value: (r) => r.createdAt },
  { header: 'startedAt', value: (r) => r.startedAt },
  { header: 'finishedAt', value: (r) => r.finishedAt },
  { header: headerWithUnit('durationMs', 'ms'), value: (r) => (r.startedAt && r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null) },
  { header: 'timesteps', value: (r) => r.timesteps },
  { header: headerWithUnit('timestepHours', 'h'), value: (r) => r.timestepHours },
  ...RUN_KPI_FIELDS.map((k) => ({ header: headerWithUnit(k, KPI_PRESENTATION[k].unit), value: (r: RunListRow) => r[k] })),
  { header: 'solveStatus', value: (r) => r.solveStatus },
  { header: 'solverMessage', value: (r) => r.solverMessage },
  { header: 'objectiveValue', value: (r) => r.objectiveValue },
  { header: headerWithUnit('solveMs', 'ms'), value: (r) => r.solveMs },
  { header: 'variableCount', value: (r) => r.variableCount },
  { header: 'constraintCount', value: (r) => r.constraintCount },
  { header: 'iterationCount', value: (r) => r.iterationCount },
  { header: 'mipGap', value: (r) => r.mipGap },
  { header: 'errorCode', value: (r) => r.errorCode },
  { header: 'errorMessage', value: (r) => r.errorMessage },
  { header: 'warnings', value: (r) => parseJsonList(r.warningsJson).join('; ') },
  { header: 'engineVersion', value: (r) => r.engineVersion },
];

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
  const pages = runPages(deps.db, filter, columns, deps.pageSize ?? EXPORT_PAGE_SIZE);
  let headerSent = false;
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
        for (const row of next.value) chunk += csvLine(RUN_CSV_COLUMNS.map((c) => c.value(row)));
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

function runPages(db: DbHandle, filter: RunFilter | undefined, columns: readonly KeysetColumn[], pageSize: number): AsyncGenerator<RunListRow[]> {
  return streamRunList(db.sql, { filter, order: columns }, pageSize);
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
