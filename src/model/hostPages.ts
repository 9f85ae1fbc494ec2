import { FREE_STRIDE, type FreeTable } from './freeTable.js';

/** 32 host indexes per block (one membership word). */
const BLOCK_BITS = 5;
/** 1,024 host indexes (32 blocks) per page. */
const PAGE_BITS = 10;
const BLOCKS = 1 << (PAGE_BITS - BLOCK_BITS);
const NONE = -1;

/**
 * Sets of host indexes, each kept in host-index order with upper bounds of its members' free memory
 * and CPU, for HostOrder's buckets. A set is a page table over the index universe; a page covers 1,024
 * indexes and holds a membership bit per index, bounds per block of 32 indexes and for the whole page.
 * Pages come from one pool and go back to it when emptied, so memory follows the members (a set with
 * three hosts holds at most three pages), however many sets there are. Adding and removing a host is
 * O(1); a walk skips absent pages, empty blocks, and the pages and blocks whose bounds rule a fit out,
 * and tightens the bounds of those it reads whole. Bounds are raised on add and by `raise`, never
 * lowered by a removal (an empty block's bounds are ignored, and set afresh when it gains a member).
 */
export class HostPages {
  /** Per set: page table (page index → page id, NONE: no members there) and member count. */
  private readonly tables: Int32Array[] = [];
  private readonly sizes: number[] = [];
  /** Per page id: 32 membership words, per block [2k] memory and [2k+1] CPU bounds, page bounds and member count. */
  private words = new Int32Array(0);
  private blockBounds = new Float64Array(0);
  private pageBounds = new Float64Array(0);
  private pageCount = new Int32Array(0);
  private readonly freePages: number[] = [];
  private pagesUsed = 0;
  /** Maxima of the bounds a failed walk from a set's start passed over (its members' new bounds). */
  walkedMem = -1;
  walkedCpu = -1;

  constructor(private readonly free: FreeTable) {}

  /** A new empty set's id. */
  create(): number {
    this.tables.push(new Int32Array(0));
    this.sizes.push(0);
    return this.tables.length - 1;
  }

  size(set: number): number {
    return this.sizes[set] as number;
  }

  add(set: number, host: number, mem: number, cpu: number): void {
    let table = this.tables[set] as Int32Array;
    const p = host >>> PAGE_BITS;
    if (p >= table.length) table = this.widen(set, p);
    let page = table[p] as number;
    if (page === NONE) {
      page = this.allocate();
      table[p] = page;
    }
    const w = page * BLOCKS + ((host >>> BLOCK_BITS) & (BLOCKS - 1));
    const word = this.words[w] as number;
    this.words[w] = word | (1 << (host & 31));
    this.pageCount[page]++;
    this.sizes[set]++;
    if (word === 0) {
      // An empty block's bounds mean nothing (walks skip empty blocks): start them afresh.
      this.blockBounds[2 * w] = mem;
      this.blockBounds[2 * w + 1] = cpu;
    }
    this.raiseAt(page, w, mem, cpu);
  }

  /** Removes a member (the caller knows it is one). */
  remove(set: number, host: number): void {
    const table = this.tables[set] as Int32Array;
    const p = host >>> PAGE_BITS;
    const page = table[p] as number;
    const w = page * BLOCKS + ((host >>> BLOCK_BITS) & (BLOCKS - 1));
    this.words[w] = (this.words[w] as number) & ~(1 << (host & 31));
    this.sizes[set]--;
    if (--this.pageCount[page] === 0) {
      table[p] = NONE;
      this.freePages.push(page);
    }
  }

  /** A member's free amounts changed: raise its block's and page's bounds (a fall leaves them valid). */
  raise(set: number, host: number, mem: number, cpu: number): void {
    const page = (this.tables[set] as Int32Array)[host >>> PAGE_BITS] as number;
    this.raiseAt(page, page * BLOCKS + ((host >>> BLOCK_BITS) & (BLOCKS - 1)), mem, cpu);
  }

  private raiseAt(page: number, w: number, mem: number, cpu: number): void {
    const blocks = this.blockBounds;
    if (mem > (blocks[2 * w] as number)) blocks[2 * w] = mem;
    if (cpu > (blocks[2 * w + 1] as number)) blocks[2 * w + 1] = cpu;
    const pages = this.pageBounds;
    if (mem > (pages[2 * page] as number)) pages[2 * page] = mem;
    if (cpu > (pages[2 * page + 1] as number)) pages[2 * page + 1] = cpu;
  }

