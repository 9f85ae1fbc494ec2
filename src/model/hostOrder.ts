/**
 * A sorted list of hosts (by a numeric key that ends in the host index) that knows, per chunk, upper
 * bounds of its hosts' free memory and CPU. A search for "the first host at or after key k with at least
 * m MiB and c CPU units free" skips whole chunks that cannot hold the task, so a placement stays fast
 * whether memory or CPU is the scarce resource.
 *
 * Keys: free memory (or CPU) × 2^24 + host index, exact integers below 2^53. Chunks are
 * fixed-size blocks of one shared Float64Array (no per-chunk objects to chase); each host's free amounts
 * (as indexed) live in arrays shared by all orders of the index. One cursor per list.
 *
 * Callers pass and get small integers (host index, sorting value), never keys: a key is above 2^31, and
 * V8 boxes such a number into a fresh heap object whenever it crosses a call that is not inlined (these
 * methods are too large to inline).
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
/** Chunks per super-chunk (2^SUPER_BITS consecutive chunk positions share a second-level bound). */
const SUPER_BITS = 5;
const SUPER = 1 << SUPER_BITS;
const SUPER_MASK = SUPER - 1;

/** Free amounts per host index, as last indexed (owned by HostIndex, read here). */
export interface FreeTable {
  readonly mem: number[];
  readonly cpu: number[];
}

/**
 * Per chunk, upper bounds of its hosts' free memory and CPU. Insertions and increases raise them;
 * removals and decreases leave them (still upper bounds, so no chunk is ever skipped wrongly); a walk
 * that reads a whole chunk without a fit tightens them to the exact maxima it saw. Super-chunks (runs of
 * SUPER chunk positions) carry bounds over their chunks' bounds, kept the same way, so a search over a
 * large sorted list skips thousands of hosts at a time instead of visiting every chunk.
 */
export class HostOrder {
  private store = new Float64Array(BLOCK * 16);
  private lengths = new Int32Array(16);
  private maxMem = new Float64Array(16);
  private maxCpu = new Float64Array(16);
  /** Bounds per super-chunk (by chunk position >> SUPER_BITS). */
  private superMem = new Float64Array(4);
  private superCpu = new Float64Array(4);
  private freeBlocks: number[] = [];
  private blocksUsed = 0;
  /** Block ids in key order, and the last key of each. */
  private order: number[] = [];
  private lastKeys: number[] = [];
  private count = 0;
  private cursorChunk = 0;
  private cursorPos = 0;
  /** Chunk position of the last key find() located. */
  private foundChunk = 0;
  /** The key nextFit last returned the host of (a double from the start, so the field never changes representation). */
  private foundKey = 0.5;

  constructor(private readonly free: FreeTable) {}

  get size(): number {
    return this.count;
  }

  /** Adds a host sorted by `value` (its free memory or CPU); `mem`/`cpu` are its free amounts (also in the shared table). */
  insert(host: number, value: number, mem: number, cpu: number): void {
    this.place(host, value, mem, cpu, 0, this.order.length);
  }

  /** insert(), with the chunk search narrowed to [from, to) when the caller knows the key's chunk position lies there. */
  private place(host: number, value: number, mem: number, cpu: number, from: number, to: number): void {
    const key = value * HOST_BITS + host;
    this.count++;
    if (this.order.length === 0) {
      const b = this.allocate();
      this.store[b * BLOCK] = key;
      this.lengths[b] = 1;
      this.maxMem[b] = mem;
      this.maxCpu[b] = cpu;
      this.order.push(b);
      this.lastKeys.push(key);
      this.superMem[0] = mem;
      this.superCpu[0] = cpu;
      return;
    }
    let c = chunkFor(this.lastKeys, key, from, to);
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
    this.raiseSuper(c, mem, cpu);
    this.lastKeys[c] = store[base + n] as number;
    if (n + 1 > 2 * CHUNK) this.split(c);
  }

  /** Removes a host (sorted by `value`). */
  remove(host: number, value: number): void {
    const slot = this.find(value * HOST_BITS + host);
    this.removeAt(this.foundChunk, slot);
  }

