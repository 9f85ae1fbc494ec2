import type { Random, RandomStreams } from '../engine/rng.js';
import type { EventKind, Simulation } from '../engine/simulation.js';
import type { ClusterState } from '../model/clusterState.js';
import { HostStatus, type Host } from '../model/host.js';
import type { AutoScalingGroupSpec, ManagedScalingSpec, ScenarioModel } from '../model/specs.js';
import { OwnerKind, TaskState, type StopCode, type Task } from '../model/task.js';
import type { TaskLifecycle } from '../scheduler/taskLifecycle.js';
import { Phase } from '../sim/phases.js';
import type { SpotMarket } from '../spot/spotMarket.js';
import type { SpotPool, SpotUnitOwner } from '../spot/spotPool.js';
import { Ec2SpotPools, poolKey } from './ec2SpotPools.js';
import { SPOT_NOTICE_MS, type SpotInterruptionListener } from './fargate.js';
import { chooseOnDemandType, chooseSpotPool, onDemandTarget } from './spotAllocation.js';
import { ScaleInVictims } from './terminationOrder.js';
import { zonesByFewest } from './terminationPolicy.js';

/**
 * EC2 Auto Scaling groups (aws-behaviour.md §7): keep DesiredCapacity instances, balanced over the
 * group's AZs; launch (pending → running, billed → ECS registration after the boot time), replace lost
 * instances, scale in by the default termination policy, and sit out AZ outages.
 * Mixed instances: each launch is On-Demand while the group is below its On-Demand share, else Spot in
 * the pool the Spot allocation strategy picks (other AZs when every pool of the zone is in a drought;
 * the group waits for capacity when every pool is). A Spot notice: with ECS_ENABLE_SPOT_INSTANCE_DRAINING
 * the instance goes DRAINING; with CapacityRebalance the group launches the replacement at once;
 * 2 minutes later the instance terminates and its remaining tasks stop.
 */
interface GroupState {
  readonly spec: AutoScalingGroupSpec;
  desired: number;
  /** Instances that count toward the group's size, in launch order. */
  readonly members: Set<Host>;
  readonly perZone: Map<string, number>;
  onDemand: number;
  /** The group's Spot members per "instanceType/zone" pool. */
  readonly spotPerPool: Map<string, number>;
  readonly pendingStream: Random;
  readonly bootStream: Random;
  readonly terminationStream: Random;
  /** A Spot launch found every pool in a drought: retried when capacity returns. */
  waitingForSpot: boolean;
  /** Managed scaling of the group's capacity provider (termination protection, draining), if any. */
  managed: ManagedScalingSpec | undefined;
  /** The latest launch time of any instance that joined the group (-Infinity: none yet). */
  lastLaunchAt: number;
}

const SPOT_TERMINATION = 'Spot interruption';
/** How often a draining instance is checked for emptiness. */
const DRAIN_CHECK_MS = 5_000;

export class AutoScalingGroups implements SpotUnitOwner {
  private readonly groups: GroupState[];
  private readonly unavailableZones = new Set<string>();
  private readonly runningKind: EventKind;
  private readonly registerKind: EventKind;
  private readonly recoverKind: EventKind;
  private readonly spotEndKind: EventKind;
  private readonly drainCheckKind: EventKind;
  private readonly daemonServices: number;
  /** Spot pools by "instanceType/zone" (shared by groups launching the same type in the same AZ). */
  private readonly spotPools = new Ec2SpotPools();
  private readonly drainDeadline = new Map<number, number>();

