import type { Random, RandomStreams } from '../engine/rng.js';
import type { EventKind, Simulation } from '../engine/simulation.js';
import type { ClusterState } from '../model/clusterState.js';
import { HostStatus, type Host } from '../model/host.js';
import type { AutoScalingGroupSpec, ScenarioModel } from '../model/specs.js';
import type { TaskLifecycle } from '../scheduler/taskLifecycle.js';
import { Phase } from '../sim/phases.js';
import { chooseInstanceToTerminate, chooseLaunchZone } from './terminationPolicy.js';

/**
 * EC2 Auto Scaling groups: keep DesiredCapacity instances, balanced over the group's AZs; launch
 * (pending → running, billed → ECS registration after the boot time), replace lost instances, scale in
 * by the default termination policy, and sit out AZ outages.
 */
interface GroupState {
  readonly spec: AutoScalingGroupSpec;
  desired: number;
  readonly members: Host[];
  readonly perZone: Map<string, number>;
  readonly pendingStream: Random;
  readonly bootStream: Random;
  readonly terminationStream: Random;
}

export class AutoScalingGroups {
  private readonly groups: GroupState[];
  private readonly unavailableZones = new Set<string>();
  private readonly runningKind: EventKind;
  private readonly registerKind: EventKind;
  private readonly recoverKind: EventKind;

  constructor(
    private readonly sim: Simulation,
    private readonly cluster: ClusterState,
    private readonly model: ScenarioModel,
    streams: RandomStreams,
    private readonly lifecycle: TaskLifecycle,
  ) {
    this.groups = model.autoScalingGroups.map((spec) => ({
      spec,
      desired: spec.desiredCapacity,
      members: [],
      perZone: new Map<string, number>(),
      pendingStream: streams.stream(`asg:${spec.name}:pendingTime`),
      bootStream: streams.stream(`asg:${spec.name}:bootTime`),
      terminationStream: streams.stream(`asg:${spec.name}:termination`),
    }));
    this.runningKind = sim.register('host.running', Phase.Infrastructure, (i) => this.onRunning(cluster.host(i)));
    this.registerKind = sim.register('host.registered', Phase.Infrastructure, (i) => this.onRegistered(cluster.host(i)));
    this.recoverKind = sim.register('zone.recovered', Phase.Infrastructure, (z) => this.onZoneRecovered(model.availabilityZones[z] as string));
  }

  /** The starting fleet: DesiredCapacity instances per group, running and registered at time 0. */
  startFleet(): void {
    for (const group of this.groups) {
      for (let i = 0; i < group.desired; i++) {
        const zone = chooseLaunchZone(group.perZone, group.spec.availabilityZones, this.unavailableZones) as string;
        const host = this.cluster.launchHost(group.spec, zone, 0);
        this.addMember(group, host);
        this.cluster.hostRunning(host, 0);
        this.cluster.registerHost(host, 0, this.model.startEpochMs);
      }
    }
  }

  members(group: number): readonly Host[] {
    return (this.groups[group] as GroupState).members;
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
      this.remove(state, host, reason);
      touched.add(state);
    }
    for (const state of touched) this.reconcile(state);
  }

  /** An AZ outage: its instances are lost and nothing launches there until it recovers. */
  failZone(zone: string, durationMs: number): void {
    this.unavailableZones.add(zone);
    this.sim.scheduleIn(this.recoverKind, durationMs, this.model.availabilityZones.indexOf(zone));
    const lost = this.groups.flatMap((g) => g.members.filter((h) => h.availabilityZone === zone));
    this.terminate(lost, `Availability Zone ${zone} outage`);
  }

  private onZoneRecovered(zone: string): void {
    this.unavailableZones.delete(zone);
    for (const state of this.groups) this.reconcile(state);
  }

  private reconcile(state: GroupState): void {
    while (state.members.length < state.desired) {
      const zone = chooseLaunchZone(state.perZone, state.spec.availabilityZones, this.unavailableZones);
      if (zone === undefined) return;
      this.launch(state, zone);
    }
    while (state.members.length > state.desired) {
      const victim = chooseInstanceToTerminate(state.members, state.spec.availabilityZones, this.sim.now, state.terminationStream);
      if (victim === undefined) return;
      this.remove(state, victim, 'Auto Scaling group scale-in');
    }
  }

  private launch(state: GroupState, zone: string): void {
    const host = this.cluster.launchHost(state.spec, zone, this.sim.now);
    this.addMember(state, host);
    const pending = state.spec.pendingTime.sample(state.pendingStream);
    const boot = Math.max(pending, state.spec.bootTime.sample(state.bootStream));
    this.sim.scheduleIn(this.runningKind, pending, host.index);
    this.sim.scheduleIn(this.registerKind, boot, host.index);
  }

  private addMember(state: GroupState, host: Host): void {
    state.members.push(host);
    state.perZone.set(host.availabilityZone, (state.perZone.get(host.availabilityZone) ?? 0) + 1);
  }

  private onRunning(host: Host): void {
    if (host.status === HostStatus.Launching) this.cluster.hostRunning(host, this.sim.now);
  }

  private onRegistered(host: Host): void {
    if (host.status === HostStatus.Booting) this.cluster.registerHost(host, this.sim.now, this.model.startEpochMs);
  }

  private remove(state: GroupState, host: Host, reason: string): void {
    const at = state.members.indexOf(host);
    if (at >= 0) {
      state.members.splice(at, 1);
      state.perZone.set(host.availabilityZone, (state.perZone.get(host.availabilityZone) ?? 1) - 1);
    }
    for (const task of host.tasks()) this.lifecycle.kill(task, 'InfrastructureHealth', `Host EC2 (instance ${host.instanceId}) terminated: ${reason}.`);
    this.cluster.terminateHost(host, this.sim.now);
  }
}