  /**
   * Re-sorts a host from `oldValue` to `value` (its free amounts changed). When the new key still sorts
   * into the same chunk, the keys between the two positions shift by one in place; otherwise the old key
   * leaves from where it was found and the new one is inserted.
   */
  move(host: number, oldValue: number, value: number, mem: number, cpu: number): void {
    const oldKey = oldValue * HOST_BITS + host;
    const newKey = value * HOST_BITS + host;
    const slot = this.find(oldKey);
    const c = this.foundChunk;
    const b = this.order[c] as number;
    const last = this.order.length - 1;
    if ((c > 0 && newKey <= (this.lastKeys[c - 1] as number)) || (c < last && newKey >= (this.store[(this.order[c + 1] as number) * BLOCK] as number))) {
      const emptied = this.lengths[b] === 1;
      this.removeAt(c, slot);
      // Keys before the old one's chunk are smaller, keys after it larger: search one side only.
      if (newKey > oldKey) this.place(host, value, mem, cpu, emptied ? c : c + 1, this.order.length);
      else this.place(host, value, mem, cpu, 0, Math.min(c + 1, this.order.length));
      return;
    }
    const store = this.store;
    const base = b * BLOCK;
    const n = this.lengths[b] as number;
    let p = slot;
    if (newKey > oldKey) {
      const end = base + n - 1;
      while (p < end && (store[p + 1] as number) < newKey) {
        store[p] = store[p + 1] as number;
        p++;
      }
    } else {
      while (p > base && (store[p - 1] as number) > newKey) {
        store[p] = store[p - 1] as number;
        p--;
      }
    }
    store[p] = newKey;
    this.lastKeys[c] = store[base + n - 1] as number;
    if (mem > (this.maxMem[b] as number)) this.maxMem[b] = mem;
    if (cpu > (this.maxCpu[b] as number)) this.maxCpu[b] = cpu;
    this.raiseSuper(c, mem, cpu);
  }

  /** The store slot holding `key`, with its chunk's position left in `foundChunk`; throws when absent. */
  private find(key: number): number {
    const c = chunkFor(this.lastKeys, key);
    const b = this.order[c];
    if (b !== undefined) {
      const base = b * BLOCK;
      const end = base + (this.lengths[b] as number);
      const slot = scanTo(this.store, key, base, end);
      if (slot < end && this.store[slot] === key) {
        this.foundChunk = c;
        return slot;
      }
    }
    throw new Error(`host order: key ${key} not present`);
  }

  /** Removes the key at `slot` of the chunk at position `c` (an emptied chunk leaves the order). */
  private removeAt(c: number, slot: number): void {
    const b = this.order[c] as number;
    const store = this.store;
    const n = this.lengths[b] as number;
    const end = b * BLOCK + n - 1;
    for (let p = slot; p < end; p++) store[p] = store[p + 1] as number;
    this.lengths[b] = n - 1;
    this.count--;
    if (n === 1) {
      this.order.splice(c, 1);
      this.lastKeys.splice(c, 1);
      this.freeBlocks.push(b);
      // Later chunks moved one position down: each super-chunk gains the first chunk of the next one.
      for (let s = c >> SUPER_BITS; (s << SUPER_BITS) + SUPER_MASK < this.order.length; s++) {
        this.includeInSuper(s, this.order[(s << SUPER_BITS) + SUPER_MASK] as number);
      }
      return;
    }
    this.lastKeys[c] = store[end - 1] as number;
  }

  /** Places the cursor at the first host sorted at or after `value`. */
  seek(value: number): void {
    const key = value * HOST_BITS;
    const c = chunkFor(this.lastKeys, key);
    this.cursorChunk = c;
    this.cursorPos = 0;
    const b = this.order[c];
    if (b === undefined) return;
    const base = b * BLOCK;
    this.cursorPos = scanTo(this.store, key, base, base + (this.lengths[b] as number)) - base;
  }

  /** The sorting value of the host nextFit last returned. */
  foundValue(): number {
    return Math.floor(this.foundKey * INV_HOST_BITS);
  }

