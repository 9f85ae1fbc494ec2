import { describe, expect, it } from 'vitest';
import { itemToShrink, nextItem, type SplitItem } from '../../src/capacity/providerSplit.js';

/** Places n tasks one by one and returns the item index each went to. */
function sequence(items: readonly SplitItem[], n: number): number[] {
  const counts = items.map(() => 0);
  const out: number[] = [];
  for (let t = 0; t < n; t++) {
    const i = nextItem(items, counts);
    counts[i] = (counts[i] as number) + 1;
    out.push(i);
  }
  return out;
}

function tally(order: readonly number[], items: number): number[] {
  const counts = new Array<number>(items).fill(0);
  for (const i of order) counts[i] = (counts[i] as number) + 1;
  return counts;
}

// Reference: aws-behaviour.md §2 "Capacity provider strategy" (documented examples; order unconfirmed).
describe('capacity provider split', () => {
  it('weights 1 and 4: for every task on A, four on B', () => {
    const items = [{ weight: 1, base: 0 }, { weight: 4, base: 0 }];
    expect(sequence(items, 5)).toEqual([1, 1, 1, 0, 1]);
    expect(tally(sequence(items, 50), 2)).toEqual([10, 40]);
  });

  it('weights 1 and 1 split evenly once the base is met', () => {
    const items = [{ weight: 1, base: 3 }, { weight: 1, base: 0 }];
    expect(sequence(items, 3)).toEqual([0, 0, 0]);
    expect(tally(sequence(items, 13), 2)).toEqual([8, 5]);
  });

  it('Spot workshop: OD base 2 weight 1, SPOT weight 3 → 2 on OD, then 1:3', () => {
    const items = [{ weight: 1, base: 2 }, { weight: 3, base: 0 }];
    const order = sequence(items, 10);
    expect(order.slice(0, 2)).toEqual([0, 0]);
    expect(tally(order.slice(2), 2)).toEqual([2, 6]);
    expect(tally(sequence(items, 42), 2)).toEqual([12, 30]);
  });

  it('FARGATE base 1 weight 1 + FARGATE_SPOT weight 4: task 1 on FARGATE, then 1:4', () => {
    const items = [{ weight: 1, base: 1 }, { weight: 4, base: 0 }];
    const order = sequence(items, 11);
    expect(order[0]).toBe(0);
    expect(tally(order.slice(1), 2)).toEqual([2, 8]);
  });

  it('a provider with weight 0 is never used (except for its base)', () => {
    expect(tally(sequence([{ weight: 0, base: 0 }, { weight: 2, base: 0 }], 20), 2)).toEqual([0, 20]);
    expect(tally(sequence([{ weight: 0, base: 2 }, { weight: 1, base: 0 }], 6), 2)).toEqual([2, 4]);
  });

  it('scale-in undoes scale-out: the last provider to gain is the first to lose, the base goes last', () => {
    const items = [{ weight: 1, base: 2 }, { weight: 3, base: 0 }];
    const order = sequence(items, 10);
    const counts = tally(order, 2);
    const removed: number[] = [];
    for (let t = 0; t < 10; t++) {
      const i = itemToShrink(items, counts);
      counts[i] = (counts[i] as number) - 1;
      removed.push(i);
    }
    expect(removed).toEqual([...order].reverse());
    expect(itemToShrink(items, [0, 0])).toBe(-1);
  });

  it('tasks left on a weight-0 provider are scaled in first', () => {
    expect(itemToShrink([{ weight: 0, base: 0 }, { weight: 1, base: 0 }], [1, 5])).toBe(0);
  });
});
