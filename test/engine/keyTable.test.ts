import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeyTable } from '../../src/engine/keyTable.js';

function remove(table: KeyTable, key: number): void {
  const entry = table.find(key);
  if (entry >= 0) table.remove(entry);
}

describe('KeyTable', () => {
  it('keeps two values per key, updated in place', () => {
    const table = new KeyTable(4);
    table.insert(7 * 256 + 1, 3, 3);
    const entry = table.find(7 * 256 + 1);
    table.setSecond(entry, 9);
    table.setFirst(entry, 4);
    expect([table.first(entry), table.second(entry)]).toEqual([4, 9]);
    table.remove(entry);
    expect(table.find(7 * 256 + 1)).toBe(-1);
    expect(table.size).toBe(0);
  });

  it('agrees with a Map under random inserts and deletes (including wrap-around probe chains)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 60 })), { maxLength: 400, size: 'max' }), (ops) => {
        const table = new KeyTable(4);
        const reference = new Map<number, number>();
        let value = 0;
        for (const [insert, small] of ops) {
          const key = small * 256 + (small % 3) * 2 ** 40;
          if (insert && !reference.has(key)) {
            table.insert(key, value, 1000 - value);
            reference.set(key, value++);
          } else if (!insert) {
            remove(table, key);
            reference.delete(key);
          }
          expect(table.size).toBe(reference.size);
        }
        for (let small = 0; small <= 60; small++) {
          const key = small * 256 + (small % 3) * 2 ** 40;
          const entry = table.find(key);
          const expected = reference.get(key);
          if (expected === undefined) expect(entry).toBe(-1);
          else expect([table.first(entry), table.second(entry)]).toEqual([expected, 1000 - expected]);
        }
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });

  it('shrinks back after a burst and still finds every key left', () => {
    const table = new KeyTable(16);
    const start = table.capacity;
    const key = (i: number) => (1_000_000 + i * 37) * 256 + (i % 5);
    for (let i = 0; i < 20_000; i++) table.insert(key(i), i, i + 1);
    const peak = table.capacity;
    expect(peak).toBeGreaterThanOrEqual(40_000);
    for (let i = 0; i < 20_000; i++) if (i % 1000 !== 0) remove(table, key(i));
    expect(table.size).toBe(20);
    expect(table.capacity).toBeLessThan(peak / 64);
    expect(table.capacity).toBeGreaterThanOrEqual(start);
    for (let i = 0; i < 20_000; i++) {
      const entry = table.find(key(i));
      if (i % 1000 !== 0) expect(entry).toBe(-1);
      else expect([table.first(entry), table.second(entry)]).toEqual([i, i + 1]);
    }
  });
});
