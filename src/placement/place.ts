import type { Random } from '../engine/rng.js';
import type { Host } from '../model/host.js';
import type { Partition } from '../model/partition.js';
import type { StrategySpec } from '../model/specs.js';
import { fewCandidates } from './fewCandidates.js';
import { fits } from './feasibility.js';
import { randomPicker } from './randomPick.js';
import { hostsOf, placeByScan, randomPosition } from './scan.js';
import { bestOf, compareFrom } from './strategyKeys.js';
import type { PlacementRequest, PlacementView } from './types.js';

/**
 * Indexed placement: the same answer as evaluating every host (scan.ts), found through the indexes.
 *
 * The chain is searched strategy by strategy:
 * - spread(attribute) at the top: value partitions in order of the group's count there; within a
 *   count, the best of each partition's own search wins;
 * - spread(instanceId): first the hosts without a task of the group (count 0 is the minimum); only if
 *   none fits, the group's own hosts are compared in full;
 * - binpack(resource): walk the partition's hosts by free resource from the task's need upwards,
 *   skipping buckets and blocks that cannot hold it; the first fitting host wins unless later strategies must
 *   break ties among hosts with the same free amount;
 * - end of chain: the fitting host with the lowest index.
 * A `random` in the chain is decided by randomPick.ts where it covers the chain, else by the reference
 * scan; anything else the search meets (nested attribute spreads) falls back to a scan of the partition.
 */
interface SearchContext {
  readonly request: PlacementRequest;
  readonly view: PlacementView;
  readonly strategies: readonly StrategySpec[];
  /** Set below spread(instanceId): skip hosts that already hold a task of the group. */
  excludeGroupHosts: boolean;
}

export function placeTask(request: PlacementRequest, view: PlacementView, randomTieBreak: boolean, rng: Random): Host | undefined {
  const strategies = request.placement.strategies;
  // Requests that only a few hosts with room can take (see fewCandidates.ts) are decided over those.
  const few = fewCandidates(request, view);
  if (few !== undefined) return placeByScan(few, request, view, randomTieBreak, rng);
  const cut = randomPosition(strategies, randomTieBreak);
  if (cut >= 0) {
    const pick = randomPicker(request, view, cut);
    return pick !== undefined ? pick(request, view, rng) : placeByScan(hostsOf(view.index.all.any, view), request, view, randomTieBreak, rng);
  }
  return search(view.index.all, false, 0, { request, view, strategies, excludeGroupHosts: false });
}

/** `partitioned`: the search is inside one attribute value's partition (no further attribute split). */
function search(partition: Partition, partitioned: boolean, i: number, ctx: SearchContext): Host | undefined {
  if (i === ctx.strategies.length) return firstByIndex(partition, i, ctx);
  const strategy = ctx.strategies[i] as StrategySpec;
  if (strategy.type === 'binpack') return binpack(partition, i, strategy.resource, ctx);
  if (strategy.type === 'spread' && strategy.field === 'instanceId') return spreadInstance(partition, partitioned, i, ctx);
  if (strategy.type === 'spread' && !partitioned) {
    const entries = ctx.view.index.partitionList(strategy.attribute);
    if (entries !== undefined) return spreadAttribute(strategy.attribute, entries, i, ctx);
  }
  return scanPartition(partition, i, ctx);
}

function usable(host: Host, ctx: SearchContext): boolean {
  return !(ctx.excludeGroupHosts && host.groupCount(ctx.request.group) > 0) && fits(host, ctx.request);
}

/**
 * The usable host with the lowest index. Below spread(instanceId) (hosts holding the group are
 * skipped) only the partition's holes and the hosts past its occupied prefix need a look.
 */
function firstByIndex(partition: Partition, i: number, ctx: SearchContext): Host | undefined {
  const order = partition.idx;
  if (order === undefined) return scanPartition(partition, i, ctx);
  const { memory, cpu, group } = ctx.request;
  let from = 0;
  if (ctx.excludeGroupHosts) {
    const scan = partition.groupScan(group);
    // Extend the occupied prefix as far as it goes (it never moves back; holes record gaps below it).
    order.seek(scan.prefix);
    for (let key = order.nextFit(0, 0); key >= 0 && ctx.view.host(key).groupCount(group) > 0; key = order.nextFit(0, 0)) scan.prefix = key + 1;
    const holes = scan.holes;
    holes.seek(0);
    for (let key = holes.nextFit(memory, cpu); key >= 0; key = holes.nextFit(memory, cpu)) {
      const host = ctx.view.host(key);
      if (usable(host, ctx)) return host;
    }
    from = scan.prefix;
  }
  order.seek(from);
  for (let key = order.nextFit(memory, cpu); key >= 0; key = order.nextFit(memory, cpu)) {
    const host = ctx.view.host(key);
    if (usable(host, ctx)) return host;
  }
  return undefined;
}

