import type { Random } from '../engine/rng.js';
import type { Simulation } from '../engine/simulation.js';
import type { ClusterObserver, ClusterState } from '../model/clusterState.js';
import type { CapacityProviderSpec, FargateSettingsSpec } from '../model/specs.js';
import { OwnerKind, TaskState, type StopCode, type Task } from '../model/task.js';
import type { SpotMarket } from '../spot/spotMarket.js';
import type { SpotPool, SpotUnitOwner } from '../spot/spotPool.js';
import { LaunchBudget } from '../scheduler/launchBudget.js';

/**
 * Fargate and Fargate Spot capacity (aws-behaviour.md §6). No hosts: each task gets its own capacity
 * in a zone, after the account launch-rate bucket lets it go and a provisioning time (capacity and ENI)
 * has passed; image pull and container start follow in PENDING as on EC2. Tasks wait in PROVISIONING,
 * in launch order, while a vCPU quota is used up or (Fargate Spot) every zone's Spot pool is in a
 * drought. Zones: each task goes to the available zone where its service or job stream has the fewest
 * Fargate tasks, ties by zone order (AWS spreads Fargate tasks over the subnets' AZs).
 * Fargate Spot: a reclaimed task gets SIGTERM and is killed at the end of the 2-minute notice at the
 * latest (sooner if its stopTimeout is shorter); its service replaces it at once.
 */
export interface FargateStarter {
  /** Moves a PROVISIONING task on to PENDING after `delay` ms. */
  provisionAfter(task: Task, delay: number): void;
  /** A Spot notice: SIGTERM to a RUNNING task (it exits within `noticeMs`), or a stop now. */
  interrupt(task: Task, code: StopCode, reason: string, noticeMs: number): void;
}

export interface SpotInterruptionListener {
  taskInterrupted(task: Task, pool: SpotPool, now: number): void;
}

export const SPOT_NOTICE_MS = 120_000;
const ON_DEMAND = 0;
const SPOT = 1;

interface Waiting {
  readonly task: Task;
  readonly id: number;
}

export class FargateCapacity implements ClusterObserver, SpotUnitOwner {
  private readonly limiters: readonly LaunchBudget[];
  private readonly quotas: readonly (number | undefined)[];
  private readonly vcpusInUse = [0, 0];
  private readonly queues: Waiting[][] = [[], []];
  /** Per task slot: 0, or 1 + the purchase option whose quota the task holds (so a stop releases exactly that). */
  private holding = new Uint8Array(1024);
  /** Per workload (services, then jobs): its Fargate tasks per zone. */
  private readonly zoneCounts: Int32Array[][];
  /** FARGATE_SPOT pools by zone (empty when no strategy uses FARGATE_SPOT). */
  private readonly spotPools: SpotPool[] = [];

  constructor(
    private readonly sim: Simulation,
    private readonly cluster: ClusterState,
    private readonly starter: FargateStarter,
    private readonly settings: FargateSettingsSpec,
    private readonly zones: readonly string[],
    workloads: { readonly services: number; readonly jobs: number },
    private readonly provisioningStream: (task: Task) => Random,
    private readonly market: SpotMarket,
    usesSpot: boolean,
    private readonly spotStopCode: StopCode,
    private readonly listener: SpotInterruptionListener,
  ) {
    this.limiters = [
      new LaunchBudget(settings.launchRate.burst, settings.launchRate.perSecond, 1000),
      new LaunchBudget(settings.spotLaunchRate.burst, settings.spotLaunchRate.perSecond, 1000),
    ];
    this.quotas = [settings.vcpuQuota, settings.spotVcpuQuota];
    const counts = (n: number) => Array.from({ length: n }, () => new Int32Array(zones.length));
    this.zoneCounts = [counts(workloads.services), counts(workloads.jobs)];
    if (usesSpot) for (const zone of zones) this.spotPools.push(market.addPool(`FARGATE_SPOT/${zone}`, 'fargateSpot', zone, undefined, undefined, this));
  }

