/**
 * CSV cells (RFC 4180) that are safe to open in a spreadsheet. A text cell starting with
 * = + - @ (or a tab or carriage return) is a formula to Excel, LibreOffice and Google Sheets
 * ("CSV injection"): such cells get a leading apostrophe, which every one of them shows as
 * text. Numbers are written as numbers and never escaped, so a negative NPV stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return csvNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value instanceof Date ? quoteIfNeeded(value.toISOString()) : csvText(value);
}

/** A number cell: never escaped (a negative NPV stays a number); NaN and infinities are empty. */
export function csvNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** A text cell: formula starts neutralised, quoted per RFC 4180 where needed. The first
 *  character is tested by code instead of a regex: this runs for every text cell of an export. */
export function csvText(value: string): string {
  if (value.length === 0) return '';
  const first = value.charCodeAt(0);
  // = + - @ tab CR
  const text = first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13 ? `'${value}` : value;
  return quoteIfNeeded(text);
}

function quoteIfNeeded(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}
