import { kthSmallest, lowerBound } from '../engine/sortedSearch.js';
import type { Host } from '../model/host.js';
import { TaskState, type Task } from '../model/task.js';

/**
 * StopChooser's fast path for binpack chains (binpack(resource), or spread(attribute) then
 * binpack(resource), before any random): the same choices as the scan over every task, with the same
 * single draw, without a scan per choice.
 *
 * Candidate tasks (sorted by id; a task is known by its position) sit in buckets by pool (not yet
 * RUNNING first), attribute value and their instance's free amount of the resource, the binpack key
 * (more free stops first). A choice takes the values with the largest group count, the largest free
 * amount among their buckets, and draws the pick-th task by id across those buckets. During a
 * scale-in an instance's free amount changes only when a victim there stops at once (one not yet
 * RUNNING frees what it held; one deregistering or STOPPING still holds it): the other candidates on
 * the instance then move to the new amount's bucket.
 */
const NOT_RUNNING = 0;
const RUNNING = 1;

export class BinpackStopIndex {
  /** [pool][value]: free amount → positions, ascending. */
  private readonly buckets: Map<number, number[]>[][] = [[], []];
  /** [pool][value]: the free amounts with a bucket, ascending (an emptied one is dropped when met at the top). */
  private readonly amounts: number[][][] = [[], []];
  private readonly sizes: number[][] = [[], []];
  private readonly poolOf: Uint8Array;
  private readonly freeOf: Float64Array;
  private readonly present: Uint8Array;
  /** Candidates per instance: host index → first position, and each position's next on its instance (-1: none). */
  private readonly firstOnHost: Int32Array;
  private readonly nextOnHost: Int32Array;

  constructor(
    tasks: readonly Task[],
    /** Attribute value id per position (all 0 without an attribute level). */
    private readonly valueOf: Int32Array,
    values: number,
    private readonly resource: 'memory' | 'cpu',
  ) {
    const n = tasks.length;
    this.poolOf = new Uint8Array(n);
    this.freeOf = new Float64Array(n);
    this.present = new Uint8Array(n).fill(1);
    this.nextOnHost = new Int32Array(n);
    for (let pool = 0; pool < 2; pool++) {
      for (let v = 0; v < values; v++) {
        this.buckets[pool]?.push(new Map());
        this.amounts[pool]?.push([]);
        this.sizes[pool]?.push(0);
      }
    }
    let hosts = 0;
    for (let i = 0; i < n; i++) hosts = Math.max(hosts, ((tasks[i] as Task).host as Host).index + 1);
    this.firstOnHost = new Int32Array(hosts).fill(-1);
    for (let i = 0; i < n; i++) {
      const task = tasks[i] as Task;
      const host = task.host as Host;
      this.nextOnHost[i] = this.firstOnHost[host.index] as number;
      this.firstOnHost[host.index] = i;
      this.poolOf[i] = task.state < TaskState.Running ? NOT_RUNNING : RUNNING;
      this.insert(i, this.free(host));
    }
  }

  private free(host: Host): number {
    return this.resource === 'memory' ? host.memFree : host.cpuFree;
  }

  private insert(i: number, free: number): void {
    const pool = this.poolOf[i] as number;
    const value = this.valueOf[i] as number;
    this.freeOf[i] = free;
    const buckets = (this.buckets[pool] as Map<number, number[]>[])[value] as Map<number, number[]>;
    let list = buckets.get(free);
    if (list === undefined) {
      list = [];
      buckets.set(free, list);
      const amounts = (this.amounts[pool] as number[][])[value] as number[];
      amounts.splice(lowerBound(amounts, free), 0, free);
    }
    if (list.length === 0 || (list[list.length - 1] as number) < i) list.push(i);
    else list.splice(lowerBound(list, i), 0, i);
    (this.sizes[pool] as number[])[value]++;
  }

  private remove(i: number): void {
    const pool = this.poolOf[i] as number;
    const value = this.valueOf[i] as number;
    const list = ((this.buckets[pool] as Map<number, number[]>[])[value] as Map<number, number[]>).get(this.freeOf[i] as number) as number[];
    list.splice(lowerBound(list, i), 1);
    (this.sizes[pool] as number[])[value]--;
  }

  /** The largest free amount with candidates in (pool, value), dropping emptied buckets on the way. */
  private top(pool: number, value: number): number {
    const amounts = (this.amounts[pool] as number[][])[value] as number[];
    const buckets = (this.buckets[pool] as Map<number, number[]>[])[value] as Map<number, number[]>;
    for (;;) {
      const free = amounts[amounts.length - 1] as number;
      if ((buckets.get(free) as number[]).length > 0) return free;
      buckets.delete(free);
      amounts.pop();
    }
  }

  /** As SpreadStopIndex.next: the position of the next task to stop, or -1 when none is left. */
  next(notRunningLeft: boolean, valueKey: (value: number) => number, rng: () => number): number {
    const pool = notRunningLeft ? NOT_RUNNING : RUNNING;
    const sizes = this.sizes[pool] as number[];
    let bestKey = -Infinity;
    for (let v = 0; v < sizes.length; v++) if ((sizes[v] as number) > 0 && valueKey(v) > bestKey) bestKey = valueKey(v);
    if (bestKey === -Infinity) return -1;
    let bestFree = -Infinity;
    for (let v = 0; v < sizes.length; v++) if ((sizes[v] as number) > 0 && valueKey(v) === bestKey) bestFree = Math.max(bestFree, this.top(pool, v));
    const tied: number[][] = [];
    let total = 0;
    for (let v = 0; v < sizes.length; v++) {
      if ((sizes[v] as number) === 0 || valueKey(v) !== bestKey) continue;
      const list = ((this.buckets[pool] as Map<number, number[]>[])[v] as Map<number, number[]>).get(bestFree);
      if (list !== undefined && list.length > 0) {
        tied.push(list);
        total += list.length;
      }
    }
    const pick = Math.floor(rng() * total);
    const i = tied.length === 1 ? ((tied[0] as number[])[pick] as number) : kthSmallest(tied, pick);
    this.remove(i);
    this.present[i] = 0;
    return i;
  }

  /**
   * A task of the group left `host` (`candidate`: its position when still a candidate here, else -1);
   * `freed`: it released what it held (STOPPED), so the instance's other candidates move to its new
   * free amount. (`countChanged` is SpreadStopIndex's: group counts do not key this index.)
   */
  stopped(host: Host, candidate: number, _countChanged: boolean, freed: boolean): void {
    if (candidate >= 0) {
      this.remove(candidate);
      this.present[candidate] = 0;
    }
    if (!freed || host.index >= this.firstOnHost.length) return;
    const free = this.free(host);
    for (let i = this.firstOnHost[host.index] as number; i >= 0; i = this.nextOnHost[i] as number) {
      if (this.present[i] === 0 || this.freeOf[i] === free) continue;
      this.remove(i);
      this.insert(i, free);
    }
  }
}
