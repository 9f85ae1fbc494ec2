import type { EventKind, Simulation } from '../engine/simulation.js';
import type { AutoScalingGroups } from '../capacity/autoScalingGroups.js';
import { HostStatus, type Host } from '../model/host.js';
import type { ClusterObserver } from '../model/clusterState.js';
import type { Task } from '../model/task.js';
import type { AutoScalingGroupSpec, CapacityProviderSpec, ManagedScalingSpec } from '../model/specs.js';
import { Phase } from '../sim/phases.js';
import { instancesNeeded, reservation, scaleInStep, scaleOutStep, type InstanceShape, type TaskShape } from './capacityReservation.js';
import type { ScalingActivityListener } from './serviceAutoScaling.js';

/**
 * ECS cluster auto scaling (aws-behaviour.md §3): every minute, for each Auto Scaling group provider
 * with managed scaling, CapacityProviderReservation from the group's instances and the tasks waiting
 * for them; above targetCapacity (for `scaleOutDatapoints` minutes) the group grows by the step — unless
 * an instance is still inside instanceWarmupPeriod; below it for 15 minutes the group shrinks each
 * minute by less than half (only empty instances with managed termination protection). A scale-out
 * need resets the scale-in count. The group's MinSize/MaxSize are respected.
 */
export interface ProvisioningSource {
  provisioning(provider: number): TaskShape[];
}

interface ProviderState {
  readonly provider: CapacityProviderSpec;
  readonly managed: ManagedScalingSpec;
  readonly spec: AutoScalingGroupSpec;
  readonly group: number;
  /** The group's largest and smallest instance types, as registered capacity. */
  readonly largest: InstanceShape;
  readonly smallest: InstanceShape;
  highStreak: number;
  lowStreak: number;
  cpr: number;
  /** ACTIVE members without non-daemon tasks, kept current through refreshEmpty(). */
  empty: number;
}

export const SCALE_IN_DATAPOINTS = 15;

export class ClusterAutoScaling implements ClusterObserver {
  private readonly providers: ProviderState[] = [];
  private readonly tickKind: EventKind;
  /** The managed provider of each group (by group index), if any. */
  private readonly providerOfGroup: (ProviderState | undefined)[] = [];
  /** Instances whose emptiness may have changed since the last evaluation, and per instance whether it is counted. */
  private readonly dirty: Host[] = [];
  private isDirty = new Uint8Array(64);
  private counted = new Uint8Array(64);

  constructor(
    private readonly sim: Simulation,
    providers: readonly CapacityProviderSpec[],
    private readonly groups: AutoScalingGroups,
    private readonly sources: readonly ProvisioningSource[],
    private readonly listener: ScalingActivityListener,
    private readonly scaleOutDatapoints: number,
    /** Tests: compare the incremental empty counts with a scan of the members at every evaluation. */
    private readonly verify = false,
  ) {
    for (const p of providers) {
      if (p.managed === undefined || p.group === undefined) continue;
      const spec = p.group;
      const shapes = spec.instanceTypes.map((t) => ({ cpu: t.vcpu * 1024, memory: t.memoryMiB - spec.agentMemoryReserve }));
      const largest = shapes.reduce((a, b) => (b.cpu * b.memory > a.cpu * a.memory ? b : a));
      const smallest = shapes.reduce((a, b) => (b.cpu * b.memory < a.cpu * a.memory ? b : a));
      const state: ProviderState = { provider: p, managed: p.managed, spec, group: spec.index, largest, smallest, highStreak: 0, lowStreak: 0, cpr: 100, empty: 0 };
      this.providers.push(state);
      this.providerOfGroup[spec.index] = state;
      groups.setManaged(p.group.index, p.managed);
    }
    this.tickKind = sim.register('cas.evaluate', Phase.Scaling, () => this.evaluate());
  }

  /** Whether there is anything to do (the simulation observes the cluster for it only then). */
  get active(): boolean {
    return this.providers.length > 0;
  }

  /** An instance's tasks, status or group changed: recount it at the next evaluation. */
  touch(host: Host): void {
    if (this.providerOfGroup[host.group.index] === undefined) return;
    const i = host.index;
    if (i >= this.isDirty.length) {
      const size = Math.max(i + 1, this.isDirty.length * 2);
      const grown = (a: Uint8Array) => {
        const b = new Uint8Array(size);
        b.set(a);
        return b;
      };
      this.isDirty = grown(this.isDirty);
      this.counted = grown(this.counted);
    }
    if (this.isDirty[i] === 1) return;
    this.isDirty[i] = 1;
    this.dirty.push(host);
  }

