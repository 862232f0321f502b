/** Enums shared by several types; values mirror the database and the engine's types. */
import { RunStatus, SolverKind } from '../generated/prisma-sqlite/enums.js';
import { builder } from './builder.js';

export const RunStatusEnum = builder.enumType(RunStatus, {
  name: 'RunStatus',
  description: 'QUEUED → RUNNING → COMPLETED | FAILED | CANCELLED; CRASHED: the process died mid-run.',
});

export const SolverKindEnum = builder.enumType(SolverKind, { name: 'SolverKind' });

export const ObjectiveKindEnum = builder.enumType('ObjectiveKind', {
  values: ['COST', 'CO2', 'GRID_EXCHANGE', 'WEIGHTED'] as const,
});

export const SortDirectionEnum = builder.enumType('SortDirection', {
  values: { ASC: { value: 'asc' as const }, DESC: { value: 'desc' as const } },
});

export const NullsOrderEnum = builder.enumType('NullsOrder', {
  description: 'Where runs without a value (e.g. the KPIs of a failed run) go.',
  values: { FIRST: { value: 'first' as const }, LAST: { value: 'last' as const } },
});
