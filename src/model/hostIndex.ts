import type { Host } from './host.js';
import { GroupScan, type HoleRegistry } from './groupScan.js';
import { FreeTable } from './freeTable.js';
import { HostOrder, hostOf } from './hostOrder.js';
import { IndexOrder } from './indexOrder.js';

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
  /** Per task group: the occupied prefix and holes spread(instanceId) scans (see GroupScan). */
  readonly groupScans = new Map<number, GroupScan>();
  readonly mem: HostOrder | undefined;
  readonly cpu: HostOrder | undefined;
  readonly idx: IndexOrder | undefined;
  /** For an attribute value's partition: the value's id in the cluster's spread counts (-1: not looked up yet). */
  valueId = -1;
  /** Condition scans by key (conditionScan). */
  private readonly conditions = new Map<string, { readonly scan: GroupScan; readonly test: (host: Host) => boolean }>();
  /** Per task group, once asked for: [c] a complete scan of the members holding exactly c of its tasks (c ≥ 1). */
  readonly countLevels = new Map<number, (GroupScan | undefined)[]>();

  constructor(
    orders: ReadonlySet<OrderName>,
    private readonly free: FreeTable,
    private readonly registry: HoleRegistry,
  ) {
    this.mem = orders.has('mem') ? new HostOrder(free) : undefined;
    this.cpu = orders.has('cpu') ? new HostOrder(free) : undefined;
    this.idx = orders.has('idx') ? new IndexOrder(free) : undefined;
  }

  get size(): number {
    return (this.mem ?? this.cpu ?? this.idx)?.size ?? 0;
  }

  /** Any maintained order, for scans that do not care about order. */
  get any(): HostOrder | IndexOrder {
    return (this.idx ?? this.mem ?? this.cpu) as HostOrder | IndexOrder;
  }

  groupScan(group: number): GroupScan {
    let scan = this.groupScans.get(group);
    if (scan === undefined) {
      scan = new GroupScan(this.free, this.registry);
      this.groupScans.set(group, scan);
      this.registry.groupScanned(group);
    }
    return scan;
  }

  /**
   * The group's scan made complete (groupScan.ts): every member without a task of the group is a hole.
   * `zeroCount` tells, by host index, whether a member holds none.
   */
  completeScan(group: number, zeroCount: (index: number) => boolean): GroupScan {
    const scan = this.groupScan(group);
    if (!scan.complete) scan.completeWith(this.memberKeys(), zeroCount);
    return scan;
  }

  /**
   * The complete scan (groupScan.ts) under `key`, if made, of the members that meet a condition on the
   * host alone: static filters (memberOf, architecture), a static host port free, an
   * ENI free. Hosts that join are tested; a condition that tasks change (ports, ENIs) is tested again
   * through HostIndex.conditionChanged. Placement lists the few hosts with room among them instead of
   * walking every host that fails the condition.
   */
  conditionScan(key: string): GroupScan | undefined {
    return this.conditions.get(key)?.scan;
  }

  /** Makes the condition scan under `key` (see conditionScan): the members that pass `test` now. */
  addConditionScan(key: string, test: (host: Host) => boolean, hostAt: (index: number) => Host): GroupScan {
    const scan = new GroupScan(this.free, this.registry);
    scan.completeWith(this.memberKeys(), (i) => test(hostAt(i)));
    this.conditions.set(key, { scan, test });
    return scan;
  }

  /** The host's tasks changed what the condition under `key` tests (if it has a scan): opens or closes it there. */
  retest(key: string, host: Host, mem: number, cpu: number): void {
    const condition = this.conditions.get(key);
    if (condition === undefined) return;
    if (condition.test(host)) condition.scan.open(host.index, mem, cpu);
    else condition.scan.close(host.index);
  }

  /**
   * The group's count levels (countLevels), made from `countOf` (a member's count of the group) when
   * first asked for, then kept by HostIndex.groupCountChanged.
   */
  levels(group: number, countOf: (index: number) => number): readonly (GroupScan | undefined)[] {
    let levels = this.countLevels.get(group);
    if (levels === undefined) {
      levels = [];
      this.countLevels.set(group, levels);
      for (const i of this.memberKeys()) this.moveLevel(levels, i, 0, countOf(i));
    }
    return levels;
  }

  /** A member's count of a levelled group went from `from` to `to`. */
  moveLevel(levels: (GroupScan | undefined)[], index: number, from: number, to: number): void {
    if (from > 0) levels[from]?.close(index);
    if (to <= 0) return;
    let level = levels[to];
    if (level === undefined) {
      level = new GroupScan(this.free, this.registry, true);
      while (levels.length < to) levels.push(undefined);
      levels[to] = level;
    }
    level.open(index, this.free.mem(index), this.free.cpu(index));
  }

  /** A host joined (after add): the condition scans whose condition it meets take it. */
  joined(host: Host, index: number, mem: number, cpu: number): void {
    for (const { scan, test } of this.conditions.values()) if (test(host)) scan.open(index, mem, cpu);
  }

  /** The members' host indexes. */
  private *memberKeys(): IterableIterator<number> {
    const order = this.any;
    if (order instanceof IndexOrder) yield* order.keys();
    else for (const key of order.keys()) yield hostOf(key);
  }

  add(index: number, mem: number, cpu: number): void {
    this.mem?.insert(index, mem, mem, cpu);
    this.cpu?.insert(index, cpu, mem, cpu);
    this.idx?.insert(index, mem, cpu);
  }

  remove(index: number, mem: number, cpu: number): void {
    this.mem?.remove(index, mem);
    this.cpu?.remove(index, cpu);
    this.idx?.remove(index);
  }

  /** `grew`: memory or CPU went up (the index order's bounds then need raising; they stay valid when both fall). */
  change(index: number, oldMem: number, oldCpu: number, mem: number, cpu: number, grew: boolean): void {
    this.mem?.move(index, oldMem, mem, mem, cpu);
    this.cpu?.move(index, oldCpu, cpu, mem, cpu);
    if (grew) this.idx?.update(index, mem, cpu);
  }
}

