import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/rng.js';
import type { ClusterState } from '../../src/model/clusterState.js';
import type { Host } from '../../src/model/host.js';
import type { StrategySpec, TaskDefinitionSpec } from '../../src/model/specs.js';
import { OwnerKind } from '../../src/model/task.js';
import { diagnoseFailure } from '../../src/placement/diagnose.js';
import { placeTask } from '../../src/placement/place.js';
import type { PlacementRequest } from '../../src/placement/types.js';
import { addActiveHost, makeCluster, makeGroup, makeRequest, makeTaskDefinition } from '../support/builders.js';

// Reference: aws-behaviour.md §1 "ECS task placement" [ECSDG task-placement*.md, ecs_services.md].
const BINPACK_MEM: StrategySpec = { type: 'binpack', resource: 'memory' };
const BINPACK_CPU: StrategySpec = { type: 'binpack', resource: 'cpu' };
const SPREAD_AZ: StrategySpec = { type: 'spread', field: 'attribute', attribute: 'ecs.availability-zone' };
const SPREAD_HOST: StrategySpec = { type: 'spread', field: 'instanceId' };
const DEFAULT_SERVICE = [SPREAD_AZ, SPREAD_HOST];

function occupy(cluster: ClusterState, host: Host, td: TaskDefinitionSpec, group: number): void {
  cluster.placeTask(cluster.createTask(OwnerKind.Service, 0, group, td, 0), host, 0);
}

function place(cluster: ClusterState, request: PlacementRequest): Host | undefined {
  return placeTask(request, cluster, false, createStream(1, 'test'));
}

/** Places `n` tasks one after another and returns the instance ids used. */
function placeMany(cluster: ClusterState, request: PlacementRequest, td: TaskDefinitionSpec, n: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const host = place(cluster, request);
    if (host === undefined) break;
    occupy(cluster, host, td, request.group);
    ids.push(host.instanceId);
  }
  return ids;
}

describe('binpack (§1 strategies)', () => {
  it('places on the instance with the least remaining memory that still fits', () => {
    const cluster = makeCluster([[BINPACK_MEM]]);
    const g = makeGroup('m5.large');
    const [a, b, c] = ['us-east-1a', 'us-east-1a', 'us-east-1a'].map((z) => addActiveHost(cluster, g, z)) as [Host, Host, Host];
    const other = cluster.groups.intern('other');
    occupy(cluster, b, makeTaskDefinition(256, 6000), other); // b: 1936 MiB left
    occupy(cluster, c, makeTaskDefinition(256, 7500), other); // c: 436 MiB left, too little
    const td = makeTaskDefinition(256, 1000);
    expect(place(cluster, makeRequest(td, cluster.groups.intern('job'), [BINPACK_MEM]))?.instanceId).toBe(b.instanceId);
    void a;
  });

  it('binpack on cpu fills one instance before using the next', () => {
    const cluster = makeCluster([[BINPACK_CPU]]);
    const g = makeGroup('m5.large');
    for (const z of ['us-east-1a', 'us-east-1b']) addActiveHost(cluster, g, z);
    const td = makeTaskDefinition(512, 256);
    expect(placeMany(cluster, makeRequest(td, cluster.groups.intern('j'), [BINPACK_CPU]), td, 6)).toEqual(['i-0001', 'i-0001', 'i-0001', 'i-0001', 'i-0002', 'i-0002']);
  });
});

