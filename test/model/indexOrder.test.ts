import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FreeTable } from '../../src/model/freeTable.js';
import { IndexOrder } from '../../src/model/indexOrder.js';

/** Commands over an index order: 0 add a host, 1 remove one, 2 change its free amounts, 3 search from a position. */
function commands(hosts: number, length: number) {
  // Most hosts have no CPU left, so searches that want CPU walk (and tighten) long stretches.
  const cpu = fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(8) });
  const command = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(hosts - 1), fc.nat(64), fc.nat(64), cpu, fc.nat(8));
  return fc.array(command, { minLength: length / 4, maxLength: length, size: 'max' });
}

/** Replays the commands on an IndexOrder and on a plain set of indexes, comparing every search with a scan. */
function replay(list: [number, number, number, number, number, number][]): void {
  const free = new FreeTable();
  const order = new IndexOrder(free);
  const present = new Set<number>();
  for (const [kind, host, mem, need, cpu, wantCpu] of list) {
    if (kind === 0 && !present.has(host)) {
      free.set(host, mem, cpu);
      order.insert(host, mem, cpu);
      present.add(host);
    } else if (kind === 1 && present.has(host)) {
      order.remove(host);
      present.delete(host);
    } else if (kind === 2 && present.has(host)) {
      const grew = mem > free.mem(host) || cpu > free.cpu(host);
      free.set(host, mem, cpu);
      // As HostIndex does: only increases are reported (falls leave the bounds valid).
      if (grew) order.update(host, mem, cpu);
    } else if (kind === 3) {
      const sorted = [...present].sort((a, b) => a - b);
      expect([...order.keys()]).toEqual(sorted);
      const from = host;
      const fitting = sorted.filter((h) => h >= from && free.mem(h) >= need && free.cpu(h) >= wantCpu);
      // Walk every fit from the position (a walk may tighten bounds that later searches rely on), twice.
      for (let round = 0; round < 2; round++) {
        order.seek(from);
        const found: number[] = [];
        for (let h = order.nextFit(need, wantCpu); h >= 0 && found.length < 3; h = order.nextFit(need, wantCpu)) found.push(h);
        expect(found).toEqual(fitting.slice(0, 3));
      }
    }
    expect(order.has(host)).toBe(present.has(host));
  }
  expect(order.size).toBe(present.size);
}

describe('index order (membership bits with free-amount bounds per block and region)', () => {
  it('finds the same fits as a scan of the members in index order', () => {
    fc.assert(fc.property(commands(90, 400), replay), { seed: 42, numRuns: 200, endOnFailure: true });
  });

  it('does the same with thousands of hosts, across many blocks and regions', () => {
    fc.assert(fc.property(commands(5000, 6000), replay), { seed: 7, numRuns: 6, endOnFailure: true });
  });

  it('skips empty regions and finds a host far beyond them', () => {
    const free = new FreeTable();
    const order = new IndexOrder(free);
    free.set(70_000, 4, 2);
    order.insert(70_000, 4, 2);
    free.set(3, 4, 0);
    order.insert(3, 4, 0);
    order.seek(0);
    expect(order.nextFit(1, 1)).toBe(70_000);
    expect(order.nextFit(1, 1)).toBe(-1);
    // The walk tightened host 3's block to no CPU; a rise must be seen again.
    free.set(3, free.mem(3), 1);
    order.update(3, 4, 1);
    order.seek(0);
    expect(order.nextFit(1, 1)).toBe(3);
    expect(() => order.insert(3, 4, 1)).toThrow(/already present/);
    expect(() => order.remove(5)).toThrow(/not present/);
  });
});
