// The committed schema.graphql matches the code, and the flat ComponentInput offers exactly
// the parameters the engine's component registry knows (so the two cannot drift apart).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { GraphQLInputObjectType } from 'graphql';
import { COMPONENT_MODULES } from '../../src/simulation/components/index.js';
import { ECONOMICS_KEYS } from '../../src/simulation/components/economics.js';
import { schema } from '../../src/graphql/schema.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('schema', () => {
  it('schema.graphql is up to date (scripts/print-schema.ts --check)', async () => {
    const tsx = path.join(root, 'node_modules/.bin/tsx');
    const { stdout } = await promisify(execFile)(tsx, ['scripts/print-schema.ts', '--check'], { cwd: root });
    expect(stdout).toMatch(/up to date/);
  });

  it('ComponentInput has one field per engine parameter, and no other', () => {
    const fields = Object.keys((schema.getType('ComponentInput') as GraphQLInputObjectType).getFields()).filter((f) => f !== 'id' && f !== 'kind');
    const engine = new Set<string>([...ECONOMICS_KEYS, ...Object.values(COMPONENT_MODULES).flatMap((m) => m.parameterNames)]);
    expect([...fields].sort()).toEqual([...engine].sort());
  });

  it('ComponentKind lists every engine component kind', () => {
    const kinds = (schema.getType('ComponentKind') as unknown as { getValues(): { name: string }[] }).getValues().map((v) => v.name);
    expect(kinds.sort()).toEqual(Object.keys(COMPONENT_MODULES).sort());
  });
});
