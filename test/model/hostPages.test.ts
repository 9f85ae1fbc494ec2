import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FreeTable } from '../../src/model/freeTable.js';
import { HostPages } from '../../src/model/hostPages.js';

/**
 * Commands over a few sets of host indexes spread over many pages: 0 add a host to a set, 1 remove it,
 * 2 change its free amounts, 3 search a set from a position, compared with a plain scan of its members.
 */
function replay(list: [number, number, number, number, number, number][]): void {
  const free = new FreeTable();
  const pages = new HostPages(free);
  const sets = [pages.create(), pages.create(), pages.create()];
  const members = sets.map(() => new Set<number>());
  const setOf = new Map<number, number>();
  for (const [kind, s, slot, mem, cpu, from] of list) {
    // Hosts cluster in a few pages and scatter over far ones (indexes up to about 20,000).
    const host = slot < 200 ? slot : slot * 97;
    const set = sets[s] as number;
    const at = setOf.get(host);
    if (kind === 0 && at === undefined) {
      free.set(host, mem, cpu);
      pages.add(set, host, mem, cpu);
      members[s]?.add(host);
      setOf.set(host, s);
    } else if (kind === 1 && at !== undefined) {
      pages.remove(sets[at] as number, host);
      members[at]?.delete(host);
      setOf.delete(host);
    } else if (kind === 2 && at !== undefined) {
      free.set(host, mem, cpu);
      pages.raise(sets[at] as number, host, mem, cpu);
    } else if (kind === 3) {
      const start = from < 100 ? from : from * 137;
      const sorted = [...(members[s] as Set<number>)].sort((a, b) => a - b);
      const brute = sorted.find((h) => h >= start && free.mem(h) >= mem && free.cpu(h) >= cpu) ?? -1;
      // Twice: the first walk may tighten bounds the second relies on.
      expect(pages.nextFit(set, start, mem, cpu)).toBe(brute);
      expect(pages.nextFit(set, start, mem, cpu)).toBe(brute);
      if (brute < 0 && start === 0 && sorted.length > 0) {
        // A failed walk from the start leaves bounds of every member.
        expect(pages.walkedMem).toBeGreaterThanOrEqual(Math.max(...sorted.map((h) => free.mem(h))));
        expect(pages.walkedCpu).toBeGreaterThanOrEqual(Math.max(...sorted.map((h) => free.cpu(h))));
      }
      expect([...pages.members(set)]).toEqual(sorted);
      expect(pages.size(set)).toBe(sorted.length);
    }
  }
}

describe('host pages (sets of host indexes in pooled pages, with free-amount bounds)', () => {
  it('finds the same first fit as a scan of the members, across pages, sets and reused pages', () => {
    const command = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(2), fc.nat(210), fc.nat(16), fc.nat(4), fc.integer({ min: 0, max: 150 }));
    fc.assert(fc.property(fc.array(command, { minLength: 50, maxLength: 600 }), replay), { seed: 11, numRuns: 150, endOnFailure: true });
  });

  it('gives an emptied page back to the pool, and a reused page carries no old members or bounds', () => {
    const free = new FreeTable();
    const pages = new HostPages(free);
    const a = pages.create();
    const b = pages.create();
    free.set(5, 100, 100);
    pages.add(a, 5, 100, 100);
    pages.remove(a, 5);
    // Set b takes the freed page for host 2,000 (another page index); set a has no page left.
    free.set(2000, 1, 1);
    pages.add(b, 2000, 1, 1);
    expect([...pages.members(a)]).toEqual([]);
    expect([...pages.members(b)]).toEqual([2000]);
    expect(pages.nextFit(b, 0, 50, 0)).toBe(-1);
    expect([pages.walkedMem, pages.walkedCpu]).toEqual([1, 1]);
    expect(pages.nextFit(b, 0, 1, 1)).toBe(2000);
  });
});
