import type { EventKind, Simulation } from '../engine/simulation.js';
import type { AutoScalingGroups } from '../capacity/autoScalingGroups.js';
import { HostStatus } from '../model/host.js';
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
}

export const SCALE_IN_DATAPOINTS = 15;

export class ClusterAutoScaling {
  private readonly providers: ProviderState[] = [];
  private readonly tickKind: EventKind;

  constructor(
    private readonly sim: Simulation,
    providers: readonly CapacityProviderSpec[],
    private readonly groups: AutoScalingGroups,
    private readonly sources: readonly ProvisioningSource[],
    private readonly listener: ScalingActivityListener,
    private readonly scaleOutDatapoints: number,
  ) {
    for (const p of providers) {
      if (p.managed === undefined || p.group === undefined) continue;
      const spec = p.group;
      const shapes = spec.instanceTypes.map((t) => ({ cpu: t.vcpu * 1024, memory: t.memoryMiB - spec.agentMemoryReserve }));
      const largest = shapes.reduce((a, b) => (b.cpu * b.memory > a.cpu * a.memory ? b : a));
      const smallest = shapes.reduce((a, b) => (b.cpu * b.memory < a.cpu * a.memory ? b : a));
      this.providers.push({ provider: p, managed: p.managed, spec, group: spec.index, largest, smallest, highStreak: 0, lowStreak: 0, cpr: 100 });
      groups.setManaged(p.group.index, p.managed);
    }
    this.tickKind = sim.register('cas.evaluate', Phase.Scaling, () => this.evaluate());
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
    for (const p of this.providers) this.evaluateProvider(p, now);
    this.sim.scheduleIn(this.tickKind, 60_000);
  }

  private evaluateProvider(p: ProviderState, now: number): void {
    const members = this.groups.members(p.group);
    const running = members.size;
    const waiting = this.sources.flatMap((s) => s.provisioning(p.provider.index));
    const extra = instancesNeeded(waiting, p.largest, p.smallest);
    let empty = 0;
    let warming = false;
    for (const h of members) {
      if (h.status === HostStatus.Active && this.groups.isEmpty(h)) empty++;
      if (now - h.launchedAt < p.managed.warmupMs) warming = true;
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
      if (warming) return;
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
