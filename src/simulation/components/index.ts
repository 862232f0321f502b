/** Registry of component kinds and the media rules for connections between them. */
import type { ComponentKind, Medium } from '../types.js';
import { batteryComponent } from './battery.js';
import { electricBoilerComponent } from './electric-boiler.js';
import { electricDemandComponent } from './electric-demand.js';
import { gridComponent } from './grid.js';
import { heatDemandComponent } from './heat-demand.js';
import { heatPumpComponent } from './heat-pump.js';
import type { ComponentModule } from './module.js';
import { solarPvComponent } from './solar-pv.js';
import { thermalStorageComponent } from './thermal-storage.js';
import { windTurbineComponent } from './wind-turbine.js';

export { capexEur, capexSize } from './economics.js';
export { windPowerFraction } from './wind-turbine.js';
export { carnotCop } from './heat-pump.js';
export type { ComponentModule } from './module.js';

export const COMPONENT_MODULES: Record<ComponentKind, ComponentModule> = {
  GRID: gridComponent,
  SOLAR_PV: solarPvComponent,
  WIND_TURBINE: windTurbineComponent,
  BATTERY: batteryComponent,
  ELECTRIC_DEMAND: electricDemandComponent,
  HEAT_DEMAND: heatDemandComponent,
  HEAT_PUMP: heatPumpComponent,
  ELECTRIC_BOILER: electricBoilerComponent,
  THERMAL_STORAGE: thermalStorageComponent,
};

export const COMPONENT_KINDS = Object.keys(COMPONENT_MODULES) as ComponentKind[];

/** Which kinds may send and receive each medium (the preamble's connection rules). */
export const MEDIUM_ENDS: Record<Medium, { from: readonly ComponentKind[]; to: readonly ComponentKind[] }> = {
  ELECTRICITY: {
    from: ['GRID', 'SOLAR_PV', 'WIND_TURBINE', 'BATTERY'],
    to: ['GRID', 'BATTERY', 'ELECTRIC_DEMAND', 'HEAT_PUMP', 'ELECTRIC_BOILER'],
  },
  HEAT: {
    from: ['HEAT_PUMP', 'ELECTRIC_BOILER', 'THERMAL_STORAGE'],
    to: ['THERMAL_STORAGE', 'HEAT_DEMAND'],
  },
};
