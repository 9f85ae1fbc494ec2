import type { Host } from './host.js';
import { HOST_BITS, HostOrder } from './hostOrder.js';

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

export class Partition {
  readonly mem: HostOrder | undefined;
  readonly cpu: HostOrder | undefined;
  readonly idx: HostOrder | undefined;

  constructor(orders: ReadonlySet<OrderName>) {
    this.mem = orders.has('mem') ? new HostOrder() : undefined;
    this.cpu = orders.has('cpu') ? new HostOrder() : undefined;
    this.idx = orders.has('idx') ? new HostOrder() : undefined;
  }

  get size(): number {
    return (this.mem ?? this.cpu ?? this.idx)?.size ?? 0;
  }

  /** Any maintained order, for scans that do not care about order. */
  get any(): HostOrder {
    return (this.idx ?? this.mem ?? this.cpu) as HostOrder;
  }

  add(index: number, mem: number, cpu: number): void {
    this.mem?.insert(mem * HOST_BITS + index, mem, cpu);
    this.cpu?.insert(cpu * HOST_BITS + index, mem, cpu);
    this.idx?.insert(index, mem, cpu);
  }

  remove(index: number, mem: number, cpu: number): void {
    this.mem?.remove(mem * HOST_BITS + index);
    this.cpu?.remove(cpu * HOST_BITS + index);
    this.idx?.remove(index);
  }

  change(index: number, oldMem: number, oldCpu: number, mem: number, cpu: number): void {
    if (this.mem !== undefined) {
      this.mem.remove(oldMem * HOST_BITS + index);
      this.mem.insert(mem * HOST_BITS + index, mem, cpu);
    }
    if (this.cpu !== undefined) {
      this.cpu.remove(oldCpu * HOST_BITS + index);
      this.cpu.insert(cpu * HOST_BITS + index, mem, cpu);
    }
    this.idx?.update(index, mem, cpu);
  }
}

export class HostIndex {
  readonly all: Partition;
  private readonly attributes: readonly (readonly [string, ReadonlySet<OrderName>])[];
  private readonly byAttribute = new Map<string, Map<string, Partition>>();
  /** Free amounts as last indexed, by host index (the keys the orders hold). */
  private indexedMem: number[] = [];
  private indexedCpu: number[] = [];
  private readonly member: boolean[] = [];

  constructor(requirements: IndexRequirements) {
    this.all = new Partition(new Set([...requirements.global, 'mem']));
    this.attributes = [...requirements.byAttribute].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [name] of this.attributes) this.byAttribute.set(name, new Map());
  }

  has(host: Host): boolean {
    return this.member[host.index] === true;
  }

  isIndexed(attribute: string): boolean {
    return this.byAttribute.has(attribute);
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
    for (const [name, orders] of this.attributes) {
      const values = this.byAttribute.get(name) as Map<string, Partition>;
      const value = host.attribute(name) ?? MISSING_VALUE;
      let partition = values.get(value);
      if (partition === undefined) {
        partition = new Partition(orders);
        values.set(value, partition);
      }
      partition.add(i, host.memFree, host.cpuFree);
    }
  }

  remove(host: Host): void {
    const i = host.index;
    if (!this.member[i]) return;
    this.member[i] = false;
    const mem = this.indexedMem[i] as number;
    const cpu = this.indexedCpu[i] as number;
    this.all.remove(i, mem, cpu);
    for (const [name] of this.attributes) {
      this.byAttribute.get(name)?.get(host.attribute(name) ?? MISSING_VALUE)?.remove(i, mem, cpu);
    }
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
    for (const [name] of this.attributes) {
      this.byAttribute.get(name)?.get(host.attribute(name) ?? MISSING_VALUE)?.change(i, oldMem, oldCpu, host.memFree, host.cpuFree);
    }
  }
}
