import type { ClusterObserver, ClusterState } from '../model/clusterState.js';
import type { SpotInterruptionListener } from '../capacity/fargate.js';
import { OwnerKind, TaskState, type Task } from '../model/task.js';
import type { SpotPool } from '../spot/spotPool.js';
import type { PlacementFailureReason } from '../placement/types.js';
import type { SchedulerListener } from '../scheduler/listener.js';
import { GrowableFloat64Array } from './growableArray.js';
import { JobStats, ServiceStats } from './serviceStats.js';
import { WaitSamples } from './waitSamples.js';

/** Counts and integrals gathered while the simulation runs (observer of cluster and schedulers). */
export class Recorder implements ClusterObserver, SchedulerListener, SpotInterruptionListener {
  readonly services: ServiceStats[];
  readonly jobs: JobStats[];
  readonly waits: WaitSamples[];
  readonly cpuReservationSamples = new GrowableFloat64Array();
  readonly memReservationSamples = new GrowableFloat64Array();
  readonly instancesInUseSamples = new GrowableFloat64Array();
  readonly instancesBilledSamples = new GrowableFloat64Array();
  placements = 0;
  /** Per service: scaling actions that changed the desired count, by policy or scheduled action, and blocked ones. */
  readonly scalingActions: Map<string, number>[];
  readonly scalingBlocked: number[];

  constructor(services: number, jobs: number) {
    this.services = Array.from({ length: services }, () => new ServiceStats());
    this.jobs = Array.from({ length: jobs }, () => new JobStats());
    this.waits = Array.from({ length: jobs }, () => new WaitSamples());
    this.scalingActions = Array.from({ length: services }, () => new Map<string, number>());
    this.scalingBlocked = new Array<number>(services).fill(0);
  }

  /** Cluster auto scaling per capacity provider: [scale-outs, scale-ins]. */
  readonly clusterScaling = new Map<string, [number, number]>();

  scalingActivity(_now: number, service: number, source: string, from: number, to: number): void {
    if (service < 0) {
      const counts = this.clusterScaling.get(source) ?? [0, 0];
      counts[to > from ? 0 : 1]++;
      this.clusterScaling.set(source, counts);
      return;
    }
    if (from === to) {
      this.scalingBlocked[service] = (this.scalingBlocked[service] as number) + 1;
      return;
    }
    const counts = this.scalingActions[service] as Map<string, number>;
    counts.set(source, (counts.get(source) ?? 0) + 1);
  }

  desiredChanged(service: number, desired: number, now: number): void {
    const s = this.services[service] as ServiceStats;
    s.advance(now);
    s.desired = desired;
  }

  placementFailed(kind: OwnerKind, owner: number, reason: PlacementFailureReason): void {
    const failures = (kind === OwnerKind.Service ? this.services[owner] : this.jobs[owner])?.failures;
    failures?.set(reason, (failures.get(reason) ?? 0) + 1);
  }

  jobArrived(job: number, count: number): void {
    const j = this.jobs[job] as JobStats;
    j.arrivals++;
    j.submitted += count;
    j.queued += count;
  }

  jobPlaced(task: Task): void {
    (this.jobs[task.owner] as JobStats).queued--;
    (this.waits[task.owner] as WaitSamples).push(task.placedAt - task.createdAt);
  }

  taskPlaced(task: Task): void {
    this.placements++;
    if (task.ownerKind === OwnerKind.Service) {
      const s = this.services[task.owner] as ServiceStats;
      s.started++;
      s.pending++;
    } else (this.jobs[task.owner] as JobStats).pending++;
  }

  taskStateChanged(task: Task, from: TaskState, now: number): void {
    const to = task.state;
    const counts = task.ownerKind === OwnerKind.Service ? (this.services[task.owner] as ServiceStats) : (this.jobs[task.owner] as JobStats);
    if ((from === TaskState.Running || to === TaskState.Running) && counts instanceof ServiceStats) counts.advance(now);
    if (from < TaskState.Running && to >= TaskState.Running && task.placedAt >= 0) counts.pending--;
    if (from === TaskState.Running) counts.running--;
    if (to === TaskState.Running) {
      counts.running++;
      if (counts instanceof ServiceStats) {
        counts.reachedRunning++;
        // The oldest unreplaced interruption is replaced by this task.
        const notice = counts.notices.shift();
        if (notice !== undefined) {
          counts.spotDeficit--;
          counts.replacementLatencies.push(now - notice);
        }
      }
    }
  }

  taskInterrupted(task: Task, _pool: SpotPool, now: number): void {
    if (task.ownerKind === OwnerKind.Service) {
      const s = this.services[task.owner] as ServiceStats;
      s.advance(now);
      s.interrupted++;
      s.spotDeficit++;
      s.notices.push(now);
      return;
    }
    const j = this.jobs[task.owner] as JobStats;
    j.interrupted++;
    if (task.startedAt >= 0) j.runMsLost += now - task.startedAt;
  }

  taskStopped(task: Task): void {
    const lost = task.stopCode === 'InfrastructureHealth' && !task.interrupted;
    if (task.ownerKind === OwnerKind.Service) {
      const s = this.services[task.owner] as ServiceStats;
      s.stopped++;
      if (lost) s.lostWithHost++;
      else if (task.stopCode === 'EssentialContainerExited') s.crashed++;
      else if (!task.interrupted) s.scaledIn++;
      return;
    }
    const j = this.jobs[task.owner] as JobStats;
    if (lost) j.lostWithHost++;
    else if (!task.interrupted) j.completed++;
  }

  /** Cluster reservation at a sample instant (percent of registered CPU/memory reserved by tasks). */
  sampleCluster(cluster: ClusterState): { cpu: number; mem: number } {
    const cpu = cluster.registeredCpu > 0 ? (100 * cluster.reservedCpu) / cluster.registeredCpu : 0;
    const mem = cluster.registeredMem > 0 ? (100 * cluster.reservedMem) / cluster.registeredMem : 0;
    this.cpuReservationSamples.push(cpu);
    this.memReservationSamples.push(mem);
    return { cpu, mem };
  }

  finish(now: number): void {
    for (const s of this.services) s.advance(now);
  }
}
