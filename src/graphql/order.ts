/**
 * orderBy for run lists: `[{ field, direction, nulls }]` over the sortable columns. The server
 * always appends the run id as the last key, so equal values never make the order — and
 * therefore the cursors — depend on the database.
 */
import { PARAMETER_KEY_PATTERN, PARAMETER_ORDER_PREFIX, RUN_SORT_FIELDS, type RunOrder, type RunSortField } from '../db/run-filters.js';
import { builder } from './builder.js';
import { NullsOrderEnum, SortDirectionEnum } from './enums.js';
import type { IssueList } from './errors.js';
import { LIMITS } from './limits.js';

/** totalCo2Kg → TOTAL_CO2_KG: GraphQL enum values are upper snake case by convention. */
export function enumValueName(field: string): string {
  return field.replace(/([A-Z])/g, '_$1').toUpperCase();
}

export const RunOrderFieldEnum = builder.enumType('RunOrderField', {
  description: 'Sortable run columns. SYSTEM_NAME sorts case-insensitively.',
  values: Object.fromEntries(RUN_SORT_FIELDS.map((f) => [enumValueName(f), { value: f }])) as Record<string, { value: RunSortField }>,
});

export const RunOrderInput = builder.inputType('RunOrder', {
  fields: (t) => ({
    field: t.field({ type: RunOrderFieldEnum, description: 'A run column; give exactly one of field and parameter.' }),
    parameter: t.string({ description: 'A study-trial parameter key ("battery.energyKwh", SimulationRun.parameters): runs without it sort as nulls.' }),
    direction: t.field({ type: SortDirectionEnum, defaultValue: 'asc' }),
    nulls: t.field({
      type: NullsOrderEnum,
      defaultValue: 'last',
      description: 'Where runs without a value go; LAST by default in both directions.',
    }),
  }),
});

export interface RunOrderInputShape {
  field?: RunSortField | null;
  parameter?: string | null;
  direction?: 'asc' | 'desc' | null;
  nulls?: 'first' | 'last' | null;
}

export function toRunOrder(input: readonly RunOrderInputShape[] | null | undefined, path: string, issues: IssueList): RunOrder[] {
  if (!input) return [];
  if (input.length > LIMITS.maxOrderFields) issues.add(path, `at most ${LIMITS.maxOrderFields} sort fields, got ${input.length}`);
  const seen = new Set<string>();
  return input.flatMap((o, i): RunOrder[] => {
    if ((o.field == null) === (o.parameter == null)) {
      issues.add(`${path}[${i}]`, 'give exactly one of field and parameter');
      return [];
    }
    if (o.parameter != null && !PARAMETER_KEY_PATTERN.test(o.parameter)) {
      issues.add(`${path}[${i}].parameter`, 'must be a parameter key like "battery.energyKwh" (component id, a dot, a field)');
      return [];
    }
    const field = o.field ?? (`${PARAMETER_ORDER_PREFIX}${o.parameter}` as const);
    if (seen.has(field)) issues.add(`${path}[${i}].${o.field ? 'field' : 'parameter'}`, `${o.field ? enumValueName(o.field) : o.parameter} is already in the list`);
    seen.add(field);
    return [{ field, direction: o.direction ?? 'asc', nulls: o.nulls ?? 'last' }];
  });
}
