import { useEffect, useMemo, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { subscribe } from '../api';
import { ExplorerRunDocument, ExplorerRunSeriesDocument, ExplorerRunUpdatedDocument, type ExplorerRunSeriesQuery, type SeriesResolution } from '../gql/graphql';
import { Chart } from '../components/Chart';
import { Empty, ErrorState, Loading } from '../components/States';
import { downloadExport } from '../download';
import { formatDate, formatKpi, formatNumber, KPI_FIELDS, kpiLabel, kpiUnit } from '../kpis';
import { Link } from '../router';
import { useQuery } from '../use-query';

type SeriesItem = NonNullable<NonNullable<ExplorerRunSeriesQuery['run']>['series']>[number];

interface ComponentInput {
  id: string;
  kind: string;
  [parameter: string]: unknown;
}

export function RunPage({ id, search }: { id: string; search: URLSearchParams }) {
  const run = useQuery(ExplorerRunDocument, { id });
  const [resolution, setResolution] = useState<SeriesResolution>((search.get('resolution') as SeriesResolution) ?? 'HOUR');
  const status = run.data?.run?.status;

  // Live: the run's status in place until it finishes, then the full record once.
  useEffect(() => {
    if (!status || !['QUEUED', 'RUNNING'].includes(status)) return;
    return subscribe(ExplorerRunUpdatedDocument, { id }, ({ runUpdated }) => {
      if (['COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED'].includes(runUpdated.status)) run.refetch();
      else run.setData((d) => (d?.run ? { run: { ...d.run, ...(runUpdated.run ?? {}), status: runUpdated.status } } : d));
    });
  }, [id, status, run.refetch, run.setData]);

  if (run.error) return <ErrorState error={run.error} retry={run.refetch} />;
  if (!run.data) return <Loading what="the run" />;
  const r = run.data.run;
  if (!r) return <Empty><p>There is no run with id <code>{id}</code>. <Link href="/">Back to the runs</Link></p></Empty>;
  const system = (r.system ?? {}) as { components?: ComponentInput[]; connections?: { from: string; to: string; medium: string }[] };
  const stats = r.solverStatistics;
  return (
    <section>
      <h1 data-testid="run-title">{r.systemName}</h1>
      <p className="meta">
        <span className={`status status-${r.status.toLowerCase()}`} data-testid="run-status">{r.status}</span> · {r.solver} · objective {r.objective} ·{' '}
        {r.timesteps} steps of {r.timestepHours} h · created {formatDate(r.createdAt)} · {r.durationMs != null ? `${formatNumber(r.durationMs / 1000, 2)} s` : ''}
        {r.study && <> · study <Link href={`/study/${encodeURIComponent(r.study.id)}`}>{r.study.name}</Link></>}
        {' · '}<Link href={`/compare?ids=${encodeURIComponent(r.id)}`}>compare…</Link>
      </p>
      {r.status === 'RUNNING' || r.status === 'QUEUED' ? <p className="state loading" role="status">The run is {r.status.toLowerCase()}; this page updates when it finishes.</p> : null}
      {r.errorCode && <div className="state error" role="alert"><strong>{r.errorCode}</strong>: {r.errorMessage}</div>}
      {r.warnings.length > 0 && <ul className="warnings">{r.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}

      {r.kpis && (
        <>
          <h2>KPIs</h2>
          <dl className="kpis" data-testid="kpis">
            {KPI_FIELDS.map((k) => (
              <div key={k}><dt>{kpiLabel(k)} <small>[{kpiUnit(k)}]</small></dt><dd data-kpi={k}>{formatKpi(k, r.kpis?.[k])}</dd></div>
            ))}
          </dl>
        </>
      )}

      {r.status === 'COMPLETED' && (
        <>
          <h2>Dispatch</h2>
          <div className="toolbar">
            <label>Resolution{' '}
              <select data-testid="resolution" value={resolution} onChange={(e) => setResolution(e.target.value as SeriesResolution)}>
                <option value="HOUR">hour</option><option value="DAY">day</option><option value="MONTH">month</option>
              </select>
            </label>
            <button type="button" data-testid="export-series" onClick={() => void downloadExport(`/export/runs/${encodeURIComponent(r.id)}/series.csv?resolution=${resolution}`, 'series.csv')}>
              Series CSV
            </button>
          </div>
          <RunCharts id={r.id} resolution={resolution} components={system.components ?? []} />
        </>
      )}

      <h2>Inputs as run</h2>
      <h3>Components</h3>
      <table className="inputs">
        <thead><tr><th>id</th><th>kind</th><th>parameters</th></tr></thead>
        <tbody>
          {(system.components ?? []).map((c) => (
            <tr key={c.id}><td>{c.id}</td><td>{c.kind}</td><td><code>{describeParameters(c)}</code></td></tr>
          ))}
        </tbody>
      </table>
      <h3>Connections</h3>
      <ul className="connections">{(system.connections ?? []).map((c) => <li key={`${c.from}-${c.to}-${c.medium}`}>{c.from} → {c.to} ({c.medium})</li>)}</ul>
      <h3>Solver options</h3>
      <pre className="json">{JSON.stringify(r.options, null, 2)}</pre>
      {stats && (
        <>
          <h3>Solver statistics</h3>
          <table className="inputs"><tbody>
            {Object.entries(stats).filter(([k]) => k !== '__typename').map(([k, v]) => <tr key={k}><th>{k}</th><td>{v === null ? '—' : String(v)}</td></tr>)}
          </tbody></table>
        </>
      )}
    </section>
  );
}

function describeParameters(component: ComponentInput): string {
  return Object.entries(component)
    .filter(([k]) => k !== 'id' && k !== 'kind')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.length} values]` : typeof v === 'object' && v !== null ? summarise(v) : String(v)}`)
    .join(', ');
}