  taskPlaced(task: Task): void {
    if (task.host !== undefined && this.groups.emptinessMayHaveChanged(task.host)) this.touch(task.host);
  }

  taskStopped(task: Task): void {
    if (task.host !== undefined && this.groups.emptinessMayHaveChanged(task.host)) this.touch(task.host);
  }

  hostRegistered(host: Host): void {
    this.touch(host);
  }

  hostDraining(host: Host): void {
    this.touch(host);
  }

  hostTerminated(host: Host): void {
    this.touch(host);
  }

  /** Brings every provider's empty count up to date with the instances touched since the last call. */
  private refreshEmpty(): void {
    for (const host of this.dirty) {
      const i = host.index;
      this.isDirty[i] = 0;
      const p = this.providerOfGroup[host.group.index] as ProviderState;
      const empty = host.status === HostStatus.Active && this.groups.members(p.group).has(host) && this.groups.isEmpty(host) ? 1 : 0;
      if (empty !== this.counted[i]) {
        p.empty += empty - (this.counted[i] as number);
        this.counted[i] = empty;
      }
    }
    this.dirty.length = 0;
  }

  /** Managed providers in scenario order, with their latest reservation (for timeseries.csv). */
  get managedProviders(): readonly { readonly name: string; readonly cpr: number; readonly group: number }[] {
    return this.providers.map((p) => ({ name: p.provider.name, cpr: p.cpr, group: p.group }));
  }

  start(): void {
    if (this.providers.length > 0) this.sim.schedule(this.tickKind, 60_000);
  }

  private evaluate(): void {
    const now = this.sim.now;
    this.refreshEmpty();
    for (const p of this.providers) this.evaluateProvider(p, now);
    this.sim.scheduleIn(this.tickKind, 60_000);
  }

  private evaluateProvider(p: ProviderState, now: number): void {
    const members = this.groups.members(p.group);
    const running = members.size;
    const waiting = this.sources.flatMap((s) => s.provisioning(p.provider.index));
    const extra = instancesNeeded(waiting, p.largest, p.smallest);
    const empty = p.empty;
    if (this.verify) {
      let scanned = 0;
      for (const h of members) if (h.status === HostStatus.Active && this.groups.isEmpty(h)) scanned++;
      if (scanned !== empty) throw new Error(`cluster auto scaling: ${p.provider.name} counts ${empty} empty instances, a scan finds ${scanned}`);
    }
    const needed = extra > 0 ? running + extra : running - empty;
    const cpr = reservation(needed, running);
    p.cpr = cpr;
    const m = p.managed;
    const name = p.provider.name;
    const limits = { min: p.spec.minSize, max: p.spec.maxSize };
    if (cpr > m.targetCapacity) {
      p.lowStreak = 0;
      p.highStreak++;
      if (p.highStreak < this.scaleOutDatapoints) return;
      if (running >= limits.max) return;
      if (this.groups.launchedWithin(p.group, p.managed.warmupMs, now)) return; // an instance is still warming up
      const to = Math.min(limits.max, running + scaleOutStep(needed, running, m.targetCapacity, m.minimumStep, m.maximumStep));
      this.groups.setDesiredCapacity(p.group, to);
      this.listener.scalingActivity(now, -1, name, running, to, `CapacityProviderReservation ${cpr.toFixed(1)} > ${m.targetCapacity}${extra > 0 ? ` (${extra} instances needed for provisioning tasks)` : ''}`);
      return;
    }
    p.highStreak = 0;
    if (cpr >= m.targetCapacity) {
      p.lowStreak = 0;
      return;
    }
    p.lowStreak++;
    if (p.lowStreak < SCALE_IN_DATAPOINTS) return;
    let cut = scaleInStep(needed, running, m.targetCapacity);
    if (m.terminationProtection) cut = Math.min(cut, empty);
    const to = Math.max(limits.min, running - cut);
    if (to >= running) return;
    this.groups.setDesiredCapacity(p.group, to);
    this.listener.scalingActivity(now, -1, name, running, to, `CapacityProviderReservation ${cpr.toFixed(1)} < ${m.targetCapacity} for ${p.lowStreak} min`);
  }
}
