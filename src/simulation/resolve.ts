/**
 * From a validated, normalised SystemConfig to the ResolvedSystem solvers work on: every
 * parameter a number, every time series a Float64Array of the horizon's length.
 */
import { COMPONENT_MODULES } from './components/index.js';
import { ProfileResolver } from './components/profile-input.js';
import { InvalidConfigError, parseSystemConfig } from './config.js';
import type { ComponentKind, ResolvedConnection, ResolvedSystem, SystemConfig } from './types.js';

/**
 * Resolves a config returned by parseSystemConfig. The config is validated again (cheap, and
 * idempotent on a normalised config), so a hand-written or stored config also resolves with
 * exactly the defaults a fresh parse would give; an invalid one throws InvalidConfigError.
 */
export function resolveSystem(config: SystemConfig): ResolvedSystem {
  const parsed = parseSystemConfig(config);
  if (!parsed.ok) throw new InvalidConfigError(parsed.issues);
  const normalized = parsed.config;
  const horizon = normalized.horizon as Required<NonNullable<SystemConfig['horizon']>>;
  const location = normalized.location as Required<NonNullable<SystemConfig['location']>>;
  const profiles = new ProfileResolver({
    timesteps: horizon.timesteps,
    timestepHours: horizon.timestepHours,
    startDayOfYear: horizon.startDayOfYear,
    latitudeDeg: location.latitudeDeg,
    longitudeDeg: location.longitudeDeg,
  });
  const components = normalized.components.map((c, index) =>
    COMPONENT_MODULES[c.kind as ComponentKind].resolve(c as Record<string, unknown>, c.id, index, profiles),
  );
  return {
    name: normalized.name,
    timesteps: horizon.timesteps,
    timestepHours: horizon.timestepHours,
    startDayOfYear: horizon.startDayOfYear,
    latitudeDeg: location.latitudeDeg,
    longitudeDeg: location.longitudeDeg,
    seed: normalized.seed as number,
    discountRate: normalized.discountRate as number,
    components,
    connections: resolveConnections(normalized),
    normalizedConfig: normalized,
  };
}

function resolveConnections(config: SystemConfig): ResolvedConnection[] {
  const seen = new Map<string, number>();
  return config.connections.map((c, index) => {
    const base = `${c.from}->${c.to}`;
    // Validation forbids duplicate (from, to, medium) and the media rules allow one medium per
    // pair, so a suffix is never expected; it keeps ids unique should the rules ever widen.
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { index, id: n === 0 ? base : `${base}#${n + 1}`, from: c.from, to: c.to, medium: c.medium };
  });
}
