/**
 * Validation and normalisation of what users send: a SystemConfig and SolverOptions.
 *
 * Every problem is collected (never thrown one at a time) as a ConfigIssue with a path like
 * `components[2].energyKwh`. A valid config comes back NORMALISED: every default filled in,
 * "absent/unlimited" as null, JSON-safe (no Infinity/NaN, no typed arrays), so storing it and
 * parsing it again yields the identical config and therefore the identical run.
 */
import { z } from 'zod';
import { COMPONENT_KINDS, COMPONENT_MODULES, MEDIUM_ENDS } from './components/index.js';
import { ECONOMICS_KEYS } from './components/economics.js';
import {
  MAX_TIMESTEPS,
  formatPath,
  isPlainObject,
  numberSchema,
  zodField,
  type FieldContext,
  type FieldIssue,
  type FieldSpec,
  type PathSegment,
} from './components/fields.js';
import { MAX_SEED, seedProblem } from './components/profile-input.js';
import { DEFAULT_UNMET_DEMAND_PENALTY_PER_KWH } from './objective.js';
import type { ComponentInput, ComponentKind, ConfigIssue, ConnectionInput, Medium, SolverOptions, SystemConfig } from './types.js';

export { MAX_TIMESTEPS, MAX_VALUES } from './components/fields.js';
export const MAX_COMPONENTS = 100;
export const MAX_CONNECTIONS = 400;
/** More issues than this are summarised in one final issue. */
export const MAX_ISSUES = 200;

export const SYSTEM_DEFAULTS = {
  timesteps: 8760,
  timestepHours: 1,
  startDayOfYear: 1,
  latitudeDeg: 52,
  longitudeDeg: 13,
  seed: 42,
  discountRate: 0.05,
} as const;

export const SOLVER_DEFAULTS = {
  solver: 'RULE_BASED',
  objective: 'COST',
  forbidSimultaneous: false,
  timeLimitSeconds: 60,
  mipRelGap: 1e-4,
  commitHours: 24,
  lookaheadHours: 48,
  unmetDemandPenaltyEurPerKwh: DEFAULT_UNMET_DEMAND_PENALTY_PER_KWH,
} as const;

export type SystemConfigResult = { ok: true; config: SystemConfig } | { ok: false; issues: ConfigIssue[] };
export type SolverOptionsResult = { ok: true; options: SolverOptions } | { ok: false; issues: ConfigIssue[] };

export function formatIssue(issue: ConfigIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** Component ids end up in connection ids `${from}->${to}`: no '>' or '#' keeps those unambiguous. */
const ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;
const MEDIA: readonly Medium[] = ['ELECTRICITY', 'HEAT'];

class IssueList {
  readonly items: ConfigIssue[] = [];

  add(path: readonly PathSegment[], message: string): void {
    this.items.push({ path: formatPath(path), message });
  }

  addAll(prefix: readonly PathSegment[], issues: readonly FieldIssue[]): void {
    for (const i of issues) this.add([...prefix, ...i.path], i.message);
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  result(): ConfigIssue[] {
    if (this.items.length <= MAX_ISSUES) return this.items;
    const shown = this.items.slice(0, MAX_ISSUES);
    shown.push({ path: '', message: `${this.items.length - MAX_ISSUES} further issues not shown` });
    return shown;
  }
}

function unknownKeys(issues: IssueList, prefix: readonly PathSegment[], raw: Record<string, unknown>, allowed: readonly string[], what: string) {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) issues.add([...prefix, key], `${what} (allowed: ${allowed.join(', ')})`);
  }
}

/** Parses the fields of a small fixed object (horizon, location, options), collecting issues. */
function parseFields<T extends Record<string, unknown>>(
  issues: IssueList,
  prefix: readonly PathSegment[],
  raw: Record<string, unknown>,
  fields: { [K in keyof T]: FieldSpec<T[K] | undefined> },
  ctx: FieldContext,
): { values: Partial<T>; ok: boolean } {
  const values: Partial<T> = {};
  let ok = true;
  for (const [name, spec] of Object.entries(fields) as [keyof T & string, FieldSpec<unknown>][]) {
    const r = spec(raw[name], ctx);
    if (r.ok) {
      if (r.value !== undefined) values[name] = r.value as T[keyof T & string];
    } else {
      ok = false;
      issues.addAll([...prefix, name], r.issues);
    }
  }
  return { values, ok };
}

function objectOrAbsent(issues: IssueList, path: readonly PathSegment[], raw: unknown): Record<string, unknown> | null {
  if (raw === undefined || raw === null) return {};
  if (!isPlainObject(raw)) {
    issues.add(path, 'must be an object');
    return null;
  }
  return raw;
}

