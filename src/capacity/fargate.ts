import type { Random } from '../engine/rng.js';
import type { Simulation } from '../engine/simulation.js';
import type { ClusterObserver, ClusterState } from '../model/clusterState.js';
import type { CapacityProviderSpec, FargateSettingsSpec } from '../model/specs.js';
import { OwnerKind, type Task } from '../model/task.js';
import { LaunchRateLimiter } from './launchRateLimiter.js';

/**
 * Fargate and Fargate Spot capacity (aws-behaviour.md §6). No hosts: each task gets its own capacity
 * in a zone, after the account launch-rate bucket lets it go and a provisioning time (capacity and ENI)
 * has passed; image pull and container start follow in PENDING as on EC2. With a vCPU quota, tasks
 * beyond it wait (PROVISIONING) in launch order until running Fargate tasks stop.
 * Zones: each task goes to the scenario zone where its service or job stream has the fewest Fargate
 * tasks, ties by zone order (AWS spreads Fargate tasks over the subnets' AZs).
 */
export interface FargateStarter {
  /** Moves a PROVISIONING task on to PENDING after `delay` ms. */
  provisionAfter(task: Task, delay: number): void;
}

const ON_DEMAND = 0;
const SPOT = 1;

interface Waiting {
  readonly task: Task;
  readonly id: number;
}

export class FargateCapacity implements ClusterObserver {
  private readonly limiters: readonly LaunchRateLimiter[];
  private readonly quotas: readonly (number | undefined)[];
  private readonly vcpusInUse = [0, 0];
  private readonly queues: Waiting[][] = [[], []];
  /** Per task slot: 0, or 1 + the purchase option whose quota the task holds (so a stop releases exactly that). */
  private holding = new Uint8Array(1024);
  /** Per workload (services, then jobs): its Fargate tasks per zone. */
  private readonly zoneCounts: Int32Array[][];

  constructor(
    private readonly sim: Simulation,
    private readonly cluster: ClusterState,
    private readonly starter: FargateStarter,
    private readonly settings: FargateSettingsSpec,
    private readonly zones: readonly string[],
    workloads: { readonly services: number; readonly jobs: number },
    private readonly provisioningStream: (task: Task) => Random,
  ) {
    this.limiters = [
      new LaunchRateLimiter(settings.launchRate.burst, settings.launchRate.perSecond),
      new LaunchRateLimiter(settings.spotLaunchRate.burst, settings.spotLaunchRate.perSecond),
    ];
    this.quotas = [settings.vcpuQuota, settings.spotVcpuQuota];
    const counts = (n: number) => Array.from({ length: n }, () => new Int32Array(zones.length));
    this.zoneCounts = [counts(workloads.services), counts(workloads.jobs)];
  }

  /** Vcpus held now by On-Demand and Spot Fargate tasks. */
  vcpus(spot: boolean): number {
    return this.vcpusInUse[spot ? SPOT : ON_DEMAND] as number;
  }

  /** Starts a new task (PROVISIONING, not placed) on FARGATE or FARGATE_SPOT. */
  launch(task: Task, provider: CapacityProviderSpec): void {
    const counts = this.countsOf(task);
    let zone = 0;
    for (let z = 1; z < counts.length; z++) if ((counts[z] as number) < (counts[zone] as number)) zone = z;
    counts[zone]++;
    this.cluster.placeFargateTask(task, provider.index, this.zones[zone] as string, this.sim.now);
    const option = provider.kind === 'fargateSpot' ? SPOT : ON_DEMAND;
    const queue = this.queues[option] as Waiting[];
    if (queue.length > 0 || !this.quotaAllows(option, task)) queue.push({ task, id: task.id });
    else this.provision(task, option);
  }

  taskStopped(task: Task): void {
    if (!task.fargate) return;
    const counts = this.countsOf(task);
    counts[this.zones.indexOf(task.zone)]--;
    const held = task.slot < this.holding.length ? (this.holding[task.slot] as number) : 0;
    if (held > 0) {
      this.holding[task.slot] = 0;
      const option = held - 1;
      this.vcpusInUse[option] = (this.vcpusInUse[option] as number) - task.taskDefinition.cpu / 1024;
      this.drain(option);
    }
  }

  private countsOf(task: Task): Int32Array {
    return (this.zoneCounts[task.ownerKind === OwnerKind.Service ? 0 : 1] as Int32Array[])[task.owner] as Int32Array;
  }

  private quotaAllows(option: number, task: Task): boolean {
    const quota = this.quotas[option];
    return quota === undefined || (this.vcpusInUse[option] as number) + task.taskDefinition.cpu / 1024 <= quota;
  }

  /** Launches waiting tasks, in order, while the quota allows. */
  private drain(option: number): void {
    const queue = this.queues[option] as Waiting[];
    let taken = 0;
    while (taken < queue.length) {
      const { task, id } = queue[taken] as Waiting;
      if (task.id !== id || task.placedAt < 0 || task.stoppedAt >= 0) {
        taken++;
        continue;
      }
      if (!this.quotaAllows(option, task)) break;
      taken++;
      this.provision(task, option);
    }
    if (taken > 0) queue.splice(0, taken);
  }

  private provision(task: Task, option: number): void {
    if (task.slot >= this.holding.length) {
      const grown = new Uint8Array(Math.max(this.holding.length * 2, task.slot + 1));
      grown.set(this.holding);
      this.holding = grown;
    }
    this.holding[task.slot] = option + 1;
    this.vcpusInUse[option] = (this.vcpusInUse[option] as number) + task.taskDefinition.cpu / 1024;
    const now = this.sim.now;
    const at = (this.limiters[option] as LaunchRateLimiter).book(now);
    this.starter.provisionAfter(task, at - now + this.settings.provisioningTime.sample(this.provisioningStream(task)));
  }
}
