import type { HostIndex } from './hostIndex.js';
import { ENI_FREE, Host, HostStatus, portKey } from './host.js';
import type { AutoScalingGroupSpec, InstanceTypeSpec } from './specs.js';
import { Task, TaskState } from './task.js';
import { TaskGroups } from './taskGroups.js';

/**
 * The one owner of cluster state: hosts, tasks and the placement indexes. Every change goes through
 * a method here, which keeps resources, counts and indexes consistent and tells the observers.
 */
export interface ClusterObserver {
  hostRunning?(host: Host, now: number): void;
  hostRegistered?(host: Host, now: number): void;
  hostDraining?(host: Host, now: number): void;
  hostTerminated?(host: Host, now: number): void;
  /** A RUNNING task leaves its load balancer ahead of a stop (deregistration delay). */
  taskDeregistering?(task: Task, now: number): void;
  taskPlaced?(task: Task, now: number): void;
  taskStateChanged?(task: Task, from: TaskState, now: number): void;
  taskStopped?(task: Task, now: number): void;
}

/** What placement reads of one provider's hosts (the PlacementView shape, without importing placement). */
export interface ProviderView {
  readonly index: HostIndex;
  host(index: number): Host;
  groupCountByAttribute(group: number, attribute: string, value: string): number;
  groupCountsByValue(group: number, attribute: string): Int32Array | undefined;
  attributeValueId(attribute: string, value: string): number;
}

const NO_INDEXES: readonly HostIndex[] = [];

export class ClusterState {
  readonly hosts: Host[] = [];
  readonly groups: TaskGroups;
  /** Sum over ACTIVE and DRAINING hosts of registered resources, and over their tasks of reservations. */
  registeredCpu = 0;
  registeredMem = 0;
  reservedCpu = 0;
  reservedMem = 0;
  activeHosts = 0;
  /** Hosts with at least one task that is not STOPPED. */
  hostsInUse = 0;
  /** Goes up whenever capacity is freed or added (a task stopped, a host registered): a placement that
   * failed at version v cannot succeed before the version changes. */
  capacityVersion = 0;
  /** All observers (host facts, rare), and per-fact handler lists for the hot task facts. */
  private readonly observers: ClusterObserver[] = [];
  private readonly onTaskPlaced: ((task: Task, now: number) => void)[] = [];
  private readonly onTaskStateChanged: ((task: Task, from: TaskState, now: number) => void)[] = [];
  private readonly onTaskStopped: ((task: Task, now: number) => void)[] = [];
  private readonly onTaskDeregistering: ((task: Task, now: number) => void)[] = [];
  private readonly pool: Task[] = [];
  /** Every task object ever made, by slot (objects are reused after STOPPED). */
  private readonly slots: Task[] = [];
  private nextTaskId = 1;
  /** Per Auto Scaling group (by index): the index of its capacity provider, when some strategy uses it. */
  private readonly providerIndexes: (HostIndex | undefined)[] = [];
  private readonly providerViews: (ProviderView | undefined)[] = [];
  /** Per Auto Scaling group: the index list its instances share (see indexesFor). */
  private readonly indexLists: (readonly HostIndex[] | undefined)[] = [];
  /** Whether `index` (all instances) is kept: some workload uses the EC2 launch type. */
  private globalIndexed = true;
  /** Tasks on Fargate capacity, not yet STOPPED. */
  fargateTasks = 0;

  constructor(
    readonly index: HostIndex,
    spreadAttributes: readonly string[],
    private readonly agentVersion: string,
    private readonly eniLimit: (type: InstanceTypeSpec) => number,
  ) {
    this.groups = new TaskGroups(spreadAttributes);
  }

  /** Keeps a separate placement index for the hosts of one Auto Scaling group (its capacity provider). */
  indexProvider(group: number, index: HostIndex): void {
    this.providerIndexes[group] = index;
    this.providerViews[group] = {
      index,
      host: (i) => this.host(i),
      groupCountByAttribute: (g, a, v) => this.groups.countByAttribute(g, a, v),
      groupCountsByValue: (g, a) => this.groups.countsByValue(g, a),
      attributeValueId: (a, v) => this.groups.valueId(a, v),
    };
  }

  /** Stops keeping the all-instances index (no workload places on it). Call before any host registers. */
  skipGlobalIndex(): void {
    this.globalIndexed = false;
  }

  /** The placement view of one Auto Scaling group's provider (see indexProvider). */
  providerView(group: number): ProviderView {
    const view = this.providerViews[group];
    if (view === undefined) throw new Error(`no provider index for Auto Scaling group ${group}`);
    return view;
  }

