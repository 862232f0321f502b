import { useEffect, useMemo, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { request, subscribe } from '../api';
import { ExplorerRunUpdatesDocument, ExplorerRunsDocument, type ExplorerRunsQuery, ExplorerStudiesDocument, ExplorerStudyDocument, type RunRowFragment } from '../gql/graphql';
import { Chart } from '../components/Chart';
import { Empty, ErrorState, Loading } from '../components/States';
import { formatKpi, KPI_BETTER, KPI_FIELDS, kpiLabel, kpiUnit, type KpiField } from '../kpis';
import { Link } from '../router';
import { useQuery } from '../use-query';

/** Enough runs for a scatter and a histogram; a study larger than this is sampled by cost. */
const MAX_STUDY_RUNS = 2000;

export function StudiesPage() {
  const studies = useQuery(ExplorerStudiesDocument, { first: 100 });
  if (studies.error) return <ErrorState error={studies.error} retry={studies.refetch} />;
  if (!studies.data) return <Loading what="studies" />;
  const list = studies.data.studies.nodes;
  return (
    <section>
      <h1>Studies</h1>
      {list.length === 0 ? <Empty><p>No studies yet: create one with <code>createStudy</code> and file runs under it (<code>studyId</code>).</p></Empty> : (
        <ul className="studies">{list.map((s) => <li key={s.id}><Link href={`/study/${encodeURIComponent(s.id)}`}>{s.name}</Link> · {s.runCount} runs</li>)}</ul>
      )}
    </section>
  );
}

/** The Pareto front of points (both axes oriented so that lower is better). */
function paretoFront(points: { x: number; y: number }[]): { x: number; y: number }[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  const front: { x: number; y: number }[] = [];
  let bestY = Infinity;
  for (const p of sorted) if (p.y < bestY) (front.push(p), (bestY = p.y));
  return front;
}

export function StudyPage({ id }: { id: string }) {
  const study = useQuery(ExplorerStudyDocument, { id });
  const [runs, setRuns] = useState<RunRowFragment[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [xKpi, setX] = useState<KpiField>('totalCostEur');
  const [yKpi, setY] = useState<KpiField>('totalCo2Kg');
  const [histKpi, setHist] = useState<KpiField>('totalCostEur');

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const all: RunRowFragment[] = [];
      let after: string | null = null;
      while (all.length < MAX_STUDY_RUNS) {
        const page: ExplorerRunsQuery = await request(ExplorerRunsDocument, { filter: { studyId: { eq: id }, status: { eq: 'COMPLETED' } }, orderBy: [{ field: 'TOTAL_COST_EUR', direction: 'ASC' }], first: 100, after });
        all.push(...page.runs.nodes);
        if (!page.runs.pageInfo.hasNextPage) break;
        after = page.runs.pageInfo.endCursor ?? null;
      }
      if (!cancelled) setRuns(all);
    })().catch((e: unknown) => !cancelled && setError(e));
    return () => {
      cancelled = true;
    };
  }, [id, generation]);

  // A running study: refresh progress and plots as its runs finish (at most every 2 s).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = subscribe(ExplorerRunUpdatesDocument, { studyId: id }, ({ runsUpdated }) => {
      if (runsUpdated.status === 'RUNNING' && runsUpdated.elapsedMs) return;
      if (!timer) timer = setTimeout(() => ((timer = null), study.refetch(), setGeneration((g) => g + 1)), 2000);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [id, study.refetch]);

  const scatter = useMemo((): EChartsCoreOption | null => {
    if (!runs) return null;
    const points = runs
      .filter((r) => r.kpis?.[xKpi] != null && r.kpis?.[yKpi] != null)
      .map((r) => ({ x: r.kpis![xKpi]!, y: r.kpis![yKpi]!, name: r.systemName }));
    const sx = KPI_BETTER[xKpi] === 'higher' ? -1 : 1;
    const sy = KPI_BETTER[yKpi] === 'higher' ? -1 : 1;
    const front = paretoFront(points.map((p) => ({ x: sx * p.x, y: sy * p.y }))).map((p) => [sx * p.x, sy * p.y]);
    return {
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { top: 0 },
      grid: { left: 70, right: 20, top: 40, bottom: 50 },
      xAxis: { type: 'value', name: `${kpiLabel(xKpi)} [${kpiUnit(xKpi)}]`, nameLocation: 'middle', nameGap: 30, scale: true },
      yAxis: { type: 'value', name: `${kpiLabel(yKpi)} [${kpiUnit(yKpi)}]`, scale: true },
      series: [
        { name: 'runs', type: 'scatter', data: points.map((p) => ({ value: [p.x, p.y], name: p.name })) },
        { name: 'Pareto front', type: 'line', step: 'end', data: front, symbol: 'circle' },
      ],
    };
  }, [runs, xKpi, yKpi]);

  const histogram = useMemo((): { option: EChartsCoreOption; bins: number } | null => {
    const values = (runs ?? []).map((r) => r.kpis?.[histKpi]).filter((v): v is number => v != null);
    if (values.length === 0) return null;
    const min = Math.min(...values);
    const max = Math.max(...values);
    const bins = Math.max(1, Math.min(20, Math.ceil(Math.sqrt(values.length))));
    const width = (max - min) / bins || 1;
    const counts = new Array<number>(bins).fill(0);
    for (const v of values) counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
    return {
      bins,
      option: {
        animation: false,
        tooltip: {},
        grid: { left: 50, right: 20, top: 20, bottom: 50 },
        xAxis: { type: 'category', name: `${kpiLabel(histKpi)} [${kpiUnit(histKpi)}]`, nameLocation: 'middle', nameGap: 30, data: counts.map((_, i) => formatKpi(histKpi, min + i * width)) },
        yAxis: { type: 'value', name: 'runs' },
        series: [{ type: 'bar', data: counts }],
      },
    };
  }, [runs, histKpi]);

  if (study.error) return <ErrorState error={study.error} retry={study.refetch} />;
  if (!study.data) return <Loading what="the study" />;
  const s = study.data.study;
  if (!s) return <Empty><p>There is no study with id <code>{id}</code>. <Link href="/studies">All studies</Link></p></Empty>;
  const finished = s.stats.byStatus.filter((b) => !['QUEUED', 'RUNNING'].includes(b.status)).reduce((n, b) => n + b.count, 0);
  const KpiSelect = ({ value, set, label }: { value: KpiField; set: (k: KpiField) => void; label: string }) => (
    <label>{label} <select value={value} onChange={(e) => set(e.target.value as KpiField)}>{KPI_FIELDS.map((k) => <option key={k} value={k}>{kpiLabel(k)}</option>)}</select></label>
  );
  return (
    <section>
      <h1>{s.name}</h1>
      {s.description && <p>{s.description}</p>}
      <p>
        <progress max={Math.max(1, s.runCount)} value={finished} /> {finished} of {s.runCount} runs finished ·{' '}
        {s.stats.byStatus.map((b) => `${b.count} ${b.status}`).join(', ')} · <Link href={`/?study=${encodeURIComponent(s.id)}`}>in the runs table</Link>
      </p>
      {error ? <ErrorState error={error} /> : !runs ? <Loading what="the study's runs" /> : runs.length === 0 ? <Empty><p>No completed runs in this study yet.</p></Empty> : (
        <>
          <h2>Best runs by cost</h2>
          <ol className="best">{runs.slice(0, 5).map((r) => <li key={r.id}><Link href={`/run/${encodeURIComponent(r.id)}`}>{r.systemName}</Link> · {formatKpi('totalCostEur', r.kpis?.totalCostEur)} EUR/year · {formatKpi('totalCo2Kg', r.kpis?.totalCo2Kg)} kgCO2/year</li>)}</ol>
          <h2>Trade-off</h2>
          <KpiSelect label="x" value={xKpi} set={setX} /> <KpiSelect label="y" value={yKpi} set={setY} />
          {scatter && <Chart testId="scatter-chart" name={`scatter-${xKpi}-${yKpi}`} option={scatter} points={runs.length} />}
          <h2>Distribution</h2>
          <KpiSelect label="KPI" value={histKpi} set={setHist} />
          {histogram && <Chart testId="histogram-chart" name={`histogram-${histKpi}`} option={histogram.option} points={histogram.bins} height={260} />}
        </>
      )}
    </section>
  );
}
