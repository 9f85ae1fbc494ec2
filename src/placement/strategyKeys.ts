import type { Host } from '../model/host.js';
import { MISSING_VALUE } from '../model/hostIndex.js';
import type { StrategySpec } from '../model/specs.js';
import type { PlacementRequest, PlacementView } from './types.js';

/**
 * Placement strategies as pure scorers (lower is better), compared in list order, then by host index.
 * binpack: least remaining of the resource (aws-behaviour.md §1); spread: fewest tasks of the group on
 * the field's value. `random` has no key: it picks uniformly among the hosts tied so far.
 */
export function strategyKey(strategy: StrategySpec, host: Host, request: PlacementRequest, view: PlacementView): number {
  switch (strategy.type) {
    case 'binpack':
      return strategy.resource === 'memory' ? host.memFree : host.cpuFree;
    case 'spread':
      return strategy.field === 'instanceId'
        ? host.groupCount(request.group)
        : view.groupCountByAttribute(request.group, strategy.attribute, host.attribute(strategy.attribute) ?? MISSING_VALUE);
    case 'random':
      return 0;
  }
}

/** Compares two hosts on strategies[from..to) only; negative when `a` is better, 0 when tied. */
export function compareKeys(
  strategies: readonly StrategySpec[],
  from: number,
  to: number,
  a: Host,
  b: Host,
  request: PlacementRequest,
  view: PlacementView,
): number {
  for (let i = from; i < to; i++) {
    const s = strategies[i] as StrategySpec;
    const d = strategyKey(s, a, request, view) - strategyKey(s, b, request, view);
    if (d !== 0) return d;
  }
  return 0;
}

/** Compares two hosts on strategies[from..] then host index; negative when `a` is better. */
export function compareFrom(
  strategies: readonly StrategySpec[],
  from: number,
  a: Host,
  b: Host,
  request: PlacementRequest,
  view: PlacementView,
): number {
  return compareKeys(strategies, from, strategies.length, a, b, request, view) || a.index - b.index;
}

/** The best of `hosts` on strategies[from..] (then host index), or undefined for none. */
export function bestOf(
  hosts: Iterable<Host>,
  strategies: readonly StrategySpec[],
  from: number,
  request: PlacementRequest,
  view: PlacementView,
): Host | undefined {
  let best: Host | undefined;
  for (const host of hosts) if (best === undefined || compareFrom(strategies, from, host, best, request, view) < 0) best = host;
  return best;
}
