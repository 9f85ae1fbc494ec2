import type { Random } from '../engine/rng.js';
import type { Host } from '../model/host.js';
import { hostOf } from '../model/hostOrder.js';
import type { StrategySpec } from '../model/specs.js';
import { fits } from './feasibility.js';
import { compareFrom, compareKeys } from './strategyKeys.js';
import type { PlacementRequest, PlacementView } from './types.js';

/** The hosts of a host order or an index order (keys end in the host index), in key order. */
export function hostsOf(order: { keys(): Iterable<number> }, view: PlacementView): Host[] {
  const hosts: Host[] = [];
  for (const key of order.keys()) hosts.push(view.host(hostOf(key)));
  return hosts;
}

/** Position of the first random pick in the chain, or -1 when placement is fully deterministic. */
export function randomPosition(strategies: readonly StrategySpec[], randomTieBreak: boolean): number {
  const at = strategies.findIndex((s) => s.type === 'random');
  if (at >= 0) return at;
  return randomTieBreak ? strategies.length : -1;
}

/**
 * The reference placement: evaluate every ACTIVE host. Filters, then the strategies in list order as a
 * lexicographic key, then the tie-break. A `random` strategy (or the random tie-break) picks uniformly,
 * with one draw, among the hosts tied on the strategies before it, taken in host-index order.
 * The indexed search (place.ts) must return exactly what this returns; a property test checks it.
 */
export function placeByScan(
  candidates: readonly Host[],
  request: PlacementRequest,
  view: PlacementView,
  randomTieBreak: boolean,
  rng: Random,
): Host | undefined {
  const strategies = request.placement.strategies;
  const feasible = candidates.filter((h) => fits(h, request));
  if (feasible.length === 0) return undefined;
  const cut = randomPosition(strategies, randomTieBreak);
  if (cut < 0) {
    let best = feasible[0] as Host;
    for (const h of feasible) if (compareFrom(strategies, 0, h, best, request, view) < 0) best = h;
    return best;
  }
  let ties: Host[] = [];
  for (const h of feasible) {
    const c = ties.length === 0 ? 0 : compareKeys(strategies, 0, cut, h, ties[0] as Host, request, view);
    if (c < 0) ties = [h];
    else if (c === 0) ties.push(h);
  }
  ties.sort((a, b) => a.index - b.index);
  return ties[Math.floor(rng() * ties.length)];
}
