/**
 * The grid-only reference system ("business as usual" in REopt, the reference scenario of the
 * Multi-Vector Simulator): the same demands, served from the system's grid alone, heat through
 * an ideal electric boiler (efficiency 1, no size limit, zero cost and emissions of its own).
 * KPIs that compare against it (NPV, payback, CO2 reduction) therefore credit the system for
 * everything it adds to a bare grid connection.
 *
 * With several grids the first one is used. The grid keeps its import/export limits and
 * prices: it is the same physical connection. Without a grid there is no baseline (null).
 */
import type {
  ResolvedComponent,
  ResolvedConnection,
  ResolvedConverter,
  ResolvedGrid,
  ResolvedSystem,
} from './types.js';

export const BASELINE_BOILER_SUFFIX = '__baseline_boiler';

const ZERO_ECONOMICS = {
  capexEurPerKw: 0,
  capexEurPerKwh: 0,
  fixedOmEurPerYear: 0,
  variableOmEurPerKwh: 0,
  lifetimeYears: 1,
  embodiedKgCo2: 0,
};

export function buildGridOnlyBaseline(system: ResolvedSystem): ResolvedSystem | null {
  const grid = system.components.find((c): c is ResolvedGrid => c.kind === 'GRID');
  if (!grid) return null;

  const components: ResolvedComponent[] = [{ ...grid, index: 0 }];
  const connections: ResolvedConnection[] = [];
  const connect = (from: string, to: string, medium: 'ELECTRICITY' | 'HEAT'): void => {
    connections.push({ index: connections.length, id: `${from}->${to}`, from, to, medium });
  };
  let unitEfficiency: Float64Array | null = null;
  for (const c of system.components) {
    if (c.kind === 'ELECTRIC_DEMAND') {
      components.push({ ...c, index: components.length });
      connect(grid.id, c.id, 'ELECTRICITY');
    } else if (c.kind === 'HEAT_DEMAND') {
      unitEfficiency ??= new Float64Array(system.timesteps).fill(1);
      const boiler: ResolvedConverter = {
        id: `${c.id}${BASELINE_BOILER_SUFFIX}`,
        index: components.length,
        kind: 'ELECTRIC_BOILER',
        economics: ZERO_ECONOMICS,
        maxHeatKw: Infinity,
        heatPerElectricity: unitEfficiency,
      };
      components.push(boiler, { ...c, index: components.length + 1 });
      connect(grid.id, boiler.id, 'ELECTRICITY');
      connect(boiler.id, c.id, 'HEAT');
    }
  }

  return {
    ...system,
    name: `${system.name} (grid-only baseline)`,
    components,
    connections,
    normalizedConfig: {
      ...system.normalizedConfig,
      name: `${system.name} (grid-only baseline)`,
      components: components.map((c) => ({ id: c.id, kind: c.kind, ...c.economics })),
      connections: connections.map(({ from, to, medium }) => ({ from, to, medium })),
    },
  };
}
