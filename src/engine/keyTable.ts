/**
 * An open-addressing hash table from non-negative integer keys (below 2^53) to a pair of int32 values
 * (the event queue keeps a FIFO bucket's head and tail slots there), with linear probing and
 * backward-shift deletion. Each entry is one 16-byte record (double key; int32 first, second), so a
 * lookup and the read of its values touch one cache line. Nothing is allocated per operation.
 */
const EMPTY = -1;
const ENTRY_BYTES = 16;

export class KeyTable {
  /** Entry i: f64[2i] key (EMPTY when free); i32[4i + 2] first value, i32[4i + 3] second value. */
  private f64: Float64Array;
  private i32: Int32Array;
  private mask: number;
  private count = 0;
  private readonly minimumCapacity: number;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.minimumCapacity = capacity;
    this.f64 = new Float64Array(0);
    this.i32 = new Int32Array(0);
    this.mask = 0;
    this.allocate(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Entries in the table (a power of two; grows at half full, shrinks below an eighth). */
  get capacity(): number {
    return this.mask + 1;
  }

  /** The entry holding `key`, or -1. Valid until the next insert or remove. */
  find(key: number): number {
    const f64 = this.f64;
    let i = hash(key) & this.mask;
    for (;;) {
      const k = f64[2 * i] as number;
      if (k === key) return i;
      if (k === EMPTY) return -1;
      i = (i + 1) & this.mask;
    }
  }

  first(entry: number): number {
    return this.i32[4 * entry + 2] as number;
  }

  second(entry: number): number {
    return this.i32[4 * entry + 3] as number;
  }

  setFirst(entry: number, value: number): void {
    this.i32[4 * entry + 2] = value;
  }

  setSecond(entry: number, value: number): void {
    this.i32[4 * entry + 3] = value;
  }

  /** Stores the values of a key that is not present. */
  insert(key: number, first: number, second: number): void {
    if ((this.count + 1) * 2 > this.capacity) this.resize(this.capacity * 2);
    const f64 = this.f64;
    let i = hash(key) & this.mask;
    while (f64[2 * i] !== EMPTY) i = (i + 1) & this.mask;
    f64[2 * i] = key;
    this.i32[4 * i + 2] = first;
    this.i32[4 * i + 3] = second;
    this.count++;
  }

  /** Removes the entry `find` returned. */
  remove(entry: number): void {
    const f64 = this.f64;
    const i32 = this.i32;
    const mask = this.mask;
    // Backward-shift deletion keeps every probe chain unbroken without tombstones.
    let hole = entry;
    let j = entry;
    for (;;) {
      j = (j + 1) & mask;
      const k = f64[2 * j] as number;
      if (k === EMPTY) break;
      const home = hash(k) & mask;
      const movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
      if (movable) {
        f64[2 * hole] = k;
        i32[4 * hole + 2] = i32[4 * j + 2] as number;
        i32[4 * hole + 3] = i32[4 * j + 3] as number;
        hole = j;
      }
    }
    f64[2 * hole] = EMPTY;
    this.count--;
    // Shrink after a burst (e.g. every task's first event at time 0): a table sized for the peak would
    // spread the few keys left over far more memory than the cache holds.
    if (this.count * 8 < this.capacity && this.capacity > this.minimumCapacity) this.resize(this.capacity / 2);
  }

  private allocate(capacity: number): void {
    const buffer = new ArrayBuffer(capacity * ENTRY_BYTES);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    for (let i = 0; i < capacity; i++) this.f64[2 * i] = EMPTY;
    this.mask = capacity - 1;
  }

  private resize(capacity: number): void {
    const oldF64 = this.f64;
    const oldI32 = this.i32;
    const oldCapacity = this.capacity;
    this.allocate(capacity);
    this.count = 0;
    for (let i = 0; i < oldCapacity; i++) {
      const k = oldF64[2 * i] as number;
      if (k !== EMPTY) this.insert(k, oldI32[4 * i + 2] as number, oldI32[4 * i + 3] as number);
    }
  }
}

function hash(key: number): number {
  const lo = key >>> 0;
  const hi = (key / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 13);
}
