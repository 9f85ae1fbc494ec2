import { describe, expect, it } from 'vitest';
import { chooseOnDemandType, chooseSpotPool, onDemandTarget, type SpotPoolOption } from '../../src/capacity/spotAllocation.js';
import type { InstancesDistributionSpec } from '../../src/model/specs.js';
import { makeGroup } from '../support/builders.js';

// Reference: aws-behaviour.md §7 "Mixed instances policy" (InstancesDistribution defaults and strategies).
const dist = (over: Partial<InstancesDistributionSpec> = {}): InstancesDistributionSpec => ({
  onDemandAllocation: 'prioritized',
  onDemandBase: 0,
  onDemandPercentAboveBase: 100,
  spotAllocation: 'lowest-price',
  spotInstancePools: 2,
  ...over,
});

function type(name: string, priority: number) {
  const t = makeGroup(name).instanceTypes[0];
  if (t === undefined) throw new Error(name);
  return { ...t, priority };
}

// Spot prices (On-Demand × (1 − savings)): m5.large $0.03264, m6a.large $0.035424, m7a.large $0.034776, m6i.large $0.03552.
const m5 = type('m5.large', 0);
const m6a = type('m6a.large', 1);
const m7a = type('m7a.large', 2);
const m6i = type('m6i.large', 3);
const option = (t: typeof m5, hazard: number, running = 0, dry = false): SpotPoolOption => ({ type: t, hazard, running, dry });

describe('On-Demand share of a mixed group', () => {
  it('fills the base first, then the percentage of the rest, rounded up in favour of On-Demand', () => {
    expect(onDemandTarget(dist({ onDemandBase: 2, onDemandPercentAboveBase: 25 }), 10)).toBe(4);
    expect(onDemandTarget(dist({ onDemandBase: 2, onDemandPercentAboveBase: 25 }), 1)).toBe(1);
    expect(onDemandTarget(dist({ onDemandPercentAboveBase: 50 }), 3)).toBe(2);
    expect(onDemandTarget(dist({ onDemandPercentAboveBase: 0 }), 7)).toBe(0);
    expect(onDemandTarget(dist(), 7)).toBe(7);
  });

  it('prioritized takes the first override; lowest-price the cheapest On-Demand type', () => {
    const c5 = type('c5.large', 1);
    expect(chooseOnDemandType([m5, c5], dist()).info.instanceType).toBe('m5.large');
    expect(chooseOnDemandType([m5, c5], dist({ onDemandAllocation: 'lowest-price' })).info.instanceType).toBe('c5.large');
  });
});

describe('Spot allocation strategies', () => {
  const pools = [option(m5, 4), option(m6a, 1), option(m7a, 1), option(m6i, 2)];

  it('lowest-price spreads over the SpotInstancePools cheapest pools', () => {
    const d = dist({ spotAllocation: 'lowest-price', spotInstancePools: 2 });
    expect(chooseSpotPool(pools, d)?.type).toBe(m5);
    // m5 already has more of the group's instances than m7a (the second cheapest): m7a is next.
    expect(chooseSpotPool([option(m5, 4, 3), option(m6a, 1), option(m7a, 1, 1), option(m6i, 2)], d)?.type).toBe(m7a);
    expect(chooseSpotPool([option(m5, 4, 3), option(m7a, 1, 1)], dist({ spotInstancePools: 1 }))?.type).toBe(m5);
  });

  it('capacity-optimized takes the pool with the lowest interruption hazard (ties by price or by priority)', () => {
    expect(chooseSpotPool(pools, dist({ spotAllocation: 'capacity-optimized' }))?.type).toBe(m7a);
    expect(chooseSpotPool(pools, dist({ spotAllocation: 'capacity-optimized-prioritized' }))?.type).toBe(m6a);
  });

  it('price-capacity-optimized takes the cheapest of the two lowest hazard tiers', () => {
    expect(chooseSpotPool(pools, dist({ spotAllocation: 'price-capacity-optimized' }))?.type).toBe(m7a);
    // With m7a dry, the tiers are m6a (1) and m6i (2): the cheaper is m6a.
    const dry = [option(m5, 4), option(m6a, 1), option(m7a, 1, 0, true), option(m6i, 2)];
    expect(chooseSpotPool(dry, dist({ spotAllocation: 'price-capacity-optimized' }))?.type).toBe(m6a);
  });

  it('skips pools in a drought, and finds nothing when every pool is dry', () => {
    const d = dist({ spotAllocation: 'lowest-price' });
    expect(chooseSpotPool([option(m5, 4, 0, true), option(m7a, 1)], d)?.type).toBe(m7a);
    expect(chooseSpotPool([option(m5, 4, 0, true)], d)).toBeUndefined();
  });
});
