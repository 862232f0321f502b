/**
 * The engine's JSON (examples/*.json, what `SimulationRun.system` returns) as a GraphQL
 * `SystemInput`: the engine takes a bare number where a profile is expected, the GraphQL type
 * wants `{ constant }`. Which fields are profiles is read from the schema, so a new profile
 * field of a component needs no change here.
 */
import { getNamedType, isInputObjectType } from 'graphql';
import { schema } from './schema.js';

const componentInput = schema.getType('ComponentInput');
const PROFILE_FIELDS = new Set(
  isInputObjectType(componentInput)
    ? Object.values(componentInput.getFields()).filter((f) => getNamedType(f.type).name === 'ProfileInput').map((f) => f.name)
    : [],
);

export function systemAsGraphQLInput<T extends { components?: unknown[] }>(system: T): T {
  const components = (system.components ?? []).map((component) => {
    const out: Record<string, unknown> = { ...(component as Record<string, unknown>) };
    for (const [field, value] of Object.entries(out)) {
      if (PROFILE_FIELDS.has(field) && typeof value === 'number') out[field] = { constant: value };
    }
    return out;
  });
  return { ...system, components };
}