  /** Fargate Spot tasks waiting in PROVISIONING for a quota or for Spot capacity. */
  get spotWaiting(): number {
    return (this.queues[SPOT] as Waiting[]).length;
  }

  /** Starts a new task (PROVISIONING) on FARGATE or FARGATE_SPOT. */
  launch(task: Task, provider: CapacityProviderSpec): void {
    this.cluster.placeFargateTask(task, provider.index, this.sim.now);
    const option = provider.kind === 'fargateSpot' ? SPOT : ON_DEMAND;
    const queue = this.queues[option] as Waiting[];
    if (queue.length > 0 || !this.tryProvision(task, option)) queue.push({ task, id: task.id });
  }

  taskStopped(task: Task): void {
    if (!task.fargate) return;
    const z = this.zones.indexOf(task.zone);
    if (z >= 0) this.countsOf(task)[z]--;
    const held = task.slot < this.holding.length ? (this.holding[task.slot] as number) : 0;
    if (held === 0) return;
    this.holding[task.slot] = 0;
    const option = held - 1;
    this.vcpusInUse[option] = (this.vcpusInUse[option] as number) - task.taskDefinition.cpu / 1024;
    if (option === SPOT) this.market.unitEnded(this.spotPools[z] as SpotPool, task.slot);
    this.drain(option);
  }

  interrupt(unit: number, pool: SpotPool): void {
    const task = this.cluster.taskAt(unit);
    task.interrupted = true;
    this.listener.taskInterrupted(task, pool, this.sim.now);
    this.starter.interrupt(task, this.spotStopCode, 'Your Spot Task was interrupted.', SPOT_NOTICE_MS);
  }

  capacityReturned(): void {
    this.drain(SPOT);
  }

  private countsOf(task: Task): Int32Array {
    return (this.zoneCounts[task.ownerKind === OwnerKind.Service ? 0 : 1] as Int32Array[])[task.owner] as Int32Array;
  }

  /** The zone for a task: available (Spot: not in a drought) with the fewest of its workload's tasks; -1 if none. */
  private chooseZone(task: Task, option: number): number {
    const counts = this.countsOf(task);
    let best = -1;
    for (let z = 0; z < counts.length; z++) {
      if (option === SPOT && (this.spotPools[z] as SpotPool).dry) continue;
      if (best < 0 || (counts[z] as number) < (counts[best] as number)) best = z;
    }
    return best;
  }

  /** Launches waiting tasks, in order, while quota and capacity allow. */
  private drain(option: number): void {
    const queue = this.queues[option] as Waiting[];
    let taken = 0;
    while (taken < queue.length) {
      const { task, id } = queue[taken] as Waiting;
      if (task.id !== id || task.state !== TaskState.Provisioning || !task.fargate) {
        taken++;
        continue;
      }
      if (!this.tryProvision(task, option)) break;
      taken++;
    }
    if (taken > 0) queue.splice(0, taken);
  }

  /** Gives the task its capacity if the quota and a zone allow; false when it must wait. */
  private tryProvision(task: Task, option: number): boolean {
    const cpu = task.taskDefinition.cpu / 1024;
    const quota = this.quotas[option];
    if (quota !== undefined && (this.vcpusInUse[option] as number) + cpu > quota) return false;
    const z = this.chooseZone(task, option);
    if (z < 0) return false;
    this.countsOf(task)[z]++;
    task.zone = this.zones[z] as string;
    if (task.slot >= this.holding.length) {
      const grown = new Uint8Array(Math.max(this.holding.length * 2, task.slot + 1));
      grown.set(this.holding);
      this.holding = grown;
    }
    this.holding[task.slot] = option + 1;
    this.vcpusInUse[option] = (this.vcpusInUse[option] as number) + cpu;
    if (option === SPOT) this.market.unitStarted(this.spotPools[z] as SpotPool, task.slot);
    const now = this.sim.now;
    const at = (this.limiters[option] as LaunchBudget).book(now);
    this.starter.provisionAfter(task, at - now + this.settings.provisioningTime.sample(this.provisioningStream(task)));
    return true;
  }
}
