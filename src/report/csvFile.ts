import { closeSync, openSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';

/** A CSV file written in batches through csv-stringify (rows buffered, flushed every `batch`). */
export class CsvFile {
  private readonly fd: number;
  private buffer: (string | number)[][] = [];

  constructor(file: string, header: readonly string[], private readonly batch = 4096) {
    this.fd = openSync(file, 'w');
    writeSync(this.fd, stringify([[...header]]));
  }

  write(row: (string | number)[]): void {
    this.buffer.push(row);
    if (this.buffer.length >= this.batch) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, stringify(this.buffer));
    this.buffer = [];
  }
}
