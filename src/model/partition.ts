import { FitSet } from './fitSet.js';
import type { Host } from './host.js';
import type { FreeTable } from './freeTable.js';
import { GroupScan, type HoleRegistry } from './groupScan.js';
import { HostOrder, hostOf } from './hostOrder.js';
import { IndexOrder } from './indexOrder.js';

/** The orders a partition can keep its hosts in: by free memory, by free CPU, by host index. */
export type OrderName = 'mem' | 'cpu' | 'idx';

/**
 * A set of ACTIVE hosts of a HostIndex (all of them, or those with one value of an attribute) kept in
 * the orders its searches walk, with the group scans, condition scans and count levels placement keeps
 * over them (see HostIndex for who keeps them current).
 */
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
  /** Per task shape a random placement asked for: the members with room for it (fitSet.ts). */
  private readonly fitSets: FitSet[] = [];

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

  /** Whether some condition scan was made (until then no condition change needs a key). */
  get watchesConditions(): boolean {
    return this.conditions.size > 0;
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

  /** The members with room for `memory` and `cpu` (made on first use, then kept as members change). */
  fitSet(memory: number, cpu: number): FitSet {
    for (const set of this.fitSets) if (set.memory === memory && set.cpu === cpu) return set;
    const set = new FitSet(memory, cpu);
    for (const i of this.memberKeys()) set.set(i, true, this.free.mem(i), this.free.cpu(i));
    this.fitSets.push(set);
    return set;
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
    if (this.fitSets.length > 0) for (const set of this.fitSets) set.set(index, true, mem, cpu);
  }

  remove(index: number, mem: number, cpu: number): void {
    this.mem?.remove(index, mem);
    this.cpu?.remove(index, cpu);
    this.idx?.remove(index);
    if (this.fitSets.length > 0) for (const set of this.fitSets) set.set(index, false, mem, cpu);
  }

  /** `grew`: memory or CPU went up (the index order's bounds then need raising; they stay valid when both fall). */
  change(index: number, oldMem: number, oldCpu: number, mem: number, cpu: number, grew: boolean): void {
    this.mem?.move(index, oldMem, mem, mem, cpu);
    this.cpu?.move(index, oldCpu, cpu, mem, cpu);
    if (grew) this.idx?.update(index, mem, cpu);
    if (this.fitSets.length > 0) for (const set of this.fitSets) set.set(index, true, mem, cpu);
  }
}

/** A host became a hole for `group` (or for every scanned group when undefined). */
export function openIn(partition: Partition, group: number | undefined, index: number, mem: number, cpu: number): void {
  if (partition.groupScans.size === 0) return;
  if (group === undefined) for (const scan of partition.groupScans.values()) scan.open(index, mem, cpu);
  else partition.groupScans.get(group)?.open(index, mem, cpu);
}
