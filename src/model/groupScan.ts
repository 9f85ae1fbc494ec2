import type { FreeTable } from './freeTable.js';
import { IndexOrder } from './indexOrder.js';

/**
 * Per task group and partition, for spread(instanceId), which looks for the lowest-index usable host
 * without a task of the group: every host of the partition below `prefix` holds one, except the
 * holes. Holes sit in their own index order (with free-resource maxima), so hosts without room are
 * skipped a block at a time. A group's last task leaving a host below the prefix, or a host
 * joining below it, opens a hole; the group arriving on it, or the host leaving, closes it.
 *
 * A complete scan (for distinctInstance) has its prefix past every index: every member without a task
 * of the group is a hole, so the hosts that could take one of its tasks are found without walking
 * those that hold one.
 */
export interface HoleRegistry {
  /** Keeps track of which scans hold the host as a hole, so resource changes reach their maxima. */
  linkHole(index: number, scan: GroupScan): void;
  unlinkHole(index: number, scan: GroupScan): void;
  /** A partition made its first scan for the group (until then the group's comings and goings need no work). */
  groupScanned(group: number): void;
}

export class GroupScan {
  prefix: number;
  readonly holes: IndexOrder;

  /** `complete`: made complete from the start (no prefix; every member opened is a hole). */
  constructor(
    private readonly free: FreeTable,
    private readonly registry: HoleRegistry,
    complete = false,
  ) {
    this.holes = new IndexOrder(free);
    this.prefix = complete ? Infinity : 0;
  }

  open(index: number, mem: number, cpu: number): void {
    if (index >= this.prefix || this.holes.has(index)) return;
    this.holes.insert(index, mem, cpu);
    this.registry.linkHole(index, this);
  }

  get complete(): boolean {
    return this.prefix === Infinity;
  }

  /** Makes the scan complete: the `members` at or past the prefix that pass `test` become holes. */
  completeWith(members: Iterable<number>, test: (index: number) => boolean): void {
    const from = this.prefix;
    this.prefix = Infinity;
    for (const i of members) if (i >= from && test(i)) this.open(i, this.free.mem(i), this.free.cpu(i));
  }

  close(index: number): void {
    if (!this.holes.has(index)) return;
    this.holes.remove(index);
    this.registry.unlinkHole(index, this);
  }
}
