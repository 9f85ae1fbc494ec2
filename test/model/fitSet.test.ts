import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FitSet } from '../../src/model/fitSet.js';

describe('FitSet', () => {
  it('holds exactly the members with room for its shape (room to the unit counts), and picks them by index', () => {
    const change = fc.record({
      index: fc.nat(300),
      member: fc.boolean(),
      mem: fc.integer({ min: 2047, max: 2049 }),
      cpu: fc.integer({ min: 1023, max: 1025 }),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 200 }), (changes) => {
        const set = new FitSet(2048, 1024, 4);
        const inSet = new Map<number, boolean>();
        for (const c of changes) {
          set.set(c.index, c.member, c.mem, c.cpu);
          inSet.set(c.index, c.member && c.mem >= 2048 && c.cpu >= 1024);
        }
        const expected = [...inSet].filter(([, yes]) => yes).map(([i]) => i).sort((a, b) => a - b);
        expect(set.size).toBe(expected.length);
        expected.forEach((index, k) => expect(set.pick(k)).toBe(index));
        // Widened for picks across partitions, the tree still holds the same hosts.
        const tree = set.positions(set.capacity * 2);
        expect(tree.prefix(tree.size)).toBe(expected.length);
      }),
      { numRuns: 300 },
    );
  });
});
