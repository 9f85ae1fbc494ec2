import { findInSum } from '../engine/fenwickTree.js';
import type { Random } from '../engine/rng.js';
import type { Host } from '../model/host.js';
import type { FitSet } from '../model/fitSet.js';
import type { Partition } from '../model/partition.js';
import type { StrategySpec } from '../model/specs.js';
import { onlyResourceFilters } from './feasibility.js';
import type { PlacementRequest, PlacementView } from './types.js';

/**
 * `random` placement through the index, for requests that filter by memory and CPU alone: the same host
 * and the same one draw as the reference scan (scan.ts: uniform among the fitting hosts tied on the
 * strategies before the random, in host-index order), found from the partitions' fit sets
 * (model/fitSet.ts) in O(log n) instead of listing every host. Covers random first in the chain (or the
 * random tie-break of an empty chain) and random after spread(attribute); undefined from
 * `randomPicker` means the chain is not covered and the scan decides.
 */
export type RandomPicker = (request: PlacementRequest, view: PlacementView, rng: Random) => Host | undefined;

/** The attribute of a chain's spread(attribute) right before its random (`cut`, randomPosition), if it has one. */
export function spreadBeforeRandom(strategies: readonly StrategySpec[], cut: number): string | undefined {
  const first = strategies[0];
  return cut === 1 && first?.type === 'spread' && first.field === 'attribute' ? first.attribute : undefined;
}

export function randomPicker(request: PlacementRequest, view: PlacementView, cut: number): RandomPicker | undefined {
  if (!onlyResourceFilters(request)) return undefined;
  if (cut === 0) return pickAmongAll;
  const attribute = spreadBeforeRandom(request.placement.strategies, cut);
  return attribute !== undefined && view.index.partitionList(attribute) !== undefined ? pickAfterSpread : undefined;
}

function pickAmongAll(request: PlacementRequest, view: PlacementView, rng: Random): Host | undefined {
  const set = view.index.all.fitSet(request.memory, request.cpu);
  if (set.size === 0) return undefined;
  return view.host(set.pick(Math.floor(rng() * set.size)));
}

/** spread(attribute), then random: the fitting hosts of the values with the fewest of the group's tasks. */
function pickAfterSpread(request: PlacementRequest, view: PlacementView, rng: Random): Host | undefined {
  const attribute = (request.placement.strategies[0] as { readonly attribute: string }).attribute;
  const entries = view.index.partitionList(attribute) as readonly (readonly [string, Partition])[];
  const byValue = view.groupCountsByValue(request.group, attribute);
  let fewest = Infinity;
  let tied: FitSet[] = [];
  for (const [value, partition] of entries) {
    if (partition.size === 0) continue;
    const set = partition.fitSet(request.memory, request.cpu);
    if (set.size === 0) continue;
    if (partition.valueId < 0) partition.valueId = view.attributeValueId(attribute, value);
    const count = byValue !== undefined && partition.valueId >= 0 ? (byValue[partition.valueId] ?? 0) : 0;
    if (count < fewest) {
      fewest = count;
      tied = [set];
    } else if (count === fewest) tied.push(set);
  }
  if (tied.length === 0) return undefined;
  let total = 0;
  let width = 0;
  for (const set of tied) {
    total += set.size;
    width = Math.max(width, set.capacity);
  }
  return view.host(findInSum(tied.map((set) => set.positions(width)), Math.floor(rng() * total)));
}
