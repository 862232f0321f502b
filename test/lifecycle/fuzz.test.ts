// Property-based fuzzing of runSimulation input: random and malformed systems (NaN/Infinity,
// huge arrays, negative sizes, cycles, unknown ids, wrong lengths). Each call ends in a typed
// RunInputError or a logged run; the runner keeps working, and the database never holds a
// partial row (nothing QUEUED/RUNNING, every COMPLETED run with its series).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunInputError, SimulationRunner } from '../../src/runner/runner.js';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../support/databases.js';
import { houseSystem, quiet } from './support/systems.js';

const hostileValue = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER),
  fc.double(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.string({ maxLength: 20 }),
  fc.constantFrom(null, undefined, true, {}, [], [1, 2, 3], { constant: Number.NaN }, { values: [] }),
  fc.constantFrom('__proto__', 'constructor', 'GRID', 'pv', 'nowhere'),
);

type System = ReturnType<typeof houseSystem> & Record<string, unknown>;
type Mutation = (s: System) => void;

const field = fc.constantFrom('peakKw', 'energyKwh', 'kind', 'id', 'maxImportKw', 'initialSoc', 'chargeEfficiency', 'profile', 'demandKw');
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(3), field, hostileValue).map(([i, name, value]): Mutation => (s) => {
    (s.components[i] as Record<string, unknown>)[name] = value;
  }),
  fc.tuple(fc.constantFrom('timesteps', 'timestepHours', 'startDayOfYear'), hostileValue).map(([name, value]): Mutation => (s) => {
    (s.horizon as Record<string, unknown>)[name] = value;
  }),
  fc.tuple(fc.constantFrom('name', 'seed', 'discountRate', 'components', 'connections', 'horizon', 'location'), hostileValue).map(
    ([name, value]): Mutation => (s) => {
      (s as Record<string, unknown>)[name] = value;
    },
  ),
  // Unknown ids, cycles, self-loops and wrong media in the connections.
  fc.tuple(fc.constantFrom('pv', 'battery', 'house', 'grid', 'ghost'), fc.constantFrom('pv', 'battery', 'house', 'grid', 'ghost'), fc.constantFrom('ELECTRICITY', 'HEAT', 'STEAM')).map(
    ([from, to, medium]): Mutation => (s) => {
      s.connections.push({ from, to, medium } as never);
    },
  ),
  // Profiles of the wrong length, with non-finite entries, or far too long.
  fc.tuple(fc.nat(3), fc.oneof(fc.array(fc.double(), { maxLength: 60 }), fc.constant(new Array(2_000_001).fill(1)))).map(
    ([i, values]): Mutation => (s) => {
      (s.components[i] as Record<string, unknown>).profile = { values };
    },
  ),
  fc.constant<Mutation>((s) => {
    s.components[1] = { ...s.components[0]! }; // duplicate id
  }),
  fc.constant<Mutation>((s) => {
    s.components = Array.from({ length: 150 }, (_, i) => ({ id: `pv${i}`, kind: 'SOLAR_PV', peakKw: 1 }));
  }),
);

const request = fc.record({
  timesteps: fc.integer({ min: 1, max: 48 }),
  mutations: fc.array(mutation, { maxLength: 3 }),
  solver: fc.constantFrom('RULE_BASED', 'OPTIMAL', 'HYBRID', 'NOPE', undefined),
  tags: fc.option(fc.array(fc.string({ maxLength: 80 }), { maxLength: 40 }), { nil: undefined }),
});

describe.each(PROVIDERS)('fuzzed runSimulation input on %s', (provider) => {
  let db: TestDatabase;
  let runner: SimulationRunner;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    runner = new SimulationRunner(db, { poolSize: 2, log: quiet });
  });
  afterAll(async () => {
    await runner?.close();
    await db?.drop();
  });

  it('every input gets a typed error or a logged run, and no partial rows remain', async () => {
    let logged = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(request, async ({ timesteps, mutations, solver, tags }) => {
        const system = houseSystem('Fuzz', timesteps) as System;
        for (const mutate of mutations) {
          try {
            mutate(system);
          } catch {
            // An earlier mutation replaced the container this one edits: the input stays hostile.
          }
        }
        try {
          const outcome = await runner.runSimulation({ system, options: solver ? { solver } : {}, tags });
          expect(['COMPLETED', 'FAILED']).toContain(outcome.run!.status);
          expect(outcome.logDeferred).toBe(false);
          logged++;
        } catch (error) {
          expect(error).toBeInstanceOf(RunInputError);
          const issues = (error as RunInputError).issues;
          expect(issues.length).toBeGreaterThan(0);
          for (const issue of issues) expect(issue.message.length).toBeGreaterThan(0);
          rejected++;
        }
      }),
      { numRuns: 60, seed: provider === 'sqlite' ? 4242 : 2424 },
    );
    // Both kinds of outcome were exercised, and the log holds exactly the admitted runs.
    expect(logged).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
    expect(await db.prisma.simulationRun.count()).toBe(logged);
    expect(await db.prisma.simulationRun.count({ where: { status: { notIn: ['COMPLETED', 'FAILED'] } } })).toBe(0);
    const completed = await db.prisma.simulationRun.count({ where: { status: 'COMPLETED' } });
    expect(await db.prisma.runResult.count()).toBe(completed);
  });
});
