/**
 * Shared model of BATTERY and THERMAL_STORAGE (they differ in medium, loss parameter name and
 * defaults). Level dynamics, per step of Δt hours:
 *   L_t = L_{t−1}·(1 − lossPerHour)^Δt + Δt·(chargeEfficiency·in − out/dischargeEfficiency),
 *   socMin·E ≤ L_t ≤ socMax·E, L_{−1} = initialSoc·E.
 * Power limits default to energyKwh/2 (a C/2 rate): full in two hours.
 */
import { z } from 'zod';
import type { ComponentKind, Economics, Medium, ResolvedStorage, TerminalCondition } from '../types.js';
import { numberSchema, zodField, type FieldIssue, type FieldSpec } from './fields.js';
import { defineComponent, type ComponentModule, type Parsed } from './module.js';

export interface StorageParams {
  energyKwh: number;
  maxChargeKw: number;
  maxDischargeKw: number;
  chargeEfficiency: number;
  dischargeEfficiency: number;
  socMin: number;
  socMax: number;
  initialSoc: number;
  /** selfDischargePerHour (BATTERY) or lossPerHour (THERMAL_STORAGE), fraction of content per hour. */
  lossPerHour: number;
  terminalCondition: TerminalCondition;
  minEndSoc: number;
}

export interface StorageDefaults {
  chargeEfficiency: number;
  dischargeEfficiency: number;
  socMin: number;
  socMax: number;
  initialSoc: number;
  lossPerHour: number;
  terminalCondition: TerminalCondition;
  /** Power limits as a multiple of energyKwh per hour (0.5 = C/2). */
  powerPerEnergyPerHour: number;
}

export interface StorageKindSpec {
  kind: Extract<ComponentKind, 'BATTERY' | 'THERMAL_STORAGE'>;
  medium: Medium;
  /** The user-facing name of the loss parameter. */
  lossParameter: 'selfDischargePerHour' | 'lossPerHour';
  defaults: StorageDefaults;
  defaultEconomics(energyKwh: number): Economics;
}

export const TERMINAL_CONDITIONS: readonly TerminalCondition[] = ['FREE', 'CYCLIC', 'MIN_END_SOC'];

const fraction = numberSchema({ min: 0, max: 1 });
const efficiency = numberSchema({ gt: 0, max: 1 });

/** Rounds away binary noise so energyKwh/2 of 10 stays 5 and the normalised config reads cleanly. */
function cleanProduct(a: number, b: number): number {
  return Number((a * b).toPrecision(15));
}

export function defineStorage(spec: StorageKindSpec): ComponentModule {
  type UserParams = Omit<StorageParams, 'lossPerHour'> & { [K in StorageKindSpec['lossParameter']]?: number };
  const d = spec.defaults;
  const fields = {
    energyKwh: zodField(numberSchema({ gt: 0 }), { required: true }),
    maxChargeKw: zodField(numberSchema({ min: 0 })),
    maxDischargeKw: zodField(numberSchema({ min: 0 })),
    chargeEfficiency: zodField(efficiency),
    dischargeEfficiency: zodField(efficiency),
    socMin: zodField(fraction),
    socMax: zodField(fraction),
    initialSoc: zodField(fraction),
    [spec.lossParameter]: zodField(numberSchema({ min: 0, lt: 1 })),
    terminalCondition: zodField(z.enum(['FREE', 'CYCLIC', 'MIN_END_SOC'])),
    minEndSoc: zodField(fraction),
  } as Record<string, FieldSpec<unknown>>;

  const socBounds = (p: Parsed<Record<string, unknown>>) => ({
    socMin: (p.socMin as number | undefined) ?? d.socMin,
    socMax: (p.socMax as number | undefined) ?? d.socMax,
    initialSoc: (p.initialSoc as number | undefined) ?? d.initialSoc,
  });

  return defineComponent<Record<string, unknown>>({
    kind: spec.kind,
    fields: fields as never,
    check(p, _ctx, _econ, given) {
      const issues: FieldIssue[] = [];
      // A bound that was given but is invalid already has its issue; comparing against the default would mislead.
      if (['socMin', 'socMax', 'initialSoc'].some((k) => given.has(k) && p[k] === undefined)) return issues;
      const { socMin, socMax, initialSoc } = socBounds(p);
      if (socMin > socMax) {
        issues.push({ path: ['socMax'], message: `must be >= socMin (${socMin}), got ${socMax}` });
        return issues;
      }
      if (initialSoc < socMin || initialSoc > socMax) {
        issues.push({ path: ['initialSoc'], message: `must lie in [socMin, socMax] = [${socMin}, ${socMax}], got ${initialSoc}` });
      }
      const minEndSoc = p.minEndSoc as number | undefined;
      if (minEndSoc !== undefined && (minEndSoc < socMin || minEndSoc > socMax)) {
        issues.push({ path: ['minEndSoc'], message: `must lie in [socMin, socMax] = [${socMin}, ${socMax}], got ${minEndSoc}` });
      }
      return issues;
    },
    normalise(p) {
      const energyKwh = p.energyKwh as number;
      const { socMin, socMax, initialSoc } = socBounds(p);
      const defaultPowerKw = cleanProduct(energyKwh, d.powerPerEnergyPerHour);
      const out: Record<string, unknown> = {
        energyKwh,
        maxChargeKw: p.maxChargeKw ?? defaultPowerKw,
        maxDischargeKw: p.maxDischargeKw ?? defaultPowerKw,
        chargeEfficiency: p.chargeEfficiency ?? d.chargeEfficiency,
        dischargeEfficiency: p.dischargeEfficiency ?? d.dischargeEfficiency,
        socMin,
        socMax,
        initialSoc,
        [spec.lossParameter]: p[spec.lossParameter] ?? d.lossPerHour,
        terminalCondition: p.terminalCondition ?? d.terminalCondition,
        // Default: end no lower than the start, the usual fairness condition for a comparison.
        minEndSoc: p.minEndSoc ?? initialSoc,
      };
      return out;
    },
    defaultEconomics: (p) => spec.defaultEconomics(p.energyKwh as number),
    resolve(raw, base, profiles): ResolvedStorage {
      const p = raw as unknown as UserParams & Record<string, number>;
      const lossPerHour = p[spec.lossParameter] as number;
      return {
        ...base,
        kind: spec.kind,
        medium: spec.medium,
        energyKwh: p.energyKwh,
        maxChargeKw: p.maxChargeKw,
        maxDischargeKw: p.maxDischargeKw,
        chargeEfficiency: p.chargeEfficiency,
        dischargeEfficiency: p.dischargeEfficiency,
        socMin: p.socMin,
        socMax: p.socMax,
        initialSoc: p.initialSoc,
        lossPerHour,
        retentionPerStep: retentionPerStep(lossPerHour, profiles.timestepHours),
        terminalCondition: p.terminalCondition,
        minEndSoc: p.minEndSoc,
      };
    },
  });
}

/** Share of the content kept over one step: (1 − lossPerHour)^Δt. */
export function retentionPerStep(lossPerHour: number, timestepHours: number): number {
  return Math.pow(1 - lossPerHour, timestepHours);
}
