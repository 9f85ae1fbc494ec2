/**
 * A sorted list of hosts (by a numeric key that ends in the host index) that knows, per chunk, upper
 * bounds of its hosts' free memory and CPU. A search for "the first host at or after key k with at least
 * m MiB and c CPU units free" skips whole chunks that cannot hold the task, so a placement stays fast
 * whether memory or CPU is the scarce resource.
 *
 * Keys: free memory (or CPU, or nothing) × 2^24 + host index, exact integers below 2^53. Chunks are
 * fixed-size blocks of one shared Float64Array (no per-chunk objects to chase); each host's free amounts
 * (as indexed) live in arrays shared by all orders of the index. One cursor per list.
 */
export const HOST_BITS = 2 ** 24;
const INV_HOST_BITS = 2 ** -24;

/** The host index in a key (exact; avoids `%` on doubles, which is slow). */
export function hostOf(key: number): number {
  return key - Math.floor(key * INV_HOST_BITS) * HOST_BITS;
}

const CHUNK = 16;
/** Slots per block: a chunk splits when it would exceed 2 × CHUNK. */
const BLOCK = 2 * CHUNK + 1;

/** Free amounts per host index, as last indexed (owned by HostIndex, read here). */
export interface FreeTable {
  readonly mem: number[];
  readonly cpu: number[];
}

/**
 * Per chunk, upper bounds of its hosts' free memory and CPU. Insertions and increases raise them;
 * removals and decreases leave them (still upper bounds, so no chunk is ever skipped wrongly); a walk
 * that reads a whole chunk without a fit tightens them to the exact maxima it saw.
 */
export class HostOrder {
  private store = new Float64Array(BLOCK * 16);
  private lengths = new Int32Array(16);
  private maxMem = new Float64Array(16);
  private maxCpu = new Float64Array(16);
  private freeBlocks: number[] = [];
  private blocksUsed = 0;
  /** Block ids in key order, and the last key of each. */
  private order: number[] = [];
  private lastKeys: number[] = [];
  private count = 0;
  private cursorChunk = 0;
  private cursorPos = 0;

  constructor(private readonly free: FreeTable) {}

  get size(): number {
    return this.count;
  }

  /** Adds a key; `mem`/`cpu` are the host's free amounts (also in the shared table). */
  insert(key: number, mem: number, cpu: number): void {
    this.count++;
    if (this.order.length === 0) {
      const b = this.allocate();
      this.store[b * BLOCK] = key;
      this.lengths[b] = 1;
      this.maxMem[b] = mem;
      this.maxCpu[b] = cpu;
      this.order.push(b);
      this.lastKeys.push(key);
      return;
    }
    let c = lowerBound(this.lastKeys, key);
    if (c === this.order.length) c--;
    const b = this.order[c] as number;
    const store = this.store;
    const base = b * BLOCK;
    const n = this.lengths[b] as number;
    let p = base + n;
    while (p > base && (store[p - 1] as number) > key) {
      store[p] = store[p - 1] as number;
      p--;
    }
    store[p] = key;
    this.lengths[b] = n + 1;
    if (mem > (this.maxMem[b] as number)) this.maxMem[b] = mem;
    if (cpu > (this.maxCpu[b] as number)) this.maxCpu[b] = cpu;
    this.lastKeys[c] = store[base + n] as number;
    if (n + 1 > 2 * CHUNK) this.split(c);
  }

