import type { ClusterObserver } from '../model/clusterState.js';
import type { Host } from '../model/host.js';
import { OwnerKind, type Task } from '../model/task.js';

/**
 * EC2 billing (aws-behaviour.md §7): per second, with a 60-second minimum each time an instance enters
 * `running`; pending and terminated time is free. Spot instances pay the Spot price (On-Demand × (1 −
 * Advisor savings)), and nothing at all when EC2 interrupts them within their first running hour; so
 * that the running total never goes down, a Spot instance's cost is counted once it has run an hour
 * (or when it ends, if it was not refunded). The On-Demand baseline prices every instance On-Demand.
 * The cost of an instance is shared out to the tasks on it by their reserved CPU and memory (weights
 * from the scenario); what no task reserved is idle cost. Tasks are charged from placement until STOPPED.
 */
export const MINIMUM_BILLED_MS = 60_000;
export const MS_PER_HOUR = 3_600_000;
/** Money is kept exact: prices in micro-dollars per hour (the catalogue has 6 decimals) × milliseconds. */
const UNITS_PER_DOLLAR = 1e6 * MS_PER_HOUR;

export interface PoolCost {
  readonly pool: string;
  readonly spot: boolean;
  hosts: number;
  billedMs: number;
  units: bigint;
  /** Spot instances EC2 interrupted within their first hour (not charged). */
  refunded: number;
}

/** AWS charges nothing for a Spot instance it interrupts within this long of running. */
export const SPOT_FREE_INTERRUPTION_MS = MS_PER_HOUR;

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
  /** Spot instances running (billed or in their refundable first hour). */
  runningSpot = 0;
  /** Spot instances in their first running hour, by running time (their cost is not yet counted). */
  private readonly young: Host[] = [];
  private youngHead = 0;
  private readonly vested = new Set<Host>();
  /** What the closed instances would have cost On-Demand. */
  private closedOnDemandUnits = 0n;
  readonly pools = new Map<string, PoolCost>();
  /** Cost attributed to each service and job stream from the share of hosts its tasks reserved. */
  readonly serviceCost: number[];
  readonly jobCost: number[];

  constructor(services: number, jobs: number, private readonly cpuWeight: number) {
    this.serviceCost = new Array<number>(services).fill(0);
    this.jobCost = new Array<number>(jobs).fill(0);
  }

  hostRunning(host: Host, now: number): void {
    this.openCount++;
    if (host.spot) this.runningSpot++;
    this.pool(host).hosts++;
    if (host.spot) this.young.push(host);
    else this.open(host);
  }

  hostTerminated(host: Host, now: number): void {
    if (host.runningAt < 0) return;
    this.openCount--;
    if (host.spot) this.runningSpot--;
    const rate = host.microPerHour;
    if (!host.spot || this.vested.delete(host)) {
      this.openRate -= rate;
      this.openRateStart -= BigInt(rate) * BigInt(host.runningAt);
    }
    const pool = this.pool(host);
    const billed = billedMs(now - host.runningAt);
    this.closedOnDemandUnits += BigInt(host.type.onDemandMicroPerHour) * BigInt(billed);
    if (host.interruptedAt >= 0 && now - host.runningAt < SPOT_FREE_INTERRUPTION_MS) {
      pool.refunded++;
      return;
    }
    const units = BigInt(rate) * BigInt(billed);
    this.closedUnits += units;
    this.closedBilledMs += billed;
    pool.billedMs += billed;
    pool.units += units;
  }

  private open(host: Host): void {
    const rate = host.microPerHour;
    this.openRate += rate;
    this.openRateStart += BigInt(rate) * BigInt(host.runningAt);
  }

  /** Spot instances that have run an hour can no longer be refunded: their cost starts to count. */
  private vest(now: number): void {
    while (this.youngHead < this.young.length) {
      const host = this.young[this.youngHead] as Host;
      if (host.terminatedAt < 0 && host.runningAt + SPOT_FREE_INTERRUPTION_MS > now) break;
      this.youngHead++;
      if (host.terminatedAt >= 0) continue;
      this.vested.add(host);
      this.open(host);
    }
    if (this.youngHead > 1024 && this.youngHead * 2 > this.young.length) {
      this.young.splice(0, this.youngHead);
      this.youngHead = 0;
    }
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
    this.vest(now);
    return toDollars(this.closedUnits + BigInt(this.openRate) * BigInt(now) - this.openRateStart);
  }

  /** Closes the books at the end of the run as if every running instance stopped then (minimums applied). */
  settle(hosts: readonly Host[], now: number): { cost: number; billedMs: number; onDemandCost: number } {
    let units = this.closedUnits;
    let ms = this.closedBilledMs;
    let onDemandUnits = this.closedOnDemandUnits;
    for (const h of hosts) {
      if (h.runningAt < 0 || h.terminatedAt >= 0) continue;
      const billed = billedMs(now - h.runningAt);
      onDemandUnits += BigInt(h.type.onDemandMicroPerHour) * BigInt(billed);
      const hostUnits = BigInt(h.microPerHour) * BigInt(billed);
      units += hostUnits;
      ms += billed;
      const pool = this.pool(h);
      pool.billedMs += billed;
      pool.units += hostUnits;
    }
    return { cost: toDollars(units), billedMs: ms, onDemandCost: toDollars(onDemandUnits) };
  }

  get runningInstances(): number {
    return this.openCount;
  }

  private attribute(task: Task, now: number): void {
    const host = task.host as Host;
    const td = task.taskDefinition;
    const share = this.cpuWeight * (td.cpu / host.cpuTotal) + (1 - this.cpuWeight) * (td.memory / host.memTotal);
    const dollarsPerMs = host.microPerHour / UNITS_PER_DOLLAR;
    const cost = dollarsPerMs * share * (now - task.placedAt);
    const table = task.ownerKind === OwnerKind.Service ? this.serviceCost : this.jobCost;
    table[task.owner] = (table[task.owner] as number) + cost;
  }

  private pool(host: Host): PoolCost {
    const key = `${host.group.name}/${host.type.info.instanceType}/${host.availabilityZone}/${host.spot ? 'spot' : 'on-demand'}`;
    let pool = this.pools.get(key);
    if (pool === undefined) {
      pool = { pool: key, spot: host.spot, hosts: 0, billedMs: 0, units: 0n, refunded: 0 };
      this.pools.set(key, pool);
    }
    return pool;
  }
}

/** Billed duration of one running period: whole seconds, rounded up, at least 60 s. */
export function billedMs(runningMs: number): number {
  return Math.max(MINIMUM_BILLED_MS, Math.ceil(runningMs / 1000) * 1000);
}
