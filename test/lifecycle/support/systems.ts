// Systems for lifecycle tests: small and fast, or a year long enough to keep a worker busy.

/** PV, battery, grid and a house over `timesteps` hourly steps. */
export function houseSystem(name = 'House A', timesteps = 24) {
  return {
    name,
    horizon: { timesteps, timestepHours: 1, startDayOfYear: 172 },
    components: [
      { id: 'grid', kind: 'GRID' },
      { id: 'pv', kind: 'SOLAR_PV', peakKw: 5 },
      { id: 'battery', kind: 'BATTERY', energyKwh: 8 },
      { id: 'house', kind: 'ELECTRIC_DEMAND', peakKw: 3 },
    ],
    connections: [
      { from: 'pv', to: 'house', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'battery', medium: 'ELECTRICITY' },
      { from: 'battery', to: 'house', medium: 'ELECTRICITY' },
      { from: 'grid', to: 'house', medium: 'ELECTRICITY' },
      { from: 'pv', to: 'grid', medium: 'ELECTRICITY' },
    ],
  };
}

/** A year of optimal dispatch with binaries: seconds of solver time in one worker. */
export const SLOW_OPTIONS = { solver: 'OPTIMAL', forbidSimultaneous: true } as const;
export const yearSystem = (name = 'Year') => houseSystem(name, 8760);

export function until(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000, stepMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = async () => {
      try {
        if (await condition()) return resolve();
      } catch {
        // keep polling: the condition may read a database that is coming back
      }
      if (Date.now() > deadline) return reject(new Error(`condition not met within ${timeoutMs} ms`));
      setTimeout(check, stepMs);
    };
    void check();
  });
}

export const quiet = () => undefined;
