import type { Host } from './host.js';
import { HOST_BITS, HostOrder, type FreeTable } from './hostOrder.js';

/**
 * Placement indexes over ACTIVE hosts, kept by ClusterState as resources change. A partition is a set
 * of hosts (all of them, or those with one value of an attribute) kept in up to three orders:
 * by free memory, by free CPU and by launch index. Which orders exist is decided up front from the
 * scenario's placement strategies (placement/indexPlan.ts), so no work is spent on unused ones.
 */
export type OrderName = 'mem' | 'cpu' | 'idx';

export interface IndexRequirements {
  readonly global: ReadonlySet<OrderName>;
  /** Attribute name → orders kept in each of its value partitions. */
  readonly byAttribute: ReadonlyMap<string, ReadonlySet<OrderName>>;
}

/** Partition key for hosts that lack the attribute (real values have 1–128 characters). */
export const MISSING_VALUE = '';

export interface GroupScan {
  prefix: number;
  readonly holes: number[];
}

function insertSorted(sorted: number[], value: number): void {
  let i = sorted.length;
  while (i > 0 && (sorted[i - 1] as number) > value) i--;
  if (sorted[i - 1] !== value) sorted.splice(i, 0, value);
}

export class Partition {
  /**
   * Per task group, for spread(instanceId), which looks for hosts without a task of the group: every
   * host of this partition below `prefix` holds one, except the `holes` (sorted host indexes, some
   * possibly gone since). A group's last task leaving a host below the prefix, or a host joining
   * below it, makes a hole; the group arriving on a hole fills it.
   */
  readonly groupScans = new Map<number, GroupScan>();
  readonly mem: HostOrder | undefined;
  readonly cpu: HostOrder | undefined;
  readonly idx: HostOrder | undefined;

  constructor(orders: ReadonlySet<OrderName>, free: FreeTable) {
    this.mem = orders.has('mem') ? new HostOrder(free, 'mem') : undefined;
    this.cpu = orders.has('cpu') ? new HostOrder(free, 'cpu') : undefined;
    this.idx = orders.has('idx') ? new HostOrder(free) : undefined;
  }

  get size(): number {
    return (this.mem ?? this.cpu ?? this.idx)?.size ?? 0;
  }

  /** Any maintained order, for scans that do not care about order. */
  get any(): HostOrder {
    return (this.idx ?? this.mem ?? this.cpu) as HostOrder;
  }

  groupScan(group: number): GroupScan {
    let scan = this.groupScans.get(group);
    if (scan === undefined) {
      scan = { prefix: 0, holes: [] };
      this.groupScans.set(group, scan);
    }
    return scan;
  }

  /** The host at `index` no longer holds the group (undefined: it joined, so holds no group). */
  openHole(group: number | undefined, index: number): void {
    if (group === undefined) {
      for (const scan of this.groupScans.values()) if (index < scan.prefix) insertSorted(scan.holes, index);
      return;
    }
    const scan = this.groupScans.get(group);
    if (scan !== undefined && index < scan.prefix) insertSorted(scan.holes, index);
  }

  fillHole(group: number, index: number): void {
    const holes = this.groupScans.get(group)?.holes;
    if (holes === undefined || holes.length === 0) return;
    const at = holes.indexOf(index);
    if (at >= 0) holes.splice(at, 1);
  }

  add(index: number, mem: number, cpu: number): void {
    this.mem?.insert(mem * HOST_BITS + index, mem, cpu);
    this.cpu?.insert(cpu * HOST_BITS + index, mem, cpu);
    this.idx?.insert(index, mem, cpu);
  }

  remove(index: number, mem: number, cpu: number): void {
    this.mem?.remove(mem * HOST_BITS + index, mem, cpu);
    this.cpu?.remove(cpu * HOST_BITS + index, mem, cpu);
    this.idx?.remove(index, mem, cpu);
  }

  change(index: number, oldMem: number, oldCpu: number, mem: number, cpu: number): void {
    if (this.mem !== undefined) {
      this.mem.remove(oldMem * HOST_BITS + index, oldMem, oldCpu);
      this.mem.insert(mem * HOST_BITS + index, mem, cpu);
    }
    if (this.cpu !== undefined) {
      this.cpu.remove(oldCpu * HOST_BITS + index, oldMem, oldCpu);
      this.cpu.insert(cpu * HOST_BITS + index, mem, cpu);
    }
    this.idx?.update(index, oldMem, oldCpu, mem, cpu);
  }
}

