/**
 * BATTERY (electricity). Defaults: 95 % charge and discharge efficiency (≈ 90 % round trip, a
 * lithium-ion home battery), usable window 10–100 %, start half full, self-discharge
 * 0.01 %/h (≈ 7 %/month), terminal condition FREE (the end level is not constrained: the
 * rule-based solver cannot enforce one, and a free end never makes a model infeasible).
 * Economics: 500 EUR/kWh, fixed O&M 5 EUR/kWh·a, 12 years, embodied 100 kgCO2/kWh × energyKwh.
 */
import { economics } from './economics.js';
import { defineStorage } from './storage.js';

export const BATTERY_DEFAULTS = {
  chargeEfficiency: 0.95,
  dischargeEfficiency: 0.95,
  socMin: 0.1,
  socMax: 1,
  initialSoc: 0.5,
  lossPerHour: 0.0001,
  terminalCondition: 'FREE',
  powerPerEnergyPerHour: 0.5,
  capexEurPerKwh: 500,
  fixedOmEurPerKwhYear: 5,
  lifetimeYears: 12,
  embodiedKgCo2PerKwh: 100,
} as const;

export const batteryComponent = defineStorage({
  kind: 'BATTERY',
  medium: 'ELECTRICITY',
  lossParameter: 'selfDischargePerHour',
  defaults: BATTERY_DEFAULTS,
  defaultEconomics: (energyKwh) =>
    economics({
      capexEurPerKwh: BATTERY_DEFAULTS.capexEurPerKwh,
      fixedOmEurPerYear: BATTERY_DEFAULTS.fixedOmEurPerKwhYear * energyKwh,
      lifetimeYears: BATTERY_DEFAULTS.lifetimeYears,
      embodiedKgCo2: BATTERY_DEFAULTS.embodiedKgCo2PerKwh * energyKwh,
    }),
});
