import type { Host } from '../model/host.js';
import { kthSmallest, lowerBound } from '../engine/sortedSearch.js';
import { TaskState, type Task } from '../model/task.js';

/**
 * StopChooser's fast path for the spread chains (none, spread(attribute), spread(instanceId), or
 * spread(attribute) then spread(instanceId), as in ECS's default): the same choices as the scan over
 * every task, with the same single draw, in about O(log n) per choice instead of O(n).
 *
 * Candidate tasks (sorted by id; a task is known by its position) sit in buckets by pool (not yet
 * RUNNING first, as the scan prefers them), attribute value and their instance's task count of the
 * group. A choice takes the values with the largest count, the largest instance count among them, and
 * draws the pick-th task by id across those buckets. Stopping a task moves the other candidates on its
 * instance (found through a per-instance list of candidates, without touching the tasks) down one
 * bucket; instance counts only fall while a chooser lives, so each bucket list's
 * highest non-empty count is found by walking down.
 */
const NOT_RUNNING = 0;
const RUNNING = 1;

export class SpreadStopIndex {
  /** [pool][value][count] → positions, ascending. */
  private readonly buckets: number[][][][] = [[], []];
  /** [pool][value] → candidates left. */
  private readonly sizes: number[][] = [[], []];
  /** [pool][value] → no bucket above this count is non-empty. */
  private readonly tops: number[][] = [[], []];
  private readonly poolOf: Uint8Array;
  private readonly countOf: Int32Array;
  /** Whether each position is still a candidate here. */
  private readonly present: Uint8Array;
  /**
   * Candidates per instance: host index → first position, and each position's next on its instance
   * (-1: none). A table by host index, not a Map: it is filled once per candidate on every build.
   */
  private readonly firstOnHost: Int32Array;
  private readonly nextOnHost: Int32Array;

  constructor(
    tasks: readonly Task[],
    /** Attribute value id per position (all 0 without an attribute level). */
    private readonly valueOf: Int32Array,
    values: number,
    private readonly group: number,
    private readonly byInstance: boolean,
  ) {
    this.poolOf = new Uint8Array(tasks.length);
    this.nextOnHost = new Int32Array(tasks.length);
    this.countOf = new Int32Array(tasks.length);
    this.present = new Uint8Array(tasks.length).fill(1);
    for (let pool = 0; pool < 2; pool++) {
      for (let v = 0; v < values; v++) {
        this.buckets[pool]?.push([]);
        this.sizes[pool]?.push(0);
        this.tops[pool]?.push(0);
      }
    }
    let hosts = 0;
    if (byInstance) for (let i = 0; i < tasks.length; i++) hosts = Math.max(hosts, ((tasks[i] as Task).host as Host).index + 1);
    this.firstOnHost = new Int32Array(hosts).fill(-1);
    for (let i = 0; i < tasks.length; i++) {
      const task = tasks[i] as Task;
      const pool = task.state < TaskState.Running ? NOT_RUNNING : RUNNING;
      const host = task.host as Host;
      const count = this.instanceCount(host);
      if (byInstance) {
        this.nextOnHost[i] = this.firstOnHost[host.index] as number;
        this.firstOnHost[host.index] = i;
      }
      this.poolOf[i] = pool;
      this.countOf[i] = count;
      this.insert(pool, valueOf[i] as number, count, i);
    }
  }

  private instanceCount(host: Host): number {
    return this.byInstance ? host.groupCount(this.group) : 0;
  }

  private insert(pool: number, value: number, count: number, i: number): void {
    const lists = (this.buckets[pool] as number[][][])[value] as number[][];
    while (lists.length <= count) lists.push([]);
    const list = lists[count] as number[];
    if (list.length === 0 || (list[list.length - 1] as number) < i) list.push(i);
    else list.splice(lowerBound(list, i), 0, i);
    (this.sizes[pool] as number[])[value]++;
    const tops = this.tops[pool] as number[];
    if (count > (tops[value] as number)) tops[value] = count;
  }

  private remove(i: number): void {
    const pool = this.poolOf[i] as number;
    const value = this.valueOf[i] as number;
    const list = ((this.buckets[pool] as number[][][])[value] as number[][])[this.countOf[i] as number] as number[];
    list.splice(lowerBound(list, i), 1);
    (this.sizes[pool] as number[])[value]--;
  }

  /** Highest instance count with candidates in (pool, value); -1 when none are left. */
  private top(pool: number, value: number): number {
    if ((this.sizes[pool] as number[])[value] === 0) return -1;
    const lists = (this.buckets[pool] as number[][][])[value] as number[][];
    const tops = this.tops[pool] as number[];
    let c = tops[value] as number;
    while (c > 0 && (lists[c] as number[]).length === 0) c--;
    tops[value] = c;
    return c;
  }

  /**
   * The position of the next task to stop, or -1 when none is left: `notRunningLeft` says whether the
   * not-yet-RUNNING pool still has candidates, `valueKey` is each value's group count (larger stops first).
   */
  next(notRunningLeft: boolean, valueKey: (value: number) => number, rng: () => number): number {
    const pool = notRunningLeft ? NOT_RUNNING : RUNNING;
    const sizes = this.sizes[pool] as number[];
    let bestKey = -Infinity;
    for (let v = 0; v < sizes.length; v++) if ((sizes[v] as number) > 0 && valueKey(v) > bestKey) bestKey = valueKey(v);
    if (bestKey === -Infinity) return -1;
    let bestCount = -1;
    for (let v = 0; v < sizes.length; v++) if ((sizes[v] as number) > 0 && valueKey(v) === bestKey) bestCount = Math.max(bestCount, this.top(pool, v));
    const tied: number[][] = [];
    let total = 0;
    for (let v = 0; v < sizes.length; v++) {
      if ((sizes[v] as number) === 0 || valueKey(v) !== bestKey) continue;
      const list = ((this.buckets[pool] as number[][][])[v] as number[][])[bestCount];
      if (list !== undefined && list.length > 0) {
        tied.push(list);
        total += list.length;
      }
    }
    const pick = Math.floor(rng() * total);
    const i = tied.length === 1 ? ((tied[0] as number[])[pick] as number) : kthSmallest(tied, pick);
    this.take(i);
    return i;
  }

  private take(i: number): void {
    this.remove(i);
    this.present[i] = 0;
  }

  /**
   * A task of the group left `host` (this chooser's pick or another's): `candidate` is its position
   * when it was still a candidate here (stopped through another chooser), else -1. The candidates left
   * on the host move to its new count (`countChanged` false: the task still counts, nothing moves).
   */
  stopped(host: Host, candidate: number, countChanged: boolean): void {
    if (candidate >= 0) this.take(candidate);
    if (!this.byInstance || !countChanged) return;
    const count = this.instanceCount(host);
    const first = host.index < this.firstOnHost.length ? (this.firstOnHost[host.index] as number) : -1;
    for (let i = first; i >= 0; i = this.nextOnHost[i] as number) {
      if (this.present[i] === 0 || this.countOf[i] === count) continue;
      this.remove(i);
      this.countOf[i] = count;
      this.insert(this.poolOf[i] as number, this.valueOf[i] as number, count, i);
    }
  }
}