  constructor(
    private readonly sim: Simulation,
    private readonly cluster: ClusterState,
    private readonly model: ScenarioModel,
    streams: RandomStreams,
    private readonly lifecycle: TaskLifecycle,
    private readonly listener: SpotInterruptionListener,
    private readonly isDaemonTask: (task: Task) => boolean = () => false,
  ) {
    this.daemonServices = model.services.filter((s) => s.daemon).length;
    this.groups = model.autoScalingGroups.map((spec) => ({
      spec,
      desired: spec.desiredCapacity,
      members: new Set<Host>(),
      perZone: new Map<string, number>(),
      onDemand: 0,
      spotPerPool: new Map<string, number>(),
      pendingStream: streams.stream(`asg:${spec.name}:pendingTime`),
      bootStream: streams.stream(`asg:${spec.name}:bootTime`),
      terminationStream: streams.stream(`asg:${spec.name}:termination`),
      waitingForSpot: false,
      managed: undefined,
      lastLaunchAt: -Infinity,
    }));
    this.runningKind = sim.register('host.running', Phase.Infrastructure, (i) => this.onRunning(cluster.host(i)));
    this.registerKind = sim.register('host.registered', Phase.Infrastructure, (i) => this.onRegistered(cluster.host(i)));
    this.recoverKind = sim.register('zone.recovered', Phase.Infrastructure, (z) => this.onZoneRecovered(model.availabilityZones[z] as string));
    this.spotEndKind = sim.register('host.spotTerminated', Phase.Infrastructure, (i) => this.onSpotTerminated(cluster.host(i)));
    this.drainCheckKind = sim.register('host.drainCheck', Phase.Infrastructure, (i) => this.checkDrained(cluster.host(i)));
  }

  /** Told when an instance joins or leaves a group (cluster auto scaling keeps its counts with it). */
  membershipChanged: ((host: Host) => void) | undefined;

  /** The group's capacity provider has managed scaling (aws-behaviour.md §3). */
  setManaged(group: number, managed: ManagedScalingSpec): void {
    (this.groups[group] as GroupState).managed = managed;
  }

  /** No task but DAEMON ones (an "empty" instance for cluster auto scaling). */
  isEmpty(host: Host): boolean {
    if (host.taskCount === 0) return true;
    if (host.taskCount > this.daemonServices) return false;
    for (const task of host.tasks()) if (!this.isDaemonTask(task)) return false;
    return true;
  }

  /**
   * Whether a task just placed on or stopped from the host can have changed isEmpty(): only when the
   * host holds at most one task more than there are DAEMON services (before the placement, or after
   * the stop, it held no more than that).
   */
  emptinessMayHaveChanged(host: Host): boolean {
    return host.taskCount <= this.daemonServices + 1;
  }

  /** Registers the groups' Spot pools with the market. Call before market.start(). */
  attachSpotMarket(market: SpotMarket): void {
    this.spotPools.attach(market, this.groups.map((g) => g.spec), this);
  }

  /** The starting fleet: DesiredCapacity instances per group, running and registered at time 0. */
  startFleet(): void {
    for (const group of this.groups) {
      while (group.members.size < group.desired) {
        const host = this.launchOne(group);
        if (host === undefined) break;
        this.onRunning(host);
        this.cluster.registerHost(host, 0, this.model.startEpochMs);
      }
    }
  }

  /** The instances counting toward the group's size, in launch order (read-only: do not keep across changes). */
  members(group: number): ReadonlySet<Host> {
    return (this.groups[group] as GroupState).members;
  }

  /** Whether a member launched less than `windowMs` ago (a cheap bound first: the group's latest launch). */
  launchedWithin(group: number, windowMs: number, now: number): boolean {
    const state = this.groups[group] as GroupState;
    if (now - state.lastLaunchAt >= windowMs) return false;
    for (const h of state.members) if (now - h.launchedAt < windowMs) return true;
    return false;
  }

  setDesiredCapacity(group: number, desired: number): void {
    const state = this.groups[group] as GroupState;
    state.desired = desired;
    this.reconcile(state);
  }

  /** Instances fail or are terminated outside the group's control; the group replaces them. */
  terminate(hosts: readonly Host[], reason: string): void {
    const touched = new Set<GroupState>();
    for (const host of hosts) {
      if (host.status === HostStatus.Terminated) continue;
      const state = this.groups[host.group.index] as GroupState;
      this.remove(state, host, reason, 'InfrastructureHealth');
      touched.add(state);
    }
    for (const state of touched) this.reconcile(state);
  }

