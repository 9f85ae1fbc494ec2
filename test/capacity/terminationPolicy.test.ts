import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/rng.js';
import { chooseInstanceToTerminate, zonesByFewest } from '../../src/capacity/terminationPolicy.js';
import { HostStatus, type Host } from '../../src/model/host.js';
import type { Random } from '../../src/engine/rng.js';
import { addActiveHost, makeCluster, makeGroup } from '../support/builders.js';

/** The policy written plainly (the first version): the reference the allocation-free one must equal. */
function plainChoice(members: readonly Host[], zones: readonly string[], now: number, rng: Random): Host | undefined {
  if (members.length === 0) return undefined;
  const perZone = new Map<string, number>();
  for (const h of members) perZone.set(h.availabilityZone, (perZone.get(h.availabilityZone) ?? 0) + 1);
  const most = Math.max(...zones.map((z) => perZone.get(z) ?? 0));
  const inZone = members.filter((h) => (perZone.get(h.availabilityZone) ?? 0) === most);
  const toNextHour = (h: Host) => (h.status === HostStatus.Launching || h.runningAt < 0 ? 0 : 3_600_000 - ((now - h.runningAt) % 3_600_000));
  const closest = Math.min(...inZone.map(toNextHour));
  const candidates = inZone.filter((h) => toNextHour(h) === closest).sort((a, b) => a.index - b.index);
  return candidates[Math.floor(rng() * candidates.length)];
}

// Reference: aws-behaviour.md §7 "Default termination policy".
describe('Auto Scaling group zone choice and default termination policy', () => {
  const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

  it('launches into the zone with the fewest instances, skipping failed zones', () => {
    const counts = new Map([['us-east-1a', 2], ['us-east-1b', 1], ['us-east-1c', 1]]);
    expect(zonesByFewest(counts, zones, new Set())[0]).toBe('us-east-1b');
    expect(zonesByFewest(counts, zones, new Set(['us-east-1b']))[0]).toBe('us-east-1c');
    expect(zonesByFewest(counts, zones, new Set(zones))).toEqual([]);
  });

  it('terminates in the zone with the most instances, the one closest to its next billing hour', () => {
    const cluster = makeCluster([[]]);
    const g = makeGroup('m5.large');
    const a1 = addActiveHost(cluster, g, 'us-east-1a');
    const b1 = addActiveHost(cluster, g, 'us-east-1b');
    const b2 = addActiveHost(cluster, g, 'us-east-1b');
    b1.runningAt = 0; // at t = 50 min: 10 min to its next hour
    b2.runningAt = 1_200_000; // started at 20 min: 30 min to its next hour
    const victim = chooseInstanceToTerminate([a1, b1, b2], zones, 3_000_000, createStream(1, 't'));
    expect(victim).toBe(b1);
  });

  it('chooses exactly as the plain policy, with the same draws (zones tied, hours tied, a zone outside the group)', () => {
    const cluster = makeCluster([[]]);
    const g = makeGroup('m5.large');
    const pool = Array.from({ length: 40 }, (_, i) => addActiveHost(cluster, g, ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-west-2a'][i % 4] as string));
    const host = fc.record({ at: fc.nat(39), running: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), launching: fc.boolean() });
    fc.assert(
      fc.property(fc.uniqueArray(host, { selector: (h) => h.at, maxLength: 40 }), fc.integer({ min: 1, max: 1000 }), (picks, seed) => {
        const members = picks.map((p) => {
          const h = pool[p.at] as Host;
          h.runningAt = p.running === undefined ? -1 : p.running * 600_000;
          h.status = p.launching ? HostStatus.Launching : HostStatus.Active;
          return h;
        });
        const draws = [0, 0];
        const counted = (k: number): Random => {
          const rng = createStream(seed, 'terminate');
          return () => {
            draws[k]++;
            return rng();
          };
        };
        const now = 7_200_000;
        return chooseInstanceToTerminate(members, zones, now, counted(0)) === plainChoice(members, zones, now, counted(1)) && draws[0] === draws[1];
      }),
      { numRuns: 500 },
    );
  });
});