function openIn(partition: Partition, group: number | undefined, index: number, mem: number, cpu: number): void {
  if (partition.groupScans.size === 0) return;
  if (group === undefined) for (const scan of partition.groupScans.values()) scan.open(index, mem, cpu);
  else partition.groupScans.get(group)?.open(index, mem, cpu);
}

const NO_PARTITIONS: Partition[] = [];
const NO_SCANS: GroupScan[] = [];

export class HostIndex implements HoleRegistry {
  readonly all: Partition;
  private readonly attributes: readonly (readonly [string, ReadonlySet<OrderName>])[];
  private readonly byAttribute = new Map<string, Map<string, Partition>>();
  private readonly lists = new Map<string, (readonly [string, Partition])[]>();
  /**
   * Per host index: free amounts as last indexed (the keys the orders hold; shared with them),
   * membership, whether it is a hole somewhere, and its partition list's number (freeTable.ts).
   */
  private readonly free = new FreeTable();
  /** Distinct lists of the attribute partitions a host is in (beside `all`), by number (0: none), and by their partitions' numbers. */
  private readonly partitionLists: Partition[][] = [NO_PARTITIONS];
  private readonly listNumbers = new Map<string, number>();
  private readonly partitionNumbers = new Map<Partition, number>();
  /** The group scans holding each host as a hole (read only for hosts whose record says they are one). */
  private readonly holeScansOf: GroupScan[][] = [];
  /** By task group: whether some partition keeps count levels for it (Partition.levels). */
  private readonly levelled: boolean[] = [];
  /** By task group: whether some partition keeps a scan for it (most groups, e.g. batch jobs, have none). */
  private readonly scanned: boolean[] = [];
  // holeScansOf is kept dense (filled up to the highest host index seen), since hosts register in any
  // order and a sparse JS array would fall back to slow dictionary elements.

