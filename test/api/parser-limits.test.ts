// The pre-parse scan (src/graphql/parser-limits.ts) counts tokens exactly as graphql-js's lexer
// does for valid documents, so its token limit refuses what the parser's own limit would,
// only sooner; and the nesting it reports is the document's.
import fs from 'node:fs';
import { Lexer, Source, TokenKind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GRAPHIQL_DEFAULT_DOCUMENT } from '../../src/graphql/graphiql-document.js';
import { documentShape } from '../../src/graphql/parser-limits.js';
import { TRUSTED_MANIFESTS } from '../../src/graphql/trusted-documents.js';

function lexerTokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  while (lexer.advance().kind !== TokenKind.EOF) tokens++;
  return tokens;
}

const TRICKY = [
  'query($a: [Float!] = [1.5, -2e3, 0, 4E+2]) { runs(filter: { systemName: { contains: "a \\" } b" } }) { ...F } } fragment F on SimulationRun { id } # a comment { [ (',
  '"""a block " string with { braces """ type A { b: String! @deprecated(reason: "x") }',
  '{ a: runs(first: 1) { totalCount } b: __typename ... on Query { __typename } }',
  'mutation M($x: JSON = {k: [1 2 {n: null}]}) { __typename }',
];

describe('documentShape', () => {
  const documents = [GRAPHIQL_DEFAULT_DOCUMENT, ...TRICKY, ...TRUSTED_MANIFESTS.flatMap((f) => Object.values(JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, string>))];

  it('counts the tokens graphql-js lexes, for every trusted document and tricky syntax', () => {
    expect(documents.length).toBeGreaterThan(10);
    for (const document of documents) expect(documentShape(document).tokens, document.slice(0, 80)).toBe(lexerTokens(document));
  });

  it('reports nesting outside strings and comments, and stops early above a bound', () => {
    expect(documentShape('{ a { b { c } } }').depth).toBe(3);
    expect(documentShape('{ a(s: "{{{{") # {{{{\n }').depth).toBe(2);
    const deep = '{'.repeat(1000);
    expect(documentShape(deep, 10).depth).toBe(11);
    expect(documentShape('a '.repeat(1000), Infinity, 50).tokens).toBe(51);
  });
});
