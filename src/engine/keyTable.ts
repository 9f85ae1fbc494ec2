/**
 * An open-addressing hash table from non-negative integer keys (below 2^53) to non-negative int32
 * values, with linear probing and backward-shift deletion. The event queue uses it to find the FIFO
 * bucket of a (time, phase) key without allocating per event.
 */
const EMPTY = -1;

export class KeyTable {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;
  private readonly minimumCapacity: number;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.minimumCapacity = capacity;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Slots in the table (a power of two; grows at half full, shrinks below an eighth). */
  get capacity(): number {
    return this.keys.length;
  }

  /** The value stored for `key`, or -1. */
  get(key: number): number {
    const keys = this.keys;
    let i = hash(key) & this.mask;
    for (;;) {
      const k = keys[i] as number;
      if (k === key) return this.values[i] as number;
      if (k === EMPTY) return -1;
      i = (i + 1) & this.mask;
    }
  }

  /** Stores `value` for a key that is not present. */
  insert(key: number, value: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.resize(this.keys.length * 2);
    const keys = this.keys;
    let i = hash(key) & this.mask;
    while (keys[i] !== EMPTY) i = (i + 1) & this.mask;
    keys[i] = key;
    this.values[i] = value;
    this.count++;
  }

  /** Removes `key` if present. */
  delete(key: number): void {
    const keys = this.keys;
    const mask = this.mask;
    let i = hash(key) & mask;
    for (;;) {
      const k = keys[i] as number;
      if (k === EMPTY) return;
      if (k === key) break;
      i = (i + 1) & mask;
    }
    // Backward-shift deletion keeps every probe chain unbroken without tombstones.
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const k = keys[j] as number;
      if (k === EMPTY) break;
      const home = hash(k) & mask;
      const movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
      if (movable) {
        keys[hole] = k;
        this.values[hole] = this.values[j] as number;
        hole = j;
      }
    }
    keys[hole] = EMPTY;
    this.count--;
    // Shrink after a burst (e.g. every task's first event at time 0): a table sized for the peak would
    // spread the few keys left over far more memory than the cache holds.
    if (this.count * 8 < keys.length && keys.length > this.minimumCapacity) this.resize(keys.length / 2);
  }

  private resize(capacity: number): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i] as number;
      if (k !== EMPTY) this.insert(k, oldValues[i] as number);
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
