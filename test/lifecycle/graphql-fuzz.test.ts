// Property-based fuzzing of runSimulation through Yoga (HTTP layer included): random mutations
// of a small valid system, from valid to hostile. Every answer is a JSON GraphQL response that
// is either a finished run or a typed input error; a rejected input leaves no row behind, and
// the server keeps answering.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulationRunner } from '../../src/runner/runner.js';
import { startApi, type ApiHarness } from '../api/support.js';
import { PROVIDERS } from '../support/databases.js';
import { houseSystem, quiet } from './support/systems.js';

const TYPED_INPUT_ERRORS = ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST'];
const RUNS_PER_PROVIDER = 30;

type Json = Record<string, any>;
type Mutation = { label: string; apply: (input: Json) => void };
const ids = ['pv', 'battery', 'house', 'grid'];
const componentFields = ['peakKw', 'energyKwh', 'initialSoc', 'chargeEfficiency', 'maxImportKw', 'annualKwh', 'socMin'];

const deepJunk = fc.letrec<{ junk: unknown }>((tie) => ({
  junk: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null)),
    fc.array(tie('junk'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('junk'), { maxKeys: 3 }),
  ),
})).junk;

/** Values that JSON can carry and a Float/Int/String/List field should not accept or must bound. */
const wrongValue = fc.oneof(
  fc.constantFrom<unknown>('NaN', 'Infinity', '-Infinity', '1e999', '', 'abc', '42', true, null, {}, [], [1, 2], { value: 1 }),
  fc.constantFrom<unknown>(-1, -1e9, 0, 1e12, 1e300, 2_147_483_648, -2_147_483_649, 0.5),
  deepJunk,
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Negative, zero, huge sizes and wrong JSON types on component parameters.
  fc.tuple(fc.nat(3), fc.constantFrom(...componentFields), wrongValue).map(([i, f, v]) => ({
    label: `components[${i}].${f}=${JSON.stringify(v)}`,
    apply: (s: Json) => void (s.system.components[i][f] = v),
  })),
  fc.tuple(fc.constantFrom('timesteps', 'timestepHours', 'startDayOfYear'), wrongValue).map(([f, v]) => ({
    label: `horizon.${f}=${JSON.stringify(v)}`,
    apply: (s: Json) => void (s.system.horizon[f] = v),
  })),
  fc.tuple(fc.constantFrom('name', 'seed', 'discountRate', 'components', 'connections', 'horizon', 'location'), wrongValue).map(([f, v]) => ({
    label: `system.${f}=${JSON.stringify(v)}`,
    apply: (s: Json) => void (s.system[f] = v),
  })),
  // Wrong enum values.
  fc.tuple(fc.nat(3), fc.constantFrom('NUCLEAR', 'grid', 'Solar_PV', '', 7)).map(([i, kind]) => ({
    label: `components[${i}].kind=${JSON.stringify(kind)}`,
    apply: (s: Json) => void (s.system.components[i].kind = kind),
  })),
  fc.constantFrom('STEAM', 'electricity', 3).map((medium) => ({
    label: `connections[0].medium=${JSON.stringify(medium)}`,
    apply: (s: Json) => void (s.system.connections[0].medium = medium),
  })),
  fc.constantFrom('NOPE', 'optimal', 1).map((solver) => ({
    label: `options.solver=${JSON.stringify(solver)}`,
    apply: (s: Json) => void (s.options = { solver }),
  })),
  // Unknown ids, self-loops and duplicates in the graph.
  fc.tuple(fc.constantFrom(...ids, 'ghost', ''), fc.constantFrom(...ids, 'ghost', '')).map(([from, to]) => ({
    label: `connection ${from}->${to}`,
    apply: (s: Json) => void s.system.connections.push({ from, to, medium: 'ELECTRICITY' }),
  })),
  fc.constantFrom(...ids).map((id) => ({
    label: `self-loop ${id}`,
    apply: (s: Json) => void s.system.connections.push({ from: id, to: id, medium: 'ELECTRICITY' }),
  })),
  fc.nat(2).map((i) => ({
    label: `duplicate id of components[${i}]`,
    apply: (s: Json) => void (s.system.components[i + 1].id = s.system.components[i].id),
  })),
  fc.constant<Mutation>({ label: 'duplicate connection', apply: (s) => void s.system.connections.push({ ...s.system.connections[0] }) }),
  // Profiles of the wrong length or with junk entries.
  fc.tuple(fc.nat(3), fc.oneof(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 40 }), fc.constant(['NaN', 1]), fc.constant([null]))).map(
    ([i, values]) => ({
      label: `components[${i}].profile.values(length ${values.length})`,
      apply: (s: Json) => void (s.system.components[i].profile = { values }),
    }),
  ),
  // Required fields missing.
  fc.constantFrom('name', 'components', 'connections').map((f) => ({ label: `delete system.${f}`, apply: (s: Json) => void delete s.system[f] })),
  fc.tuple(fc.nat(3), fc.constantFrom('id', 'kind')).map(([i, f]) => ({
    label: `delete components[${i}].${f}`,
    apply: (s: Json) => void delete s.system.components[i][f],
  })),
  fc.constantFrom('from', 'to', 'medium').map((f) => ({ label: `delete connections[0].${f}`, apply: (s: Json) => void delete s.system.connections[0][f] })),
  fc.constant<Mutation>({ label: 'delete system', apply: (s) => void delete s.system }),
  // Unknown fields at each level.
  fc.tuple(fc.constantFrom('input', 'system', 'component', 'connection', 'horizon'), deepJunk).map(([where, v]) => ({
    label: `unknown field on ${where}`,
    apply: (s: Json) => {
      const target = { input: s, system: s.system, component: s.system.components[0], connection: s.system.connections[0], horizon: s.system.horizon }[where]!;
      target.notAField = v;
    },
  })),
  // Whole structures replaced by the wrong shape.
  fc.constant<Mutation>({ label: 'components as an object', apply: (s) => void (s.system.components = { pv: { kind: 'SOLAR_PV' } }) }),
  fc.constant<Mutation>({ label: 'system as a list', apply: (s) => void (s.system = [s.system]) }),
  fc.constant<Mutation>({ label: 'tags as a string', apply: (s) => void (s.tags = 'a,b') }),
);

