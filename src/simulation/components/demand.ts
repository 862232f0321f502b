/**
 * Shared model of ELECTRIC_DEMAND and HEAT_DEMAND. The demand series (kW) comes from either
 *  - a profile scaled by EXACTLY ONE of
 *      peakKw    → the horizon's maximum becomes peakKw,
 *      annualKwh → the horizon's energy becomes annualKwh × horizonHours / 8760,
 *    or by neither (the profile's values are kW as they stand), or
 *  - energyKwhPerStep: absolute kWh per step (÷ timestepHours gives kW), one per step.
 * With only peakKw or annualKwh given, the kind's default generator supplies the shape.
 */
import type { ComponentKind, Medium, ProfileGenerator, ResolvedDemand } from '../types.js';
import { economics } from './economics.js';
import { MAX_TIMESTEPS, numberArrayIssues, numberSchema, zodField, type FieldIssue, type FieldSpec } from './fields.js';
import { defineComponent, orNull, type ComponentModule } from './module.js';
import { isAllZeroProfile, profileField, type NormalisedProfile } from './profile-input.js';
import { HOURS_PER_YEAR } from '../profiles/time.js';

export interface DemandParams {
  profile: NormalisedProfile | null;
  energyKwhPerStep: number[] | null;
  peakKw: number | null;
  annualKwh: number | null;
}

export interface DemandKindSpec {
  kind: Extract<ComponentKind, 'ELECTRIC_DEMAND' | 'HEAT_DEMAND'>;
  medium: Medium;
  defaultGenerator: ProfileGenerator;
}

const DEMAND_SHAPES: readonly ProfileGenerator[] = ['RESIDENTIAL_ELECTRIC', 'COMMERCIAL_ELECTRIC', 'RESIDENTIAL_HEAT', 'COMMERCIAL_HEAT'];

/** A demand above 1 GW in one building model is a unit mistake (W vs kW). */
const MAX_DEMAND_KW = 1e6;

const energySeriesField: FieldSpec<number[] | undefined> = (raw, ctx) => {
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  const issues = numberArrayIssues(raw, { min: 0, max: MAX_DEMAND_KW * 24 }, MAX_TIMESTEPS);
  if (issues) return { ok: false, issues };
  const values = raw as number[];
  if (ctx.horizon && values.length !== ctx.horizon.timesteps) {
    return { ok: false, issues: [{ path: [], message: `needs one value per step: ${ctx.horizon.timesteps} values, got ${values.length}` }] };
  }
  return { ok: true, value: values.slice() };
};

export function defineDemand(spec: DemandKindSpec): ComponentModule {
  return defineComponent<DemandParams>({
    kind: spec.kind,
    fields: {
      profile: profileField({ range: { min: 0, max: MAX_DEMAND_KW }, generators: DEMAND_SHAPES }),
      energyKwhPerStep: energySeriesField,
      peakKw: zodField(numberSchema({ min: 0, max: MAX_DEMAND_KW }), { nullable: true }),
      annualKwh: zodField(numberSchema({ min: 0, max: MAX_DEMAND_KW * HOURS_PER_YEAR }), { nullable: true }),
    },
    check(p, _ctx, _econ, given) {
      const issues: FieldIssue[] = [];
      const scaled = p.peakKw !== undefined || p.annualKwh !== undefined;
      if (p.peakKw !== undefined && p.annualKwh !== undefined) {
        issues.push({ path: ['annualKwh'], message: 'give at most one of peakKw, annualKwh' });
      }
      if (p.energyKwhPerStep !== undefined) {
        if (p.profile !== undefined) issues.push({ path: ['energyKwhPerStep'], message: 'give either profile or energyKwhPerStep, not both' });
        if (scaled) issues.push({ path: ['energyKwhPerStep'], message: 'is absolute: do not combine it with peakKw or annualKwh' });
      } else if (!given.has('profile') && !given.has('energyKwhPerStep') && !given.has('peakKw') && !given.has('annualKwh')) {
        issues.push({ path: [], message: 'give profile, energyKwhPerStep, peakKw or annualKwh' });
      }
      if (p.profile !== undefined && isAllZeroProfile(p.profile) && ((p.peakKw ?? 0) > 0 || (p.annualKwh ?? 0) > 0)) {
        issues.push({ path: ['profile'], message: `is zero everywhere: it cannot be scaled to ${p.peakKw !== undefined ? 'peakKw' : 'annualKwh'}` });
      }
      return issues;
    },
    normalise(p, ctx) {
      const profile = p.profile ?? (p.energyKwhPerStep === undefined ? { generator: spec.defaultGenerator, seed: ctx.seed } : undefined);
      return {
        profile: orNull(profile),
        energyKwhPerStep: orNull(p.energyKwhPerStep),
        peakKw: orNull(p.peakKw),
        annualKwh: orNull(p.annualKwh),
      };
    },
    defaultEconomics: () => economics({ lifetimeYears: 1 }),
    resolve(p, base, profiles): ResolvedDemand {
      const T = profiles.timesteps;
      const dt = profiles.timestepHours;
      const demandKw = new Float64Array(T);
      if (p.energyKwhPerStep) {
        for (let t = 0; t < T; t++) demandKw[t] = p.energyKwhPerStep[t] / dt;
      } else {
        const shape = profiles.series(p.profile!);
        let scale = 1;
        if (p.peakKw !== null) {
          let peak = 0;
          for (let t = 0; t < T; t++) if (shape[t] > peak) peak = shape[t];
          scale = peak > 0 ? p.peakKw / peak : 0;
        } else if (p.annualKwh !== null) {
          let energyKwh = 0;
          for (let t = 0; t < T; t++) energyKwh += shape[t] * dt;
          const targetKwh = (p.annualKwh * T * dt) / HOURS_PER_YEAR;
          scale = energyKwh > 0 ? targetKwh / energyKwh : 0;
        }
        for (let t = 0; t < T; t++) demandKw[t] = shape[t] * scale;
      }
      return { ...base, kind: spec.kind, medium: spec.medium, demandKw };
    },
  });
}