  /** An AZ outage: its instances are lost and nothing launches there until it recovers. */
  failZone(zone: string, durationMs: number): void {
    this.unavailableZones.add(zone);
    this.sim.scheduleIn(this.recoverKind, durationMs, this.model.availabilityZones.indexOf(zone));
    const lost = this.cluster.hosts.filter((h) => h.availabilityZone === zone && h.status !== HostStatus.Terminated);
    this.terminate(lost, `Availability Zone ${zone} outage`);
  }

  /** The 2-minute Spot notice for an instance (it has already left its pool). */
  interrupt(unit: number, pool: SpotPool): void {
    const host = this.cluster.host(unit);
    if (host.status === HostStatus.Terminated || host.interruptedAt >= 0) return;
    const now = this.sim.now;
    host.interruptedAt = now;
    const state = this.groups[host.group.index] as GroupState;
    for (const task of host.tasks()) {
      if (task.state >= TaskState.Stopping || task.ownerKind !== OwnerKind.Service) continue;
      task.interrupted = true;
      this.listener.taskInterrupted(task, pool, now);
    }
    if (state.spec.spotDraining && host.status === HostStatus.Active) this.cluster.drainHost(host, now);
    this.sim.scheduleIn(this.spotEndKind, SPOT_NOTICE_MS, host.index);
    if (state.spec.capacityRebalance) {
      // Capacity Rebalancing launches the replacement now (the group may exceed its size meanwhile).
      this.detach(state, host);
      this.reconcile(state);
    }
  }

  capacityReturned(): void {
    for (const state of this.groups) {
      if (!state.waitingForSpot) continue;
      state.waitingForSpot = false;
      this.reconcile(state);
    }
  }

  /** Managed draining: the instance leaves the group's count, drains, and terminates once empty (or at the timeout). */
  private drainThenTerminate(state: GroupState, host: Host): void {
    this.detach(state, host);
    this.cluster.drainHost(host, this.sim.now);
    this.drainDeadline.set(host.index, this.sim.now + (state.managed?.drainingTimeoutMs ?? 0));
    this.checkDrained(host);
  }

  private checkDrained(host: Host): void {
    if (host.status === HostStatus.Terminated) return;
    const deadline = this.drainDeadline.get(host.index) ?? this.sim.now;
    if (this.isEmpty(host) || this.sim.now >= deadline) {
      this.drainDeadline.delete(host.index);
      this.remove(this.groups[host.group.index] as GroupState, host, 'Auto Scaling group scale-in after draining', 'InfrastructureHealth');
      return;
    }
    this.sim.scheduleIn(this.drainCheckKind, Math.min(DRAIN_CHECK_MS, deadline - this.sim.now), host.index);
  }

  private onSpotTerminated(host: Host): void {
    if (host.status === HostStatus.Terminated) return;
    const state = this.groups[host.group.index] as GroupState;
    for (const task of host.tasks()) {
      if (task.interrupted || task.state >= TaskState.Stopping) continue;
      task.interrupted = true;
      this.listener.taskInterrupted(task, this.spotPools.poolOf(host) as SpotPool, this.sim.now);
    }
    this.remove(state, host, SPOT_TERMINATION, 'SpotInterruption');
    this.reconcile(state);
  }

  private onZoneRecovered(zone: string): void {
    this.unavailableZones.delete(zone);
    for (const state of this.groups) this.reconcile(state);
  }