const horizonFields = {
  timesteps: zodField(z.int().min(1).max(MAX_TIMESTEPS)),
  // 1 minute to 1 day: finer steps are not meaningful for hourly-scale energy models.
  timestepHours: zodField(numberSchema({ min: 1 / 60, max: 24 })),
  startDayOfYear: zodField(z.int().min(1).max(365)),
};

const locationFields = {
  latitudeDeg: zodField(numberSchema({ min: -90, max: 90 })),
  longitudeDeg: zodField(numberSchema({ min: -180, max: 180 })),
};

const seedField: FieldSpec<number | undefined> = (raw) => {
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  const problem = seedProblem(raw);
  return problem ? { ok: false, issues: [{ path: [], message: problem }] } : { ok: true, value: raw as number };
};

// Built once, like every other field's schema: building a zod schema costs more than using it
// (built per call, these two took parseSystemConfig of the residential example from ~60 to ~95 µs).
const nameField = zodField(z.string().trim().min(1).max(200), { required: true });
const discountRateField = zodField(numberSchema({ min: 0, max: 1 }));

const SYSTEM_KEYS = ['name', 'horizon', 'location', 'seed', 'discountRate', 'components', 'connections'];
const CONNECTION_KEYS = ['from', 'to', 'medium'];

interface ParsedComponent {
  id: string | null;
  kind: ComponentKind | null;
  normalised: Record<string, unknown> | null;
}

export function parseSystemConfig(input: unknown): SystemConfigResult {
  const issues = new IssueList();
  if (!isPlainObject(input)) {
    issues.add([], 'the system must be an object with name, components and connections');
    return { ok: false, issues: issues.result() };
  }
  unknownKeys(issues, [], input, SYSTEM_KEYS, 'not a field of a system');

  const noCtx: FieldContext = { horizon: null, seed: SYSTEM_DEFAULTS.seed };
  const name = nameField(input.name, noCtx);
  if (!name.ok) issues.addAll(['name'], name.issues);

  let horizon: { timesteps: number; timestepHours: number; startDayOfYear: number } | null = null;
  const horizonRaw = objectOrAbsent(issues, ['horizon'], input.horizon);
  if (horizonRaw) {
    unknownKeys(issues, ['horizon'], horizonRaw, Object.keys(horizonFields), 'not a field of horizon');
    const h = parseFields(issues, ['horizon'], horizonRaw, horizonFields, noCtx);
    if (h.ok) {
      horizon = {
        timesteps: h.values.timesteps ?? SYSTEM_DEFAULTS.timesteps,
        timestepHours: h.values.timestepHours ?? SYSTEM_DEFAULTS.timestepHours,
        startDayOfYear: h.values.startDayOfYear ?? SYSTEM_DEFAULTS.startDayOfYear,
      };
    }
  }

  let location: { latitudeDeg: number; longitudeDeg: number } = { latitudeDeg: SYSTEM_DEFAULTS.latitudeDeg, longitudeDeg: SYSTEM_DEFAULTS.longitudeDeg };
  const locationRaw = objectOrAbsent(issues, ['location'], input.location);
  if (locationRaw) {
    unknownKeys(issues, ['location'], locationRaw, Object.keys(locationFields), 'not a field of location');
    const l = parseFields(issues, ['location'], locationRaw, locationFields, noCtx);
    location = { ...location, ...l.values };
  }

  const seedResult = seedField(input.seed, noCtx);
  if (!seedResult.ok) issues.addAll(['seed'], seedResult.issues);
  const seed = (seedResult.ok ? seedResult.value : undefined) ?? SYSTEM_DEFAULTS.seed;

  const discount = discountRateField(input.discountRate, noCtx);
  if (!discount.ok) issues.addAll(['discountRate'], discount.issues);
  const discountRate = (discount.ok ? discount.value : undefined) ?? SYSTEM_DEFAULTS.discountRate;

  const ctx: FieldContext = { horizon, seed };
  const components = parseComponents(issues, input.components, ctx);
  const connections = parseConnections(issues, input.connections, components);

  if (!issues.empty || !name.ok || !horizon || !components || !connections) {
    return { ok: false, issues: issues.result() };
  }
  const config: SystemConfig = {
    name: name.value as string,
    horizon: { ...horizon },
    location,
    seed,
    discountRate,
    components: components.map((c) => ({ id: c.id, kind: c.kind, ...c.normalised }) as ComponentInput),
    connections,
  };
  return { ok: true, config };
}