  observe(observer: ClusterObserver): void {
    this.observers.push(observer);
    if (observer.taskPlaced) this.onTaskPlaced.push(observer.taskPlaced.bind(observer));
    if (observer.taskStateChanged) this.onTaskStateChanged.push(observer.taskStateChanged.bind(observer));
    if (observer.taskStopped) this.onTaskStopped.push(observer.taskStopped.bind(observer));
    if (observer.taskDeregistering) this.onTaskDeregistering.push(observer.taskDeregistering.bind(observer));
  }

  /** A RUNNING task leaves its load balancer ahead of a stop; it keeps its resources until it stops. */
  deregisterTask(task: Task, now: number): void {
    task.deregistering = true;
    for (const handler of this.onTaskDeregistering) handler(task, now);
  }

  host(index: number): Host {
    return this.hosts[index] as Host;
  }

  launchHost(group: AutoScalingGroupSpec, type: InstanceTypeSpec, spot: boolean, availabilityZone: string, now: number): Host {
    const host = new Host(this.hosts.length, group, type, spot, availabilityZone, this.agentVersion, this.eniLimit(type), now);
    host.spreadValues = this.groups.valuesFor(host);
    host.groupCounts = this.groups;
    this.hosts.push(host);
    return host;
  }

  /** EC2 pending → running: billing starts. */
  hostRunning(host: Host, now: number): void {
    host.status = HostStatus.Booting;
    host.runningAt = now;
    for (const o of this.observers) o.hostRunning?.(host, now);
  }

  /** The ECS agent registers: the host takes tasks. */
  registerHost(host: Host, now: number, startEpochMs: number): void {
    host.status = HostStatus.Active;
    host.registeredAt = now;
    host.registeredAtEpochMs = startEpochMs + now;
    this.registeredCpu += host.cpuTotal;
    this.registeredMem += host.memTotal;
    this.activeHosts++;
    this.capacityVersion++;
    host.indexes = this.indexesFor(host.group.index);
    for (const ix of host.indexes) ix.add(host);
    for (const o of this.observers) o.hostRegistered?.(host, now);
  }

  /**
   * The indexes an instance of the Auto Scaling group is kept in: one list per group, shared by its
   * instances (a list per instance would be one more object to fetch from memory on every placement).
   */
  private indexesFor(group: number): readonly HostIndex[] {
    let indexes = this.indexLists[group];
    if (indexes === undefined) {
      const list: HostIndex[] = this.globalIndexed ? [this.index] : [];
      const own = this.providerIndexes[group];
      if (own !== undefined) list.push(own);
      indexes = list;
      this.indexLists[group] = indexes;
    }
    return indexes;
  }

  /** ACTIVE → DRAINING (aws-behaviour.md §5): no new tasks; its service tasks are replaced by their schedulers. */
  drainHost(host: Host, now: number): void {
    if (host.status !== HostStatus.Active) return;
    host.status = HostStatus.Draining;
    this.activeHosts--;
    for (const ix of host.indexes) ix.remove(host);
    host.indexes = NO_INDEXES;
    for (const o of this.observers) o.hostDraining?.(host, now);
  }

  /** Terminates a host. Its tasks must have been stopped first (stopTask). */
  terminateHost(host: Host, now: number): void {
    if (host.taskCount > 0) throw new Error(`${host.instanceId} still has ${host.taskCount} tasks`);
    if (host.status === HostStatus.Active || host.status === HostStatus.Draining) {
      this.registeredCpu -= host.cpuTotal;
      this.registeredMem -= host.memTotal;
      if (host.status === HostStatus.Active) this.activeHosts--;
      for (const ix of host.indexes) ix.remove(host);
      host.indexes = NO_INDEXES;
    }
    host.status = HostStatus.Terminated;
    host.terminatedAt = now;
    for (const o of this.observers) o.hostTerminated?.(host, now);
  }

  /** A new task, not yet on a host (a job waiting in the queue, or a service task about to be placed). */
  createTask(ownerKind: Task['ownerKind'], owner: number, group: number, taskDefinition: Task['taskDefinition'], now: number): Task {
    let task = this.pool.pop();
    if (task === undefined) {
      task = new Task();
      task.slot = this.slots.length;
      this.slots.push(task);
    }
    task.id = this.nextTaskId++;
    task.ownerKind = ownerKind;
    task.owner = owner;
    task.group = group;
    task.taskDefinition = taskDefinition;
    task.host = undefined;
    task.provider = -1;
    task.zone = '';
    task.fargate = false;
    task.state = TaskState.Provisioning;
    task.createdAt = now;
    task.placedAt = task.pullStartedAt = task.startedAt = task.stoppingAt = task.stoppedAt = -1;
    task.stopCode = '';
    task.interrupted = false;
    task.deregistering = false;
    task.stoppedReason = '';
    task.timer = task.endTimer = -1;
    return task;
  }

  taskAt(slot: number): Task {
    return this.slots[slot] as Task;
  }

  /** Fargate tasks not yet STOPPED, by slot (for the end-of-run record). */
  *activeFargateTasks(): IterableIterator<Task> {
    for (const task of this.slots) if (task.fargate && task.state !== TaskState.Stopped) yield task;
  }

