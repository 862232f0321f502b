// The CSV routes through the app's request handler (yoga.fetch), on both providers: the runs of a
// filter in the API's order across many small export pages (ties broken by id as in `runs`),
// units in the headers, formula cells escaped, bad filters refused with the API's error shape,
// and the authorize hook able to refuse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/client.js';
import { exportsInThreads } from '../../src/http/csv-export-pool.js';
import { EXPORT_APPLICATION_NAME } from '../../src/http/csv-export-thread.js';
import { createExplorerRoutes } from '../../src/http/explorer-routes.js';
import { csvCell } from '../../src/http/csv.js';
import { PROVIDERS } from '../support/databases.js';
import { insertRun, insertStudy, startApi, type ApiHarness } from '../api/support.js';
import { parseCsv } from './support.js';

describe('csvCell', () => {
  it('escapes formula starts in text, never in numbers, and quotes per RFC 4180', () => {
    expect(csvCell('=cmd()')).toBe("'=cmd()");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell(-2573.5)).toBe('-2573.5');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe('');
  });
});

describe('CSV export of an in-memory database', () => {
  it('answers 501 with the reason: its export thread could not open that database', async () => {
    // No query is made before the refusal: a handle with only what exportRunsCsv looks at.
    const db = { provider: 'sqlite', target: { provider: 'sqlite', url: ':memory:' } } as unknown as DbHandle;
    const response = await createExplorerRoutes({ db })(new Request('http://test/export/runs.csv'));
    expect(response!.status).toBe(501);
    expect(((await response!.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_SUPPORTED');
  });
});

describe.each(PROVIDERS)('CSV export routes (%s)', (provider) => {
  let api: ApiHarness;
  let studyGlobalId: string;
  const exportOf = (query: string, headers: Record<string, string> = {}, sizes: { exportPageSize?: number; exportChunkBytes?: number } = { exportPageSize: 3 }) => {
    const routes = createExplorerRoutes({ db: api.db, ...sizes });
    return routes(new Request(`http://test/export/runs.csv${query}`, { headers }));
  };

  beforeAll(async () => {
    api = await startApi(provider);
    const study = await insertStudy(api.db, 'Export study');
    studyGlobalId = study.globalId;
    // Ties on cost: the id tie-break decides, as in the API.
    for (let i = 0; i < 10; i++) {
      await insertRun(api.db, { systemName: `Design ${i}`, totalCostEur: 100 + (i % 3) * 10, npvEur: -50 * i, studyId: i % 2 ? study.id : null, tags: i % 2 ? ['odd'] : ['even'] });
    }
    await insertRun(api.db, { systemName: '=cmd()', totalCostEur: 1, tags: ['@tag'] });
    await insertRun(api.db, { systemName: 'Failed', status: 'FAILED', errorCode: 'INFEASIBLE', errorMessage: 'no, "feasible", dispatch' });
    // Numbers whose text is easy to get wrong, in the columns written as one run of numbers.
    // Written by raw SQL, as the run log writes KPIs: Prisma's own Float writes round to ~16
    // digits (prisma/prisma#11096), so 0.1 + 0.2 would arrive as 0.3.
    const edge = await insertRun(api.db, { systemName: 'Edge – numbers' });
    const edgeNumbers = { totalCostEur: 1e21, operatingCostEur: 0.1 + 0.2, npvEur: -1e21, capexEur: 1e-7, renewableFraction: -0, totalCo2Kg: 123456789.12345679, mipGap: 5e-324, solveMs: 1.5, variableCount: 2147483647 };
    const p = (i: number) => (api.db.sql.dialect === 'postgres' ? `$${i}` : '?');
    const columns = Object.keys(edgeNumbers);
    await api.db.sql.execute(`UPDATE "SimulationRun" SET ${columns.map((c, i) => `"${c}" = ${p(i + 1)}`).join(', ')} WHERE id = ${p(columns.length + 1)}`, [...Object.values(edgeNumbers), edge.id]);
  });
  afterAll(async () => {
    await api.close();
  });

  it('streams the runs of a filter in the API order, every column with units', async () => {
    const filter = { status: { eq: 'COMPLETED' }, or: [{ studyId: { eq: studyGlobalId } }, { totalCostEur: { lt: 50 } }] };
    const orderBy = [{ field: 'TOTAL_COST_EUR', direction: 'DESC' }];
    const response = await exportOf(`?filter=${encodeURIComponent(JSON.stringify(filter))}&orderBy=${encodeURIComponent(JSON.stringify(orderBy))}`);
    expect(response!.status).toBe(200);
    expect(response!.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parseCsv(await response!.text());
    const expected = await api.gql(`query ($filter: RunFilter, $orderBy: [RunOrder!]) { runs(filter: $filter, orderBy: $orderBy, first: 100) { nodes { id systemName tags kpis { totalCostEur npvEur } } } }`, { filter, orderBy });
    const nodes = expected.data!.runs.nodes as { id: string; systemName: string; tags: string[]; kpis: { totalCostEur: number; npvEur: number | null } }[];
    expect(nodes.length).toBe(6);
    const col = (name: string) => header.indexOf(name);
    expect(rows.map((r) => r[col('id')])).toEqual(nodes.map((n) => n.id));
    expect(rows.map((r) => Number(r[col('totalCostEur [EUR/year]')]))).toEqual(nodes.map((n) => n.kpis.totalCostEur));
    expect(header).toEqual(expect.arrayContaining(['npvEur [EUR]', 'totalCo2Kg [kgCO2/year]', 'durationMs [ms]', 'timestepHours [h]', 'lcoeEurPerKwh [EUR/kWh]']));
    const formula = rows.find((r) => r[col('id')] === nodes.find((n) => n.systemName === '=cmd()')!.id)!;
    expect(formula[col('systemName')]).toBe("'=cmd()");
    expect(formula[col('tags')]).toBe("'@tag");
    // Negative numbers stay numbers.
    expect(rows.some((r) => r[col('npvEur [EUR]')].startsWith('-'))).toBe(true);
  });

  it('exports every run without a filter, quoting cells that need it', async () => {
    const [header, ...rows] = parseCsv(await (await exportOf(''))!.text());
    expect(rows).toHaveLength(13);
    const failed = rows.find((r) => r[header.indexOf('systemName')] === 'Failed')!;
    expect(failed[header.indexOf('errorMessage')]).toBe('no, "feasible", dispatch');
  });

  it('writes every number as the API returns it, and a missing one as the empty cell', async () => {
    const [header, ...rows] = parseCsv(await (await exportOf(`?filter=${encodeURIComponent(JSON.stringify({ systemName: { startsWith: 'edge' } }))}`))!.text());
    expect(rows).toHaveLength(1);
    const cell = (name: string) => rows[0][header.findIndex((h) => h === name || h.startsWith(`${name} [`))];
    expect(cell('totalCostEur')).toBe('1e+21');
    expect(cell('operatingCostEur')).toBe('0.30000000000000004');
    expect(cell('npvEur')).toBe('-1e+21');
    expect(cell('capexEur')).toBe('1e-7');
    expect(cell('renewableFraction')).toBe('0');
    expect(cell('totalCo2Kg')).toBe('123456789.12345679');
    expect(cell('lcoeEurPerKwh')).toBe('');
    expect(cell('gridImportKwh')).toBe('');
    expect(cell('mipGap')).toBe('5e-324');
    expect(cell('solveMs')).toBe('1.5');
    expect(cell('variableCount')).toBe('2147483647');
    expect(cell('timesteps')).toBe('24');
    expect(cell('systemName')).toBe('Edge – numbers');
    const fromApi = await api.gql('query ($id: ID!) { node(id: $id) { ... on SimulationRun { kpis { totalCostEur operatingCostEur npvEur capexEur totalCo2Kg } } } }', { id: rows[0][header.indexOf('id')] });
    const kpis = fromApi.data!.node.kpis as Record<string, number>;
    for (const [name, value] of Object.entries(kpis)) expect(cell(name), name).toBe(String(value));
  });

  it('sends the same bytes whatever the read batch and response chunk sizes', async () => {
    const bytes = async (sizes: { exportPageSize?: number; exportChunkBytes?: number }) => Buffer.from(await (await exportOf('', {}, sizes))!.arrayBuffer());
    const defaults = await bytes({});
    // A chunk smaller than one line, one batch per row: every write starts a new chunk.
    expect((await bytes({ exportPageSize: 1, exportChunkBytes: 64 })).equals(defaults)).toBe(true);
    expect((await bytes({ exportPageSize: 5, exportChunkBytes: 4096 })).equals(defaults)).toBe(true);
    expect(parseCsv(defaults.toString('utf8'))).toHaveLength(14);
  });

  it('stops reading when the client goes away', async () => {
    const response = await exportOf('', {}, { exportPageSize: 1, exportChunkBytes: 64 });
    const reader = response!.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    // The export runs in a thread, which must not wait for the client forever.
    expect(exportsInThreads()).toBe(1);
    await reader.cancel();
    await expect.poll(() => exportsInThreads()).toBe(0);
    expect(parseCsv(await (await exportOf(''))!.text())).toHaveLength(14);
  });

  it.runIf(provider === 'postgres')('connects again when the export connection it kept was closed by the server', async () => {
    expect(parseCsv(await (await exportOf(''))!.text())).toHaveLength(14);
    const [{ closed }] = await api.db.sql.query<{ closed: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS closed FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
      [EXPORT_APPLICATION_NAME],
    );
    // One per export thread that has exported from this database.
    expect(closed).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 3; i++) expect(parseCsv(await (await exportOf(''))!.text())).toHaveLength(14);
  });

  it('refuses a bad filter with BAD_USER_INPUT and the issue paths', async () => {
    const response = await exportOf(`?filter=${encodeURIComponent(JSON.stringify({ totalCostEur: { lt: 'cheap' }, status: { eq: 'DONE' } }))}`);
    expect(response!.status).toBe(400);
    const body = (await response!.json()) as { errors: { extensions: { code: string; issues: { path: string }[] } }[] };
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.issues.map((i) => i.path).sort()).toEqual(['filter.status.eq', 'filter.totalCostEur.lt']);
    expect((await exportOf('?orderBy=not-json'))!.status).toBe(400);
    expect((await exportOf(`?filter=${encodeURIComponent(JSON.stringify({ studyId: { eq: 'nope' } }))}`))!.status).toBe(400);
  });

  it('lets the authorize hook refuse', async () => {
    const routes = createExplorerRoutes({
      db: api.db,
      authorize: async (request) => {
        if (request.headers.get('authorization') !== 'Bearer ok') throw Object.assign(new Error('token required'), { status: 401 });
      },
    });
    const refused = await routes(new Request('http://test/export/runs.csv'));
    expect(refused!.status).toBe(401);
    expect(((await refused!.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await routes(new Request('http://test/export/runs.csv', { headers: { authorization: 'Bearer ok' } })))!.status).toBe(200);
    const forbidden = createExplorerRoutes({ db: api.db, authorize: async () => { throw new Response('no', { status: 403 }); } });
    expect((await forbidden(new Request('http://test/export/runs.csv')))!.status).toBe(403);
  });

  it('serves the app at / through the Yoga handler, and GraphQL stays at /graphql', async () => {
    const page = await api.yoga.fetch('http://test/run/abc');
    expect([200, 503]).toContain(page.status);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await api.yoga.fetch('http://test/assets/../../package.json')).status).toBe(404);
    expect((await api.yoga.fetch('http://test/export/runs/bm9wZQ==/series.csv')).status).toBe(400);
    const graphql = await api.gql('{ databaseStats { runCount } }');
    expect(graphql.data!.databaseStats.runCount).toBe(13);
  });
});
