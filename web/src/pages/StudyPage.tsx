import { useEffect, useMemo, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { request, subscribe } from '../api';
import {
  ExplorerStudiesDocument,
  ExplorerStudyDocument,
  ExplorerStudyRunsDocument,
  type ExplorerStudyRunsQuery,
  ExplorerStudyUpdatedDocument,
  type KpiField as GqlKpiField,
  type ParetoDirection,
  type StudyProgressValuesFragment,
  type StudyRunPointFragment,
} from '../gql/graphql';
import { Chart } from '../components/Chart';
import { Empty, ErrorState, Loading } from '../components/States';
import { formatKpi, formatNumber, KPI_BETTER, KPI_FIELDS, kpiLabel, kpiUnit, orderFieldOf, type KpiField } from '../kpis';
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

type Progress = StudyProgressValuesFragment;

/** How the API names a KPI (KpiField enum) from the explorer's field name. */
const kpiEnum = (field: KpiField) => orderFieldOf(field) as unknown as GqlKpiField;
const paretoDirection = (field: KpiField): ParetoDirection => (KPI_BETTER[field] === 'higher' ? 'MAX' : 'MIN');
const parameterValue = (run: StudyRunPointFragment, key: string) => run.parameters.find((p) => p.key === key)?.value ?? null;

export function StudyPage({ id }: { id: string }) {
  const [xKpi, setX] = useState<KpiField>('totalCostEur');
  const [yKpi, setY] = useState<KpiField>('totalCo2Kg');
  const [histKpi, setHist] = useState<KpiField>('totalCostEur');
  const [paramKpi, setParamKpi] = useState<KpiField>('totalCostEur');
  const [parameter, setParameter] = useState<string | null>(null);
  // The server computes the front (paretoFront): the page draws what the API says is optimal.
  const study = useQuery(ExplorerStudyDocument, { id, x: kpiEnum(xKpi), y: kpiEnum(yKpi), xDirection: paretoDirection(xKpi), yDirection: paretoDirection(yKpi) });
  const [runs, setRuns] = useState<StudyRunPointFragment[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [live, setLive] = useState<Progress | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const all: StudyRunPointFragment[] = [];
      let after: string | null = null;
      while (all.length < MAX_STUDY_RUNS) {
        const page: ExplorerStudyRunsQuery = await request(ExplorerStudyRunsDocument, { id, first: 100, after });
        const connection = page.study?.runs;
        if (!connection) break;
        all.push(...connection.nodes);
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor ?? null;
      }
      if (!cancelled) setRuns(all);
    })().catch((e: unknown) => !cancelled && setError(e));
    return () => {
      cancelled = true;
    };
  }, [id, generation]);

  // A running study: its progress live (studyUpdated, at most every 250 ms from the server),
  // the plots and best runs re-read at most every 2 s while trials finish, and once at the end.
  const running = study.data?.study?.status === 'RUNNING';
  const refetchStudy = study.refetch;
  useEffect(() => {
    if (!running) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastDone = -1;
    const refresh = () => ((timer = null), refetchStudy(), setGeneration((g) => g + 1));
    const stop = subscribe(ExplorerStudyUpdatedDocument, { id }, ({ studyUpdated }) => {
      setLive(studyUpdated.progress);
      if (studyUpdated.study.status !== 'RUNNING') {
        if (timer) clearTimeout(timer);
        refresh();
        return;
      }
      if (studyUpdated.progress.done !== lastDone && !timer) timer = setTimeout(refresh, 2000);
      lastDone = studyUpdated.progress.done;
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [id, running, refetchStudy]);

  const s = study.data?.study ?? null;
  const front = s?.paretoFront ?? null;
  const scatter = useMemo((): EChartsCoreOption | null => {
    if (!runs || !front) return null;
    const points = runs.filter((r) => r.kpis?.[xKpi] != null && r.kpis?.[yKpi] != null).map((r) => ({ value: [r.kpis![xKpi]!, r.kpis![yKpi]!], name: r.systemName }));
    const frontPoints = front.filter((r) => r.kpis?.[xKpi] != null && r.kpis?.[yKpi] != null).map((r) => [r.kpis![xKpi]!, r.kpis![yKpi]!]);
    return {
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { top: 0 },
      grid: { left: 70, right: 20, top: 40, bottom: 50 },
      xAxis: { type: 'value', name: `${kpiLabel(xKpi)} [${kpiUnit(xKpi)}]`, nameLocation: 'middle', nameGap: 30, scale: true },
      yAxis: { type: 'value', name: `${kpiLabel(yKpi)} [${kpiUnit(yKpi)}]`, scale: true },
      series: [
        { name: 'runs', type: 'scatter', large: points.length > 2000, data: points },
        { name: 'Pareto front', type: 'line', step: 'end', data: frontPoints, symbol: 'circle' },
      ],
    };
  }, [runs, front, xKpi, yKpi]);

  const histogram = useMemo((): { option: EChartsCoreOption; bins: number } | null => {
    const values = (runs ?? []).map((r) => r.kpis?.[histKpi]).filter((v): v is number => v != null);
    if (values.length === 0) return null;
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) (min = Math.min(min, v)), (max = Math.max(max, v));
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

  const parameterKeys = s?.parameterKeys ?? [];
  const chosenParameter = parameter && parameterKeys.includes(parameter) ? parameter : (parameterKeys[0] ?? null);
  const parameterPlot = useMemo((): { option: EChartsCoreOption; points: number } | null => {
    if (!runs || !chosenParameter) return null;
    const points = runs
      .map((r) => [parameterValue(r, chosenParameter), r.kpis?.[paramKpi] ?? null] as const)
      .filter((p): p is readonly [number, number] => p[0] != null && p[1] != null)
      .map((p) => [p[0], p[1]]);
    return {
      points: points.length,
      option: {
        animation: false,
        tooltip: { trigger: 'item' },
        grid: { left: 70, right: 20, top: 20, bottom: 50 },
        xAxis: { type: 'value', name: chosenParameter, nameLocation: 'middle', nameGap: 30, scale: true },
        yAxis: { type: 'value', name: `${kpiLabel(paramKpi)} [${kpiUnit(paramKpi)}]`, scale: true },
        series: [{ name: paramKpi, type: 'scatter', data: points }],
      },
    };
  }, [runs, chosenParameter, paramKpi]);

  if (study.error) return <ErrorState error={study.error} retry={study.refetch} />;
  if (!study.data) return <Loading what="the study" />;
  if (!s) return <Empty><p>There is no study with id <code>{id}</code>. <Link href="/studies">All studies</Link></p></Empty>;
  const progress = live ?? s.progress;
  const KpiSelect = ({ value, set, label, name }: { value: KpiField; set: (k: KpiField) => void; label: string; name: string }) => (
    <label>{label} <select name={name} value={value} onChange={(e) => set(e.target.value as KpiField)}>{KPI_FIELDS.map((k) => <option key={k} value={k}>{kpiLabel(k)}</option>)}</select></label>
  );
  const best = [
    { label: 'Lowest cost', run: s.bestCost },
    { label: 'Lowest CO2', run: s.bestCo2 },
    { label: 'Highest renewable fraction', run: s.bestRenewable },
  ];
  const sensitivity = [...s.sensitivity].sort((a, b) => Math.abs(b.spearman ?? 0) - Math.abs(a.spearman ?? 0));
  return (
    <section>
      <h1>{s.name}</h1>
      {s.description && <p>{s.description}</p>}
      <p data-testid="study-progress" data-done={progress.done} data-total={progress.total} data-status={s.status ?? ''}>
        {s.kind && <>{s.kind.toLowerCase().replace('_', ' ')} study · </>}
        {s.status ?? 'ad hoc'} · <progress max={Math.max(1, progress.total)} value={progress.done} /> {progress.done} of {progress.total} trials done
        {' '}({progress.completed} completed, {progress.failed} failed, {progress.running} running, {progress.queued} queued
        {progress.cancelled > 0 ? `, ${progress.cancelled} cancelled` : ''})
        {progress.etaSeconds != null && s.status === 'RUNNING' ? ` · about ${Math.ceil(progress.etaSeconds)} s left` : ''}
        {' '}· <Link href={`/?study=${encodeURIComponent(s.id)}`}>in the runs table</Link>
      </p>
      {error ? <ErrorState error={error} /> : !runs ? <Loading what="the study's runs" /> : runs.length === 0 ? <Empty><p>No completed runs in this study yet{s.status === 'RUNNING' ? ': they appear here as trials finish.' : '.'}</p></Empty> : (
        <>
          <h2>Best runs</h2>
          <table className="best" data-testid="best-runs">
            <thead><tr><th>best</th><th>run</th><th>{kpiLabel('totalCostEur')} [{kpiUnit('totalCostEur')}]</th><th>{kpiLabel('totalCo2Kg')} [{kpiUnit('totalCo2Kg')}]</th><th>{kpiLabel('renewableFraction')}</th><th>parameters</th></tr></thead>
            <tbody>
              {best.map(({ label, run }) => run && (
                <tr key={label} data-run-id={run.id}>
                  <th scope="row">{label}</th>
                  <td><Link href={`/run/${encodeURIComponent(run.id)}`}>{run.systemName}</Link>{run.trialIndex != null ? ` (trial ${run.trialIndex})` : ''}</td>
                  <td>{formatKpi('totalCostEur', run.kpis?.totalCostEur)}</td>
                  <td>{formatKpi('totalCo2Kg', run.kpis?.totalCo2Kg)}</td>
                  <td>{formatKpi('renewableFraction', run.kpis?.renewableFraction)}</td>
                  <td>{run.parameters.map((p) => `${p.key} = ${formatNumber(p.value)}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Trade-off</h2>
          <KpiSelect label="x" name="scatter-x" value={xKpi} set={setX} /> <KpiSelect label="y" name="scatter-y" value={yKpi} set={setY} />
          {scatter && <Chart testId="scatter-chart" name={`scatter-${xKpi}-${yKpi}`} option={scatter} points={runs.length} />}
          <p className="state" data-testid="pareto-count" data-count={front?.length ?? 0}>{front?.length ?? 0} runs on the Pareto front (computed by the server).</p>
          <h2>Distribution</h2>
          <KpiSelect label="KPI" name="histogram-kpi" value={histKpi} set={setHist} />
          {histogram && <Chart testId="histogram-chart" name={`histogram-${histKpi}`} option={histogram.option} points={histogram.bins} height={260} />}
          {chosenParameter && (
            <>
              <h2>Parameters</h2>
              <label>parameter <select name="parameter" value={chosenParameter} onChange={(e) => setParameter(e.target.value)}>{parameterKeys.map((k) => <option key={k} value={k}>{k}</option>)}</select></label>{' '}
              <KpiSelect label="KPI" name="parameter-kpi" value={paramKpi} set={setParamKpi} />
              {parameterPlot && <Chart testId="parameter-chart" name={`parameter-${chosenParameter}-${paramKpi}`} option={parameterPlot.option} points={parameterPlot.points} height={280} />}
              <h2>Sensitivity</h2>
              <p>Over the completed runs; sorted by |Spearman|. Elasticity: % change of the KPI per % change of the parameter, at the medians.</p>
              <div className="table-scroll">
                <table data-testid="sensitivity-table">
                  <thead><tr><th>parameter</th><th>KPI</th><th>runs</th><th>Pearson</th><th>Spearman</th><th>elasticity</th></tr></thead>
                  <tbody>
                    {sensitivity.map((row) => (
                      <tr key={`${row.parameter}:${row.kpi}`} data-parameter={row.parameter} data-kpi={row.kpi}>
                        <td>{row.parameter}</td><td>{row.kpi}</td><td>{row.count}</td>
                        <td>{formatNumber(row.pearson, 3)}</td><td>{formatNumber(row.spearman, 3)}</td><td>{formatNumber(row.elasticity, 3)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
