/**
 * orderBy for run lists: `[{ field, direction, nulls }]` over the sortable columns. The server
 * always appends the run id as the last key, so equal values never make the order — and
 * therefore the cursors — depend on the database.
 */
import { RUN_SORT_FIELDS, type RunOrder, type RunSortField } from '../db/run-filters.js';
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
    field: t.field({ type: RunOrderFieldEnum, required: true }),
    direction: t.field({ type: SortDirectionEnum, defaultValue: 'asc' }),
    nulls: t.field({
      type: NullsOrderEnum,
      defaultValue: 'last',
      description: 'Where runs without a value go; LAST by default in both directions.',
    }),
  }),
});

export interface RunOrderInputShape {
  field: RunSortField;
  direction?: 'asc' | 'desc' | null;
  nulls?: 'first' | 'last' | null;
}

export function toRunOrder(input: readonly RunOrderInputShape[] | null | undefined, path: string, issues: IssueList): RunOrder[] {
  if (!input) return [];
  if (input.length > LIMITS.maxOrderFields) issues.add(path, `at most ${LIMITS.maxOrderFields} sort fields, got ${input.length}`);
  const seen = new Set<string>();
  return input.map((o, i) => {
    if (seen.has(o.field)) issues.add(`${path}[${i}].field`, `${enumValueName(o.field)} is already in the list`);
    seen.add(o.field);
    return { field: o.field, direction: o.direction ?? 'asc', nulls: o.nulls ?? 'last' };
  });
}