function binpack(partition: Partition, i: number, resource: 'cpu' | 'memory', ctx: SearchContext): Host | undefined {
  const order = resource === 'memory' ? partition.mem : partition.cpu;
  if (order === undefined) return scanPartition(partition, i, ctx);
  const { memory, cpu } = ctx.request;
  order.seek(resource === 'memory' ? memory : cpu);
  let first: Host | undefined;
  let firstValue = 0;
  const ties: Host[] = [];
  for (let h = order.nextFit(memory, cpu); h >= 0; h = order.nextFit(memory, cpu)) {
    if (first !== undefined && order.foundValue() > firstValue) break;
    const host = ctx.view.host(h);
    if (!usable(host, ctx)) continue;
    if (first === undefined) {
      first = host;
      if (i === ctx.strategies.length - 1) return host;
      firstValue = order.foundValue();
    }
    ties.push(host);
  }
  return bestOf(ties, ctx.strategies, i + 1, ctx.request, ctx.view);
}

function spreadInstance(partition: Partition, partitioned: boolean, i: number, ctx: SearchContext): Host | undefined {
  if (ctx.excludeGroupHosts) return search(partition, partitioned, i + 1, ctx);
  ctx.excludeGroupHosts = true;
  const empty = search(partition, partitioned, i + 1, ctx);
  ctx.excludeGroupHosts = false;
  // With distinctInstance no host holding the group can take it: nothing left to compare.
  if (empty !== undefined || ctx.request.placement.distinctInstance) return empty;
  // Every fitting host of the partition already holds the group (more tasks than hosts): the fewest
  // first. The partition keeps its hosts by their count of the group (count levels, with free-amount
  // maxima), so the lowest level with a fitting host is found without comparing every host.
  const { group, memory, cpu } = ctx.request;
  const levels = ctx.view.index.levels(partition, group, (h) => ctx.view.host(h).groupCount(group));
  const last = i === ctx.strategies.length - 1;
  for (let c = 1; c < levels.length; c++) {
    const order = levels[c]?.holes;
    if (order === undefined) continue;
    const fitting: Host[] = [];
    order.seek(0);
    for (let key = order.nextFit(memory, cpu); key >= 0; key = order.nextFit(memory, cpu)) {
      const host = ctx.view.host(key);
      if (!fits(host, ctx.request)) continue;
      // Nothing after spread(instanceId): the lowest index wins, the first found.
      if (last) return host;
      fitting.push(host);
    }
    if (fitting.length > 0) return bestOf(fitting, ctx.strategies, i + 1, ctx.request, ctx.view);
  }
  return undefined;
}

/** Per-partition counts for spreadAttribute (reused: placement never nests two attribute spreads). */
let scratch = new Float64Array(8);

/**
 * Value partitions in rounds of increasing group count: the first round with a usable host wins,
 * and within a round the best of the partitions' own searches on the remaining strategies.
 */
function spreadAttribute(attribute: string, entries: readonly (readonly [string, Partition])[], i: number, ctx: SearchContext): Host | undefined {
  if (scratch.length < entries.length) scratch = new Float64Array(entries.length * 2);
  const counts = scratch;
  // The group's counts by value id, read once; each partition remembers its value's id.
  const byValue = ctx.view.groupCountsByValue(ctx.request.group, attribute);
  for (let p = 0; p < entries.length; p++) {
    const [value, partition] = entries[p] as readonly [string, Partition];
    if (partition.size === 0) {
      counts[p] = Infinity;
      continue;
    }
    if (partition.valueId < 0) partition.valueId = ctx.view.attributeValueId(attribute, value);
    counts[p] = byValue !== undefined && partition.valueId >= 0 ? (byValue[partition.valueId] ?? 0) : 0;
  }
  let floor = -1;
  for (;;) {
    let round = Infinity;
    for (let p = 0; p < entries.length; p++) {
      const c = counts[p] as number;
      if (c > floor && c < round) round = c;
    }
    if (round === Infinity) return undefined;
    let best: Host | undefined;
    for (let p = 0; p < entries.length; p++) {
      if (counts[p] !== round) continue;
      const partition = (entries[p] as readonly [string, Partition])[1];
      const found = search(partition, true, i + 1, ctx);
      if (found !== undefined && (best === undefined || compareFrom(ctx.strategies, i + 1, found, best, ctx.request, ctx.view) < 0)) best = found;
    }
    if (best !== undefined) return best;
    floor = round;
  }
}

function scanPartition(partition: Partition, i: number, ctx: SearchContext): Host | undefined {
  const candidates = hostsOf(partition.any, ctx.view).filter((h) => usable(h, ctx));
  return bestOf(candidates, ctx.strategies, i, ctx.request, ctx.view);
}
