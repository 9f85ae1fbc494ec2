import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/rng.js';
import { OwnerKind } from '../../src/model/task.js';
import type { StrategySpec } from '../../src/model/specs.js';
import { explainPlacement } from '../../src/placement/explain.js';
import { placeTask } from '../../src/placement/place.js';
import { describeExplanation, type ExplanationLine } from '../../src/report/explanationText.js';
import { addActiveHost, makeCluster, makeGroup, makeRequest, makeTaskDefinition } from '../support/builders.js';

const AZ_THEN_BINPACK: StrategySpec[] = [{ type: 'spread', field: 'attribute', attribute: 'ecs.availability-zone' }, { type: 'binpack', resource: 'memory' }];

describe('placement explanations (aws-behaviour.md §1: filters, then strategies in order)', () => {
  it('count what each filter removed and walk the strategy levels to the chosen host', () => {
    const cluster = makeCluster([AZ_THEN_BINPACK]);
    const group = cluster.groups.intern('service:web');
    const zones = ['us-east-1a', 'us-east-1a', 'us-east-1b', 'us-east-1b', 'us-east-1c'];
    const hosts = zones.map((z) => addActiveHost(cluster, makeGroup('m5.large'), z));
    const filler = makeTaskDefinition(256, 6000);
    // Host 1 (us-east-1a) is nearly full: it fails the memory filter. Host 3 (us-east-1b) holds a task of the group.
    cluster.placeTask(cluster.createTask(OwnerKind.Service, 0, cluster.groups.intern('other'), filler, 0), hosts[1] as never, 0);
    cluster.placeTask(cluster.createTask(OwnerKind.Service, 0, group, makeTaskDefinition(256, 1024), 0), hosts[3] as never, 0);
    // Host 0 (us-east-1a) has a little less memory free than the others after a small task of another group.
    cluster.placeTask(cluster.createTask(OwnerKind.Service, 0, cluster.groups.intern('other'), makeTaskDefinition(256, 512), 0), hosts[0] as never, 0);
    const request = makeRequest(makeTaskDefinition(256, 2048), group, AZ_THEN_BINPACK);
    const chosen = placeTask(request, cluster, false, createStream(1, 'x'));
    expect(chosen?.instanceId).toBe('i-0001');
    const e = explainPlacement(request, cluster, chosen as never, false);
    expect(e.hostsConsidered).toBe(5);
    expect(e.removed).toEqual([['RESOURCE:MEMORY', 1]]);
    expect(e.feasible).toBe(4);
    // spread by AZ: us-east-1a and us-east-1c have no task of the group, us-east-1b one.
    expect(e.levels[0]).toMatchObject({ strategy: 'spread(attribute:ecs.availability-zone)', candidates: 4, chosenKey: 0, bestKey: 0, counts: { 'us-east-1a': 0, 'us-east-1b': 1, 'us-east-1c': 0 } });
    // binpack(memory) among the 2 left (i-0001 in 1a, i-0005 in 1c): i-0001 has less memory free.
    expect(e.levels[1]).toMatchObject({ strategy: 'binpack(memory)', candidates: 2 });
    expect(e.levels[1]?.chosenKey).toBe((hosts[0]?.memFree ?? 0));
    // In us-east-1b, i-0004 holds the group's task, so it has less memory free than i-0003.
    expect(e.ranking.map((r) => r.instanceId)).toEqual(['i-0001', 'i-0005', 'i-0004', 'i-0003']);
    expect(e.tiedAtEnd).toBe(1);
    const line: ExplanationLine = { ...e, taskId: 9, time: '2026-01-05T00:00:00Z', timeMs: 0, ownerType: 'service', owner: 'web', instanceId: 'i-0001', zone: 'us-east-1a', taskCpu: 256, taskMemory: 2048 };
    const text = describeExplanation(line);
    expect(text).toContain('filters: 5 instances considered; RESOURCE:MEMORY removed 1; 4 could take the task (256 CPU units, 2048 MiB)');
    expect(text).toContain('spread(attribute:ecs.availability-zone): us-east-1a has 0 tasks of this service, the fewest (us-east-1a 0, us-east-1b 1, us-east-1c 0); 2 of 4 candidates are in AZs with that count');
    expect(text).toContain(`binpack(memory): i-0001 has ${(hosts[0]?.memFree ?? 0) - 2048} MiB left after placement, the least of 2 candidates`);
  });
});