function parseComponents(issues: IssueList, raw: unknown, ctx: FieldContext): ParsedComponent[] | null {
  if (!Array.isArray(raw)) {
    issues.add(['components'], raw === undefined ? 'is required' : 'must be an array');
    return null;
  }
  if (raw.length > MAX_COMPONENTS) {
    issues.add(['components'], `at most ${MAX_COMPONENTS} components, got ${raw.length}`);
    return null;
  }
  const parsed: ParsedComponent[] = [];
  const firstIndexById = new Map<string, number>();
  raw.forEach((item: unknown, i) => {
    const path = ['components', i];
    const entry: ParsedComponent = { id: null, kind: null, normalised: null };
    parsed.push(entry);
    if (!isPlainObject(item)) {
      issues.add(path, 'must be an object with id and kind');
      return;
    }
    if (typeof item.id !== 'string' || !ID_PATTERN.test(item.id) || item.id.length > 64) {
      issues.add([...path, 'id'], item.id === undefined ? 'is required' : 'must be 1-64 characters of A-Z a-z 0-9 _ . : -');
    } else {
      const first = firstIndexById.get(item.id);
      if (first !== undefined) issues.add([...path, 'id'], `duplicate id "${item.id}" (also components[${first}])`);
      else firstIndexById.set(item.id, i);
      entry.id = item.id;
    }
    if (typeof item.kind !== 'string' || !(COMPONENT_KINDS as string[]).includes(item.kind)) {
      issues.add([...path, 'kind'], item.kind === undefined ? 'is required' : `must be one of ${COMPONENT_KINDS.join(', ')}, got ${JSON.stringify(item.kind)}`);
      return;
    }
    const kind = item.kind as ComponentKind;
    entry.kind = kind;
    const module = COMPONENT_MODULES[kind];
    const allowed = new Set<string>(['id', 'kind', ...module.parameterNames, ...ECONOMICS_KEYS]);
    for (const key of Object.keys(item)) if (!allowed.has(key)) issues.add([...path, key], `not a parameter of ${kind}`);
    const result = module.parse(item, ctx);
    issues.addAll(path, result.issues);
    entry.normalised = result.normalised;
  });
  return parsed;
}

