// The example study files (examples/studies/*.json, `{ input }` for runStudy) are valid
// RunStudyInput values and valid studies: what the README's curl sends would start.
import fs from 'node:fs';
import path from 'node:path';
import { coerceInputValue, type GraphQLInputType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema.js';
import { withoutNulls } from '../../src/graphql/system-input.js';
import { parseSystemConfig } from '../../src/simulation/config.js';
import { studyKind, validateStudySpec, type StudySpec } from '../../src/studies/spec.js';

const dir = path.resolve(import.meta.dirname, '../../examples/studies');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

describe.each(files)('example study %s', (file) => {
  it('coerces to RunStudyInput and validates as a study', () => {
    const { input } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const coerced = withoutNulls(coerceInputValue(input, schema.getType('RunStudyInput') as GraphQLInputType)) as Record<string, unknown>;
    const system = parseSystemConfig(coerced.system);
    if (!system.ok) throw new Error(JSON.stringify(system.issues));
    const spec = { parametric: coerced.parametric, monteCarlo: coerced.monteCarlo, sizing: coerced.sizing, pareto: coerced.pareto } as StudySpec;
    expect(studyKind(withoutNulls(spec) as StudySpec)).not.toBeNull();
    expect(validateStudySpec(system.config!, withoutNulls(spec) as StudySpec, { maxTrials: 10_000 })).toEqual([]);
  });
});

it('there is a sweep, a Monte Carlo, a sizing and a Pareto example', () => {
  expect(files.sort()).toEqual(['battery-size-sweep.json', 'cost-co2-pareto.json', 'price-monte-carlo.json', 'pv-battery-sizing.json']);
});
