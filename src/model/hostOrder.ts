/**
 * A sorted list of hosts (by a numeric key that ends in the host index) that knows, per chunk, the
 * largest free memory and CPU among its hosts. A search for "the first host at or after key k with at
 * least m MiB and c CPU units free" skips whole chunks that cannot hold the task, so a placement stays
 * fast whether memory or CPU is the scarce resource.
 *
 * Keys: free memory (or CPU, or nothing) × 2^24 + host index, exact integers below 2^53. Chunks hold
 * only keys; each host's free amounts (as indexed) live in arrays shared by all orders of the index.
 * One cursor per list.
 */
export const HOST_BITS = 2 ** 24;
const INV_HOST_BITS = 2 ** -24;

/** The host index in a key (exact; avoids `%` on doubles, which is slow). */
export function hostOf(key: number): number {
  return key - Math.floor(key * INV_HOST_BITS) * HOST_BITS;
}
const CHUNK = 32;

/** Free amounts per host index, as last indexed (owned by HostIndex, read here). */
export interface FreeTable {
  readonly mem: number[];
  readonly cpu: number[];
}

interface Chunk {
  keys: number[];
  maxMem: number;
  maxCpu: number;
  /** How many entries hold the maximum: a removal only rescans the chunk when the last one goes. */
  maxMemCount: number;
  maxCpuCount: number;
}

function addToMax(chunk: Chunk, mem: number, cpu: number): void {
  if (mem > chunk.maxMem) {
    chunk.maxMem = mem;
    chunk.maxMemCount = 1;
  } else if (mem === chunk.maxMem) chunk.maxMemCount++;
  if (cpu > chunk.maxCpu) {
    chunk.maxCpu = cpu;
    chunk.maxCpuCount = 1;
  } else if (cpu === chunk.maxCpu) chunk.maxCpuCount++;
}

/** Accounts for an entry leaving; true when the chunk's maxima must be recomputed. */
function dropFromMax(chunk: Chunk, mem: number, cpu: number): boolean {
  let stale = false;
  if (mem >= 0 && mem === chunk.maxMem && --chunk.maxMemCount === 0) stale = true;
  if (cpu >= 0 && cpu === chunk.maxCpu && --chunk.maxCpuCount === 0) stale = true;
  return stale;
}

function emptyChunk(keys: number[]): Chunk {
  return { keys, maxMem: -1, maxCpu: -1, maxMemCount: 0, maxCpuCount: 0 };
}

export class HostOrder {
  private chunks: Chunk[] = [];
  /** Last key of each chunk, for binary search. */
  private lastKeys: number[] = [];
  private count = 0;
  private cursorChunk = 0;
  private cursorPos = 0;

  private readonly keyedMem: boolean;
  private readonly keyedCpu: boolean;

  /**
   * @param keyed which free amount the key sorts by ('mem', 'cpu', or 'none' for host index). A chunk's
   *   maximum of that amount is its last key's, so only the other amount is counted per chunk.
   */
  constructor(private readonly free: FreeTable, keyed: 'mem' | 'cpu' | 'none' = 'none') {
    this.keyedMem = keyed === 'mem';
    this.keyedCpu = keyed === 'cpu';
  }

  get size(): number {
    return this.count;
  }

  /** Adds a key; `mem`/`cpu` are the host's free amounts (also in the shared table). */
  insert(key: number, mem: number, cpu: number): void {
    this.count++;
    if (this.chunks.length === 0) {
      const chunk = emptyChunk([key]);
      addToMax(chunk, this.keyedMem ? -1 : mem, this.keyedCpu ? -1 : cpu);
      this.chunks.push(chunk);
      this.lastKeys.push(key);
      return;
    }
    let c = lowerBound(this.lastKeys, key);
    if (c === this.chunks.length) c--;
    const chunk = this.chunks[c] as Chunk;
    const keys = chunk.keys;
    // Shift by hand: Array#splice allocates a result array on every call.
    let p = keys.length;
    keys.push(key);
    while (p > 0 && (keys[p - 1] as number) > key) {
      keys[p] = keys[p - 1] as number;
      p--;
    }
    keys[p] = key;
    addToMax(chunk, this.keyedMem ? -1 : mem, this.keyedCpu ? -1 : cpu);
    this.lastKeys[c] = keys[keys.length - 1] as number;
    if (keys.length > 2 * CHUNK) this.split(c);
  }

