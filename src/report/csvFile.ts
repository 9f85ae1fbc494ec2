import { closeSync, openSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';

/** A field csv-stringify writes as it is (its default options quote only fields holding these). */
const NEEDS_QUOTING = /[",\r\n]/;

/**
 * A CSV file written in batches (rows buffered, flushed every `batch`). csv-stringify (default options)
 * formats the header and every row with a field it would quote; a row of plain fields (no comma, quote or
 * line break) is its fields joined by commas, which is byte for byte what csv-stringify writes for it,
 * without its per-field casting and option handling (tasks.csv has a row per task: a million on a
 * benchmark fleet).
 */
export class CsvFile {
  private readonly fd: number;
  private buffer: string[] = [];

  constructor(file: string, header: readonly string[], private readonly batch = 4096) {
    this.fd = openSync(file, 'w');
    writeSync(this.fd, stringify([[...header]]));
  }

  write(row: readonly (string | number)[]): void {
    this.buffer.push(plain(row) ? `${row.join(',')}\n` : stringify([[...row]]));
    if (this.buffer.length >= this.batch) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
  }
}

function plain(row: readonly (string | number)[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const field = row[i];
    if (typeof field === 'string' && NEEDS_QUOTING.test(field)) return false;
  }
  return true;
}
