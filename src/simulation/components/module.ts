/**
 * What every component kind provides: its parameter fields, cross-field checks, defaults
 * (normalise) and how it becomes a Resolved* component. Each kind is typed in its own file;
 * defineComponent erases the parameter type so the registry can hold all kinds.
 */
import type { ComponentKind, Economics, ResolvedComponent } from '../types.js';
import { ECONOMICS_KEYS, economicsFields, mergeEconomics, type EconomicsKey } from './economics.js';
import type { FieldContext, FieldIssue, FieldSpec } from './fields.js';
import type { ProfileResolver } from './profile-input.js';

/** Fields that parsed, without the defaults: what cross-field checks and normalise see. */
export type Parsed<P> = { [K in keyof P]?: NonNullable<P[K]> };

export interface ResolveBase {
  id: string;
  index: number;
  economics: Economics;
}

export interface ComponentSpec<P> {
  kind: ComponentKind;
  fields: { [K in keyof P]-?: FieldSpec<NonNullable<P[K]> | undefined> };
  /**
   * Checks across fields. `parsed` holds only fields that parsed; `given` names every field the
   * user set (valid or not), so "missing" rules do not fire on a field that is merely invalid.
   * Paths relative to the component.
   */
  check?(parsed: Parsed<P>, ctx: FieldContext, economics: Partial<Record<EconomicsKey, number>>, given: ReadonlySet<string>): FieldIssue[];
  /** Every default filled in, "absent" as null, keys in a stable order. */
  normalise(parsed: Parsed<P>, ctx: FieldContext): P;
  defaultEconomics(params: P): Economics;
  resolve(params: P, base: ResolveBase, profiles: ProfileResolver): ResolvedComponent;
}

export interface ComponentModule {
  kind: ComponentKind;
  parameterNames: readonly string[];
  /** Validates and normalises the kind's parameters plus the economics fields. */
  parse(raw: Record<string, unknown>, ctx: FieldContext): { issues: FieldIssue[]; normalised: Record<string, unknown> | null };
  resolve(normalised: Record<string, unknown>, id: string, index: number, profiles: ProfileResolver): ResolvedComponent;
}

export function defineComponent<P extends object>(spec: ComponentSpec<P>): ComponentModule {
  const fieldEntries = Object.entries(spec.fields) as [string, FieldSpec<unknown>][];
  const parameterNames = fieldEntries.map(([name]) => name);
  return {
    kind: spec.kind,
    parameterNames,
    parse(raw, ctx) {
      const issues: FieldIssue[] = [];
      const parsed: Record<string, unknown> = {};
      for (const [name, field] of fieldEntries) {
        const r = field(raw[name], ctx);
        if (r.ok) {
          if (r.value !== undefined) parsed[name] = r.value;
        } else issues.push(...r.issues.map((i) => ({ path: [name, ...i.path], message: i.message })));
      }
      const givenEconomics: Partial<Record<EconomicsKey, number | undefined>> = {};
      for (const key of ECONOMICS_KEYS) {
        const r = economicsFields[key](raw[key], ctx);
        if (r.ok) givenEconomics[key] = r.value;
        else issues.push(...r.issues.map((i) => ({ path: [key, ...i.path], message: i.message })));
      }
      if (spec.check) {
        const given = new Set(Object.keys(raw).filter((k) => raw[k] !== undefined && raw[k] !== null));
        issues.push(...spec.check(parsed as Parsed<P>, ctx, givenEconomics as Partial<Record<EconomicsKey, number>>, given));
      }
      if (issues.length > 0) return { issues, normalised: null };
      const params = spec.normalise(parsed as Parsed<P>, ctx);
      const econ = mergeEconomics(spec.defaultEconomics(params), givenEconomics);
      return { issues, normalised: { ...(params as Record<string, unknown>), ...econ } };
    },
    resolve(normalised, id, index, profiles) {
      const econ = {} as Economics;
      for (const key of ECONOMICS_KEYS) econ[key] = normalised[key] as number;
      return spec.resolve(normalised as unknown as P, { id, index, economics: econ }, profiles);
    },
  };
}

/** null for "not given" in the normalised config (JSON-safe, survives a round trip). */
export function orNull<T>(v: T | undefined): T | null {
  return v === undefined ? null : v;
}
