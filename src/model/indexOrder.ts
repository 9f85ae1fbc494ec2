import { FREE_STRIDE, type FreeTable } from './freeTable.js';

/** 32 host indexes per block (one membership word). */
const BLOCK_BITS = 5;
/** 1,024 host indexes (32 blocks) per region. */
const REGION_BITS = 10;
const BLOCKS_PER_REGION = 1 << (REGION_BITS - BLOCK_BITS);

/**
 * Hosts in host-index order, over the universe of indexes 0 … highest seen: a membership bit per
 * index, and upper bounds of the members' free memory and CPU per block of 32 indexes and per region
 * of 1,024 (with a member count per region). Where a host sits follows from its index, so adding,
 * removing and raising its bounds are O(1), with no search. A search for the next member at or after a
 * position with at least `mem` MiB and `cpu` units free skips empty regions and the regions and blocks
 * whose bounds rule a fit out, and tightens the bounds of those it reads whole, as HostPages does with
 * its pages. Keys are the host indexes themselves. Used where the order is the host index: the
 * partitions' index orders and spread(instanceId)'s hole lists (GroupScan), whose bounds are raised on
 * every resource increase of their hosts.
 */
export class IndexOrder {
  private words = new Int32Array(0);
  /** Per block b: [2b] bound of free memory, [2b + 1] of free CPU (side by side: one cache line). */
  private blockBounds = new Float64Array(0);
  /** Per region r: [2r] and [2r + 1], as for blocks; never below any of its blocks' bounds. */
  private regionBounds = new Float64Array(0);
  private regionCount = new Int32Array(0);
  private count = 0;
  private cursor = 0;

  constructor(private readonly free: FreeTable) {}

  get size(): number {
    return this.count;
  }

  has(index: number): boolean {
    const w = index >>> BLOCK_BITS;
    return w < this.words.length && ((this.words[w] as number) & (1 << (index & 31))) !== 0;
  }

  /** Adds a host; `mem`/`cpu` are its free amounts (also in the shared table). */
  insert(index: number, mem: number, cpu: number): void {
    if (index >>> BLOCK_BITS >= this.words.length) this.grow(index);
    if (this.has(index)) throw new Error(`index order: host ${index} already present`);
    this.words[index >>> BLOCK_BITS] = (this.words[index >>> BLOCK_BITS] as number) | (1 << (index & 31));
    this.regionCount[index >>> REGION_BITS]++;
    this.count++;
    this.update(index, mem, cpu);
  }

  remove(index: number): void {
    if (!this.has(index)) throw new Error(`index order: host ${index} not present`);
    this.words[index >>> BLOCK_BITS] = (this.words[index >>> BLOCK_BITS] as number) & ~(1 << (index & 31));
    this.regionCount[index >>> REGION_BITS]--;
    this.count--;
  }

  /**
   * The free amounts of a member changed: raise the bounds (a fall leaves them valid upper bounds).
   * Not checked for membership (HostIndex calls it for every hole on every resource increase).
   */
  update(index: number, mem: number, cpu: number): void {
    const blocks = this.blockBounds;
    const b = 2 * (index >>> BLOCK_BITS);
    const raiseMem = mem > (blocks[b] as number);
    const raiseCpu = cpu > (blocks[b + 1] as number);
    if (!raiseMem && !raiseCpu) return;
    // A region's bounds are at least its blocks' bounds: only a raised block can raise them.
    if (raiseMem) blocks[b] = mem;
    if (raiseCpu) blocks[b + 1] = cpu;
    const regions = this.regionBounds;
    const r = 2 * (index >>> REGION_BITS);
    if (mem > (regions[r] as number)) regions[r] = mem;
    if (cpu > (regions[r + 1] as number)) regions[r + 1] = cpu;
  }

  /** Places the cursor at host index `index` (the next search starts there). */
  seek(index: number): void {
    this.cursor = index;
  }

  /**
   * The next member from the cursor with at least `mem` and `cpu` free; -1 at the end. A walk through
   * a whole block or region without a fit tightens its bounds to the maxima it saw.
   */
  nextFit(mem: number, cpu: number): number {
    const words = this.words;
    const blocks = this.blockBounds;
    const regions = this.regionBounds;
    const free = this.free.data;
    const end = words.length << BLOCK_BITS;
    let i = this.cursor;
    while (i < end) {
      const r = i >>> REGION_BITS;
      // A region's bounds cover all its members, so they rule out the rest of it from any position.
      if (this.regionCount[r] === 0 || (regions[2 * r] as number) < mem || (regions[2 * r + 1] as number) < cpu) {
        i = (r + 1) << REGION_BITS;
        continue;
      }
      const wholeRegion = (i & ((1 << REGION_BITS) - 1)) === 0;
      let regionSeenMem = -1;
      let regionSeenCpu = -1;
      const lastBlock = Math.min((r + 1) * BLOCKS_PER_REGION, words.length);
      for (let b = i >>> BLOCK_BITS; b < lastBlock; b++) {
        if ((blocks[2 * b] as number) >= mem && (blocks[2 * b + 1] as number) >= cpu) {
          const from = b === i >>> BLOCK_BITS ? i & 31 : 0;
          let word = (words[b] as number) & (-1 << from);
          let seenMem = -1;
          let seenCpu = -1;
          while (word !== 0) {
            const low = word & -word;
            word ^= low;
            const host = (b << BLOCK_BITS) + 31 - Math.clz32(low);
            const m = free[FREE_STRIDE * host] as number;
            const k = free[FREE_STRIDE * host + 1] as number;
            if (m >= mem && k >= cpu) {
              this.cursor = host + 1;
              return host;
            }
            if (m > seenMem) seenMem = m;
            if (k > seenCpu) seenCpu = k;
          }
          if (from === 0) {
            blocks[2 * b] = seenMem;
            blocks[2 * b + 1] = seenCpu;
          }
        }
        if ((blocks[2 * b] as number) > regionSeenMem) regionSeenMem = blocks[2 * b] as number;
        if ((blocks[2 * b + 1] as number) > regionSeenCpu) regionSeenCpu = blocks[2 * b + 1] as number;
      }
      if (wholeRegion) {
        regions[2 * r] = regionSeenMem;
        regions[2 * r + 1] = regionSeenCpu;
      }
      i = (r + 1) << REGION_BITS;
    }
    this.cursor = Math.max(this.cursor, end);
    return -1;
  }

  /** Every member in index order (tests and brute-force fallbacks). */
  *keys(): IterableIterator<number> {
    for (let b = 0; b < this.words.length; b++) {
      let word = this.words[b] as number;
      while (word !== 0) {
        const low = word & -word;
        word ^= low;
        yield (b << BLOCK_BITS) + 31 - Math.clz32(low);
      }
    }
  }

  /** Widens the universe to hold `index` (whole regions; new bounds -1: nothing there). */
  private grow(index: number): void {
    let regions = Math.max(1, this.regionCount.length);
    while (regions << REGION_BITS <= index) regions *= 2;
    const blocks = regions * BLOCKS_PER_REGION;
    this.words = widen(new Int32Array(blocks), this.words, 0);
    this.blockBounds = widen(new Float64Array(2 * blocks), this.blockBounds, -1);
    this.regionBounds = widen(new Float64Array(2 * regions), this.regionBounds, -1);
    this.regionCount = widen(new Int32Array(regions), this.regionCount, 0);
  }
}

function widen<T extends Int32Array | Float64Array>(target: T, source: T, fill: number): T {
  target.fill(fill, source.length);
  target.set(source as never);
  return target;
}