  constructor(requirements: IndexRequirements) {
    this.all = new Partition(new Set([...requirements.global, 'mem']), this.free, this);
    this.attributes = [...requirements.byAttribute].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [name] of this.attributes) {
      this.byAttribute.set(name, new Map());
      this.lists.set(name, []);
    }
  }

  private partitionNumber(partition: Partition): number {
    let n = this.partitionNumbers.get(partition);
    if (n === undefined) {
      n = this.partitionNumbers.size;
      this.partitionNumbers.set(partition, n);
    }
    return n;
  }

  /** The attribute partitions host i is in (beside `all`). */
  private partitionsOf(i: number): readonly Partition[] {
    return this.partitionLists[this.free.list(i)] as Partition[];
  }

  /** Value partitions of an attribute as a list, in order of first appearance; undefined when it is not indexed. */
  partitionList(attribute: string): readonly (readonly [string, Partition])[] | undefined {
    return this.lists.get(attribute);
  }

  add(host: Host): void {
    const i = host.index;
    while (this.holeScansOf.length <= i) this.holeScansOf.push(NO_SCANS);
    this.free.set(i, host.memFree, host.cpuFree);
    this.free.setMember(i, true);
    this.all.add(i, host.memFree, host.cpuFree);
    this.all.joined(host, i, host.memFree, host.cpuFree);
    const partitions: Partition[] = [];
    for (const [name, orders] of this.attributes) {
      const values = this.byAttribute.get(name) as Map<string, Partition>;
      const value = host.attribute(name) ?? MISSING_VALUE;
      let partition = values.get(value);
      if (partition === undefined) {
        partition = new Partition(orders, this.free, this);
        values.set(value, partition);
        this.lists.get(name)?.push([value, partition]);
      }
      partition.add(i, host.memFree, host.cpuFree);
      partitions.push(partition);
    }
    // Hosts in the same partitions share one list (few lists, so they stay in cache).
    const key = partitions.map((p) => this.partitionNumber(p)).join(',');
    let list = this.listNumbers.get(key);
    if (list === undefined) {
      list = partitions.length === 0 ? 0 : this.partitionLists.length;
      if (list > 0) this.partitionLists.push(partitions);
      this.listNumbers.set(key, list);
    }
    this.free.setList(i, list);
    this.groupLeft(host, undefined);
  }

  remove(host: Host): void {
    const i = host.index;
    if (!this.free.isMember(i)) return;
    this.free.setMember(i, false);
    const mem = this.free.mem(i);
    const cpu = this.free.cpu(i);
    this.all.remove(i, mem, cpu);
    for (const partition of this.partitionsOf(i)) partition.remove(i, mem, cpu);
    this.free.setList(i, 0);
    for (const scan of [...(this.holeScansOf[i] as GroupScan[])]) scan.close(i);
  }

  linkHole(index: number, scan: GroupScan): void {
    const scans = this.holeScansOf[index] as GroupScan[];
    if (scans === NO_SCANS) {
      this.holeScansOf[index] = [scan];
      this.free.setHole(index, true);
    } else scans.push(scan);
  }

  groupScanned(group: number): void {
    while (this.scanned.length <= group) this.scanned.push(false);
    this.scanned[group] = true;
  }

  unlinkHole(index: number, scan: GroupScan): void {
    const scans = this.holeScansOf[index] as GroupScan[];
    const at = scans.indexOf(scan);
    if (at < 0) return;
    // A host that is no longer a hole anywhere is flagged so in its record, so update() need not
    // fetch a list of its own on every resource change.
    if (scans.length === 1) {
      this.holeScansOf[index] = NO_SCANS;
      this.free.setHole(index, false);
    } else scans.splice(at, 1);
  }

  /** The group's last task left the host (or, with no group, the host joined). */
  private groupLeft(host: Host, group: number | undefined): void {
    if ((group !== undefined && this.scanned[group] !== true) || !this.free.isMember(host.index)) return;
    const i = host.index;
    const mem = this.free.mem(i);
    const cpu = this.free.cpu(i);
    openIn(this.all, group, i, mem, cpu);
    for (const partition of this.partitionsOf(i)) openIn(partition, group, i, mem, cpu);
  }

  /** The group's first task arrived on the host. */
  private groupArrived(host: Host, group: number): void {
    if (this.scanned[group] !== true || !this.free.isMember(host.index)) return;
    const i = host.index;
    this.all.groupScans.get(group)?.close(i);
    for (const partition of this.partitionsOf(i)) partition.groupScans.get(group)?.close(i);
  }

  /**
   * A task of the group started or stopped counting on the host (its count went from `from` to `to`):
   * the group's scans and count levels follow.
   */
  groupCountChanged(host: Host, group: number, from: number, to: number): void {
    if (from === 0) this.groupArrived(host, group);
    else if (to === 0) this.groupLeft(host, group);
    if (this.levelled[group] !== true || !this.free.isMember(host.index)) return;
    const i = host.index;
    const own = this.all.countLevels.get(group);
    if (own !== undefined) this.all.moveLevel(own, i, from, to);
    for (const partition of this.partitionsOf(i)) {
      const levels = partition.countLevels.get(group);
      if (levels !== undefined) partition.moveLevel(levels, i, from, to);
    }
  }

  /** The partition's count levels of the group (Partition.levels); from then on they are kept. */
  levels(partition: Partition, group: number, countOf: (index: number) => number): readonly (GroupScan | undefined)[] {
    while (this.levelled.length <= group) this.levelled.push(false);
    this.levelled[group] = true;
    return partition.levels(group, countOf);
  }

  /**
   * A task took or freed a static host port or an ENI on the host (before the host's update, which
   * raises the maxima): the condition scan under `key` tests the host again.
   */
  conditionChanged(host: Host, key: string): void {
    const i = host.index;
    if (this.free.isMember(i)) this.all.retest(key, host, this.free.mem(i), this.free.cpu(i));
  }

  /** Call after the host's free memory or CPU changed. */
  update(host: Host): void {
    const i = host.index;
    const free = this.free;
    if (!free.isMember(i)) return;
    const oldMem = free.mem(i);
    const oldCpu = free.cpu(i);
    const mem = host.memFree;
    const cpu = host.cpuFree;
    if (oldMem === mem && oldCpu === cpu) return;
    free.set(i, mem, cpu);
    const grew = mem > oldMem || cpu > oldCpu;
    this.all.change(i, oldMem, oldCpu, mem, cpu, grew);
    const partitions = this.partitionLists[free.list(i)] as Partition[];
    for (let p = 0; p < partitions.length; p++) (partitions[p] as Partition).change(i, oldMem, oldCpu, mem, cpu, grew);
    // Orders by host index only keep upper bounds of free amounts: a fall leaves them valid.
    if (!grew || !free.isHole(i)) return;
    const scans = this.holeScansOf[i] as GroupScan[];
    for (let s = 0; s < scans.length; s++) (scans[s] as GroupScan).holes.update(i, host.memFree, host.cpuFree);
  }
}
