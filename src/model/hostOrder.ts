import type { FreeTable } from './freeTable.js';
import { HostPages } from './hostPages.js';

/**
 * Hosts sorted by a free amount (memory or CPU), ties by host index, for binpack's walk "from the
 * task's need upwards". Hosts with the same value share a bucket, a set of host indexes in index order
 * with free-amount bounds (HostPages); the buckets are kept sorted by value. Free amounts take few
 * distinct values (a host type's capacity less sums of a few task sizes), so re-sorting a host whose
 * free amount changed is a map lookup and two bit flips, with no search or shifting of sorted keys.
 * Each bucket also keeps upper bounds of its hosts' free memory and CPU, so a walk skips whole buckets
 * that cannot hold the task. Memory follows the hosts, not the number of buckets (HostPages pools its
 * pages), and emptied buckets are dropped once they far outnumber the others.
 *
 * Callers pass and get small integers (host index, sorting value). Keys (`value × 2^24 + host`) appear
 * only in keys(), for tests and brute-force fallbacks.
 */
export const HOST_BITS = 2 ** 24;
const INV_HOST_BITS = 2 ** -24;

/** The host index in a key (exact; avoids `%` on doubles, which is slow). */
export function hostOf(key: number): number {
  return key - Math.floor(key * INV_HOST_BITS) * HOST_BITS;
}

const NONE = -1;
/**
 * Empty buckets are dropped (their ids reused) once there are at least this many and four times as
 * many as non-empty ones: a value's bucket is usually wanted again soon, and making one shifts the ranks.
 */
const COMPACT_AT = 1024;

export class HostOrder {
  /** Per bucket id: its hosts (a HostPages set of the same id), its value, upper bounds of its hosts' free memory and CPU. */
  private readonly sets: HostPages;
  private readonly values: number[] = [];
  private readonly boundMem: number[] = [];
  private readonly boundCpu: number[] = [];
  /** Bucket ids in ascending order of value. */
  private ranked: number[] = [];
  private readonly byValue = new Map<number, number>();
  /** Ids of dropped buckets, for reuse. */
  private readonly spare: number[] = [];
  /** Buckets in `ranked` without hosts. */
  private empties = 0;
  /** Per host index: its bucket id (NONE: not in the order). */
  private bucketOf = new Int32Array(64).fill(NONE);
  private count = 0;
  /** The walk's position: a rank, and the next host index to look at in its bucket (-1: not entered). */
  private cursorRank = 0;
  private cursorHost = -1;
  /** The bucket of the host nextFit last returned. */
  private foundBucket = 0;

