/** ELECTRIC_DEMAND: default shape RESIDENTIAL_ELECTRIC (see demand.ts for scaling rules). No costs. */
import { defineDemand } from './demand.js';

export const electricDemandComponent = defineDemand({
  kind: 'ELECTRIC_DEMAND',
  medium: 'ELECTRICITY',
  defaultGenerator: 'RESIDENTIAL_ELECTRIC',
});
