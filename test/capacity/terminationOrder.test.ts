import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScaleInVictims, TerminationOrder } from '../../src/capacity/terminationOrder.js';
import { chooseInstanceToTerminate } from '../../src/capacity/terminationPolicy.js';
import { createStream, type Random } from '../../src/engine/rng.js';
import { HostStatus, type Host } from '../../src/model/host.js';
import { addActiveHost, makeCluster, makeGroup } from '../support/builders.js';

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const NOW = 7_200_000;

/** A stream that counts its draws. */
function counted(seed: number): { rng: Random; draws: () => number } {
  const base = createStream(seed, 'terminate');
  let n = 0;
  return {
    rng: () => {
      n++;
      return base();
    },
    draws: () => n,
  };
}

/** Hosts in three group zones and one outside the group, Spot or not, with tied and untied hours. */
function hostsFrom(picks: readonly { zone: number; running: number | undefined; launching: boolean; spot: boolean }[]): Host[] {
  const cluster = makeCluster([[]]);
  const g = makeGroup('m5.large');
  return picks.map((p) => {
    const h = addActiveHost(cluster, g, [...ZONES, 'us-west-2a'][p.zone] as string, p.spot);
    h.runningAt = p.running === undefined ? -1 : p.running * 600_000;
    if (p.launching) h.status = HostStatus.Launching;
    return h;
  });
}

const host = fc.record({
  zone: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 2 }) }, { weight: 1, arbitrary: fc.constant(3) }),
  running: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  launching: fc.boolean(),
  spot: fc.boolean(),
});

// Reference: aws-behaviour.md §7 "Default termination policy" (the zone with the most instances, then
// the instance closest to its next billing hour, then random), applied victim after victim.
describe('TerminationOrder and ScaleInVictims', () => {
  it('choose, victim after victim, exactly what the policy chooses among the instances left, with the same draws', () => {
    fc.assert(
      fc.property(fc.array(host, { maxLength: 60 }), fc.integer({ min: 1, max: 1000 }), (picks, seed) => {
        const members = hostsFrom(picks);
        const order = new TerminationOrder(members, ZONES, NOW);
        const indexed = counted(seed);
        const plain = counted(seed);
        const left = [...members];
        for (;;) {
          const expected = chooseInstanceToTerminate(left, ZONES, NOW, plain.rng);
          const got = order.next(indexed.rng);
          expect(got).toBe(expected);
          expect(indexed.draws()).toBe(plain.draws());
          if (expected === undefined) break;
          left.splice(left.indexOf(expected), 1);
        }
        expect(order.size).toBe(left.length);
      }),
      { numRuns: 300 },
    );
  });

  it('pick a mixed group\'s victims among the option over its share, as the per-victim scan does', () => {
    fc.assert(
      fc.property(fc.array(host, { minLength: 8, maxLength: 60 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 70 }), fc.integer({ min: 1, max: 1000 }), (picks, spotOver, seed) => {
        const members = hostsFrom(picks);
        // Expecting 8 or more victims indexes; fewer scans: both must choose alike.
        const indexed = new ScaleInVictims(members, ZONES, NOW, true, 8);
        const scanned = new ScaleInVictims(members, ZONES, NOW, true, 1);
        const a = counted(seed);
        const b = counted(seed);
        for (const over of spotOver) {
          const got = indexed.next(over, a.rng);
          expect(got).toBe(scanned.next(over, b.rng));
          expect(a.draws()).toBe(b.draws());
          if (got === undefined) break;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('terminates 20,000 tied instances of three zones one zone after another, staying balanced', () => {
    const cluster = makeCluster([[]]);
    const g = makeGroup('m5.large');
    const members = Array.from({ length: 20_001 }, (_, i) => addActiveHost(cluster, g, ZONES[i % 3] as string));
    const victims = new ScaleInVictims(members, ZONES, NOW, false, 20_000);
    const rng = createStream(7, 'terminate');
    const perZone = new Map(ZONES.map((z) => [z, 6_667]));
    for (let i = 0; i < 20_000; i++) {
      const v = victims.next(false, rng) as Host;
      perZone.set(v.availabilityZone, (perZone.get(v.availabilityZone) as number) - 1);
      const counts = [...perZone.values()];
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    expect([...perZone.values()].sort()).toEqual([0, 0, 1]);
  });
});
