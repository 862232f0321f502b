/**
 * The runs page's view as URL parameters, and the RunFilter / RunOrder it sends. One place for
 * both directions, so a shared or reloaded URL shows exactly the same runs.
 *
 *   status=COMPLETED,FAILED  solver=OPTIMAL  study=<id>  tag=<text>  q=<name text>
 *   kpi=totalCostEur:lt:1000 (repeatable)   sort=TOTAL_COST_EUR:asc,SYSTEM_NAME:desc
 *   cols=totalCostEur,totalCo2Kg   size=20   after=<cursor> | before=<cursor>
 */
import type { RunFilter, RunOrder, RunOrderField, RunStatus, SolverKind } from './gql/graphql';
import { DEFAULT_KPI_COLUMNS, isKpiField, type KpiField } from './kpis';

export const STATUSES: RunStatus[] = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED'];
export const SOLVERS: SolverKind[] = ['RULE_BASED', 'OPTIMAL', 'ROLLING_HORIZON', 'HYBRID'];
export const THRESHOLD_OPS = ['lt', 'lte', 'gt', 'gte', 'eq'] as const;
export type ThresholdOp = (typeof THRESHOLD_OPS)[number];
export const PAGE_SIZES = [20, 50, 100];

export interface Threshold {
  field: KpiField;
  op: ThresholdOp;
  value: number;
}

export interface SortKey {
  field: RunOrderField;
  direction: 'ASC' | 'DESC';
}

export interface RunsView {
  statuses: RunStatus[];
  solvers: SolverKind[];
  studyId: string;
  tag: string;
  text: string;
  thresholds: Threshold[];
  sort: SortKey[];
  columns: KpiField[];
  pageSize: number;
  after: string | null;
  before: string | null;
}

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

export function viewFromSearch(search: URLSearchParams): RunsView {
  const thresholds: Threshold[] = [];
  for (const entry of search.getAll('kpi')) {
    const [field, op, raw] = entry.split(':');
    const value = Number(raw);
    if (isKpiField(field) && (THRESHOLD_OPS as readonly string[]).includes(op) && raw !== '' && Number.isFinite(value)) {
      thresholds.push({ field, op: op as ThresholdOp, value });
    }
  }
  const sort = list(search.get('sort')).map((s) => {
    const [field, direction] = s.split(':');
    return { field: field as RunOrderField, direction: direction?.toUpperCase() === 'DESC' ? 'DESC' : 'ASC' } as SortKey;
  });
  const columns = search.has('cols') ? list(search.get('cols')).filter(isKpiField) : DEFAULT_KPI_COLUMNS;
  const size = Number(search.get('size'));
  return {
    statuses: list(search.get('status')).filter((s): s is RunStatus => (STATUSES as string[]).includes(s)),
    solvers: list(search.get('solver')).filter((s): s is SolverKind => (SOLVERS as string[]).includes(s)),
    studyId: search.get('study') ?? '',
    tag: search.get('tag') ?? '',
    text: search.get('q') ?? '',
    thresholds,
    sort,
    columns,
    pageSize: PAGE_SIZES.includes(size) ? size : 20,
    after: search.get('after'),
    before: search.get('before'),
  };
}

export function searchFromView(view: RunsView): URLSearchParams {
  const p = new URLSearchParams();
  if (view.statuses.length) p.set('status', view.statuses.join(','));
  if (view.solvers.length) p.set('solver', view.solvers.join(','));
  if (view.studyId) p.set('study', view.studyId);
  if (view.tag) p.set('tag', view.tag);
  if (view.text) p.set('q', view.text);
  for (const t of view.thresholds) p.append('kpi', `${t.field}:${t.op}:${t.value}`);
  if (view.sort.length) p.set('sort', view.sort.map((s) => `${s.field}:${s.direction.toLowerCase()}`).join(','));
  if (view.columns.join(',') !== DEFAULT_KPI_COLUMNS.join(',')) p.set('cols', view.columns.join(','));
  if (view.pageSize !== 20) p.set('size', String(view.pageSize));
  if (view.after) p.set('after', view.after);
  if (view.before) p.set('before', view.before);
  return p;
}

/** The API's RunFilter for a view (null: every run). */
export function filterOf(view: RunsView): RunFilter | null {
  const filter: RunFilter = {};
  if (view.statuses.length) filter.status = { in: view.statuses };
  if (view.solvers.length) filter.solver = { in: view.solvers };
  if (view.studyId) filter.studyId = { eq: view.studyId };
  if (view.tag) filter.tags = { contains: view.tag };
  if (view.text) filter.systemName = { contains: view.text };
  for (const t of view.thresholds) {
    const existing = (filter[t.field] ?? {}) as Record<string, number>;
    (filter as Record<string, unknown>)[t.field] = { ...existing, [t.op]: t.value };
  }
  return Object.keys(filter).length ? filter : null;
}

export function orderOf(view: RunsView): RunOrder[] | null {
  return view.sort.length ? view.sort.map((s) => ({ field: s.field, direction: s.direction })) : null;
}

/** The CSV export URL of a view: the same filter and order, every page. */
export function exportUrl(view: RunsView): string {
  const p = new URLSearchParams();
  const filter = filterOf(view);
  const order = orderOf(view);
  if (filter) p.set('filter', JSON.stringify(filter));
  if (order) p.set('orderBy', JSON.stringify(order));
  const text = p.toString();
  return `/export/runs.csv${text ? `?${text}` : ''}`;
}