  /** Removes a key; `mem`/`cpu` are the free amounts it was inserted (or last updated) with. */
  remove(key: number, mem: number, cpu: number): void {
    const c = lowerBound(this.lastKeys, key);
    const chunk = this.chunks[c];
    const keys = chunk?.keys;
    const pos = keys === undefined ? -1 : lowerBound(keys, key);
    if (chunk === undefined || keys === undefined || keys[pos] !== key) throw new Error(`host order: key ${key} not present`);
    const last = keys.length - 1;
    for (let p = pos; p < last; p++) keys[p] = keys[p + 1] as number;
    keys.pop();
    this.count--;
    if (keys.length === 0) {
      this.chunks.splice(c, 1);
      this.lastKeys.splice(c, 1);
      return;
    }
    this.lastKeys[c] = keys[last - 1] as number;
    if (dropFromMax(chunk, this.keyedMem ? -1 : mem, this.keyedCpu ? -1 : cpu)) this.recomputeMax(chunk);
  }

  /** The free amounts of an existing key changed from old to new (lists ordered by host index). */
  update(key: number, oldMem: number, oldCpu: number, mem: number, cpu: number): void {
    const chunk = this.chunks[lowerBound(this.lastKeys, key)];
    if (chunk === undefined) throw new Error(`host order: key ${key} not present`);
    addToMax(chunk, mem, cpu);
    if (dropFromMax(chunk, oldMem, oldCpu)) this.recomputeMax(chunk);
  }

  /** Places the cursor at the first key >= `key`. */
  seek(key: number): void {
    const c = lowerBound(this.lastKeys, key);
    this.cursorChunk = c;
    this.cursorPos = c < this.chunks.length ? lowerBound((this.chunks[c] as Chunk).keys, key) : 0;
  }

  /** The next key from the cursor whose host has at least `mem` and `cpu` free; -1 at the end. */
  nextFit(mem: number, cpu: number): number {
    const chunks = this.chunks;
    const freeMem = this.free.mem;
    const freeCpu = this.free.cpu;
    while (this.cursorChunk < chunks.length) {
      const chunk = chunks[this.cursorChunk] as Chunk;
      const last = this.lastKeys[this.cursorChunk] as number;
      const maxMem = this.keyedMem ? Math.floor(last * INV_HOST_BITS) : chunk.maxMem;
      const maxCpu = this.keyedCpu ? Math.floor(last * INV_HOST_BITS) : chunk.maxCpu;
      if (maxMem >= mem && maxCpu >= cpu) {
        const keys = chunk.keys;
        for (let p = this.cursorPos; p < keys.length; p++) {
          const key = keys[p] as number;
          const host = hostOf(key);
          if ((freeMem[host] as number) >= mem && (freeCpu[host] as number) >= cpu) {
            this.cursorPos = p + 1;
            return key;
          }
        }
      }
      this.cursorChunk++;
      this.cursorPos = 0;
    }
    return -1;
  }

  /** Every key in order (tests and brute-force fallbacks). */
  *keys(): IterableIterator<number> {
    for (const chunk of this.chunks) yield* chunk.keys;
  }

  private split(c: number): void {
    const chunk = this.chunks[c] as Chunk;
    const right = emptyChunk(chunk.keys.splice(chunk.keys.length >> 1));
    this.recomputeMax(chunk);
    this.recomputeMax(right);
    this.chunks.splice(c + 1, 0, right);
    this.lastKeys.splice(c, 1, chunk.keys[chunk.keys.length - 1] as number, right.keys[right.keys.length - 1] as number);
  }

  private recomputeMax(chunk: Chunk): void {
    chunk.maxMem = -1;
    chunk.maxCpu = -1;
    chunk.maxMemCount = 0;
    chunk.maxCpuCount = 0;
    for (const key of chunk.keys) {
      const host = hostOf(key);
      addToMax(chunk, this.keyedMem ? -1 : (this.free.mem[host] as number), this.keyedCpu ? -1 : (this.free.cpu[host] as number));
    }
  }
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