  constructor(free: FreeTable) {
    this.sets = new HostPages(free);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a host sorted by `value` (its free memory or CPU); `mem`/`cpu` are its free amounts (also in the shared table). */
  insert(host: number, value: number, mem: number, cpu: number): void {
    if (host >= this.bucketOf.length) this.grow(host);
    if (this.bucketOf[host] !== NONE) throw new Error(`host order: host ${host} already present`);
    this.addTo(this.bucketFor(value), host, mem, cpu);
    this.count++;
  }

  /** Removes a host (sorted by `value`). */
  remove(host: number, value: number): void {
    this.takeFrom(this.bucketHolding(host, value), host);
    this.bucketOf[host] = NONE;
    this.count--;
  }

  /** Re-sorts a host from `oldValue` to `value` (its free amounts changed to `mem` and `cpu`). */
  move(host: number, oldValue: number, value: number, mem: number, cpu: number): void {
    const from = this.bucketHolding(host, oldValue);
    if (value === oldValue) {
      this.sets.raise(from, host, mem, cpu);
      this.raise(from, mem, cpu);
      return;
    }
    this.takeFrom(from, host);
    this.addTo(this.bucketFor(value), host, mem, cpu);
  }

  /** Places the cursor at the first host sorted at or after `value`. */
  seek(value: number): void {
    this.cursorRank = firstRankAtLeast(this.ranked, this.values, value);
    this.cursorHost = -1;
  }

  /** The sorting value of the host nextFit last returned. */
  foundValue(): number {
    return this.values[this.foundBucket] as number;
  }

  /**
   * The next host from the cursor with at least `mem` and `cpu` free (its index); -1 at the end. Skips
   * buckets whose bounds rule a fit out; a walk through a whole bucket without a fit tightens its
   * bounds to its regions' maxima.
   */
  nextFit(mem: number, cpu: number): number {
    const ranked = this.ranked;
    const sets = this.sets;
    while (this.cursorRank < ranked.length) {
      const b = ranked[this.cursorRank] as number;
      let from = this.cursorHost;
      if (from < 0) {
        if (sets.size(b) === 0 || (this.boundMem[b] as number) < mem || (this.boundCpu[b] as number) < cpu) {
          this.cursorRank++;
          continue;
        }
        from = 0;
      }
      const host = sets.nextFit(b, from, mem, cpu);
      if (host >= 0) {
        this.cursorHost = host + 1;
        this.foundBucket = b;
        return host;
      }
      if (from === 0) {
        this.boundMem[b] = sets.walkedMem;
        this.boundCpu[b] = sets.walkedCpu;
      }
      this.cursorRank++;
      this.cursorHost = -1;
    }
    return -1;
  }

  /** Every key (`value × 2^24 + host`) in order (tests and brute-force fallbacks). */
  *keys(): IterableIterator<number> {
    for (const b of this.ranked) {
      const value = this.values[b] as number;
      for (const host of this.sets.members(b)) yield value * HOST_BITS + host;
    }
  }

  private bucketHolding(host: number, value: number): number {
    const b = host < this.bucketOf.length ? (this.bucketOf[host] as number) : NONE;
    if (b === NONE || this.values[b] !== value) throw new Error(`host order: host ${host} not present at ${value}`);
    return b;
  }

  private addTo(b: number, host: number, mem: number, cpu: number): void {
    if (this.sets.size(b) === 0) this.empties--;
    this.sets.add(b, host, mem, cpu);
    this.bucketOf[host] = b;
    this.raise(b, mem, cpu);
  }

  private takeFrom(b: number, host: number): void {
    this.sets.remove(b, host);
    if (this.sets.size(b) === 0) this.empties++;
  }

  private raise(b: number, mem: number, cpu: number): void {
    if (mem > (this.boundMem[b] as number)) this.boundMem[b] = mem;
    if (cpu > (this.boundCpu[b] as number)) this.boundCpu[b] = cpu;
  }

  /** The bucket of `value`, made (empty, ranked by value) when there is none. */
  private bucketFor(value: number): number {
    const known = this.byValue.get(value);
    if (known !== undefined) return known;
    if (this.empties >= COMPACT_AT && this.empties >= 4 * (this.ranked.length - this.empties)) this.dropEmpties();
    let b = this.spare.pop();
    if (b === undefined) {
      b = this.sets.create();
      this.values.push(value);
      this.boundMem.push(-1);
      this.boundCpu.push(-1);
    }
    this.values[b] = value;
    this.boundMem[b] = -1;
    this.boundCpu[b] = -1;
    this.byValue.set(value, b);
    this.ranked.splice(firstRankAtLeast(this.ranked, this.values, value), 0, b);
    this.empties++;
    return b;
  }

  /** Forgets the empty buckets (their sets hold no pages; their ids are reused). */
  private dropEmpties(): void {
    const kept: number[] = [];
    for (const b of this.ranked) {
      if (this.sets.size(b) > 0) kept.push(b);
      else {
        this.byValue.delete(this.values[b] as number);
        this.spare.push(b);
      }
    }
    this.ranked = kept;
    this.empties = 0;
  }

  private grow(host: number): void {
    let n = this.bucketOf.length;
    while (n <= host) n *= 2;
    const next = new Int32Array(n).fill(NONE);
    next.set(this.bucketOf);
    this.bucketOf = next;
  }
}

/** The first rank whose bucket's value is >= `value` (the number of ranks when none is). */
function firstRankAtLeast(ranked: readonly number[], values: readonly number[], value: number): number {
  let lo = 0;
  let hi = ranked.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[ranked[mid] as number] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
