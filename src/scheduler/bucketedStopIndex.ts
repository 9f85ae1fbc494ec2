import { kthSmallest, lowerBound } from '../engine/sortedSearch.js';
import type { Host } from '../model/host.js';
import { TaskState, type Task } from '../model/task.js';

/**
 * StopChooser's fast path for chains whose keys after an optional spread(attribute) come from the
 * task's instance alone: spread(instanceId) (the instance's task count of the group; ECS's default
 * chain ends so), binpack(resource) (its free amount), or nothing. The same choices as the scan over
 * every task, with the same single draw, in about O(log n) per choice instead of O(n).
 *
 * Candidate tasks (sorted by id; a task is known by its position) sit in buckets by pool (not yet
 * RUNNING first, as the scan prefers them), attribute value and their instance's key. A choice takes
 * the values with the largest group count, the largest key among their buckets, and draws the pick-th
 * task by id across those buckets. When an instance's key changes (a task of the group there stopped
 * counting; a victim there released what it held), its other candidates, linked per instance in typed
 * arrays without touching the tasks, move to the new key's bucket.
 */
const NOT_RUNNING = 0;
const RUNNING = 1;

export class BucketedStopIndex {
  /** [pool][value]: key → positions, ascending. */
  private readonly buckets: Map<number, number[]>[][] = [[], []];
  /** [pool][value]: the keys with a bucket, ascending (an emptied one is dropped when met at the top). */
  private readonly keys: number[][][] = [[], []];
  /** [pool][value]: candidates left. */
  private readonly sizes: number[][] = [[], []];
  private readonly poolOf: Uint8Array;
  private readonly keyOf: Float64Array;
  /** Whether each position is still a candidate here. */
  private readonly present: Uint8Array;
  /** Candidates per instance: host index → first position, and each position's next on its instance (-1: none). */
  private readonly firstOnHost: Int32Array;
  private readonly nextOnHost: Int32Array;

  constructor(
    tasks: readonly Task[],
    /** Attribute value id per position (all 0 without an attribute level). */
    private readonly valueOf: Int32Array,
    values: number,
    /** The instance's key (larger stops first); read again for an instance when told it may have changed. */
    private readonly key: (host: Host) => number,
  ) {
    const n = tasks.length;
    this.poolOf = new Uint8Array(n);
    this.keyOf = new Float64Array(n);
    this.present = new Uint8Array(n).fill(1);
    this.nextOnHost = new Int32Array(n);
    for (let pool = 0; pool < 2; pool++) {
      for (let v = 0; v < values; v++) {
        this.buckets[pool]?.push(new Map());
        this.keys[pool]?.push([]);
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
      this.insert(i, key(host));
    }
  }

  private insert(i: number, key: number): void {
    const pool = this.poolOf[i] as number;
    const value = this.valueOf[i] as number;
    this.keyOf[i] = key;
    const buckets = (this.buckets[pool] as Map<number, number[]>[])[value] as Map<number, number[]>;
    let list = buckets.get(key);
    if (list === undefined) {
      list = [];
      buckets.set(key, list);
      const keys = (this.keys[pool] as number[][])[value] as number[];
      keys.splice(lowerBound(keys, key), 0, key);
    }
    if (list.length === 0 || (list[list.length - 1] as number) < i) list.push(i);
    else list.splice(lowerBound(list, i), 0, i);
    (this.sizes[pool] as number[])[value]++;
  }

  private remove(i: number): void {
    const pool = this.poolOf[i] as number;
    const value = this.valueOf[i] as number;
    const list = ((this.buckets[pool] as Map<number, number[]>[])[value] as Map<number, number[]>).get(this.keyOf[i] as number) as number[];
    list.splice(lowerBound(list, i), 1);
    (this.sizes[pool] as number[])[value]--;
  }

  private take(i: number): void {
    this.remove(i);
    this.present[i] = 0;
  }

  /** The largest key with candidates in (pool, value), dropping emptied buckets on the way (call with candidates left). */
  private top(pool: number, value: number): number {
    const keys = (this.keys[pool] as number[][])[value] as number[];
    const buckets = (this.buckets[pool] as Map<number, number[]>[])[value] as Map<number, number[]>;
    for (;;) {
      const key = keys[keys.length - 1] as number;
      if ((buckets.get(key) as number[]).length > 0) return key;
      buckets.delete(key);
      keys.pop();
    }
  }

  /**
   * The position of the next task to stop, or -1 when none is left: `notRunningLeft` says whether the
   * not-yet-RUNNING pool still has candidates, `valueKey` is each value's group count (larger stops first).
   */
  next(notRunningLeft: boolean, valueKey: (value: number) => number, rng: () => number): number {
    const pool = notRunningLeft ? NOT_RUNNING : RUNNING;
    const sizes = this.sizes[pool] as number[];
    let bestValue = -Infinity;
    for (let v = 0; v < sizes.length; v++) if ((sizes[v] as number) > 0 && valueKey(v) > bestValue) bestValue = valueKey(v);
    if (bestValue === -Infinity) return -1;
    let bestKey = -Infinity;
    for (let v = 0; v < sizes.length; v++) if ((sizes[v] as number) > 0 && valueKey(v) === bestValue) bestKey = Math.max(bestKey, this.top(pool, v));
    const tied: number[][] = [];
    let total = 0;
    for (let v = 0; v < sizes.length; v++) {
      if ((sizes[v] as number) === 0 || valueKey(v) !== bestValue) continue;
      const list = ((this.buckets[pool] as Map<number, number[]>[])[v] as Map<number, number[]>).get(bestKey);
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

  /**
   * A task of the group left `host` (this chooser's pick or another's): `candidate` is its position
   * when it was still a candidate here, else -1. `keyMayChange`: the instance's key may differ now, so
   * the candidates left on it move to the key read again.
   */
  stopped(host: Host, candidate: number, keyMayChange: boolean): void {
    if (candidate >= 0) this.take(candidate);
    if (!keyMayChange || host.index >= this.firstOnHost.length) return;
    const key = this.key(host);
    for (let i = this.firstOnHost[host.index] as number; i >= 0; i = this.nextOnHost[i] as number) {
      if (this.present[i] === 0 || this.keyOf[i] === key) continue;
      this.remove(i);
      this.insert(i, key);
    }
  }
}
