/**
 * Every limit the API enforces, in one place (docs/api.md lists them). Generous for real use —
 * a year of hourly profile values is ~200 KB of JSON — but bounded, so one request cannot
 * exhaust the server.
 */
export const LIMITS = {
  /** Page size when neither `first` nor `last` is given. */
  defaultPageSize: 20,
  /** Largest `first` / `last`; larger is an error, not a silent clamp. */
  maxPageSize: 100,
  /** Selection-set nesting depth of one operation (fragments flattened; graphql-armor). */
  maxDepth: 12,
  /** Aliased fields in one operation (graphql-armor): the explorer and examples use none. */
  maxAliases: 50,
  /** Directives in one operation (graphql-armor). */
  maxDirectives: 50,
  /** Fields selected on one level. */
  maxBreadth: 200,
  /** Estimated cost of one operation: 1 per field, connections × their page size, a stored
   *  series 100 (graphql-armor while validating, Pothos complexity when executing). A full page of 100 runs with every field fits; a page of studies each with a
   *  full page of runs does not. */
  maxComplexity: 20_000,
  /** Request bodies larger than this are refused with 413 before they are parsed. */
  maxRequestBodyBytes: 10 * 1024 * 1024,
  /** Filters: nesting of and/or/not, and entries of one `in`/`notIn` list. */
  maxFilterDepth: 6,
  maxFilterListLength: 500,
  /** Entries of an orderBy list (the id tie-break is added on top). */
  maxOrderFields: 5,
  /** Nesting of `{`/`[`/`(` in a document's text, checked before parsing (the parser recurses
   *  per level). Selections (12) plus a filter (6 levels of 2) plus a JSON literal fit. */
  maxDocumentNesting: 64,
  /** Lexical tokens of one document (graphql-armor's parser); a year of hourly values inline
   *  is ~17,500. */
  maxDocumentTokens: 50_000,
  /** Nesting of objects/arrays in the variables (JSON metadata, RunFilter, system input). */
  maxVariableNesting: 64,
  maxStudyNameLength: 200,
  maxStudyDescriptionLength: 10_000,
} as const;
