import type { InstanceTypeSpec, InstancesDistributionSpec } from '../model/specs.js';

/**
 * What a mixed-instances Auto Scaling group launches next (aws-behaviour.md §7, "Mixed instances
 * policy"). Pure functions over the group's counts and its pools' state.
 *
 * On-Demand share: the base first, then OnDemandPercentageAboveBaseCapacity of the rest, rounded up
 * (in favour of On-Demand; AWS's rounding is unconfirmed, this is fleetsim's documented choice).
 */
export function onDemandTarget(d: InstancesDistributionSpec, desired: number): number {
  const base = Math.min(desired, d.onDemandBase);
  return base + Math.ceil(((desired - base) * d.onDemandPercentAboveBase) / 100);
}

/** On-Demand type: prioritized = the first override; lowest-price = the cheapest (ties: list order). */
export function chooseOnDemandType(types: readonly InstanceTypeSpec[], d: InstancesDistributionSpec): InstanceTypeSpec {
  let best = types[0] as InstanceTypeSpec;
  if (d.onDemandAllocation === 'prioritized') return best;
  for (const t of types) if (t.onDemandMicroPerHour < best.onDemandMicroPerHour) best = t;
  return best;
}

/** One Spot pool (instance type in the AZ being filled) as the allocation strategy sees it. */
export interface SpotPoolOption {
  readonly type: InstanceTypeSpec;
  /** Interruptions per instance per ms: fleetsim's measure of the pool's spare capacity (lower = more). */
  readonly hazard: number;
  /** In a drought: cannot launch Spot now. */
  readonly dry: boolean;
  /** The group's Spot instances in this pool. */
  readonly running: number;
}

const byPrice = (a: SpotPoolOption, b: SpotPoolOption) =>
  (a.type.spotMicroPerHour as number) - (b.type.spotMicroPerHour as number) || a.type.priority - b.type.priority;
const byPriority = (a: SpotPoolOption, b: SpotPoolOption) => a.type.priority - b.type.priority;

/**
 * The pool for the next Spot instance, among pools not in a drought (undefined: none can launch).
 * fleetsim reads "capacity availability" as the pool's interruption hazard (Advisor bucket and rates):
 * - lowest-price: the SpotInstancePools cheapest pools share the capacity; the one with the fewest of
 *   the group's instances gets the next (ties: the cheaper);
 * - capacity-optimized: the lowest hazard, ties by price; capacity-optimized-prioritized: ties by
 *   override order;
 * - price-capacity-optimized: the pools in the two lowest hazard tiers, and of those the cheapest.
 */
export function chooseSpotPool(options: readonly SpotPoolOption[], d: InstancesDistributionSpec): SpotPoolOption | undefined {
  const open = options.filter((o) => !o.dry);
  if (open.length === 0) return undefined;
  switch (d.spotAllocation) {
    case 'lowest-price': {
      const cheapest = [...open].sort(byPrice).slice(0, d.spotInstancePools);
      return cheapest.reduce((best, o) => (o.running < best.running ? o : best));
    }
    case 'capacity-optimized':
    case 'capacity-optimized-prioritized': {
      const least = Math.min(...open.map((o) => o.hazard));
      const tie = d.spotAllocation === 'capacity-optimized' ? byPrice : byPriority;
      return open.filter((o) => o.hazard === least).sort(tie)[0];
    }
    case 'price-capacity-optimized': {
      const tiers = [...new Set(open.map((o) => o.hazard))].sort((a, b) => a - b);
      const limit = tiers[Math.min(1, tiers.length - 1)] as number;
      return open.filter((o) => o.hazard <= limit).sort(byPrice)[0];
    }
  }
}
