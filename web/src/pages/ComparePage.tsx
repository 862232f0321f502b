import { useMemo, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { ExplorerCompareDocument, ExplorerCompareSeriesDocument, type ExplorerCompareQuery } from '../gql/graphql';
import { Chart } from '../components/Chart';
import { Empty, ErrorState, Loading } from '../components/States';
import { formatKpi, formatNumber, KPI_BETTER, KPI_FIELDS, kpiLabel, kpiUnit, type KpiField } from '../kpis';
import { Link, navigate, withSearch } from '../router';
import { useQuery } from '../use-query';

type CompareRun = Extract<NonNullable<ExplorerCompareQuery['nodes'][number]>, { __typename?: 'SimulationRun'; systemName: string }>;

/** Leaves of a JSON value by path, e.g. components[id=pv].peakKw → 6. */
function flatten(value: unknown, path: string, out: Map<string, string>): Map<string, string> {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      const id = v && typeof v === 'object' && 'id' in v ? `id=${String((v as { id: unknown }).id)}` : String(i);
      flatten(v, `${path}[${id}]`, out);
    });
    if (value.length === 0 || typeof value[0] !== 'object') out.set(path, JSON.stringify(value).slice(0, 80));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else out.set(path, String(value));
  return out;
}

/** better / worse by the KPI's direction (lower cost is better, higher renewable fraction is). */
function deltaClass(kpi: KpiField, delta: number): string {
  const better = KPI_BETTER[kpi];
  if (delta === 0 || !better) return '';
  return (delta < 0) === (better === 'lower') ? 'better' : 'worse';
}