function summarise(value: object): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (Array.isArray(v) && v.length > 6 ? `[${v.length} values]` : v));
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

const SOURCE_KINDS = new Set(['GRID', 'SOLAR_PV', 'WIND_TURBINE', 'BATTERY', 'THERMAL_STORAGE']);

function periodLabels(series: SeriesItem, resolution: SeriesResolution): string[] {
  let start = 0;
  return series.periodHours.map((hours) => {
    const label = resolution === 'MONTH' ? `period ${Math.round(start / 730) + 1}` : resolution === 'DAY' ? `day ${Math.floor(start / 24) + 1}` : `h ${start}`;
    start += hours;
    return label;
  });
}

function RunCharts({ id, resolution, components }: { id: string; resolution: SeriesResolution; components: ComponentInput[] }) {
  // The monthly balance and the duration curve need the MONTH and HOUR series anyway: the
  // dispatch chart reuses them at those resolutions instead of fetching the same series again
  // (switching to HOUR then draws a year without a ~1 MB request).
  const monthly = useQuery(ExplorerRunSeriesDocument, { id, resolution: 'MONTH' });
  const hourly = useQuery(ExplorerRunSeriesDocument, { id, resolution: 'HOUR' });
  const own = useQuery(ExplorerRunSeriesDocument, { id, resolution }, resolution === 'HOUR' || resolution === 'MONTH');
  const series = resolution === 'HOUR' ? hourly : resolution === 'MONTH' ? monthly : own;
  const kindOf = useMemo(() => new Map(components.map((c) => [c.id, c.kind])), [components]);
  const items = series.data?.run?.series ?? null;

  const dispatch = useMemo((): EChartsCoreOption | null => {
    if (!items || items.length === 0) return null;
    const x = periodLabels(items[0], resolution);
    const flows = items.filter((s) => s.kind !== 'STORAGE_LEVEL');
    const levels = items.filter((s) => s.kind === 'STORAGE_LEVEL');
    const labelInterval = Math.max(0, Math.ceil(x.length / 12) - 1);
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 60, right: 60, top: 40, bottom: 70 },
      // A fixed label interval (about 12 labels): left to 'auto', ECharts measures the text of
      // category labels across all 8760 hours before the first paint.
      xAxis: { type: 'category', data: x, axisLabel: { interval: labelInterval }, axisTick: { interval: labelInterval } },
      yAxis: [{ type: 'value', name: 'kW' }, { type: 'value', name: 'kWh', position: 'right' }],
      // No data shadow in the slider: one more copy of a series to sample and draw. The default
      // filterMode ('filter') stays: LTTB then samples only the zoomed window, so a day shows
      // all of its hours.
      dataZoom: [{ type: 'inside' }, { type: 'slider', showDataShadow: false }],
      series: [
        ...flows.map((s) => ({ name: s.key, type: 'line', stack: 'flows', areaStyle: {}, symbol: 'none', showSymbol: false, sampling: 'lttb', emphasis: { disabled: true }, data: s.values })),
        ...levels.map((s) => ({ name: s.key, type: 'line', yAxisIndex: 1, symbol: 'none', showSymbol: false, sampling: 'lttb', emphasis: { disabled: true }, lineStyle: { type: 'dashed' }, data: s.values })),
      ],
    };
  }, [items, resolution]);

  const balance = useMemo((): EChartsCoreOption | null => {
    const m = monthly.data?.run?.series;
    if (!m || m.length === 0) return null;
    const flows = m.filter((s) => s.kind === 'FLOW');
    const energy = (s: SeriesItem) => s.values.map((v, i) => v * s.periodHours[i]);
    const sources = flows.filter((s) => SOURCE_KINDS.has(kindOf.get(s.from ?? '') ?? ''));
    const uses = flows.filter((s) => !SOURCE_KINDS.has(kindOf.get(s.to ?? '') ?? '') || kindOf.get(s.to ?? '') === 'GRID' || kindOf.get(s.to ?? '')?.includes('STORAGE') || kindOf.get(s.to ?? '') === 'BATTERY');
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 70, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: periodLabels(m[0], 'MONTH').map((_, i) => `month ${i + 1}`) },
      yAxis: { type: 'value', name: 'kWh' },
      series: [
        ...sources.map((s) => ({ name: `from ${s.from} (${s.to})`, type: 'bar', stack: 'sources', data: energy(s) })),
        ...uses.map((s) => ({ name: `to ${s.to} (${s.from})`, type: 'bar', stack: 'uses', data: energy(s).map((v) => -v) })),
      ],
    };
  }, [monthly.data, kindOf]);

  const duration = useMemo((): { option: EChartsCoreOption; points: number } | null => {
    const h = hourly.data?.run?.series;
    if (!h || h.length === 0) return null;
    const imports = h.filter((s) => s.kind === 'FLOW' && kindOf.get(s.from ?? '') === 'GRID');
    if (imports.length === 0) return null;
    const total = imports[0].values.map((_, i) => imports.reduce((sum, s) => sum + s.values[i], 0));
    const sorted = [...total].sort((a, b) => b - a);
    return {
      points: sorted.length,
      option: {
        animation: false,
        tooltip: { trigger: 'axis' },
        grid: { left: 60, right: 20, top: 30, bottom: 40 },
        xAxis: { type: 'value', name: 'hours', min: 0, max: sorted.length },
        yAxis: { type: 'value', name: 'grid import kW' },
        series: [{ type: 'line', symbol: 'none', sampling: 'lttb', areaStyle: {}, data: sorted.map((v, i) => [i, v]) }],
      },
    };
  }, [hourly.data, kindOf]);

  if (series.error) return <ErrorState error={series.error} retry={series.refetch} />;
  if (!items) return <Loading what="the dispatch series" />;
  if (!dispatch) return <Empty><p>This run stored no series.</p></Empty>;
  return (
    <div className="charts">
      <Chart testId="dispatch-chart" name={`dispatch-${resolution.toLowerCase()}`} option={dispatch} points={items[0].values.length} height={400} />
      <h3>Monthly energy balance (sources above, uses below)</h3>
      {balance ? <Chart testId="balance-chart" name="monthly-balance" option={balance} points={monthly.data?.run?.series?.[0]?.values.length ?? 0} height={300} /> : <Loading what="the monthly balance" />}
      <h3>Load-duration curve of grid import</h3>
      {duration ? <Chart testId="duration-chart" name="grid-import-duration" option={duration.option} points={duration.points} height={260} /> : <p className="state">No grid import in this system.</p>}
    </div>
  );
}
