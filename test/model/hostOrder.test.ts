import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FreeTable } from '../../src/model/freeTable.js';
import { HOST_BITS, HostOrder, hostOf } from '../../src/model/hostOrder.js';

/**
 * Commands over a host order: 0 add a host, 1 remove one, 2 change one's free memory and CPU, 3 search,
 * 4 remove a run of consecutive keys (empties whole chunks).
 */
function commands(hosts: number, length: number) {
  // Most hosts have no CPU left, so searches that want CPU walk (and tighten) long stretches.
  const cpu = fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(8) });
  const command = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.nat(hosts - 1), fc.nat(64), fc.nat(64), cpu, fc.nat(8));
  return fc.array(command, { minLength: length / 4, maxLength: length, size: 'max' });
}

function lowerBound(sorted: number[], key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Replays the commands on a HostOrder keyed by free memory and on a plain sorted array, comparing as it goes. */
function replay(list: [number, number, number, number, number, number][]): void {
  const free = new FreeTable();
  const order = new HostOrder(free);
  const present = new Map<number, number>();
  const expected: number[] = [];
  const add = (key: number) => expected.splice(lowerBound(expected, key), 0, key);
  const drop = (key: number) => expected.splice(lowerBound(expected, key), 1);
  for (const [kind, host, mem, need, cpu, wantCpu] of list) {
    const key = (m: number) => m * HOST_BITS + host;
    const had = present.get(host);
    if (kind === 0 && had === undefined) {
      free.set(host, mem, cpu);
      order.insert(host, mem, mem, cpu);
      present.set(host, mem);
      add(key(mem));
    } else if (kind === 1 && had !== undefined) {
      order.remove(host, had);
      present.delete(host);
      drop(key(had));
    } else if (kind === 2 && had !== undefined) {
      free.set(host, mem, cpu);
      order.move(host, had, mem, mem, cpu);
      present.set(host, mem);
      drop(key(had));
      add(key(mem));
    } else if (kind === 4 && wantCpu === 0 && need < 4) {
      const from = lowerBound(expected, mem * HOST_BITS);
      for (const k of expected.splice(from, 40 + 20 * need)) {
        order.remove(hostOf(k), Math.floor(k / HOST_BITS));
        present.delete(hostOf(k));
      }
    } else if (kind === 3) {
      expect([...order.keys()]).toEqual(expected);
      // Two searches from the same point: the first may tighten bounds the second relies on.
      for (let round = 0; round < 2; round++) {
        order.seek(mem);
        const found = order.nextFit(need, wantCpu);
        const from = lowerBound(expected, mem * HOST_BITS);
        const brute = expected.slice(from).find((k) => free.mem(hostOf(k)) >= need && free.cpu(hostOf(k)) >= wantCpu);
        expect(found).toBe(brute === undefined ? -1 : hostOf(brute));
        if (brute !== undefined) expect(order.foundValue()).toBe(Math.floor(brute / HOST_BITS));
      }
    }
  }
  expect(order.size).toBe(present.size);
}

describe('host order (buckets of equal free amounts, sorted, with free-amount bounds)', () => {
  it('stays sorted and finds the same first fit as a scan of a plain sorted list', () => {
    fc.assert(fc.property(commands(90, 400), replay), { seed: 42, numRuns: 200, endOnFailure: true });
  });

  it('does the same with thousands of hosts, across many super-chunks', () => {
    fc.assert(fc.property(commands(3000, 12000), replay), { seed: 7, numRuns: 12, endOnFailure: true });
  });

  it('drops emptied buckets and reuses them for new values without losing order or bounds', () => {
    const free = new FreeTable();
    const order = new HostOrder(free);
    // 100 hosts at 100 distinct values, then all moved to one value: 99 empty buckets.
    for (let h = 0; h < 100; h++) {
      free.set(h, 1000 + h, 4);
      order.insert(h, 1000 + h, 1000 + h, 4);
    }
    for (let h = 0; h < 100; h++) {
      free.set(h, 50, free.cpu(h));
      order.move(h, 1000 + h, 50, 50, 4);
    }
    // New values reuse dropped buckets (whose stale maxima are high); host 7 gets CPU the others lack.
    for (let h = 0; h < 100; h += 3) {
      free.set(h, 2000 - h, h === 7 * 3 ? 9 : 1);
      order.move(h, 50, 2000 - h, 2000 - h, free.cpu(h));
    }
    const expected = [...Array(100).keys()].map((h) => free.mem(h) * HOST_BITS + h).sort((a, b) => a - b);
    expect([...order.keys()]).toEqual(expected);
    order.seek(60);
    expect(order.nextFit(0, 9)).toBe(21);
    expect(order.foundValue()).toBe(1979);
    order.seek(0);
    expect(order.nextFit(0, 2)).toBe(1);
    expect(order.foundValue()).toBe(50);
    expect(() => order.remove(1, 51)).toThrow(/not present/);
  });

  it('finds a host whose chunk moved into an already-searched stretch when an emptied chunk was dropped', () => {
    // 2,000 hosts with memory but no CPU, inserted in key order, except one with CPU.
    const free = new FreeTable();
    const order = new HostOrder(free);
    for (let h = 0; h < 2000; h++) {
      free.set(h, 1, 0);
      order.insert(h, 1, 1, 0);
    }
    free.set(515, free.mem(515), 5);
    order.move(515, 1, 1, 1, 5);
    order.seek(0);
    expect(order.nextFit(0, 5)).toBe(515);
    // The walk above learnt that the first 500-odd hosts have no CPU; dropping 16 of them shifts host 515 down.
    for (let h = 0; h < 16; h++) order.remove(h, 1);
    order.seek(0);
    expect(order.nextFit(0, 5)).toBe(515);
  });
});