function parseConnections(issues: IssueList, raw: unknown, components: ParsedComponent[] | null): ConnectionInput[] | null {
  if (!Array.isArray(raw)) {
    issues.add(['connections'], raw === undefined ? 'is required' : 'must be an array');
    return null;
  }
  if (raw.length > MAX_CONNECTIONS) {
    issues.add(['connections'], `at most ${MAX_CONNECTIONS} connections, got ${raw.length}`);
    return null;
  }
  // Ids of components whose entry was broken still count as known: the component's own issue
  // explains the problem, and "unknown component" on top would be noise.
  const kindById = new Map<string, ComponentKind | null>();
  for (const c of components ?? []) if (c.id !== null && !kindById.has(c.id)) kindById.set(c.id, c.kind);
  const checkEnds = components !== null;
  const out: ConnectionInput[] = [];
  const firstIndexByKey = new Map<string, number>();
  raw.forEach((item: unknown, k) => {
    const path = ['connections', k];
    if (!isPlainObject(item)) {
      issues.add(path, 'must be an object { from, to, medium }');
      return;
    }
    unknownKeys(issues, path, item, CONNECTION_KEYS, 'not a field of a connection');
    let ok = true;
    const end = (field: 'from' | 'to'): string | null => {
      const v = item[field];
      if (typeof v !== 'string' || v.length === 0) {
        issues.add([...path, field], v === undefined ? 'is required' : 'must be a component id');
        ok = false;
        return null;
      }
      if (checkEnds && !kindById.has(v)) {
        issues.add([...path, field], `unknown component "${v}"`);
        ok = false;
      }
      return v;
    };
    const from = end('from');
    const to = end('to');
    const medium = item.medium;
    if (typeof medium !== 'string' || !(MEDIA as string[]).includes(medium)) {
      issues.add([...path, 'medium'], medium === undefined ? 'is required' : `must be one of ${MEDIA.join(', ')}, got ${JSON.stringify(medium)}`);
      ok = false;
    }
    if (from !== null && to !== null && from === to) {
      issues.add([...path, 'to'], `must differ from "from" (a component cannot feed itself)`);
      ok = false;
    }
    if (!ok || from === null || to === null) return;
    const m = medium as Medium;
    const fromKind = kindById.get(from);
    const toKind = kindById.get(to);
    if (fromKind && toKind) {
      const rules = MEDIUM_ENDS[m];
      const wrong: string[] = [];
      if (!rules.from.includes(fromKind)) wrong.push(`${m} cannot flow out of ${fromKind} "${from}"`);
      if (!rules.to.includes(toKind)) wrong.push(`${m} cannot flow into ${toKind} "${to}"`);
      if (wrong.length) {
        issues.add([...path, 'medium'], wrong.join('; '));
        return;
      }
    }
    const key = `${from}\u0000${to}\u0000${m}`;
    const first = firstIndexByKey.get(key);
    if (first !== undefined) {
      issues.add(path, `duplicate of connections[${first}] (${from} -> ${to}, ${m})`);
      return;
    }
    firstIndexByKey.set(key, k);
    out.push({ from, to, medium: m });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Solver options
// ---------------------------------------------------------------------------------------------

const SOLVER_KINDS = ['RULE_BASED', 'OPTIMAL', 'ROLLING_HORIZON', 'HYBRID'] as const;
const OBJECTIVE_KINDS = ['COST', 'CO2', 'GRID_EXCHANGE', 'WEIGHTED'] as const;

const optionFields = {
  solver: zodField(z.enum(SOLVER_KINDS)),
  objective: zodField(z.enum(OBJECTIVE_KINDS)),
  weights: zodField(z.unknown(), { nullable: true }),
  forbidSimultaneous: zodField(z.boolean()),
  timeLimitSeconds: zodField(numberSchema({ gt: 0, max: 86400 })),
  mipRelGap: zodField(numberSchema({ min: 0, lt: 1 })),
  commitHours: zodField(numberSchema({ gt: 0, max: 8784 })),
  lookaheadHours: zodField(numberSchema({ gt: 0, max: 8784 })),
  unmetDemandPenaltyEurPerKwh: zodField(numberSchema({ gt: 0, max: 1e6 })),
};

const weightFields = {
  costEur: zodField(numberSchema({ min: 0 })),
  co2Kg: zodField(numberSchema({ min: 0 })),
  gridExchangeKwh: zodField(numberSchema({ min: 0 })),
};

export function parseSolverOptions(input: unknown): SolverOptionsResult {
  const issues = new IssueList();
  const raw = objectOrAbsent(issues, [], input);
  if (!raw) return { ok: false, issues: issues.result() };
  unknownKeys(issues, [], raw, Object.keys(optionFields), 'not a solver option');
  const ctx: FieldContext = { horizon: null, seed: SYSTEM_DEFAULTS.seed };
  const { values } = parseFields(issues, [], raw, optionFields, ctx);

  const objective = values.objective ?? SOLVER_DEFAULTS.objective;
  let weights: SolverOptions['weights'];
  if (values.weights !== undefined) {
    if (objective !== 'WEIGHTED') {
      issues.add(['weights'], `only used with objective WEIGHTED (objective is ${objective})`);
    } else {
      const w = objectOrAbsent(issues, ['weights'], values.weights);
      if (w) {
        unknownKeys(issues, ['weights'], w, Object.keys(weightFields), 'not a weight');
        const parsed = parseFields(issues, ['weights'], w, weightFields, ctx);
        // Same fallbacks as objectiveWeights() in objective.ts, written out so the stored options say what ran.
        weights = {
          costEur: parsed.values.costEur ?? 1,
          co2Kg: parsed.values.co2Kg ?? 0,
          gridExchangeKwh: parsed.values.gridExchangeKwh ?? 0,
        };
        if (parsed.ok && weights.costEur === 0 && weights.co2Kg === 0 && weights.gridExchangeKwh === 0) {
          issues.add(['weights'], 'at least one weight must be > 0');
        }
      }
    }
  } else if (objective === 'WEIGHTED') {
    issues.add(['weights'], 'is required when objective is WEIGHTED ({ costEur, co2Kg, gridExchangeKwh })');
  }

  const commitHours = values.commitHours ?? SOLVER_DEFAULTS.commitHours;
  const lookaheadHours = values.lookaheadHours ?? SOLVER_DEFAULTS.lookaheadHours;
  if (lookaheadHours < commitHours) {
    issues.add(['lookaheadHours'], `must be >= commitHours (${commitHours}): it is the whole window, committed part included`);
  }
  if (!issues.empty) return { ok: false, issues: issues.result() };

  const options: SolverOptions = {
    solver: values.solver ?? SOLVER_DEFAULTS.solver,
    objective,
    ...(weights ? { weights } : {}),
    forbidSimultaneous: values.forbidSimultaneous ?? SOLVER_DEFAULTS.forbidSimultaneous,
    timeLimitSeconds: values.timeLimitSeconds ?? SOLVER_DEFAULTS.timeLimitSeconds,
    mipRelGap: values.mipRelGap ?? SOLVER_DEFAULTS.mipRelGap,
    commitHours,
    lookaheadHours,
    unmetDemandPenaltyEurPerKwh: values.unmetDemandPenaltyEurPerKwh ?? SOLVER_DEFAULTS.unmetDemandPenaltyEurPerKwh,
  };
  return { ok: true, options };
}

/** Thrown by resolveSystem when handed a config that does not validate. */
export class InvalidConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(`invalid system config: ${issues.map(formatIssue).join('; ')}`);
    this.name = 'InvalidConfigError';
  }
}

export { MAX_SEED };
