import { describe, expect, it } from 'vitest';
import { FreeTable } from '../../src/model/freeTable.js';
import type { GroupScan } from '../../src/model/groupScan.js';
import type { Host } from '../../src/model/host.js';
import { hostOf } from '../../src/model/hostOrder.js';
import { Partition } from '../../src/model/partition.js';

/** Hosts 0..5 with free memory 100, 200, … and 10 CPU, in a partition keeping the memory and index orders. */
function partitionOfSix(): { partition: Partition; free: FreeTable; linked: number[] } {
  const free = new FreeTable();
  const linked: number[] = [];
  const registry = { linkHole: (i: number) => linked.push(i), unlinkHole: (i: number) => linked.splice(linked.indexOf(i), 1), groupScanned: () => {} };
  const partition = new Partition(new Set(['mem', 'idx'] as const), free, registry);
  for (let i = 0; i < 6; i++) {
    free.set(i, 100 * (i + 1), 10);
    partition.add(i, 100 * (i + 1), 10);
  }
  return { partition, free, linked };
}

describe('partition (a set of hosts in the orders its searches walk, with scans and count levels)', () => {
  it('keeps only the orders asked for, re-sorted as free amounts change and hosts leave', () => {
    const { partition, free } = partitionOfSix();
    expect([partition.mem !== undefined, partition.cpu !== undefined, partition.idx !== undefined]).toEqual([true, false, true]);
    free.set(2, 50, 10);
    partition.change(2, 300, 10, 50, 10, false);
    expect([...(partition.mem?.keys() ?? [])].map(hostOf)).toEqual([2, 0, 1, 3, 4, 5]);
    partition.remove(4, 500, 10);
    expect(partition.size).toBe(5);
    expect([...(partition.mem?.keys() ?? [])].map(hostOf)).toEqual([2, 0, 1, 3, 5]);
  });

  it('keeps a group’s members by their count of it (levels), moved as counts change', () => {
    const { partition, linked } = partitionOfSix();
    const counts = [0, 1, 2, 1, 0, 0];
    const levels = partition.levels(7, (i) => counts[i] as number) as (GroupScan | undefined)[];
    expect([...(levels[1]?.holes.keys() ?? [])]).toEqual([1, 3]);
    expect([...(levels[2]?.holes.keys() ?? [])]).toEqual([2]);
    partition.moveLevel(levels, 3, 1, 2);
    partition.moveLevel(levels, 0, 0, 3);
    expect([...(levels[1]?.holes.keys() ?? [])]).toEqual([1]);
    expect([...(levels[2]?.holes.keys() ?? [])]).toEqual([2, 3]);
    expect([...(levels[3]?.holes.keys() ?? [])]).toEqual([0]);
    // Every member in a level is registered as a hole, so its resource changes reach the level's maxima.
    expect([...linked].sort()).toEqual([0, 1, 2, 3]);
    // Asking again returns the kept levels, not ones made afresh from `countOf`.
    expect(partition.levels(7, () => 0)).toBe(levels);
  });

  it('keeps a condition scan of the members that pass its test, tested again when told', () => {
    const { partition, free } = partitionOfSix();
    const passing = new Set([0, 2, 4]);
    const hostAt = (i: number) => ({ index: i }) as Host;
    expect(partition.watchesConditions).toBe(false);
    const scan = partition.addConditionScan('port', (h) => passing.has(h.index), hostAt);
    expect(partition.conditionScan('port')).toBe(scan);
    expect(partition.watchesConditions).toBe(true);
    expect([...scan.holes.keys()]).toEqual([0, 2, 4]);
    passing.delete(2);
    passing.add(5);
    partition.retest('port', hostAt(2), 300, 10);
    partition.retest('port', hostAt(5), 600, 10);
    expect([...scan.holes.keys()]).toEqual([0, 4, 5]);
    // A host joining is tested too.
    passing.add(6);
    free.set(6, 700, 10);
    partition.add(6, 700, 10);
    partition.joined(hostAt(6), 6, 700, 10);
    expect([...scan.holes.keys()]).toEqual([0, 4, 5, 6]);
    expect(partition.conditionScan('other')).toBeUndefined();
  });
});
