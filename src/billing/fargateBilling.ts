import type { ClusterObserver } from '../model/clusterState.js';
import type { CapacityProviderSpec, FargateSettingsSpec } from '../model/specs.js';
import { OwnerKind, TaskState, type Task } from '../model/task.js';
import { billedMs, MS_PER_HOUR } from './ec2Billing.js';

/**
 * Fargate billing (aws-behaviour.md §6): per second, with a 1-minute minimum, from the start of the
 * image pull (PENDING) until the task stops; vCPU and memory priced per hour by architecture, Fargate
 * Spot at (1 − spotDiscount) of that. Money is exact: rates in nano-dollars per hour × milliseconds.
 */
const UNITS_PER_DOLLAR = 1e9 * MS_PER_HOUR;

export interface FargateCost {
  /** "FARGATE" or "FARGATE_SPOT". */
  readonly provider: string;
  tasks: number;
  billedMs: number;
  vcpuMs: number;
  units: bigint;
  /** The same tasks at the On-Demand Fargate price (the baseline Spot is compared with). */
  onDemandUnits: bigint;
}

/** Nano-dollars per hour for one task of this size on this provider. */
export function fargateRate(cpu: number, memory: number, arm: boolean, spot: boolean, settings: FargateSettingsSpec): number {
  const price = arm ? settings.prices.arm64 : settings.prices.x86_64;
  const perHour = (cpu / 1024) * price.vcpuHour + (memory / 1024) * price.gbHour;
  return Math.round(perHour * (spot ? 1 - settings.spotDiscount : 1) * 1e9);
}

export class FargateBilling implements ClusterObserver {
  readonly byProvider: FargateCost[];
  /** Cost of each service and job stream's Fargate tasks, dollars. */
  readonly serviceCost: number[];
  readonly jobCost: number[];
  private closedUnits = 0n;
  private openRate = 0;
  private openRateStart = 0n;

  constructor(
    private readonly providers: readonly CapacityProviderSpec[],
    private readonly settings: FargateSettingsSpec,
    services: number,
    jobs: number,
  ) {
    this.byProvider = [
      { provider: 'FARGATE', tasks: 0, billedMs: 0, vcpuMs: 0, units: 0n, onDemandUnits: 0n },
      { provider: 'FARGATE_SPOT', tasks: 0, billedMs: 0, vcpuMs: 0, units: 0n, onDemandUnits: 0n },
    ];
    this.serviceCost = new Array<number>(services).fill(0);
    this.jobCost = new Array<number>(jobs).fill(0);
  }

  taskStateChanged(task: Task, _from: TaskState, now: number): void {
    if (!task.fargate || task.state !== TaskState.Pending) return;
    const rate = this.rate(task);
    this.openRate += rate;
    this.openRateStart += BigInt(rate) * BigInt(now);
    this.entry(task).tasks++;
  }

  taskStopped(task: Task, now: number): void {
    if (task.fargate && task.pullStartedAt >= 0) this.close(task, now, true);
  }

  /** Charges a task still running at the end of the run. */
  closeTask(task: Task, now: number): void {
    if (task.fargate && task.pullStartedAt >= 0) this.close(task, now, false);
  }

  /** Fargate cost so far in dollars (running tasks up to now, minimums not yet applied). */
  costSoFar(now: number): number {
    return Number(this.closedUnits + BigInt(this.openRate) * BigInt(now) - this.openRateStart) / UNITS_PER_DOLLAR;
  }

  /** What the billed tasks would have cost On-Demand. */
  get onDemandEquivalentUsd(): number {
    return Number(this.byProvider.reduce((sum, f) => sum + f.onDemandUnits, 0n)) / UNITS_PER_DOLLAR;
  }

  get totalUsd(): number {
    return Number(this.closedUnits) / UNITS_PER_DOLLAR;
  }

  static toDollars(units: bigint): number {
    return Number(units) / UNITS_PER_DOLLAR;
  }

  private close(task: Task, now: number, stopped: boolean): void {
    const rate = this.rate(task);
    if (stopped) {
      this.openRate -= rate;
      this.openRateStart -= BigInt(rate) * BigInt(task.pullStartedAt);
    }
    const billed = billedMs(now - task.pullStartedAt);
    const units = BigInt(rate) * BigInt(billed);
    this.closedUnits += units;
    const entry = this.entry(task);
    entry.billedMs += billed;
    entry.vcpuMs += (task.taskDefinition.cpu / 1024) * billed;
    entry.units += units;
    const td = task.taskDefinition;
    entry.onDemandUnits += BigInt(fargateRate(td.cpu, td.memory, td.cpuArchitecture === 'arm64', false, this.settings)) * BigInt(billed);
    const table = task.ownerKind === OwnerKind.Service ? this.serviceCost : this.jobCost;
    table[task.owner] = (table[task.owner] as number) + Number(units) / UNITS_PER_DOLLAR;
  }

  private spot(task: Task): boolean {
    return this.providers[task.provider]?.kind === 'fargateSpot';
  }

  private rate(task: Task): number {
    const td = task.taskDefinition;
    return fargateRate(td.cpu, td.memory, td.cpuArchitecture === 'arm64', this.spot(task), this.settings);
  }

  private entry(task: Task): FargateCost {
    return this.byProvider[this.spot(task) ? 1 : 0] as FargateCost;
  }
}
