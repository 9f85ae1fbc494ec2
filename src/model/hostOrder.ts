/**
 * A sorted list of hosts (by a numeric key that ends in the host index) that also knows each host's
 * free memory and CPU, with the maximum of both per chunk. A search for "the first host at or after
 * key k with at least m MiB and c CPU units free" skips whole chunks that cannot hold the task, so a
 * placement stays fast whether memory or CPU is the scarce resource.
 *
 * Keys: free memory (or CPU, or nothing) × 2^24 + host index, exact integers below 2^53.
 * Chunked like a sorted list of sorted arrays (sqrt decomposition); one cursor per list.
 */
export const HOST_BITS = 2 ** 24;
const CHUNK = 128;

interface Chunk {
  keys: number[];
  mem: number[];
  cpu: number[];
  maxMem: number;
  maxCpu: number;
}

export class HostOrder {
  private chunks: Chunk[] = [];
  /** Last key of each chunk, for binary search. */
  private lastKeys: number[] = [];
  private count = 0;
  private cursorChunk = 0;
  private cursorPos = 0;

  get size(): number {
    return this.count;
  }

  insert(key: number, mem: number, cpu: number): void {
    this.count++;
    if (this.chunks.length === 0) {
      this.chunks.push({ keys: [key], mem: [mem], cpu: [cpu], maxMem: mem, maxCpu: cpu });
      this.lastKeys.push(key);
      return;
    }
    let c = this.chunkFor(key);
    if (c === this.chunks.length) c--;
    const chunk = this.chunks[c] as Chunk;
    const pos = lowerBound(chunk.keys, key);
    chunk.keys.splice(pos, 0, key);
    chunk.mem.splice(pos, 0, mem);
    chunk.cpu.splice(pos, 0, cpu);
    if (mem > chunk.maxMem) chunk.maxMem = mem;
    if (cpu > chunk.maxCpu) chunk.maxCpu = cpu;
    this.lastKeys[c] = chunk.keys[chunk.keys.length - 1] as number;
    if (chunk.keys.length > 2 * CHUNK) this.split(c);
  }

  remove(key: number): void {
    const c = this.chunkFor(key);
    const chunk = this.chunks[c];
    const pos = chunk === undefined ? -1 : lowerBound(chunk.keys, key);
    if (chunk === undefined || chunk.keys[pos] !== key) throw new Error(`host order: key ${key} not present`);
    const mem = chunk.mem[pos] as number;
    const cpu = chunk.cpu[pos] as number;
    chunk.keys.splice(pos, 1);
    chunk.mem.splice(pos, 1);
    chunk.cpu.splice(pos, 1);
    this.count--;
    if (chunk.keys.length === 0) {
      this.chunks.splice(c, 1);
      this.lastKeys.splice(c, 1);
      return;
    }
    this.lastKeys[c] = chunk.keys[chunk.keys.length - 1] as number;
    if (mem === chunk.maxMem || cpu === chunk.maxCpu) recomputeMax(chunk);
  }

  /** Changes the free amounts stored with an existing key (for lists ordered by host index). */
  update(key: number, mem: number, cpu: number): void {
    const c = this.chunkFor(key);
    const chunk = this.chunks[c];
    const pos = chunk === undefined ? -1 : lowerBound(chunk.keys, key);
    if (chunk === undefined || chunk.keys[pos] !== key) throw new Error(`host order: key ${key} not present`);
    const oldMem = chunk.mem[pos] as number;
    const oldCpu = chunk.cpu[pos] as number;
    chunk.mem[pos] = mem;
    chunk.cpu[pos] = cpu;
    if ((oldMem === chunk.maxMem && mem < oldMem) || (oldCpu === chunk.maxCpu && cpu < oldCpu)) recomputeMax(chunk);
    else {
      if (mem > chunk.maxMem) chunk.maxMem = mem;
      if (cpu > chunk.maxCpu) chunk.maxCpu = cpu;
    }
  }

  /** Places the cursor at the first key >= `key`. */
  seek(key: number): void {
    const c = this.chunkFor(key);
    this.cursorChunk = c;
    this.cursorPos = c < this.chunks.length ? lowerBound((this.chunks[c] as Chunk).keys, key) : 0;
  }

  /** The next key from the cursor whose host has at least `mem` and `cpu` free; -1 at the end. */
  nextFit(mem: number, cpu: number): number {
    const chunks = this.chunks;
    while (this.cursorChunk < chunks.length) {
      const chunk = chunks[this.cursorChunk] as Chunk;
      if (chunk.maxMem >= mem && chunk.maxCpu >= cpu) {
        const keys = chunk.keys;
        const mems = chunk.mem;
        const cpus = chunk.cpu;
        for (let p = this.cursorPos; p < keys.length; p++) {
          if ((mems[p] as number) >= mem && (cpus[p] as number) >= cpu) {
            this.cursorPos = p + 1;
            return keys[p] as number;
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

  /** Index of the first chunk whose last key >= key (chunks.length if none). */
  private chunkFor(key: number): number {
    return lowerBound(this.lastKeys, key);
  }

  private split(c: number): void {
    const chunk = this.chunks[c] as Chunk;
    const half = chunk.keys.length >> 1;
    const right: Chunk = { keys: chunk.keys.splice(half), mem: chunk.mem.splice(half), cpu: chunk.cpu.splice(half), maxMem: 0, maxCpu: 0 };
    recomputeMax(chunk);
    recomputeMax(right);
    this.chunks.splice(c + 1, 0, right);
    this.lastKeys.splice(c, 1, chunk.keys[chunk.keys.length - 1] as number, right.keys[right.keys.length - 1] as number);
  }
}

function recomputeMax(chunk: Chunk): void {
  let maxMem = -1;
  let maxCpu = -1;
  for (let i = 0; i < chunk.keys.length; i++) {
    if ((chunk.mem[i] as number) > maxMem) maxMem = chunk.mem[i] as number;
    if ((chunk.cpu[i] as number) > maxCpu) maxCpu = chunk.cpu[i] as number;
  }
  chunk.maxMem = maxMem;
  chunk.maxCpu = maxCpu;
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
