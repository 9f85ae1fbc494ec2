/**
 * A sorted list of hosts (by a numeric key that ends in the host index) that knows, per chunk, the
 * largest free memory and CPU among its hosts. A search for "the first host at or after key k with at
 * least m MiB and c CPU units free" skips whole chunks that cannot hold the task, so a placement stays
 * fast whether memory or CPU is the scarce resource.
 *
 * Keys: free memory (or CPU, or nothing) × 2^24 + host index, exact integers below 2^53. Chunks hold
 * only keys and bounds; each host's free amounts (as indexed) live in arrays shared by all orders of
 * the index. One cursor per list.
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

/**
 * Per chunk, upper bounds of its hosts' free memory and CPU. Insertions and increases raise them;
 * removals and decreases leave them (still upper bounds, so no chunk is ever skipped wrongly); a walk
 * that reads a whole chunk without a fit tightens them to the exact maxima it saw.
 */
interface Chunk {
  keys: number[];
  maxMem: number;
  maxCpu: number;
}

function emptyChunk(keys: number[]): Chunk {
  return { keys, maxMem: -1, maxCpu: -1 };
}

export class HostOrder {
  private chunks: Chunk[] = [];
  /** Last key of each chunk, for binary search. */
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
    if (this.chunks.length === 0) {
      const chunk = emptyChunk([key]);
      chunk.maxMem = mem;
      chunk.maxCpu = cpu;
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
    if (mem > chunk.maxMem) chunk.maxMem = mem;
    if (cpu > chunk.maxCpu) chunk.maxCpu = cpu;
    this.lastKeys[c] = keys[keys.length - 1] as number;
    if (keys.length > 2 * CHUNK) this.split(c);
  }

  /** Removes a key. */
  remove(key: number): void {
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
  }

  /** The free amounts of an existing key changed (lists ordered by host index): raise the bounds. */
  update(key: number, mem: number, cpu: number): void {
    const chunk = this.chunks[lowerBound(this.lastKeys, key)];
    if (chunk === undefined) throw new Error(`host order: key ${key} not present`);
    if (mem > chunk.maxMem) chunk.maxMem = mem;
    if (cpu > chunk.maxCpu) chunk.maxCpu = cpu;
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
      if (chunk.maxMem >= mem && chunk.maxCpu >= cpu) {
        const keys = chunk.keys;
        const whole = this.cursorPos === 0;
        let seenMem = -1;
        let seenCpu = -1;
        for (let p = this.cursorPos; p < keys.length; p++) {
          const key = keys[p] as number;
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
          chunk.maxMem = seenMem;
          chunk.maxCpu = seenCpu;
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
    right.maxMem = chunk.maxMem;
    right.maxCpu = chunk.maxCpu;
    this.chunks.splice(c + 1, 0, right);
    this.lastKeys.splice(c, 1, chunk.keys[chunk.keys.length - 1] as number, right.keys[right.keys.length - 1] as number);
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
