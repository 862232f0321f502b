import { useEffect, useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { subscribe } from '../api';
import { ExplorerRunUpdatesDocument, ExplorerRunsCountDocument, ExplorerRunsDocument, ExplorerStudyOptionsDocument, type RunOrderField, type RunRowFragment } from '../gql/graphql';
import { downloadExport } from '../download';
import { formatDate, formatKpi, formatNumber, KPI_FIELDS, kpiLabel, kpiUnit, orderFieldOf, type KpiField } from '../kpis';
import { Link, navigate, withSearch, type Location } from '../router';
import { exportUrl, filterOf, orderOf, PAGE_SIZES, searchFromView, SOLVERS, STATUSES, THRESHOLD_OPS, viewFromSearch, type RunsView, type ThresholdOp } from '../runs-view';
import { Empty, ErrorState, Loading } from '../components/States';
import { useQuery } from '../use-query';

export function RunsPage({ location }: { location: Location }) {
  const view = useMemo(() => viewFromSearch(location.search), [location.search]);
  const setView = (change: Partial<RunsView>, keepPage = false) => {
    const next = { ...view, ...change, ...(keepPage ? {} : { after: null, before: null }) };
    navigate(withSearch('/', searchFromView(next)), { replace: false });
  };
  const variables = {
    filter: filterOf(view),
    orderBy: orderOf(view),
    ...(view.before ? { last: view.pageSize, before: view.before } : { first: view.pageSize, after: view.after }),
  };
  const runs = useQuery(ExplorerRunsDocument, variables);
  // Apart from the page (ExplorerRunsCount.graphql): the rows never wait for the count.
  const count = useQuery(ExplorerRunsCountDocument, { filter: variables.filter });
  const studies = useQuery(ExplorerStudyOptionsDocument, { first: 100 });
  const [selected, setSelected] = useState<string[]>([]);
  const [unseen, setUnseen] = useState<ReadonlySet<string>>(new Set());
  const newRuns = unseen.size;
  const [exportError, setExportError] = useState<string | null>(null);

  // Live: rows on screen change in place; runs not on screen are counted for a refresh.
  useEffect(
    () =>
      subscribe(ExplorerRunUpdatesDocument, {}, ({ runsUpdated }) => {
        runs.setData((data) => {
          if (!data) return data;
          const index = data.runs.nodes.findIndex((n) => n.id === runsUpdated.runId);
          if (index < 0) {
            setUnseen((ids) => (ids.has(runsUpdated.runId) ? ids : new Set(ids).add(runsUpdated.runId)));
            return data;
          }
          const nodes = [...data.runs.nodes];
          nodes[index] = runsUpdated.run ? { ...nodes[index], ...runsUpdated.run } : { ...nodes[index], status: runsUpdated.status };
          return { ...data, runs: { ...data.runs, nodes } };
        });
      }),
    [runs.setData],
  );

  const sortClick = (field: RunOrderField, event: MouseEvent | KeyboardEvent) => {
    const existing = view.sort.find((s) => s.field === field);
    const toggled = { field, direction: existing?.direction === 'ASC' ? 'DESC' : 'ASC' } as const;
    if (event.shiftKey) {
      // Shift adds a secondary key (or flips one already in the list).
      setView({ sort: existing ? view.sort.map((s) => (s.field === field ? toggled : s)) : [...view.sort, { field, direction: 'ASC' }] });
    } else {
      setView({ sort: existing && view.sort.length === 1 ? [toggled] : [{ field, direction: existing ? toggled.direction : 'ASC' }] });
    }
  };
  const sortMark = (field: RunOrderField) => {
    const i = view.sort.findIndex((s) => s.field === field);
    if (i < 0) return '';
    return `${view.sort[i].direction === 'ASC' ? '▲' : '▼'}${view.sort.length > 1 ? i + 1 : ''}`;
  };
  const SortHeader = ({ field, children }: { field: RunOrderField; children: React.ReactNode }) => {
    const i = view.sort.findIndex((s) => s.field === field);
    return (
      <th aria-sort={i < 0 ? 'none' : view.sort[i].direction === 'ASC' ? 'ascending' : 'descending'}>
        <button type="button" className="sort" data-sort={field} onClick={(e) => sortClick(field, e)} title="Click to sort, shift+click to add a sort key">
          {children} <span className="mark">{sortMark(field)}</span>
        </button>
      </th>
    );
  };

  const data = runs.data?.runs;
  // The last count stays up (marked busy) while a new filter's count is on its way.
  const totalCount = count.data?.runs.totalCount;
  const toggleSelected = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : s.length >= 6 ? s : [...s, id]));

  return (
    <section>
      <h1>Runs</h1>
      <Filters view={view} setView={setView} studies={studies.data?.studies.nodes ?? []} />
      <div className="toolbar">
        <span data-testid="total-count" aria-busy={count.loading}>{totalCount === undefined ? '' : `${totalCount} run${totalCount === 1 ? '' : 's'}`}</span>
        <details className="columns">
          <summary>Columns</summary>
          {KPI_FIELDS.map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                checked={view.columns.includes(k)}
                onChange={() => setView({ columns: view.columns.includes(k) ? view.columns.filter((c) => c !== k) : KPI_FIELDS.filter((f) => f === k || view.columns.includes(f)) }, true)}
              />
              {kpiLabel(k)}
            </label>
          ))}
        </details>
        <button
          type="button"
          data-testid="export-csv"
          onClick={() => downloadExport(exportUrl(view), 'runs.csv').then(() => setExportError(null), (e: Error) => setExportError(e.message))}
        >
          Export CSV
        </button>
        <button type="button" disabled={selected.length < 2} data-testid="compare-selected" onClick={() => navigate(`/compare?ids=${selected.map(encodeURIComponent).join(',')}`)}>
          Compare {selected.length ? `(${selected.length})` : ''}
        </button>
        {newRuns > 0 && (
          <button type="button" className="notice" onClick={() => (setUnseen(new Set()), runs.refetch())}>
            {newRuns} new run{newRuns === 1 ? '' : 's'}: refresh
          </button>
        )}
      </div>
      {exportError && <p className="state error" role="alert">{exportError}</p>}
      {runs.error ? (
        <ErrorState error={runs.error} retry={runs.refetch} />
      ) : !data ? (
        <Loading what="runs" />
      ) : data.nodes.length === 0 ? (
        <Empty>
          {filterOf(view) ? (
            <p>No run matches these filters. <button type="button" onClick={() => navigate('/')}>Clear filters</button></p>
          ) : (
            <p>No runs yet. <Link href="/new">Run a simulation</Link> or send <code>runSimulation</code> to <a href="/graphql">/graphql</a>.</p>
          )}
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="runs" data-testid="runs-table" aria-busy={runs.loading}>
            <thead>
              <tr>
                <th><span className="sr-only">Compare</span></th>
                <SortHeader field="SYSTEM_NAME">System</SortHeader>
                <th>Status</th>
                <th>Solver</th>
                <th>Study</th>
                <SortHeader field="CREATED_AT">Created (UTC)</SortHeader>
                {view.columns.map((k) => (
                  <SortHeader key={k} field={orderFieldOf(k)}>
                    {kpiLabel(k)} <small>[{kpiUnit(k)}]</small>
                  </SortHeader>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.nodes.map((run) => (
                <RunRowView key={run.id} run={run} columns={view.columns} selected={selected.includes(run.id)} toggle={() => toggleSelected(run.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && (
        <nav className="pager" aria-label="Pages">
          <button type="button" disabled={!view.after && !view.before} onClick={() => setView({})}>First</button>
          <button type="button" data-testid="prev-page" disabled={!data.pageInfo.hasPreviousPage && !view.after} onClick={() => setView({ before: data.pageInfo.startCursor ?? null, after: null }, true)}>
            Previous
          </button>
          <button type="button" data-testid="next-page" disabled={!data.pageInfo.hasNextPage && !view.before} onClick={() => setView({ after: data.pageInfo.endCursor ?? null, before: null }, true)}>
            Next
          </button>
          <label>
            Per page{' '}
            <select value={view.pageSize} onChange={(e) => setView({ pageSize: Number(e.target.value) })}>
              {PAGE_SIZES.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
        </nav>
      )}
    </section>
  );
}

function RunRowView({ run, columns, selected, toggle }: { run: RunRowFragment; columns: KpiField[]; selected: boolean; toggle: () => void }) {
  return (
    <tr data-run-id={run.id} data-status={run.status}>
      <td><input type="checkbox" aria-label={`Select ${run.systemName} to compare`} checked={selected} onChange={toggle} /></td>
      <td><Link href={`/run/${encodeURIComponent(run.id)}`}>{run.systemName}</Link>{run.tags.length > 0 && <span className="tags">{run.tags.map((t) => <span key={t} className="tag">{t}</span>)}</span>}</td>
      <td><span className={`status status-${run.status.toLowerCase()}`} data-testid="status">{run.status}</span>{run.errorCode && <small> {run.errorCode}</small>}</td>
      <td>{run.solver}</td>
      <td>{run.study ? <Link href={`/study/${encodeURIComponent(run.study.id)}`}>{run.study.name}</Link> : '—'}</td>
      <td>{formatDate(run.createdAt)}</td>
      {columns.map((k) => <td key={k} className="num">{formatKpi(k, run.kpis?.[k])}</td>)}
    </tr>
  );
}

function Filters({ view, setView, studies }: { view: RunsView; setView: (c: Partial<RunsView>) => void; studies: { id: string; name: string }[] }) {
  const [text, setText] = useState(view.text);
  const [tag, setTag] = useState(view.tag);
  const [threshold, setThreshold] = useState<{ field: KpiField; op: ThresholdOp; value: string }>({ field: 'totalCostEur', op: 'lt', value: '' });
  useEffect(() => setText(view.text), [view.text]);
  useEffect(() => setTag(view.tag), [view.tag]);
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  return (
    <form className="filters" role="search" onSubmit={(e) => (e.preventDefault(), setView({ text, tag }))}>
      <fieldset>
        <legend>Status</legend>
        {STATUSES.map((s) => (
          <label key={s}><input type="checkbox" name="status" value={s} checked={view.statuses.includes(s)} onChange={() => setView({ statuses: toggle(view.statuses, s) })} />{s}</label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Solver</legend>
        {SOLVERS.map((s) => (
          <label key={s}><input type="checkbox" name="solver" value={s} checked={view.solvers.includes(s)} onChange={() => setView({ solvers: toggle(view.solvers, s) })} />{s}</label>
        ))}
      </fieldset>
      <label>Study <select name="study" value={view.studyId} onChange={(e) => setView({ studyId: e.target.value })}>
        <option value="">any</option>
        {studies.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      </select></label>
      <label>Name contains <input name="q" value={text} onChange={(e) => setText(e.target.value)} onBlur={() => text !== view.text && setView({ text })} /></label>
      <label>Tag contains <input name="tag" value={tag} onChange={(e) => setTag(e.target.value)} onBlur={() => tag !== view.tag && setView({ tag })} /></label>
      <fieldset className="thresholds">
        <legend>KPI thresholds</legend>
        {view.thresholds.map((t, i) => (
          <span key={i} className="chip">
            {kpiLabel(t.field)} {t.op} {formatNumber(t.value, 6)} [{kpiUnit(t.field)}]
            <button type="button" aria-label="Remove threshold" onClick={() => setView({ thresholds: view.thresholds.filter((_, j) => j !== i) })}>×</button>
          </span>
        ))}
        <select aria-label="KPI" name="kpi-field" value={threshold.field} onChange={(e) => setThreshold({ ...threshold, field: e.target.value as KpiField })}>
          {KPI_FIELDS.map((k) => <option key={k} value={k}>{kpiLabel(k)} [{kpiUnit(k)}]</option>)}
        </select>
        <select aria-label="Comparison" name="kpi-op" value={threshold.op} onChange={(e) => setThreshold({ ...threshold, op: e.target.value as ThresholdOp })}>
          {THRESHOLD_OPS.map((op) => <option key={op} value={op}>{op}</option>)}
        </select>
        <input aria-label="Threshold" name="kpi-value" type="number" step="any" value={threshold.value} onChange={(e) => setThreshold({ ...threshold, value: e.target.value })} />
        <button
          type="button"
          data-testid="add-threshold"
          disabled={threshold.value === '' || !Number.isFinite(Number(threshold.value))}
          onClick={() => setView({ thresholds: [...view.thresholds, { field: threshold.field, op: threshold.op, value: Number(threshold.value) }] })}
        >
          Add
        </button>
      </fieldset>
      <button type="submit">Apply</button>
    </form>
  );
}