const fuzzCase = fc.record({
  timesteps: fc.integer({ min: 1, max: 48 }),
  // Empty: a wholly valid system, so the valid path is exercised too.
  mutations: fc.oneof(
    { arbitrary: fc.constant([] as Mutation[]), weight: 1 },
    { arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }), weight: 3 },
  ),
});

const RUN = `mutation($input: RunSimulationInput!) { runSimulation(input: $input) { run { id status } } }`;

describe.each(PROVIDERS)('runSimulation fuzzing through the server on %s', (provider) => {
  let api: ApiHarness;
  let runner: SimulationRunner | undefined;
  beforeAll(async () => {
    api = await startApi(provider, (db) => (runner = new SimulationRunner(db, { poolSize: 1, log: quiet })));
  });
  afterAll(async () => {
    await runner?.close();
    await api?.close();
  });

  const post = async (input: unknown) => {
    const response = await api.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: RUN, variables: { input } }),
    });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
  };

  it(`every mutated input ends in a COMPLETED/FAILED run or a typed input error, with no partial rows (${RUNS_PER_PROVIDER} cases)`, async () => {
    // The unmutated system is a COMPLETED run: the property below is not vacuously "all rejected".
    const baseline = await api.db.prisma.simulationRun.count();
    const control = JSON.parse((await post({ system: houseSystem(`Fuzz control ${provider}`) })).text);
    expect(control).toEqual({ data: { runSimulation: { run: { id: expect.any(String), status: 'COMPLETED' } } } });
    expect(await api.db.prisma.simulationRun.count()).toBe(baseline + 1);

    let valid = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCase, async ({ timesteps, mutations }) => {
        const input: Json = { system: houseSystem(`Fuzz ${provider}`, timesteps) };
        for (const m of mutations) {
          try {
            m.apply(input);
          } catch {
            // An earlier mutation removed or replaced the part this one edits: the input is already hostile.
          }
        }
        const context = `mutations: ${mutations.map((m) => m.label).join('; ') || '(none)'}`;

        const before = await api.db.prisma.simulationRun.count();
        const response = await post(input);
        expect(response.status, context).toBeLessThan(500);
        expect(response.contentType, context).toMatch(/json/);
        const body = JSON.parse(response.text) as { data?: Json | null; errors?: Json[] };
        const after = await api.db.prisma.simulationRun.count();

        const status = body.data?.runSimulation?.run?.status;
        if (status !== undefined) {
          expect(body.errors, context).toBeUndefined();
          expect(['COMPLETED', 'FAILED'], context).toContain(status);
          expect(after, `${context}: one row per run`).toBe(before + 1);
          valid++;
        } else {
          expect(body.errors?.length, `${context}: ${response.text}`).toBeGreaterThan(0);
          const first = body.errors![0]!;
          expect(first.message, context).not.toBe('Unexpected error.');
          expect(TYPED_INPUT_ERRORS, `${context}: ${response.text}`).toContain(first.extensions?.code);
          expect(after, `${context}: a rejected input leaves no row`).toBe(before);
          rejected++;
        }

        const ping = await api.gql('{ __typename }');
        expect(ping, context).toEqual({ data: { __typename: 'Query' } });
      }),
      { numRuns: RUNS_PER_PROVIDER, interruptAfterTimeLimit: 50_000, markInterruptAsFailure: false },
    );
    // With three in four cases mutated, a run without a single rejection means the mutations broke.
    expect(rejected).toBeGreaterThan(0);
    console.info(`[graphql-fuzz ${provider}] valid runs: ${valid}, rejected: ${rejected}`);
  }, 90_000);
});
