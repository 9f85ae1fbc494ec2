import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/rng.js';
import { chooseInstanceToTerminate, zonesByFewest } from '../../src/capacity/terminationPolicy.js';
import { addActiveHost, makeCluster, makeGroup } from '../support/builders.js';

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
});