  /** Removes a key. */
  remove(key: number): void {
    const c = lowerBound(this.lastKeys, key);
    const b = this.order[c];
    if (b === undefined) throw new Error(`host order: key ${key} not present`);
    const store = this.store;
    const base = b * BLOCK;
    const n = this.lengths[b] as number;
    let lo = base;
    let hi = base + n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((store[mid] as number) < key) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= base + n || store[lo] !== key) throw new Error(`host order: key ${key} not present`);
    const end = base + n - 1;
    for (let p = lo; p < end; p++) store[p] = store[p + 1] as number;
    this.lengths[b] = n - 1;
    this.count--;
    if (n === 1) {
      this.order.splice(c, 1);
      this.lastKeys.splice(c, 1);
      this.freeBlocks.push(b);
      return;
    }
    this.lastKeys[c] = store[end - 1] as number;
  }

  /** The free amounts of an existing key changed (lists ordered by host index): raise the bounds. */
  update(key: number, mem: number, cpu: number): void {
    const b = this.order[lowerBound(this.lastKeys, key)];
    if (b === undefined) throw new Error(`host order: key ${key} not present`);
    if (mem > (this.maxMem[b] as number)) this.maxMem[b] = mem;
    if (cpu > (this.maxCpu[b] as number)) this.maxCpu[b] = cpu;
  }

  /** Places the cursor at the first key >= `key`. */
  seek(key: number): void {
    const c = lowerBound(this.lastKeys, key);
    this.cursorChunk = c;
    this.cursorPos = 0;
    const b = this.order[c];
    if (b === undefined) return;
    const base = b * BLOCK;
    let lo = 0;
    let hi = this.lengths[b] as number;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.store[base + mid] as number) < key) lo = mid + 1;
      else hi = mid;
    }
    this.cursorPos = lo;
  }

  /** The next key from the cursor whose host has at least `mem` and `cpu` free; -1 at the end. */
  nextFit(mem: number, cpu: number): number {
    const order = this.order;
    const store = this.store;
    const freeMem = this.free.mem;
    const freeCpu = this.free.cpu;
    while (this.cursorChunk < order.length) {
      const b = order[this.cursorChunk] as number;
      if ((this.maxMem[b] as number) >= mem && (this.maxCpu[b] as number) >= cpu) {
        const base = b * BLOCK;
        const n = this.lengths[b] as number;
        const whole = this.cursorPos === 0;
        let seenMem = -1;
        let seenCpu = -1;
        for (let p = this.cursorPos; p < n; p++) {
          const key = store[base + p] as number;
          const host = hostOf(key);
          const m = freeMem[host] as number;
          const c = freeCpu[host] as number;
          if (m >= mem && c >= cpu) {
            this.cursorPos = p + 1;
            return key;
          }
          if (m > seenMem) seenMem = m;
          if (c > seenCpu) seenCpu = c;
        }
        if (whole) {
          this.maxMem[b] = seenMem;
          this.maxCpu[b] = seenCpu;
        }
      }
      this.cursorChunk++;
      this.cursorPos = 0;
    }
    return -1;
  }

  /** Every key in order (tests and brute-force fallbacks). */
  *keys(): IterableIterator<number> {
    for (const b of this.order) {
      const base = b * BLOCK;
      for (let p = 0; p < (this.lengths[b] as number); p++) yield this.store[base + p] as number;
    }
  }

  private allocate(): number {
    const reused = this.freeBlocks.pop();
    if (reused !== undefined) return reused;
    if (this.blocksUsed === this.lengths.length) {
      const blocks = this.lengths.length * 2;
      const store = new Float64Array(blocks * BLOCK);
      store.set(this.store);
      this.store = store;
      this.lengths = grow(new Int32Array(blocks), this.lengths);
      this.maxMem = grow(new Float64Array(blocks), this.maxMem);
      this.maxCpu = grow(new Float64Array(blocks), this.maxCpu);
    }
    return this.blocksUsed++;
  }

  private split(c: number): void {
    const b = this.order[c] as number;
    const right = this.allocate();
    const n = this.lengths[b] as number;
    const half = n >> 1;
    const from = b * BLOCK;
    this.store.copyWithin(right * BLOCK, from + half, from + n);
    this.lengths[b] = half;
    this.lengths[right] = n - half;
    this.maxMem[right] = this.maxMem[b] as number;
    this.maxCpu[right] = this.maxCpu[b] as number;
    this.order.splice(c + 1, 0, right);
    this.lastKeys.splice(c, 1, this.store[from + half - 1] as number, this.store[right * BLOCK + n - half - 1] as number);
  }
}

function grow<T extends Int32Array | Float64Array>(target: T, source: T): T {
  target.set(source as never);
  return target;
}

function lowerBound(sorted: readonly number[], key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
