import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/rng.js';
import type { StrategySpec } from '../../src/model/specs.js';
import { OwnerKind } from '../../src/model/task.js';
import { randomPicker } from '../../src/placement/randomPick.js';
import { hostsOf, placeByScan } from '../../src/placement/scan.js';
import { addActiveHost, makeCluster, makeGroup, makeRequest, makeTaskDefinition } from '../support/builders.js';

const RANDOM: StrategySpec = { type: 'random' };
const SPREAD_ZONE: StrategySpec = { type: 'spread', field: 'attribute', attribute: 'ecs.availability-zone' };
const BINPACK: StrategySpec = { type: 'binpack', resource: 'memory' };
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

// Reference: aws-behaviour.md §1 (random placement: uniform among the instances left); the reference
// scan (scan.ts) fixes the draw: one, over the tied hosts in host-index order.
describe('random placement from fit sets', () => {
  it('covers random first and random after spread(attribute), for requests filtered by memory and CPU alone', () => {
    const chains = [[RANDOM], [SPREAD_ZONE, RANDOM], [BINPACK, RANDOM]];
    const cluster = makeCluster(chains);
    const td = makeTaskDefinition(256, 512);
    expect(randomPicker(makeRequest(td, 0, [RANDOM]), cluster, 0)).toBeDefined();
    expect(randomPicker(makeRequest(td, 0, [SPREAD_ZONE, RANDOM]), cluster, 1)).toBeDefined();
    expect(randomPicker(makeRequest(td, 0, [BINPACK, RANDOM]), cluster, 1)).toBeUndefined();
    expect(randomPicker(makeRequest(td, 0, [RANDOM], { distinctInstance: true }), cluster, 0)).toBeUndefined();
    expect(randomPicker(makeRequest(td, 0, [RANDOM], { memberOf: ['attribute:ecs.instance-type == m5.large'] }), cluster, 0)).toBeUndefined();
    expect(randomPicker(makeRequest(makeTaskDefinition(256, 512, { usesEni: true, networkMode: 'awsvpc' }), 0, [RANDOM]), cluster, 0)).toBeUndefined();
  });

  it('picks what the scan picks, with the same draw, as hosts fill up, empty and leave', () => {
    const chains = [[RANDOM], [SPREAD_ZONE, RANDOM]];
    const cluster = makeCluster(chains);
    const groups = [makeGroup('m5.large'), makeGroup('c5.xlarge')];
    const hosts = Array.from({ length: 30 }, (_, i) => addActiveHost(cluster, groups[i % 2] as ReturnType<typeof makeGroup>, ZONES[i % 3] as string));
    const tds = [makeTaskDefinition(1024, 2048), makeTaskDefinition(256, 3000)];
    const group = cluster.groups.intern('g');
    const placed: ReturnType<typeof cluster.createTask>[] = [];
    let picks = 0;
    for (let step = 0; step < 400; step++) {
      const td = tds[step % 2] as (typeof tds)[number];
      const chain = chains[(step >> 1) % 2] as StrategySpec[];
      const request = makeRequest(td, group, chain);
      const pick = randomPicker(request, cluster, chain.length - 1);
      expect(pick).toBeDefined();
      const got = pick?.(request, cluster, createStream(3, `s${step}`));
      const expected = placeByScan(hostsOf(cluster.index.all.any, cluster), request, cluster, false, createStream(3, `s${step}`));
      expect(got?.instanceId).toBe(expected?.instanceId);
      if (got !== undefined) {
        picks++;
        const task = cluster.createTask(OwnerKind.Job, 0, group, td, 0);
        cluster.placeTask(task, got, 0);
        placed.push(task);
      }
      if (step % 3 === 0 && placed.length > 0) cluster.stopTask(placed.splice(step % placed.length, 1)[0] as (typeof placed)[number], 0, 'UserInitiated', 'test');
      if (step === 200) for (const h of hosts.slice(0, 10)) cluster.drainHost(h, 0);
    }
    // The fleet filled at times (no host fitting: no pick, no draw) and had room at others.
    expect(picks).toBeGreaterThan(100);
    expect(picks).toBeLessThan(400);
  });
});
