/**
 * Free-format MPS text of an LpModel, so the exact model the engine solves can be handed to
 * another solver (the native-HiGHS benchmark) or inspected when debugging. Numbers are written
 * with JavaScript's shortest round-trip representation, so reading them back is lossless.
 *
 * Conventions (as HiGHS reads them): the first N row is the objective; its RHS entry is the
 * negated objective constant; a row with two finite, different sides is an L row with a RANGES
 * entry of (upper − lower); integer columns sit between INTORG/INTEND markers and always get
 * explicit bounds (some readers default an integer column's upper bound to 1).
 */
import { toColumnWise, type LpModel } from './lp-model.js';

export interface MpsNames {
  modelName?: string;
  /** Names must not contain whitespace; defaults c0.. and r0... */
  colName?: (col: number) => string;
  rowName?: (row: number) => string;
}

const fmt = (value: number): string => String(value);

function rowType(lower: number, upper: number): 'E' | 'L' | 'G' | 'N' {
  if (lower === upper) return 'E';
  if (lower === -Infinity && upper === Infinity) return 'N';
  if (lower === -Infinity) return 'L';
  if (upper === Infinity) return 'G';
  return 'L';
}

export function writeMps(model: LpModel, names: MpsNames = {}): string {
  const colName = names.colName ?? ((j: number) => `c${j}`);
  const rowName = names.rowName ?? ((i: number) => `r${i}`);
  const out: string[] = [];
  out.push(`NAME ${names.modelName ?? 'ecosystemiser'}`);
  out.push('ROWS');
  out.push(' N obj');
  for (let i = 0; i < model.numRow; i++) {
    const type = rowType(model.rowLower[i], model.rowUpper[i]);
    if (type === 'N') throw new Error(`row ${i} is free; free rows are not written`);
    out.push(` ${type} ${rowName(i)}`);
  }

  out.push('COLUMNS');
  const csc = toColumnWise(model);
  let inIntegerBlock = false;
  let markers = 0;
  for (let j = 0; j < model.numCol; j++) {
    const integer = model.integrality !== null && model.integrality[j] === 1;
    if (integer !== inIntegerBlock) {
      out.push(` MARKER${markers++} 'MARKER' ${integer ? "'INTORG'" : "'INTEND'"}`);
      inIntegerBlock = integer;
    }
    const name = colName(j);
    // A column needs at least one entry to be declared; the objective entry serves.
    if (model.colCost[j] !== 0 || csc.starts[j] === csc.starts[j + 1]) out.push(` ${name} obj ${fmt(model.colCost[j])}`);
    for (let e = csc.starts[j]; e < csc.starts[j + 1]; e++) {
      out.push(` ${name} ${rowName(csc.rowIndex[e])} ${fmt(csc.values[e])}`);
    }
  }
  if (inIntegerBlock) out.push(` MARKER${markers++} 'MARKER' 'INTEND'`);

  out.push('RHS');
  if (model.offset !== 0) out.push(` RHS obj ${fmt(-model.offset)}`);
  const ranges: string[] = [];
  for (let i = 0; i < model.numRow; i++) {
    const lower = model.rowLower[i];
    const upper = model.rowUpper[i];
    const type = rowType(lower, upper);
    const rhs = type === 'G' ? lower : type === 'E' ? lower : upper;
    if (rhs !== 0) out.push(` RHS ${rowName(i)} ${fmt(rhs)}`);
    if (type === 'L' && lower !== -Infinity) ranges.push(` RNG ${rowName(i)} ${fmt(upper - lower)}`);
  }
  if (ranges.length > 0) {
    out.push('RANGES');
    out.push(...ranges);
  }

  out.push('BOUNDS');
  for (let j = 0; j < model.numCol; j++) {
    const lower = model.colLower[j];
    const upper = model.colUpper[j];
    const name = colName(j);
    const integer = model.integrality !== null && model.integrality[j] === 1;
    if (lower === upper) {
      out.push(` FX BND ${name} ${fmt(lower)}`);
      continue;
    }
    if (lower === -Infinity && upper === Infinity) {
      out.push(` FR BND ${name}`);
      continue;
    }
    if (lower === -Infinity) out.push(` MI BND ${name}`);
    else if (lower !== 0 || integer) out.push(` LO BND ${name} ${fmt(lower)}`);
    if (upper !== Infinity) out.push(` UP BND ${name} ${fmt(upper)}`);
    else if (integer) out.push(` PL BND ${name}`);
  }
  out.push('ENDATA');
  return out.join('\n') + '\n';
}
