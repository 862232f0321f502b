/**
 * THERMAL_STORAGE (heat), e.g. a hot-water tank. Defaults: 98 % charge and discharge
 * efficiency (heat exchangers), usable 0–100 %, start half full, standing loss 0.5 %/h
 * (a domestic tank loses roughly 10 % of its content per day), terminal condition FREE.
 * Economics: 40 EUR/kWh, no fixed O&M, 25 years, embodied 15 kgCO2/kWh × energyKwh.
 */
import { economics } from './economics.js';
import { defineStorage } from './storage.js';

export const THERMAL_STORAGE_DEFAULTS = {
  chargeEfficiency: 0.98,
  dischargeEfficiency: 0.98,
  socMin: 0,
  socMax: 1,
  initialSoc: 0.5,
  lossPerHour: 0.005,
  terminalCondition: 'FREE',
  powerPerEnergyPerHour: 0.5,
  capexEurPerKwh: 40,
  lifetimeYears: 25,
  embodiedKgCo2PerKwh: 15,
} as const;

export const thermalStorageComponent = defineStorage({
  kind: 'THERMAL_STORAGE',
  medium: 'HEAT',
  lossParameter: 'lossPerHour',
  defaults: THERMAL_STORAGE_DEFAULTS,
  defaultEconomics: (energyKwh) =>
    economics({
      capexEurPerKwh: THERMAL_STORAGE_DEFAULTS.capexEurPerKwh,
      lifetimeYears: THERMAL_STORAGE_DEFAULTS.lifetimeYears,
      embodiedKgCo2: THERMAL_STORAGE_DEFAULTS.embodiedKgCo2PerKwh * energyKwh,
    }),
});
