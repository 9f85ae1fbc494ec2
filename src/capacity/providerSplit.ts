/**
 * How a capacity provider strategy splits a workload's tasks (aws-behaviour.md §2). AWS documents
 * the rules (base first, then weights) but not the order or rounding, so fleetsim fixes one:
 * - a new task goes to the provider with a base while it has fewer tasks than its base;
 * - otherwise to the provider furthest below its weighted share: the smallest (beyond + 1) / weight,
 *   where `beyond` is the provider's tasks above its base; ties go to the earlier item in the list;
 * - scale-in takes a task from the provider furthest above its share: the largest beyond / weight
 *   (providers with weight 0 first); ties go to the later item; the base is given up last.
 * Counts are the workload's tasks per item that are not yet STOPPING. Pure functions.
 */
export interface SplitItem {
  readonly weight: number;
  readonly base: number;
}

export function nextItem(items: readonly SplitItem[], counts: ArrayLike<number>): number {
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as SplitItem;
    if (item.base > 0 && (counts[i] as number) < item.base) return i;
  }
  let best = -1;
  let bestNext = 0;
  let bestWeight = 1;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as SplitItem;
    if (item.weight === 0) continue;
    const next = Math.max(0, (counts[i] as number) - item.base) + 1;
    // next / weight < bestNext / bestWeight, in integers.
    if (best < 0 || next * bestWeight < bestNext * item.weight) {
      best = i;
      bestNext = next;
      bestWeight = item.weight;
    }
  }
  return best;
}

export function itemToShrink(items: readonly SplitItem[], counts: ArrayLike<number>): number {
  for (let i = items.length - 1; i >= 0; i--) if ((items[i] as SplitItem).weight === 0 && (counts[i] as number) > 0) return i;
  let best = -1;
  let bestBeyond = 0;
  let bestWeight = 1;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as SplitItem;
    const beyond = (counts[i] as number) - item.base;
    if (beyond <= 0) continue;
    if (best < 0 || beyond * bestWeight >= bestBeyond * item.weight) {
      best = i;
      bestBeyond = beyond;
      bestWeight = item.weight;
    }
  }
  if (best >= 0) return best;
  for (let i = items.length - 1; i >= 0; i--) if ((counts[i] as number) > 0) return i;
  return -1;
}
