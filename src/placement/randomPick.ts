import { findInSum, type FenwickTree } from '../engine/fenwickTree.js';
import type { Random } from '../engine/rng.js';
import type { Host } from '../model/host.js';
import type { Partition } from '../model/partition.js';
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

export function randomPicker(request: PlacementRequest, view: PlacementView, cut: number): RandomPicker | undefined {
  if (!onlyResourceFilters(request)) return undefined;
  if (cut === 0) return pickAmongAll;
  const first = request.placement.strategies[0];
  if (cut === 1 && first?.type === 'spread' && first.field === 'attribute' && view.index.partitionList(first.attribute) !== undefined) return pickAfterSpread;
  return undefined;
}

function pickAmongAll(request: PlacementRequest, view: PlacementView, rng: Random): Host | undefined {
  const set = view.index.all.fitSet(request.memory, request.cpu);
  if (set.size === 0) return undefined;
  return view.host(set.pick(Math.floor(rng() * set.size)));
}

/** spread(attribute), then random: the fitting hosts of the values with the fewest of the group's tasks. */
function pickAfterSpread(request: PlacementRequest, view: PlacementView, rng: Random): Host | undefined {
  const spread = request.placement.strategies[0] as { readonly attribute: string };
  const entries = view.index.partitionList(spread.attribute) as readonly (readonly [string, Partition])[];
  const byValue = view.groupCountsByValue(request.group, spread.attribute);
  let fewest = Infinity;
  let tied: Partition[] = [];
  for (const [value, partition] of entries) {
    if (partition.size === 0 || partition.fitSet(request.memory, request.cpu).size === 0) continue;
    if (partition.valueId < 0) partition.valueId = view.attributeValueId(spread.attribute, value);
    const count = byValue !== undefined && partition.valueId >= 0 ? (byValue[partition.valueId] ?? 0) : 0;
    if (count < fewest) {
      fewest = count;
      tied = [partition];
    } else if (count === fewest) tied.push(partition);
  }
  if (tied.length === 0) return undefined;
  const sets = tied.map((p) => p.fitSet(request.memory, request.cpu));
  const total = sets.reduce((n, s) => n + s.size, 0);
  const width = Math.max(...sets.map((s) => s.capacity));
  const trees: FenwickTree[] = sets.map((s) => s.positions(width));
  return view.host(findInSum(trees, Math.floor(rng() * total)));
}
