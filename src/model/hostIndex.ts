import { portFree, type Host } from './host.js';
import type { GroupScan, HoleRegistry } from './groupScan.js';
import { FreeTable } from './freeTable.js';
import { openIn, Partition, type OrderName } from './partition.js';

/**
 * Placement indexes over ACTIVE hosts, kept by ClusterState as resources change. A partition is a set
 * of hosts (all of them, or those with one value of an attribute) kept in up to three orders:
 * by free memory, by free CPU and by launch index. Which orders exist is decided up front from the
 * scenario's placement strategies (placement/indexPlan.ts), so no work is spent on unused ones.
 */
export interface IndexRequirements {
  readonly global: ReadonlySet<OrderName>;
  /** Attribute name → orders kept in each of its value partitions. */
  readonly byAttribute: ReadonlyMap<string, ReadonlySet<OrderName>>;
}

/** Partition key for hosts that lack the attribute (real values have 1–128 characters). */
export const MISSING_VALUE = '';

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

  /** A task took or freed the static host port `port` (portKey) on the host: conditionChanged, keyed by nothing until some scan watches a condition. */
  portChanged(host: Host, port: number): void {
    if (this.all.watchesConditions) this.conditionChanged(host, portFree(port));
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
    const partitions = this.partitionsOf(i);
    for (let p = 0; p < partitions.length; p++) (partitions[p] as Partition).change(i, oldMem, oldCpu, mem, cpu, grew);
    // Orders by host index only keep upper bounds of free amounts: a fall leaves them valid.
    if (!grew || !free.isHole(i)) return;
    const scans = this.holeScansOf[i] as GroupScan[];
    for (let s = 0; s < scans.length; s++) (scans[s] as GroupScan).holes.update(i, host.memFree, host.cpuFree);
  }
}
