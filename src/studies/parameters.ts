/**
 * Parameters of a study: a numeric field of one component, addressed by component id and field
 * name (`{ component: "battery", field: "energyKwh" }`), and the function that writes values
 * into a copy of a system config.
 *
 * Values are written into the config AS GIVEN, before defaults: apply them to the user's config,
 * not to a normalised one, so that what the parser derives from a size follows the new size
 * (a battery's default maxChargeKw = energyKwh/2, fixed O&M and embodied CO2 per kW or kWh).
 * In a normalised config those derived numbers are already written out and stay as they are.
 */
import { COMPONENT_KINDS, COMPONENT_MODULES } from '../simulation/components/index.js';
import { ECONOMICS_KEYS } from '../simulation/components/economics.js';
import type { FieldContext } from '../simulation/components/fields.js';
import { SYSTEM_DEFAULTS } from '../simulation/config.js';
import type { ComponentKind, ConfigIssue, SystemConfig } from '../simulation/types.js';

export interface ParameterAddress {
  component: string;
  field: string;
}

export interface ParameterValue extends ParameterAddress {
  value: number;
}

/** `component.field`; component ids may contain '.', fields never do, so the last '.' splits. */
export function parameterKey(address: ParameterAddress): string {
  return `${address.component}.${address.field}`;
}

export function parseParameterKey(key: string): ParameterAddress {
  const dot = key.lastIndexOf('.');
  return { component: key.slice(0, dot), field: key.slice(dot + 1) };
}

/**
 * A deep copy of `system` with each value written to its component's field. Later entries win
 * when an address repeats. Throws on an unknown component (validate first: see
 * validateParameterAddress); the field is not checked here.
 */
export function applyParameters(system: SystemConfig, values: readonly ParameterValue[]): SystemConfig {
  const copy = structuredClone(system);
  for (const { component, field, value } of values) {
    const target = copy.components.find((c) => c.id === component);
    if (!target) throw new Error(`applyParameters: no component "${component}" in system "${system.name}"`);
    target[field] = value;
  }
  return copy;
}

// Probing with a few numbers tells a numeric field (accepts one of them, possibly after a range
// check) from a profile-only, boolean or enum field (accepts none) without a second list of
// field types to keep in step with the component modules.
const PROBE_VALUES = [0, 1, 0.5, 10, 45, 1000];
const PROBE_CONTEXT: FieldContext = { horizon: null, seed: SYSTEM_DEFAULTS.seed };
const numericFieldCache = new Map<ComponentKind, readonly string[]>();

/** The fields of a kind that take a plain number (parameters and economics), in declaration order. */
export function numericFields(kind: ComponentKind): readonly string[] {
  let cached = numericFieldCache.get(kind);
  if (cached) return cached;
  const module = COMPONENT_MODULES[kind];
  const fields: string[] = [];
  for (const name of [...module.parameterNames, ...ECONOMICS_KEYS]) {
    const accepts = PROBE_VALUES.some((v) => {
      const { issues } = module.parse({ [name]: v }, PROBE_CONTEXT);
      return !issues.some((i) => i.path[0] === name);
    });
    if (accepts) fields.push(name);
  }
  cached = fields;
  numericFieldCache.set(kind, cached);
  return cached;
}

/**
 * Problems with one address, each with `path` (e.g. `parametric.parameters[1]`) + `.component`
 * or `.field`. An empty list means the address names a numeric field of an existing component.
 */
export function validateParameterAddress(system: SystemConfig, address: ParameterAddress, path: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const at = (leaf: string) => (path ? `${path}.${leaf}` : leaf);
  if (typeof address.component !== 'string' || address.component === '') {
    return [{ path: at('component'), message: 'is required (a component id)' }];
  }
  const components = Array.isArray(system.components) ? system.components : [];
  const component = components.find((c) => c.id === address.component);
  if (!component) {
    const ids = components.map((c) => c.id).join(', ');
    return [{ path: at('component'), message: `unknown component "${address.component}" (components: ${ids})` }];
  }
  if (!(COMPONENT_KINDS as string[]).includes(component.kind)) {
    return [{ path: at('component'), message: `component "${address.component}" has an unknown kind` }];
  }
  const numeric = numericFields(component.kind);
  if (typeof address.field !== 'string' || !numeric.includes(address.field)) {
    const allParams = [...COMPONENT_MODULES[component.kind].parameterNames, ...ECONOMICS_KEYS];
    const what = allParams.includes(address.field) ? `is not a numeric field of ${component.kind}` : `is not a field of ${component.kind}`;
    issues.push({ path: at('field'), message: `"${String(address.field)}" ${what} (numeric fields: ${numeric.join(', ')})` });
  }
  return issues;
}
