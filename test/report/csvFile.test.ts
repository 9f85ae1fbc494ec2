import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvFile } from '../../src/report/csvFile.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetsim-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CsvFile', () => {
  it('writes byte for byte what csv-stringify writes, plain rows and rows that need quoting alike', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '.', ',', '"', '\n', '\r', '-', '=', 'é'), maxLength: 6 });
    const field = fc.oneof(text, fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: false }));
    let file = 0;
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { maxLength: 30 }), fc.integer({ min: 1, max: 8 }), (rows, batch) => {
        const path = join(dir, `t${file++}.csv`);
        const csv = new CsvFile(path, ['a', 'b,c', 'd'], batch);
        for (const row of rows) csv.write(row);
        csv.close();
        expect(readFileSync(path, 'utf8')).toBe(stringify([['a', 'b,c', 'd'], ...rows]));
      }),
      { numRuns: 300 },
    );
  });
});
