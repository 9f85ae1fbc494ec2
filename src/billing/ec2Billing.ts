import type { ClusterObserver } from '../model/clusterState.js';
import type { Host } from '../model/host.js';
import { OwnerKind, type Task } from '../model/task.js';

/**
 * EC2 on-demand billing (aws-behaviour.md §7): per second, with a 60-second minimum each time an
 * instance enters `running`; pending and terminated time is free. The cost of an instance is shared
 * out to the tasks on it by their reserved CPU and memory (weights from the scenario); what no task
 * reserved is idle cost. Tasks are charged from placement until STOPPED.
 */
export const MINIMUM_BILLED_MS = 60_000;
export const MS_PER_HOUR = 3_600_000;
/** Money is kept exact: prices in micro-dollars per hour (the catalogue has 6 decimals) × milliseconds. */
const UNITS_PER_DOLLAR = 1e6 * MS_PER_HOUR;

export interface PoolCost {
  readonly pool: string;
  hosts: number;
  billedMs: number;
  units: bigint;
}

export function microPerHour(host: Host): number {
  return Math.round(host.group.instanceType.onDemandPricePerHour * 1e6);
}

export function toDollars(units: bigint): number {
  return Number(units) / UNITS_PER_DOLLAR;
}

export class Ec2Billing implements ClusterObserver {
  /** Cost of instances that have stopped being billed, in micro-dollar-hours × ms. */
  private closedUnits = 0n;
  private closedBilledMs = 0;
  /** Sums over billed instances of their rate, and of rate × running start. */
  private openRate = 0;
  private openRateStart = 0n;
  private openCount = 0;
  readonly pools = new Map<string, PoolCost>();
  /** Cost attributed to each service and job stream from the share of hosts its tasks reserved. */
  readonly serviceCost: number[];
  readonly jobCost: number[];

  constructor(services: number, jobs: number, private readonly cpuWeight: number) {
    this.serviceCost = new Array<number>(services).fill(0);
    this.jobCost = new Array<number>(jobs).fill(0);
  }

  hostRunning(host: Host, now: number): void {
    const rate = microPerHour(host);
    this.openRate += rate;
    this.openRateStart += BigInt(rate) * BigInt(now);
    this.openCount++;
    this.pool(host).hosts++;
  }

  hostTerminated(host: Host, now: number): void {
    if (host.runningAt < 0) return;
    const rate = microPerHour(host);
    this.openRate -= rate;
    this.openRateStart -= BigInt(rate) * BigInt(host.runningAt);
    this.openCount--;
    const billed = billedMs(now - host.runningAt);
    const units = BigInt(rate) * BigInt(billed);
    this.closedUnits += units;
    this.closedBilledMs += billed;
    const pool = this.pool(host);
    pool.billedMs += billed;
    pool.units += units;
  }

  taskStopped(task: Task, now: number): void {
    if (task.host !== undefined && task.placedAt >= 0) this.attribute(task, now);
  }

  /** Charges tasks still on hosts at the end of the run. */
  closeTask(task: Task, now: number): void {
    if (task.host !== undefined && task.placedAt >= 0) this.attribute(task, now);
  }

  /** Total cost so far in dollars (running instances counted up to now, minimums not yet applied). */
  costSoFar(now: number): number {
    return toDollars(this.closedUnits + BigInt(this.openRate) * BigInt(now) - this.openRateStart);
  }

  /** Closes the books at the end of the run as if every running instance stopped then (minimums applied). */
  settle(hosts: readonly Host[], now: number): { cost: number; billedMs: number } {
    let units = this.closedUnits;
    let ms = this.closedBilledMs;
    for (const h of hosts) {
      if (h.runningAt < 0 || h.terminatedAt >= 0) continue;
      const billed = billedMs(now - h.runningAt);
      const hostUnits = BigInt(microPerHour(h)) * BigInt(billed);
      units += hostUnits;
      ms += billed;
      const pool = this.pool(h);
      pool.billedMs += billed;
      pool.units += hostUnits;
    }
    return { cost: toDollars(units), billedMs: ms };
  }

  get runningInstances(): number {
    return this.openCount;
  }

  private attribute(task: Task, now: number): void {
    const host = task.host as Host;
    const td = task.taskDefinition;
    const share = this.cpuWeight * (td.cpu / host.cpuTotal) + (1 - this.cpuWeight) * (td.memory / host.memTotal);
    const dollarsPerMs = microPerHour(host) / UNITS_PER_DOLLAR;
    const cost = dollarsPerMs * share * (now - task.placedAt);
    const table = task.ownerKind === OwnerKind.Service ? this.serviceCost : this.jobCost;
    table[task.owner] = (table[task.owner] as number) + cost;
  }

  private pool(host: Host): PoolCost {
    const key = `${host.group.name}/${host.group.instanceType.instanceType}/${host.availabilityZone}`;
    let pool = this.pools.get(key);
    if (pool === undefined) {
      pool = { pool: key, hosts: 0, billedMs: 0, units: 0n };
      this.pools.set(key, pool);
    }
    return pool;
  }
}

/** Billed duration of one running period: whole seconds, rounded up, at least 60 s. */
export function billedMs(runningMs: number): number {
  return Math.max(MINIMUM_BILLED_MS, Math.ceil(runningMs / 1000) * 1000);
}
