import type { QueryHost } from '../placement/expression/index.js';
import type { HostIndex } from './hostIndex.js';
import type { AutoScalingGroupSpec, HostPort, InstanceTypeSpec } from './specs.js';
import type { Task } from './task.js';

/**
 * A container instance. Owned and mutated by ClusterState only; everyone else reads it.
 * Lifecycle: LAUNCHING (EC2 pending) → BOOTING (running, billed, agent not yet registered) → ACTIVE
 * (ECS places tasks) → DRAINING → TERMINATED.
 */
export const enum HostStatus {
  Launching = 0,
  Booting = 1,
  Active = 2,
  Draining = 3,
  Terminated = 4,
}

export function instanceIdFor(index: number): string {
  return `i-${String(index + 1).padStart(4, '0')}`;
}

/** Hosts of one group, type and zone have identical attributes: one shared map each. */
const attributeMaps = new WeakMap<AutoScalingGroupSpec, Map<string, ReadonlyMap<string, string>>>();

function sharedAttributes(group: AutoScalingGroupSpec, type: InstanceTypeSpec, zone: string): ReadonlyMap<string, string> {
  let byKey = attributeMaps.get(group);
  if (byKey === undefined) {
    byKey = new Map();
    attributeMaps.set(group, byKey);
  }
  const key = `${type.info.instanceType}/${zone}`;
  let attributes = byKey.get(key);
  if (attributes === undefined) {
    const map = new Map<string, string>([
      ['ecs.availability-zone', zone],
      ['ecs.instance-type', type.info.instanceType],
      ['ecs.cpu-architecture', type.info.cpuArchitecture],
      ['ecs.os-type', 'linux'],
      ['ecs.os-family', 'LINUX'],
      ['ecs.ami-id', 'ami-ecs-optimized'],
    ]);
    for (const [name, value] of group.attributes) map.set(name, value);
    attributes = map;
    byKey.set(key, attributes);
  }
  return attributes;
}

/** Where a host's per-group task counts live (TaskGroups). */
export interface HostGroupCounts {
  hostCount(group: number, host: number): number;
  groupsOn(host: Host): Iterable<string>;
}

const NO_VALUES = new Int32Array(0);
const NO_COUNTS: HostGroupCounts = { hostCount: () => 0, groupsOn: () => [] };

/** A static host port as the key a host's port set holds: port × 2, plus 1 for UDP. */
export function portKey(p: HostPort): number {
  return p.port * 2 + (p.protocol === 'udp' ? 1 : 0);
}

/** Keys of the host conditions tasks change, for the index's condition scans (HostIndex.conditionChanged). */
export const ENI_FREE = 'eni-free';
export function portFree(key: number): string {
  return `port-free:${key}`;
}

export class Host implements QueryHost {
  readonly instanceId: string;
  status = HostStatus.Launching;
  readonly cpuTotal: number;
  readonly memTotal: number;
  readonly eniTotal: number;
  cpuFree: number;
  memFree: number;
  eniFree: number;
  /** Static host ports in use, as port * 2 + (udp ? 1 : 0); created on first use (most hosts never need it). */
  private ports: Set<number> | undefined;
  /** RUNNING tasks (the runningTasksCount query subject). */
  runningTasksCount = 0;
  /** Tasks on the host that are not STOPPED: an intrusive list through Task.prevOnHost/nextOnHost. */
  firstTask: Task | undefined;
  lastTask: Task | undefined;
  taskCount = 0;
  /** Interned values of the spread attributes (set by the cluster at launch; shared by hosts with equal attributes). */
  spreadValues: Int32Array = NO_VALUES;
  readonly attributes: ReadonlyMap<string, string>;
  launchedAt: number;
  runningAt = -1;
  registeredAt = -1;
  terminatedAt = -1;
  /** Epoch ms of registration, for the registeredAt query subject. */
  registeredAtEpochMs = 0;
  /** The placement indexes holding this host while it is ACTIVE/DRAINING (set by the cluster). */
  indexes: readonly HostIndex[] = [];
  /** Set by the cluster at launch: the per-host task counts of groups. */
  groupCounts: HostGroupCounts = NO_COUNTS;
  /** Price while running, micro-dollars per hour (the Spot price for Spot instances). */
  readonly microPerHour: number;
  /** When EC2 sent the Spot interruption notice (-1: none); the instance terminates 2 minutes later. */
  interruptedAt = -1;

  constructor(
    readonly index: number,
    readonly group: AutoScalingGroupSpec,
    readonly type: InstanceTypeSpec,
    /** Purchase option: Spot (true) or On-Demand. */
    readonly spot: boolean,
    readonly availabilityZone: string,
    readonly agentVersion: string,
    eniTotal: number,
    now: number,
  ) {
    this.instanceId = instanceIdFor(index);
    this.cpuTotal = type.vcpu * 1024;
    this.memTotal = type.memoryMiB - group.agentMemoryReserve;
    this.microPerHour = spot ? (type.spotMicroPerHour as number) : type.onDemandMicroPerHour;
    this.eniTotal = eniTotal;
    this.cpuFree = this.cpuTotal;
    this.memFree = this.memTotal;
    this.eniFree = eniTotal;
    this.launchedAt = now;
    this.attributes = sharedAttributes(group, type, availabilityZone);
  }

  /** The tasks on the host, in placement order (a copy: safe to stop tasks while iterating). */
  tasks(): Task[] {
    const out: Task[] = [];
    for (let t = this.firstTask; t !== undefined; t = t.nextOnHost) out.push(t);
    return out;
  }

  addTask(task: Task): void {
    task.prevOnHost = this.lastTask;
    task.nextOnHost = undefined;
    if (this.lastTask === undefined) this.firstTask = task;
    else this.lastTask.nextOnHost = task;
    this.lastTask = task;
    this.taskCount++;
  }

  removeTask(task: Task): void {
    if (task.prevOnHost === undefined) this.firstTask = task.nextOnHost;
    else task.prevOnHost.nextOnHost = task.nextOnHost;
    if (task.nextOnHost === undefined) this.lastTask = task.prevOnHost;
    else task.nextOnHost.prevOnHost = task.prevOnHost;
    task.prevOnHost = task.nextOnHost = undefined;
    this.taskCount--;
  }

  portInUse(key: number): boolean {
    return this.ports !== undefined && this.ports.has(key);
  }

  usePort(key: number): void {
    (this.ports ??= new Set()).add(key);
  }

  releasePort(key: number): void {
    this.ports?.delete(key);
  }

  attribute(name: string): string | undefined {
    return this.attributes.get(name);
  }

  groupCount(group: number): number {
    return this.groupCounts.hostCount(group, this.index);
  }

  taskGroups(): Iterable<string> {
    return this.groupCounts.groupsOn(this);
  }
}
