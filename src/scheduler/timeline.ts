import { FenwickTree } from '../engine/fenwickTree.js';
import type { Random } from '../engine/rng.js';
import type { Simulation } from '../engine/simulation.js';
import type { AutoScalingGroups } from '../capacity/autoScalingGroups.js';
import type { ClusterState } from '../model/clusterState.js';
import { HostStatus, type Host } from '../model/host.js';
import type { TimelineSpec } from '../model/specs.js';
import { Phase } from '../sim/phases.js';
import type { SpotMarket } from '../spot/spotMarket.js';
import type { ServiceScheduler } from './serviceScheduler.js';

/** Applies the scenario's timeline events at their times (Phase.Timeline: before anything else then). */
export class Timeline {
  constructor(
    private readonly sim: Simulation,
    private readonly cluster: ClusterState,
    private readonly groups: AutoScalingGroups,
    private readonly services: ServiceScheduler,
    private readonly market: SpotMarket,
    private readonly events: readonly TimelineSpec[],
    private readonly rng: Random,
  ) {
    const kind = sim.register('timeline.event', Phase.Timeline, (i) => this.apply(events[i] as TimelineSpec));
    events.forEach((event, i) => sim.schedule(kind, event.at, i));
  }

  private apply(event: TimelineSpec): void {
    switch (event.type) {
      case 'setDesiredCount':
        this.services.setDesiredCount(event.service, event.desiredCount);
        return;
      case 'updateService':
        this.services.updateService(event.service, event.taskDefinition, event.desiredCount);
        return;
      case 'setDesiredCapacity':
        this.groups.setDesiredCapacity(event.group, event.desiredCapacity);
        return;
      case 'failAvailabilityZone':
        this.groups.failZone(event.availabilityZone, event.durationMs);
        return;
      case 'terminateInstances':
        this.groups.terminate(this.pick(event), 'terminated by a timeline event');
        return;
      case 'reclaimWave':
        this.market.reclaimWave(event.match, event.fraction);
        return;
      case 'spotDrought':
        this.market.drought(event.match, event.durationMs);
        return;
    }
  }

  /** Named instances that are still alive, or `count` instances of a group drawn at random. */
  private pick(event: Extract<TimelineSpec, { type: 'terminateInstances' }>): Host[] {
    if (event.instanceIds.length > 0) {
      const named = new Set(event.instanceIds);
      return this.cluster.hosts.filter((h) => named.has(h.instanceId) && h.status !== HostStatus.Terminated);
    }
    // Each draw picks among the instances not yet picked, in index order (a tree of those left, not a splice per pick).
    const pool = [...this.groups.members(event.group)].sort((a, b) => a.index - b.index);
    const left = new FenwickTree(pool.length, () => 1);
    const picked: Host[] = [];
    for (let i = 0; i < event.count && i < pool.length; i++) {
      const at = left.find(Math.floor(this.rng() * (pool.length - i)));
      left.add(at, -1);
      picked.push(pool[at] as Host);
    }
    return picked;
  }
}