  private reconcile(state: GroupState): void {
    while (state.members.size < state.desired) {
      const host = this.launchOne(state);
      if (host === undefined) return;
      const pending = state.spec.pendingTime.sample(state.pendingStream);
      const boot = Math.max(pending, state.spec.bootTime.sample(state.bootStream));
      this.sim.scheduleIn(this.runningKind, pending, host.index);
      this.sim.scheduleIn(this.registerKind, boot, host.index);
    }
    // The instances that may go, in member order: found once, then each victim leaves them (removing an
    // empty instance changes no other instance's tasks; the scheduler reacts later, in its own pass).
    let victims: ScaleInVictims | undefined;
    while (state.members.size > state.desired) {
      // Mixed groups first pick the purchase option that is over its share (aws-behaviour.md §7).
      const spotOver = state.onDemand <= onDemandTarget(state.spec.distribution, state.desired);
      // Managed termination protection: only instances without non-daemon tasks may go.
      victims ??= new ScaleInVictims(
        state.managed?.terminationProtection ? [...state.members].filter((h) => this.isEmpty(h)) : [...state.members],
        state.spec.availabilityZones,
        this.sim.now,
        state.spec.usesSpot,
        state.members.size - state.desired,
      );
      const victim = victims.next(spotOver, state.terminationStream);
      if (victim === undefined) return;
      if (state.managed?.draining && victim.status === HostStatus.Active) this.drainThenTerminate(state, victim);
      else this.remove(state, victim, 'Auto Scaling group scale-in', 'InfrastructureHealth');
    }
  }

  /** Launches one instance (On-Demand or Spot, type and AZ per the group's policy); undefined if none can launch now. */
  private launchOne(state: GroupState): Host | undefined {
    const spec = state.spec;
    const zones = zonesByFewest(state.perZone, spec.availabilityZones, this.unavailableZones);
    if (zones.length === 0) return undefined;
    const now = this.sim.now;
    if (!spec.usesSpot || state.onDemand < onDemandTarget(spec.distribution, state.desired)) {
      return this.addMember(state, this.cluster.launchHost(spec, chooseOnDemandType(spec.instanceTypes, spec.distribution), false, zones[0] as string, now));
    }
    for (const zone of zones) {
      const options = spec.instanceTypes.map((type) => {
        const pool = this.spotPools.pool(type, zone);
        return { type, hazard: pool.hazardPerMs, dry: pool.dry, running: state.spotPerPool.get(poolKey(type, zone)) ?? 0 };
      });
      const choice = chooseSpotPool(options, spec.distribution);
      if (choice !== undefined) return this.addMember(state, this.cluster.launchHost(spec, choice.type, true, zone, now));
    }
    state.waitingForSpot = true;
    return undefined;
  }

  private addMember(state: GroupState, host: Host): Host {
    state.members.add(host);
    if (host.launchedAt > state.lastLaunchAt) state.lastLaunchAt = host.launchedAt;
    this.count(state, host, 1);
    this.membershipChanged?.(host);
    return host;
  }

  private count(state: GroupState, host: Host, delta: number): void {
    state.perZone.set(host.availabilityZone, (state.perZone.get(host.availabilityZone) ?? 0) + delta);
    if (!host.spot) state.onDemand += delta;
    else {
      const key = poolKey(host.type, host.availabilityZone);
      state.spotPerPool.set(key, (state.spotPerPool.get(key) ?? 0) + delta);
    }
  }

  private onRunning(host: Host): void {
    if (host.status !== HostStatus.Launching) return;
    this.cluster.hostRunning(host, this.sim.now);
    this.spotPools.started(host);
  }

  private onRegistered(host: Host): void {
    if (host.status === HostStatus.Booting) this.cluster.registerHost(host, this.sim.now, this.model.startEpochMs);
  }

  /** The instance stops counting toward the group (it may still be running, e.g. after a Spot notice). */
  private detach(state: GroupState, host: Host): void {
    if (!state.members.delete(host)) return;
    this.count(state, host, -1);
    this.membershipChanged?.(host);
  }

  private remove(state: GroupState, host: Host, reason: string, code: StopCode): void {
    this.detach(state, host);
    for (const task of host.tasks()) this.lifecycle.kill(task, code, `Host EC2 (instance ${host.instanceId}) terminated: ${reason}.`);
    this.spotPools.ended(host);
    this.cluster.terminateHost(host, this.sim.now);
  }
}
