import { createSampler } from '../../src/engine/distributions.js';
import { ec2Catalog } from '../../src/catalog/ec2Catalog.js';
import { ClusterState } from '../../src/model/clusterState.js';
import { HostIndex } from '../../src/model/hostIndex.js';
import type { Host } from '../../src/model/host.js';
import type { AutoScalingGroupSpec, InstanceTypeSpec, PlacementSpec, StrategySpec, TaskDefinitionSpec } from '../../src/model/specs.js';
import { indexRequirements } from '../../src/placement/indexPlan.js';
import type { PlacementRequest } from '../../src/placement/types.js';
import { compileMemberOf } from '../../src/placement/expression/index.js';
import { Task, TaskState } from '../../src/model/task.js';

/** Test builders: small clusters and requests without going through a scenario file. */
export function makeGroup(instanceType = 'm5.large', overrides: Partial<AutoScalingGroupSpec> = {}): AutoScalingGroupSpec {
  const info = ec2Catalog().get(instanceType);
  if (info?.vcpu === undefined || info.memoryMiB === undefined) throw new Error(`no ${instanceType}`);
  const onDemandMicroPerHour = Math.round(info.onDemandPricePerHour * 1e6);
  const savings = info.spotSavingsPercent;
  return {
    index: 0,
    name: `asg-${instanceType}`,
    instanceTypes: [
      {
        info,
        priority: 0,
        vcpu: info.vcpu,
        memoryMiB: info.memoryMiB,
        onDemandMicroPerHour,
        spotMicroPerHour: savings === undefined ? undefined : Math.round(onDemandMicroPerHour * (1 - savings / 100)),
      },
    ],
    distribution: { onDemandAllocation: 'prioritized', onDemandBase: 0, onDemandPercentAboveBase: 100, spotAllocation: 'lowest-price', spotInstancePools: 2 },
    usesSpot: false,
    capacityRebalance: false,
    spotDraining: false,
    minSize: 0,
    maxSize: 1000,
    desiredCapacity: 0,
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    pendingTime: createSampler({ type: 'constant', value: 0 }),
    bootTime: createSampler({ type: 'constant', value: 0 }),
    agentMemoryReserve: 256,
    attributes: [],
    ...overrides,
  };
}

/** A cluster indexed for the chains; `countEverything` false leaves task groups uncounted until tracked. */
export function makeCluster(chains: readonly (readonly StrategySpec[])[], spreadAttributes = ['ecs.availability-zone'], randomTieBreak = false, countEverything = true): ClusterState {
  const attributes = new Set(spreadAttributes);
  for (const chain of chains) for (const s of chain) if (s.type === 'spread' && s.field === 'attribute') attributes.add(s.attribute);
  const cluster = new ClusterState(new HostIndex(indexRequirements(chains, randomTieBreak)), [...attributes].sort(), '1.89.0', (t) => Math.max(0, (t.info.maxEnis ?? 1) - 1));
  if (countEverything) cluster.groups.trackEverything();
  return cluster;
}

export function addActiveHost(cluster: ClusterState, group: AutoScalingGroupSpec, zone: string, spot = false): Host {
  const host = cluster.launchHost(group, group.instanceTypes[0] as InstanceTypeSpec, spot, zone, 0);
  cluster.hostRunning(host, 0);
  cluster.registerHost(host, 0, 0);
  return host;
}

export function makeTaskDefinition(cpu: number, memory: number, overrides: Partial<TaskDefinitionSpec> = {}): TaskDefinitionSpec {
  const zero = createSampler({ type: 'constant', value: 0 });
  return {
    key: `td-${cpu}-${memory}:1`,
    family: `td-${cpu}-${memory}`,
    revision: 1,
    cpu,
    memory,
    networkMode: 'bridge',
    hostPorts: [],
    usesEni: false,
    cpuArchitecture: undefined,
    memberOf: [],
    imagePullTime: zero,
    containerStartTime: zero,
    shutdownTime: zero,
    stopTimeoutMs: 30_000,
    ...overrides,
  };
}

export function makeRequest(
  td: TaskDefinitionSpec,
  group: number,
  strategies: readonly StrategySpec[],
  options: { distinctInstance?: boolean; memberOf?: string[] } = {},
): PlacementRequest {
  const placement: PlacementSpec = {
    strategies,
    distinctInstance: options.distinctInstance ?? false,
    memberOf: (options.memberOf ?? []).map(compileMemberOf),
  };
  return { cpu: td.cpu, memory: td.memory, hostPorts: td.hostPorts, usesEni: td.usesEni, cpuArchitecture: td.cpuArchitecture, group, placement };
}

/** A RUNNING task on no host, of revision `td`, started at `startedAt`; `id` (default 0) is also its slot. */
export function runningTask(td: TaskDefinitionSpec, startedAt: number, id = 0): Task {
  const t = new Task();
  t.taskDefinition = td;
  t.id = id;
  t.slot = id;
  t.state = TaskState.Running;
  t.startedAt = startedAt;
  return t;
}
