import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachLine } from '../../src/report/lineReader.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetsim-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('forEachLine', () => {
  it('gives the lines split("\\n") gives, whatever the chunk size (multi-byte characters split across chunks too)', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ',', '\n', '\r', 'é', '€', '𝄞'), maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (text, chunk) => {
        const file = join(dir, `f${n++}.txt`);
        writeFileSync(file, text, 'utf8');
        const lines: string[] = [];
        forEachLine(file, (line, i) => {
          expect(i).toBe(lines.length);
          lines.push(line);
        }, chunk);
        expect(lines).toEqual(text.split('\n'));
      }),
      { numRuns: 400 },
    );
  });

  it('stops when the callback returns false', () => {
    const file = join(dir, 'stop.txt');
    writeFileSync(file, 'a\nb\nc\nd\n');
    const seen: string[] = [];
    forEachLine(file, (line) => {
      seen.push(line);
      return line !== 'b';
    }, 2);
    expect(seen).toEqual(['a', 'b']);
  });
});