export function ComparePage({ search }: { search: URLSearchParams }) {
  const ids = (search.get('ids') ?? '').split(',').filter(Boolean).slice(0, 6);
  const reference = search.get('ref') ?? ids[0];
  const runs = useQuery(ExplorerCompareDocument, { ids }, ids.length === 0);
  const [seriesKey, setSeriesKey] = useState<string>('');
  const list = (runs.data?.nodes ?? []).filter((n): n is CompareRun => !!n && 'systemName' in n);
  // Daily means for long runs, hours for runs of up to two weeks (a day would be one point).
  const hours = Math.max(0, ...list.map((r) => r.timesteps * r.timestepHours));
  const resolution = hours > 14 * 24 ? 'DAY' : 'HOUR';
  const overlay = useQuery(ExplorerCompareSeriesDocument, { ids, resolution }, ids.length < 2 || list.length < 2);
  const ref = list.find((r) => r.id === reference) ?? list[0];

  const inputs = useMemo(() => {
    const flat = list.map((r) => flatten({ system: r.system, options: r.options, timesteps: r.timesteps }, '', new Map()));
    const paths = [...new Set(flat.flatMap((f) => [...f.keys()]))].sort();
    return paths.map((p) => ({ path: p, values: flat.map((f) => f.get(p) ?? '—'), differs: new Set(flat.map((f) => f.get(p) ?? '—')).size > 1 }));
  }, [list]);

  const chart = useMemo((): { option: EChartsCoreOption; points: number; keys: string[] } | null => {
    const nodes = (overlay.data?.nodes ?? []).filter((n): n is NonNullable<typeof n> & { series?: unknown } => !!n && 'series' in n) as {
      id: string; systemName: string; series?: { key: string; unit: string; values: number[] }[] | null;
    }[];
    const withSeries = nodes.filter((n) => n.series && n.series.length);
    if (withSeries.length < 2) return null;
    const common = withSeries.map((n) => new Set(n.series!.map((s) => s.key))).reduce((a, b) => new Set([...a].filter((k) => b.has(k))));
    const keys = [...common].sort();
    const key = keys.includes(seriesKey) ? seriesKey : keys[0];
    if (!key) return null;
    const lines = withSeries.map((n) => ({ name: n.systemName, data: n.series!.find((s) => s.key === key)!.values }));
    const unit = withSeries[0].series!.find((s) => s.key === key)!.unit;
    return {
      keys,
      points: lines[0].data.length,
      option: {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 60, right: 20, top: 40, bottom: 60 },
        xAxis: { type: 'category', data: lines[0].data.map((_, i) => (resolution === 'DAY' ? `day ${i + 1}` : `h ${i}`)) },
        yAxis: { type: 'value', name: `${key} [${unit}]` },
        dataZoom: [{ type: 'inside' }, { type: 'slider' }],
        series: lines.map((l) => ({ ...l, type: 'line', symbol: l.data.length > 60 ? 'none' : 'circle' })),
      },
    };
  }, [overlay.data, seriesKey, resolution]);

  if (ids.length < 2) return <Empty><p>Pick 2 to 6 runs on the <Link href="/">runs page</Link> (the checkboxes) and press Compare.</p></Empty>;
  if (runs.error) return <ErrorState error={runs.error} retry={runs.refetch} />;
  if (!runs.data) return <Loading what="the runs to compare" />;
  if (!ref) return <Empty><p>None of these runs exist any more.</p></Empty>;
  const setReference = (id: string) => {
    const p = new URLSearchParams(search);
    p.set('ref', id);
    navigate(withSearch('/compare', p), { replace: true });
  };
  return (
    <section>
      <h1>Compare {list.length} runs</h1>
      <div className="table-wrap">
        <table className="compare" data-testid="compare-table">
          <thead>
            <tr>
              <th>KPI</th>
              {list.map((r) => (
                <th key={r.id}>
                  <Link href={`/run/${encodeURIComponent(r.id)}`}>{r.systemName}</Link>
                  <label className="ref"><input type="radio" name="reference" checked={r.id === ref.id} onChange={() => setReference(r.id)} /> reference</label>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {KPI_FIELDS.map((k) => (
              <tr key={k}>
                <th>{kpiLabel(k)} <small>[{kpiUnit(k)}]</small></th>
                {list.map((r) => {
                  const value = r.kpis?.[k] ?? null;
                  const base = ref.kpis?.[k] ?? null;
                  const delta = r.id !== ref.id && value !== null && base !== null ? value - base : null;
                  return (
                    <td key={r.id} className="num">
                      {formatKpi(k, value)}
                      {delta !== null && (
                        <span className={`delta ${deltaClass(k, delta)}`} data-testid={`delta-${k}-${r.id}`} data-delta={delta}>
                          {' '}({delta >= 0 ? '+' : ''}{formatNumber(delta, 3)}{base !== 0 ? `, ${delta >= 0 ? '+' : ''}${formatNumber((delta / Math.abs(base!)) * 100, 1)} %` : ''})
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Overlaid series ({resolution === 'DAY' ? 'daily' : 'hourly'} means)</h2>
      {chart ? (
        <>
          <label>Series <select value={chart.keys.includes(seriesKey) ? seriesKey : chart.keys[0]} onChange={(e) => setSeriesKey(e.target.value)}>
            {chart.keys.map((k) => <option key={k} value={k}>{k}</option>)}
          </select></label>
          <Chart testId="compare-chart" name="compare" option={chart.option} points={chart.points} />
        </>
      ) : overlay.loading ? <Loading what="the series" /> : <p className="state">These runs share no series to overlay.</p>}
      <h2>Inputs</h2>
      <p><label><input type="checkbox" id="only-differences" defaultChecked onChange={(e) => document.querySelector('.inputs-compare')?.classList.toggle('only-diff', e.target.checked)} /> only the inputs that differ</label></p>
      <table className="inputs inputs-compare only-diff">
        <thead><tr><th>input</th>{list.map((r) => <th key={r.id}>{r.systemName}</th>)}</tr></thead>
        <tbody>
          {inputs.map((row) => (
            <tr key={row.path} className={row.differs ? 'differs' : 'same'}>
              <th><code>{row.path}</code></th>
              {row.values.map((v, i) => <td key={i}>{v}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
