import { parse } from 'csv-parse/sync';
import type { PathPart } from '../issues.js';
import type { CompileContext } from './context.js';

/** The values of one column of a CSV file with a header row (default: the first column). */
export function readCsvColumn(ctx: CompileContext, file: string, column: string | undefined, path: readonly PathPart[]): string[] | undefined {
  const text = ctx.readText(file, [...path, 'file']);
  if (text === undefined) return undefined;
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    ctx.issues.add([...path, 'file'], `${file} is not valid CSV: ${(error as Error).message}`);
    return undefined;
  }
  const header = rows[0];
  if (header === undefined || rows.length < 2) {
    ctx.issues.add([...path, 'file'], `${file} has no data rows (a header row, then values)`);
    return undefined;
  }
  const index = column === undefined ? 0 : header.indexOf(column);
  if (index < 0) {
    ctx.issues.add([...path, 'column'], `${file} has no column "${column}" (columns: ${header.join(', ')})`);
    return undefined;
  }
  return rows.slice(1).map((row) => row[index] ?? '');
}
