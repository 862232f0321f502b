/**
 * The runs CSV's columns and the bytes of its lines: everything of an export but the query, with
 * no GraphQL or Prisma imports, so the export thread (csv-export-thread.ts) loads only this and
 * the drivers.
 */
import { RUN_KPI_FIELDS } from '../db/run-filters.js';
import type { RunListColumn } from '../db/run-sql.js';
import { KPI_PRESENTATION, headerWithUnit } from '../results/kpi-units.js';
import { csvLine, csvNumber, csvText } from './csv.js';

/** Bytes per chunk the export hands the HTTP response. */
export const CHUNK_BYTES = 256 * 1024;
/** Lines joined before each UTF-8 write: a write per line costs a call each, a write per batch
 *  keeps every cell string of the batch alive (and copied by the GC) until it is encoded. */
const ROWS_PER_WRITE = 16;

/**
 * UTF-8 bytes written straight into chunk buffers, so no batch-sized string is ever built,
 * flattened and encoded in one piece.
 */
class ChunkWriter {
  private buffer: Buffer;
  private used = 0;
  private readonly full: Buffer[] = [];

  constructor(private readonly chunkBytes: number) {
    this.buffer = Buffer.allocUnsafeSlow(chunkBytes);
  }

  write(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8: with that much room the write never cuts.
    if (this.buffer.length - this.used < text.length * 3) {
      if (this.used > 0) this.full.push(this.buffer.subarray(0, this.used));
      this.buffer = Buffer.allocUnsafeSlow(Math.max(this.chunkBytes, text.length * 3));
      this.used = 0;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** A finished chunk, if one filled up since the last call. */
  takeIfFull(): Buffer | undefined {
    if (this.full.length === 0) return undefined;
    return this.full.length === 1 ? this.full.pop() : Buffer.concat(this.full.splice(0));
  }

  /** Everything written and not yet taken; nothing may be written after. */
  finish(): Buffer | undefined {
    if (this.used > 0) this.full.push(this.buffer.subarray(0, this.used));
    this.used = this.buffer.length;
    return this.takeIfFull();
  }
}

/** A row as the export reads it: the values of `compileRunExport`'s names, in that order. */
export type Values = readonly unknown[];
type Cell = (row: Values) => string;

interface RunColumn {
  header: string;
  /** The database columns the cell is made of. */
  reads: readonly RunListColumn[];
  /** Builds the cell function once per export, given the row index of each column it reads. */
  cell: (...indexes: number[]) => Cell;
  /** A plain number cell (see numberRun). */
  plainNumber?: true;
}

const text = (name: RunListColumn, header: string = name): RunColumn => ({ header, reads: [name], cell: (i) => (r) => (r[i] == null ? '' : csvText(String(r[i]))) });
const number = (name: RunListColumn, header: string = name): RunColumn => ({
  header,
  reads: [name],
  cell: (i) => (r) => (r[i] == null ? '' : csvNumber(Number(r[i]))),
  plainNumber: true,
});
const timestamp = (name: RunListColumn): RunColumn => ({ header: name, reads: [name], cell: (i) => (r) => isoUtc(r[i]) });

/** A JSON list column as `a; b` (most runs' warnings are `[]`: no parse for those). */
const jsonList = (name: RunListColumn, header: string): RunColumn => ({
  header,
  reads: [name],
  cell: (i) => (r) => {
    const json = r[i];
    if (typeof json !== 'string' || json === '[]') return '';
    try {
      const parsed = JSON.parse(json) as unknown;
      return Array.isArray(parsed) ? csvText(parsed.map(String).join('; ')) : '';
    } catch {
      return '';
    }
  },
});

/**
 * Timestamps as the API writes them (`Date.toISOString()`): SQLite holds Prisma's
 * `2026-03-14T21:13:52.688+00:00`, PostgreSQL's arrive formatted with a `Z` (run-sql.ts).
 * ISO text never needs quoting or escaping.
 */
const PRISMA_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;
function isoUtc(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string') {
    if (value.endsWith('Z') && value.length === 24) return value;
    if (PRISMA_UTC.test(value)) return `${value.slice(0, 23)}Z`;
  }
  const date = value instanceof Date ? value : new Date(value as string);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** Global ids, as encodeGlobalID writes them (base64 of `Type:id`), without its per-call work. */
const globalId = (type: string, name: RunListColumn, header: string): RunColumn => ({
  header,
  reads: [name],
  cell: (i) => (r) => (r[i] == null ? '' : Buffer.from(`${type}:${String(r[i])}`, 'utf8').toString('base64')),
});

/** Every column a run list reads, with units in the header where the value has one. */
export const RUN_CSV_COLUMNS: readonly RunColumn[] = [
  globalId('SimulationRun', 'id', 'id'),
  text('id', 'databaseId'),
  text('systemName'),
  text('status'),
  text('solver'),
  text('objective'),
  globalId('Study', 'studyId', 'studyId'),
  jsonList('tagsJson', 'tags'),
  timestamp('createdAt'),
  timestamp('startedAt'),
  timestamp('finishedAt'),
  {
    header: headerWithUnit('durationMs', 'ms'),
    reads: ['startedAt', 'finishedAt'],
    cell: (s, f) => (r) => (r[s] != null && r[f] != null ? csvNumber(Date.parse(isoUtc(r[f])) - Date.parse(isoUtc(r[s]))) : ''),
  },
  number('timesteps'),
  number('timestepHours', headerWithUnit('timestepHours', 'h')),
  ...RUN_KPI_FIELDS.map((k) => number(k, headerWithUnit(k, KPI_PRESENTATION[k].unit))),
  text('solveStatus'),
  text('solverMessage'),
  number('objectiveValue'),
  number('solveMs', headerWithUnit('solveMs', 'ms')),
  number('variableCount'),
  number('constraintCount'),
  number('iterationCount'),
  number('mipGap'),
  text('errorCode'),
  text('errorMessage'),
  jsonList('warningsJson', 'warnings'),
  text('engineVersion'),
];

export const RUN_CSV_READS: readonly RunListColumn[] = [...new Set(RUN_CSV_COLUMNS.flatMap((c) => c.reads))];

/**
 * The row formatter for a column list, built once per list: V8 keeps type feedback and
 * optimised code with each closure, so cells built anew for every export started every
 * export cold. Lists differ only by the parameter orderings read; a handful at most.
 */
const formatters = new Map<string, (row: Values) => string>();
export function formatterFor(names: readonly string[]): (row: Values) => string {
  const key = names.join(',');
  let formatter = formatters.get(key);
  if (!formatter) {
    if (formatters.size >= 32) formatters.clear();
    formatter = rowFormatter(names);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** One function from a row (in `names` order) to its CSV line. */
function rowFormatter(names: readonly string[]): (row: Values) => string {
  const indexOf = (name: string) => {
    const index = names.indexOf(name);
    if (index < 0) throw new Error(`csv-export: column ${name} was not read`);
    return index;
  };
  const cells: Cell[] = [];
  for (let c = 0; c < RUN_CSV_COLUMNS.length; ) {
    const start = indexOf(RUN_CSV_COLUMNS[c].reads[0]);
    let end = c;
    while (end < RUN_CSV_COLUMNS.length && RUN_CSV_COLUMNS[end].plainNumber && indexOf(RUN_CSV_COLUMNS[end].reads[0]) === start + end - c) end++;
    if (end - c > 1) {
      const each = RUN_CSV_COLUMNS.slice(c, end).map((column, k) => column.cell(start + k));
      cells.push(numberRun(start, start + end - c, each));
      c = end;
    } else {
      const column = RUN_CSV_COLUMNS[c++];
      cells.push(column.cell(...column.reads.map(indexOf)));
    }
  }
  const count = cells.length;
  return (row) => {
    let line = cells[0](row);
    for (let c = 1; c < count; c++) line += ',' + cells[c](row);
    return line + '\r\n';
  };
}

const NULLS = /null/g;

/**
 * Number cells read from consecutive row positions [start, end), written by one native
 * JSON.stringify instead of a function call and two string joins per cell (a third of the
 * formatting time of a 45-column row). JSON writes a finite number exactly as String() does,
 * and null, NaN and infinities as `null`, which becomes the empty cell that csvNumber writes
 * for them. A value that is not a number (a driver that returns some type as text) shows as a
 * quote in the JSON; such a row goes cell by cell.
 */
function numberRun(start: number, end: number, each: readonly Cell[]): Cell {
  return (row) => {
    const json = JSON.stringify(row.slice(start, end));
    if (json.includes('"')) return each.map((cell) => cell(row)).join(',');
    const cells = json.slice(1, -1);
    return cells.includes('null') ? cells.replace(NULLS, '') : cells;
  };
}

/**
 * The CSV, header first, as chunks of about `chunkBytes`, from rows in batches (each row holds
 * the values of `names`, in that order). The next batch is read only when the consumer asks for
 * the next chunk: memory stays flat however many rows there are.
 */
export async function* runCsvChunks(batches: Iterable<Values[]> | AsyncIterable<Values[]>, names: readonly string[], chunkBytes = CHUNK_BYTES): AsyncGenerator<Buffer> {
  const line = formatterFor(names);
  const out = new ChunkWriter(chunkBytes);
  out.write(csvLine(RUN_CSV_COLUMNS.map((c) => c.header)));
  for await (const batch of batches) {
    let lines = '';
    let count = 0;
    for (const row of batch) {
      lines += line(row);
      if (++count === ROWS_PER_WRITE) {
        out.write(lines);
        lines = '';
        count = 0;
      }
    }
    out.write(lines);
    const full = out.takeIfFull();
    if (full) yield full;
  }
  const last = out.finish();
  if (last) yield last;
}