describe('spread (§1 strategies)', () => {
  it('spread by AZ balances the service over zones, counting only its own tasks', () => {
    const cluster = makeCluster([[SPREAD_AZ]]);
    const g = makeGroup('m5.large');
    for (const z of ['us-east-1a', 'us-east-1a', 'us-east-1b', 'us-east-1c']) addActiveHost(cluster, g, z);
    const noise = cluster.groups.intern('service:other');
    const td = makeTaskDefinition(128, 128);
    occupy(cluster, cluster.host(2), td, noise); // other service's task in 1b must not count
    const request = makeRequest(td, cluster.groups.intern('service:web'), [SPREAD_AZ]);
    const zones = placeMany(cluster, request, td, 6).map((id) => cluster.hosts.find((h) => h.instanceId === id)?.availabilityZone);
    expect(zones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1a', 'us-east-1b', 'us-east-1c']);
  });

  it('the default service placement: fewest tasks in the AZ, then fewest on the instance (§1 Defaults)', () => {
    const cluster = makeCluster([DEFAULT_SERVICE]);
    const g = makeGroup('m5.large');
    for (const z of ['us-east-1a', 'us-east-1a', 'us-east-1b', 'us-east-1b']) addActiveHost(cluster, g, z);
    const td = makeTaskDefinition(128, 128);
    const ids = placeMany(cluster, makeRequest(td, cluster.groups.intern('service:web'), DEFAULT_SERVICE), td, 4);
    expect(ids).toEqual(['i-0001', 'i-0003', 'i-0002', 'i-0004']);
  });

  it('chained [spread AZ, binpack memory] balances zones, then binpacks within a zone (§1 Chaining)', () => {
    const chain = [SPREAD_AZ, BINPACK_MEM];
    const cluster = makeCluster([chain]);
    const g = makeGroup('m5.large');
    for (const z of ['us-east-1a', 'us-east-1a', 'us-east-1b', 'us-east-1b']) addActiveHost(cluster, g, z);
    const other = cluster.groups.intern('other');
    occupy(cluster, cluster.host(1), makeTaskDefinition(0, 4000), other); // i-0002 (1a) fuller
    occupy(cluster, cluster.host(3), makeTaskDefinition(0, 2000), other); // i-0004 (1b) fuller
    const td = makeTaskDefinition(128, 512);
    const ids = placeMany(cluster, makeRequest(td, cluster.groups.intern('service:web'), chain), td, 4);
    expect(ids).toEqual(['i-0002', 'i-0004', 'i-0002', 'i-0004']);
  });
});

describe('constraints (§1 Constraints) and failure reasons', () => {
  it('distinctInstance puts every task of the group on a different instance, then stops', () => {
    const cluster = makeCluster([[]]);
    const g = makeGroup('m5.large');
    for (const z of ['us-east-1a', 'us-east-1b', 'us-east-1c']) addActiveHost(cluster, g, z);
    const td = makeTaskDefinition(128, 128);
    const request = makeRequest(td, cluster.groups.intern('service:db'), [], { distinctInstance: true });
    expect(placeMany(cluster, request, td, 5)).toEqual(['i-0001', 'i-0002', 'i-0003']);
    expect(diagnoseFailure(request, cluster)).toBe('DISTINCT_INSTANCE');
  });

  it('memberOf only uses matching instances; none matching means the task waits (binding)', () => {
    const cluster = makeCluster([[]]);
    addActiveHost(cluster, makeGroup('m5.large'), 'us-east-1a');
    addActiveHost(cluster, makeGroup('c5.xlarge'), 'us-east-1b');
    const td = makeTaskDefinition(128, 128);
    const request = makeRequest(td, cluster.groups.intern('j'), [], { memberOf: ['attribute:ecs.instance-type =~ c5.*'] });
    expect(place(cluster, request)?.instanceId).toBe('i-0002');
    const none = makeRequest(td, cluster.groups.intern('j'), [], { memberOf: ['attribute:ecs.instance-type == r5.large'] });
    expect(place(cluster, none)).toBeUndefined();
    expect(diagnoseFailure(none, cluster)).toBe('MEMBER_OF');
  });

  it('a memberOf service whose instances are full waits, and takes an instance of its kind that joins (not a draining one)', () => {
    const cluster = makeCluster([[BINPACK_MEM]]);
    const c5 = makeGroup('c5.xlarge');
    for (let i = 0; i < 40; i++) addActiveHost(cluster, makeGroup('m5.large'), 'us-east-1a');
    const pinned = [addActiveHost(cluster, c5, 'us-east-1b'), addActiveHost(cluster, c5, 'us-east-1c')];
    const td = makeTaskDefinition(1024, 1024);
    const group = cluster.groups.intern('service:gpu');
    const request = makeRequest(td, group, [BINPACK_MEM], { memberOf: ['attribute:ecs.instance-type == c5.xlarge'] });
    // A c5.xlarge registers 4 vCPU: four tasks each, then nothing fits though 40 m5.large have room.
    expect(placeMany(cluster, request, td, 9)).toEqual(['i-0041', 'i-0041', 'i-0041', 'i-0041', 'i-0042', 'i-0042', 'i-0042', 'i-0042']);
    expect(diagnoseFailure(request, cluster)).toBe('MEMBER_OF');
    const later = addActiveHost(cluster, c5, 'us-east-1a');
    cluster.drainHost(pinned[0] as Host, 0);
    cluster.stopTask((pinned[0] as Host).tasks()[0] as ReturnType<ClusterState['createTask']>, 0, 'UserInitiated', 'test');
    expect(place(cluster, request)?.instanceId).toBe(later.instanceId);
  });

  it('a static host port blocks a second task on the same instance (bridge/host mode)', () => {
    const cluster = makeCluster([[]]);
    addActiveHost(cluster, makeGroup('m5.large'), 'us-east-1a');
    const td = makeTaskDefinition(128, 128, { hostPorts: [{ port: 80, protocol: 'tcp' }] });
    const request = makeRequest(td, cluster.groups.intern('j'), []);
    expect(placeMany(cluster, request, td, 2)).toEqual(['i-0001']);
    expect(diagnoseFailure(request, cluster)).toBe('RESOURCE:PORTS');
  });

  it('awsvpc tasks use an ENI each: m5.large has 3, one is the instance\'s own', () => {
    const cluster = makeCluster([[]]);
    addActiveHost(cluster, makeGroup('m5.large'), 'us-east-1a');
    const td = makeTaskDefinition(128, 128, { usesEni: true, networkMode: 'awsvpc' });
    const request = makeRequest(td, cluster.groups.intern('j'), []);
    expect(placeMany(cluster, request, td, 5)).toHaveLength(2);
    expect(diagnoseFailure(request, cluster)).toBe('RESOURCE:ENI');
  });

  it('reports the resource that ran out, memory before CPU', () => {
    const cluster = makeCluster([[]]);
    expect(diagnoseFailure(makeRequest(makeTaskDefinition(1, 1), 0, []), cluster)).toBe('NO_CONTAINER_INSTANCES');
    addActiveHost(cluster, makeGroup('m5.large'), 'us-east-1a');
    expect(diagnoseFailure(makeRequest(makeTaskDefinition(100, 9000), 0, []), cluster)).toBe('RESOURCE:MEMORY');
    expect(diagnoseFailure(makeRequest(makeTaskDefinition(4096, 100), 0, []), cluster)).toBe('RESOURCE:CPU');
  });
});