  /**
   * The first member at or after host index `from` with at least `mem` and `cpu` free; -1 when none.
   * When a walk from 0 finds none, `walkedMem`/`walkedCpu` are left at bounds of all the set's members.
   */
  nextFit(set: number, from: number, mem: number, cpu: number): number {
    const table = this.tables[set] as Int32Array;
    const words = this.words;
    const blocks = this.blockBounds;
    const pages = this.pageBounds;
    const free = this.free.data;
    let setMem = -1;
    let setCpu = -1;
    let i = from;
    for (let p = from >>> PAGE_BITS; p < table.length; p++, i = p << PAGE_BITS) {
      const page = table[p] as number;
      if (page === NONE) continue;
      if ((pages[2 * page] as number) >= mem && (pages[2 * page + 1] as number) >= cpu) {
        const wholePage = (i & ((1 << PAGE_BITS) - 1)) === 0;
        let pageMem = -1;
        let pageCpu = -1;
        for (let k = (i >>> BLOCK_BITS) & (BLOCKS - 1); k < BLOCKS; k++) {
          const w = page * BLOCKS + k;
          const members = words[w] as number;
          if (members === 0) continue;
          if ((blocks[2 * w] as number) >= mem && (blocks[2 * w + 1] as number) >= cpu) {
            const first = k === ((i >>> BLOCK_BITS) & (BLOCKS - 1)) ? i & 31 : 0;
            let word = members & (-1 << first);
            let seenMem = -1;
            let seenCpu = -1;
            while (word !== 0) {
              const low = word & -word;
              word ^= low;
              const host = (p << PAGE_BITS) + (k << BLOCK_BITS) + 31 - Math.clz32(low);
              const m = free[FREE_STRIDE * host] as number;
              const c = free[FREE_STRIDE * host + 1] as number;
              if (m >= mem && c >= cpu) return host;
              if (m > seenMem) seenMem = m;
              if (c > seenCpu) seenCpu = c;
            }
            if (first === 0) {
              blocks[2 * w] = seenMem;
              blocks[2 * w + 1] = seenCpu;
            }
          }
          if ((blocks[2 * w] as number) > pageMem) pageMem = blocks[2 * w] as number;
          if ((blocks[2 * w + 1] as number) > pageCpu) pageCpu = blocks[2 * w + 1] as number;
        }
        if (wholePage) {
          pages[2 * page] = pageMem;
          pages[2 * page + 1] = pageCpu;
        }
      }
      if ((pages[2 * page] as number) > setMem) setMem = pages[2 * page] as number;
      if ((pages[2 * page + 1] as number) > setCpu) setCpu = pages[2 * page + 1] as number;
    }
    if (from === 0) {
      this.walkedMem = setMem;
      this.walkedCpu = setCpu;
    }
    return -1;
  }

  /** The set's members in index order (tests and brute-force fallbacks). */
  *members(set: number): IterableIterator<number> {
    const table = this.tables[set] as Int32Array;
    for (let p = 0; p < table.length; p++) {
      const page = table[p] as number;
      if (page === NONE) continue;
      for (let k = 0; k < BLOCKS; k++) {
        let word = this.words[page * BLOCKS + k] as number;
        while (word !== 0) {
          const low = word & -word;
          word ^= low;
          yield (p << PAGE_BITS) + (k << BLOCK_BITS) + 31 - Math.clz32(low);
        }
      }
    }
  }

  /** A page from the pool, empty, with no bounds (-1: nothing there; its blocks' bounds are set as they fill). */
  private allocate(): number {
    let page = this.freePages.pop();
    if (page === undefined) {
      if (this.pagesUsed === this.pageCount.length) this.growPool();
      page = this.pagesUsed++;
    }
    this.pageBounds[2 * page] = -1;
    this.pageBounds[2 * page + 1] = -1;
    return page;
  }

  private growPool(): void {
    const pages = Math.max(16, this.pageCount.length * 2);
    this.words = copied(new Int32Array(pages * BLOCKS), this.words);
    this.blockBounds = copied(new Float64Array(2 * pages * BLOCKS), this.blockBounds);
    this.pageBounds = copied(new Float64Array(2 * pages), this.pageBounds);
    this.pageCount = copied(new Int32Array(pages), this.pageCount);
  }

  private widen(set: number, p: number): Int32Array {
    const old = this.tables[set] as Int32Array;
    let n = Math.max(4, old.length);
    while (n <= p) n *= 2;
    const table = new Int32Array(n).fill(NONE);
    table.set(old);
    this.tables[set] = table;
    return table;
  }
}

function copied<T extends Int32Array | Float64Array>(target: T, source: T): T {
  target.set(source as never);
  return target;
}
