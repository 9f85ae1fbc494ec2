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

  it('shrinks back after a burst and still finds every key left', () => {
    const table = new KeyTable(16);
    const start = table.capacity;
    const key = (i: number) => (1_000_000 + i * 37) * 256 + (i % 5);
    for (let i = 0; i < 20_000; i++) table.insert(key(i), i);
    const peak = table.capacity;
    expect(peak).toBeGreaterThanOrEqual(40_000);
    for (let i = 0; i < 20_000; i++) if (i % 1000 !== 0) table.delete(key(i));
    expect(table.size).toBe(20);
    expect(table.capacity).toBeLessThan(peak / 64);
    expect(table.capacity).toBeGreaterThanOrEqual(start);
    for (let i = 0; i < 20_000; i++) expect(table.get(key(i))).toBe(i % 1000 === 0 ? i : -1);
  });
});
