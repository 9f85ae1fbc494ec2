import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FenwickTree, findInSum } from '../../src/engine/fenwickTree.js';

/** The k-th unit of plain counts (the reference): the p with sum(counts[0..p)) <= k < sum(counts[0..p]). */
function plainFind(counts: readonly number[], k: number): number {
  let sum = 0;
  for (let p = 0; p < counts.length; p++) {
    sum += counts[p] as number;
    if (sum > k) return p;
  }
  return counts.length;
}

describe('FenwickTree', () => {
  it('keeps prefix sums and finds the k-th unit as plain counts do, through adds and removals', () => {
    const op = fc.record({ at: fc.nat(63), delta: fc.integer({ min: -2, max: 3 }) });
    fc.assert(
      fc.property(fc.array(fc.nat(3), { minLength: 1, maxLength: 64 }), fc.array(op, { maxLength: 40 }), (initial, ops) => {
        const counts = [...initial];
        const tree = new FenwickTree(counts.length, (p) => counts[p] as number);
        for (const { at, delta } of ops) {
          const p = at % counts.length;
          const d = Math.max(delta, -(counts[p] as number)); // counts stay non-negative
          counts[p] = (counts[p] as number) + d;
          tree.add(p, d);
        }
        const total = counts.reduce((a, b) => a + b, 0);
        for (let end = 0; end <= counts.length; end++) expect(tree.prefix(end)).toBe(counts.slice(0, end).reduce((a, b) => a + b, 0));
        for (let k = 0; k <= total; k++) expect(tree.find(k)).toBe(plainFind(counts, k));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the k-th unit of several trees summed position by position in one descent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(fc.array(fc.nat(2), { minLength: 50, maxLength: 50 }), { minLength: 1, maxLength: 4 }), (size, lists) => {
        const rows = lists.map((l) => l.slice(0, size));
        const trees = rows.map((row) => new FenwickTree(size, (p) => row[p] as number));
        const summed = Array.from({ length: size }, (_, p) => rows.reduce((s, row) => s + (row[p] as number), 0));
        const total = summed.reduce((a, b) => a + b, 0);
        for (let k = 0; k <= total; k++) expect(findInSum(trees, k)).toBe(plainFind(summed, k));
      }),
      { numRuns: 200 },
    );
  });

  it('picks the k-th item left of a list like a splice would', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const tree = new FenwickTree(items.length, () => 1);
    const spliced = [...items];
    for (const k of [3, 0, 7, 2, 5, 0, 1, 2, 0, 0]) {
      const at = tree.find(k);
      tree.add(at, -1);
      expect(items[at]).toBe(spliced.splice(k, 1)[0]);
    }
    expect(tree.prefix(10)).toBe(0);
  });
});