export class HostIndex {
  readonly all: Partition;
  private readonly attributes: readonly (readonly [string, ReadonlySet<OrderName>])[];
  private readonly byAttribute = new Map<string, Map<string, Partition>>();
  private readonly lists = new Map<string, (readonly [string, Partition])[]>();
  /** Free amounts as last indexed, by host index (the keys the orders hold; shared with them). */
  private readonly indexedMem: number[] = [];
  private readonly indexedCpu: number[] = [];
  private readonly free: FreeTable = { mem: this.indexedMem, cpu: this.indexedCpu };
  private readonly member: boolean[] = [];
  /** The attribute partitions each indexed host is in (beside `all`). */
  private readonly partitionsOf: Partition[][] = [];

  constructor(requirements: IndexRequirements) {
    this.all = new Partition(new Set([...requirements.global, 'mem']), this.free);
    this.attributes = [...requirements.byAttribute].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [name] of this.attributes) {
      this.byAttribute.set(name, new Map());
      this.lists.set(name, []);
    }
  }

  has(host: Host): boolean {
    return this.member[host.index] === true;
  }

  isIndexed(attribute: string): boolean {
    return this.byAttribute.has(attribute);
  }

  /** Value partitions of an indexed attribute as a list, in order of first appearance. */
  partitionList(attribute: string): readonly (readonly [string, Partition])[] {
    return this.lists.get(attribute) ?? [];
  }

  /** Value partitions of an indexed attribute, in insertion order (callers sort as they need). */
  partitions(attribute: string): ReadonlyMap<string, Partition> | undefined {
    return this.byAttribute.get(attribute);
  }

  add(host: Host): void {
    const i = host.index;
    this.member[i] = true;
    this.indexedMem[i] = host.memFree;
    this.indexedCpu[i] = host.cpuFree;
    this.all.add(i, host.memFree, host.cpuFree);
    const partitions: Partition[] = [];
    for (const [name, orders] of this.attributes) {
      const values = this.byAttribute.get(name) as Map<string, Partition>;
      const value = host.attribute(name) ?? MISSING_VALUE;
      let partition = values.get(value);
      if (partition === undefined) {
        partition = new Partition(orders, this.free);
        values.set(value, partition);
        this.lists.get(name)?.push([value, partition]);
      }
      partition.add(i, host.memFree, host.cpuFree);
      partitions.push(partition);
    }
    this.partitionsOf[i] = partitions;
    this.groupLeft(host, undefined);
  }

  remove(host: Host): void {
    const i = host.index;
    if (!this.member[i]) return;
    this.member[i] = false;
    const mem = this.indexedMem[i] as number;
    const cpu = this.indexedCpu[i] as number;
    this.all.remove(i, mem, cpu);
    for (const partition of this.partitionsOf[i] as Partition[]) partition.remove(i, mem, cpu);
    this.partitionsOf[i] = [];
  }

  /** The group's last task left the host (or, with no group, the host joined). */
  groupLeft(host: Host, group: number | undefined): void {
    if (!this.member[host.index]) return;
    this.all.openHole(group, host.index);
    for (const partition of this.partitionsOf[host.index] as Partition[]) partition.openHole(group, host.index);
  }

  /** The group's first task arrived on the host. */
  groupArrived(host: Host, group: number): void {
    if (!this.member[host.index]) return;
    this.all.fillHole(group, host.index);
    for (const partition of this.partitionsOf[host.index] as Partition[]) partition.fillHole(group, host.index);
  }

  /** Call after the host's free memory or CPU changed. */
  update(host: Host): void {
    const i = host.index;
    if (!this.member[i]) return;
    const oldMem = this.indexedMem[i] as number;
    const oldCpu = this.indexedCpu[i] as number;
    if (oldMem === host.memFree && oldCpu === host.cpuFree) return;
    this.indexedMem[i] = host.memFree;
    this.indexedCpu[i] = host.cpuFree;
    this.all.change(i, oldMem, oldCpu, host.memFree, host.cpuFree);
    for (const partition of this.partitionsOf[i] as Partition[]) partition.change(i, oldMem, oldCpu, host.memFree, host.cpuFree);
  }
}
