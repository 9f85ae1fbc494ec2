import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeyTable } from '../../src/engine/keyTable.js';

describe('KeyTable', () => {
  it('agrees with a Map under random inserts and deletes (including wrap-around probe chains)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 60 })), { maxLength: 400, size: 'max' }), (ops) => {
        const table = new KeyTable(4);
        const reference = new Map<number, number>();
        let value = 0;
        for (const [insert, small] of ops) {
          const key = small * 256 + (small % 3) * 2 ** 40;
          if (insert && !reference.has(key)) {
            table.insert(key, value);
            reference.set(key, value++);
          } else if (!insert) {
            table.delete(key);
            reference.delete(key);
          }
          expect(table.size).toBe(reference.size);
        }
        for (let small = 0; small <= 60; small++) {
          const key = small * 256 + (small % 3) * 2 ** 40;
          expect(table.get(key)).toBe(reference.get(key) ?? -1);
        }
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });
});