  /**
   * The next host from the cursor with at least `mem` and `cpu` free (its index); -1 at the end. Skips
   * super-chunks and chunks whose bounds rule a fit out; a walk through a whole chunk or super-chunk
   * without a fit tightens its bounds to what it saw.
   */
  nextFit(mem: number, cpu: number): number {
    const order = this.order;
    const chunks = order.length;
    const store = this.store;
    const maxMem = this.maxMem;
    const maxCpu = this.maxCpu;
    const freeMem = this.free.mem;
    const freeCpu = this.free.cpu;
    let c = this.cursorChunk;
    let pos = this.cursorPos;
    /** Whether this walk entered the current super-chunk at its start (and so may tighten it). */
    let whole = false;
    let superSeenMem = -1;
    let superSeenCpu = -1;
    while (c < chunks) {
      if ((c & SUPER_MASK) === 0 && pos === 0) {
        const s = c >> SUPER_BITS;
        if ((this.superMem[s] as number) < mem || (this.superCpu[s] as number) < cpu) {
          c += SUPER;
          continue;
        }
        whole = true;
        superSeenMem = -1;
        superSeenCpu = -1;
      }
      const b = order[c] as number;
      if ((maxMem[b] as number) >= mem && (maxCpu[b] as number) >= cpu) {
        const base = b * BLOCK;
        const n = this.lengths[b] as number;
        const wholeChunk = pos === 0;
        let seenMem = -1;
        let seenCpu = -1;
        for (let p = pos; p < n; p++) {
          const key = store[base + p] as number;
          const host = hostOf(key);
          const m = freeMem[host] as number;
          const k = freeCpu[host] as number;
          if (m >= mem && k >= cpu) {
            this.cursorChunk = c;
            this.cursorPos = p + 1;
            this.foundKey = key;
            return host;
          }
          if (m > seenMem) seenMem = m;
          if (k > seenCpu) seenCpu = k;
        }
        if (wholeChunk) {
          maxMem[b] = seenMem;
          maxCpu[b] = seenCpu;
        }
      }
      if (whole) {
        if ((maxMem[b] as number) > superSeenMem) superSeenMem = maxMem[b] as number;
        if ((maxCpu[b] as number) > superSeenCpu) superSeenCpu = maxCpu[b] as number;
      }
      c++;
      pos = 0;
      if (whole && ((c & SUPER_MASK) === 0 || c === chunks)) {
        this.superMem[(c - 1) >> SUPER_BITS] = superSeenMem;
        this.superCpu[(c - 1) >> SUPER_BITS] = superSeenCpu;
        whole = false;
      }
    }
    this.cursorChunk = chunks;
    this.cursorPos = 0;
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
    // Later chunks moved one position up: each super-chunk gains the last chunk of the one before.
    const supers = ((this.order.length - 1) >> SUPER_BITS) + 1;
    if (supers > this.superMem.length) {
      this.superMem = grow(new Float64Array(supers * 2), this.superMem);
      this.superCpu = grow(new Float64Array(supers * 2), this.superCpu);
    }
    for (let s = (c + 1) >> SUPER_BITS; s < supers; s++) this.includeInSuper(s, this.order[s << SUPER_BITS] as number);
  }

  /** Raises the bounds of the super-chunk holding chunk position `c`. */
  private raiseSuper(c: number, mem: number, cpu: number): void {
    const s = c >> SUPER_BITS;
    if (mem > (this.superMem[s] as number)) this.superMem[s] = mem;
    if (cpu > (this.superCpu[s] as number)) this.superCpu[s] = cpu;
  }

  /** Widens a super-chunk's bounds to cover block `b`, which has just moved into it. */
  private includeInSuper(s: number, b: number): void {
    if ((this.maxMem[b] as number) > (this.superMem[s] as number)) this.superMem[s] = this.maxMem[b] as number;
    if ((this.maxCpu[b] as number) > (this.superCpu[s] as number)) this.superCpu[s] = this.maxCpu[b] as number;
  }
}

/**
 * The first chunk position in [from, to) whose last key is >= `key` (`to` when none is): halving while
 * more than 16 positions are left, then a forward scan (fewer unpredictable branches than halving to one).
 */
function chunkFor(lastKeys: readonly number[], key: number, from = 0, to = lastKeys.length): number {
  let lo = from;
  let hi = to;
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    if ((lastKeys[mid] as number) < key) lo = mid + 1;
    else hi = mid;
  }
  while (lo < hi && (lastKeys[lo] as number) < key) lo++;
  return lo;
}

/**
 * The first slot in [from, to) of a chunk whose key is >= `key` (`to` when none is). A chunk holds at
 * most 2 × CHUNK keys: a forward scan has one unpredictable branch where a binary search has several.
 */
function scanTo(store: Float64Array, key: number, from: number, to: number): number {
  let p = from;
  while (p < to && (store[p] as number) < key) p++;
  return p;
}

function grow<T extends Int32Array | Float64Array>(target: T, source: T): T {
  target.set(source as never);
  return target;
}
