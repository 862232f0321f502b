/** HEAT_DEMAND: default shape RESIDENTIAL_HEAT (see demand.ts for scaling rules). No costs. */
import { defineDemand } from './demand.js';

export const heatDemandComponent = defineDemand({
  kind: 'HEAT_DEMAND',
  medium: 'HEAT',
  defaultGenerator: 'RESIDENTIAL_HEAT',
});