  get tasksCreated(): number {
    return this.nextTaskId - 1;
  }

  placeTask(task: Task, host: Host, now: number): void {
    const td = task.taskDefinition;
    task.host = host;
    task.placedAt = now;
    host.cpuFree -= td.cpu;
    host.memFree -= td.memory;
    if (td.usesEni) {
      host.eniFree--;
      if (host.eniFree === 0) for (const ix of host.indexes) ix.conditionChanged(host, ENI_FREE);
    }
    for (const p of td.hostPorts) {
      const key = portKey(p);
      host.usePort(key);
      for (const ix of host.indexes) ix.portChanged(host, key);
    }
    if (host.taskCount === 0) this.hostsInUse++;
    host.addTask(task);
    this.reservedCpu += td.cpu;
    this.reservedMem += td.memory;
    const indexes = host.indexes;
    // An uncounted group (say a binpack-only job) costs no count reads: no index scans it.
    const count = this.groups.add(task.group, host);
    if (count > 0) for (let i = 0; i < indexes.length; i++) (indexes[i] as HostIndex).groupCountChanged(host, task.group, count - 1, count);
    for (let i = 0; i < indexes.length; i++) (indexes[i] as HostIndex).update(host);
    for (const handler of this.onTaskPlaced) handler(task, now);
  }

  /** Puts a task on Fargate capacity (no host; its zone is set when capacity is found): PROVISIONING until the lifecycle moves it. */
  placeFargateTask(task: Task, provider: number, now: number): void {
    task.provider = provider;
    task.fargate = true;
    task.placedAt = now;
    this.fargateTasks++;
    for (const handler of this.onTaskPlaced) handler(task, now);
  }

  setTaskState(task: Task, state: TaskState, now: number): void {
    const from = task.state;
    if (state <= from || state === TaskState.Stopped) throw new Error(`task ${task.id}: bad transition ${from} → ${state}`);
    task.state = state;
    const host = task.host;
    if (state === TaskState.Pending) task.pullStartedAt = now;
    if (state === TaskState.Running) {
      task.startedAt = now;
      if (host !== undefined) host.runningTasksCount++;
    }
    if (state === TaskState.Stopping && host !== undefined) this.leaveCounted(task, from);
    for (const handler of this.onTaskStateChanged) handler(task, from, now);
  }

  /** Moves a task to STOPPED, frees what it held and hands it to the observers; it is then recycled. */
  stopTask(task: Task, now: number, stopCode: Task['stopCode'], reason: string): void {
    const from = task.state;
    if (from === TaskState.Stopped) throw new Error(`task ${task.id} already stopped`);
    if (task.stopCode === '') {
      task.stopCode = stopCode;
      task.stoppedReason = reason;
    }
    task.state = TaskState.Stopped;
    task.stoppedAt = now;
    this.capacityVersion++;
    const host = task.host;
    if (host !== undefined) {
      if (from !== TaskState.Stopping) this.leaveCounted(task, from);
      const td = task.taskDefinition;
      host.cpuFree += td.cpu;
      host.memFree += td.memory;
      if (td.usesEni) {
        host.eniFree++;
        if (host.eniFree === 1) for (const ix of host.indexes) ix.conditionChanged(host, ENI_FREE);
      }
      for (const p of td.hostPorts) {
        const key = portKey(p);
        host.releasePort(key);
        for (const ix of host.indexes) ix.portChanged(host, key);
      }
      host.removeTask(task);
      if (host.taskCount === 0) this.hostsInUse--;
      this.reservedCpu -= td.cpu;
      this.reservedMem -= td.memory;
      const indexes = host.indexes;
      for (let i = 0; i < indexes.length; i++) (indexes[i] as HostIndex).update(host);
    }
    if (task.fargate) this.fargateTasks--;
    for (const handler of this.onTaskStateChanged) handler(task, from, now);
    for (const handler of this.onTaskStopped) handler(task, now);
    task.host = undefined;
    this.pool.push(task);
  }

  /** A task stops counting for spread, distinctInstance and runningTasksCount once it is STOPPING. */
  private leaveCounted(task: Task, from: TaskState): void {
    const host = task.host as Host;
    if (from === TaskState.Running) host.runningTasksCount--;
    const count = this.groups.remove(task.group, host);
    if (count >= 0) for (const ix of host.indexes) ix.groupCountChanged(host, task.group, count + 1, count);
  }

  groupCountByAttribute(group: number, attribute: string, value: string): number {
    return this.groups.countByAttribute(group, attribute, value);
  }

  groupCountsByValue(group: number, attribute: string): Int32Array | undefined {
    return this.groups.countsByValue(group, attribute);
  }

  attributeValueId(attribute: string, value: string): number {
    return this.groups.valueId(attribute, value);
  }
}
