import FastPriorityQueue from 'fastpriorityqueue';
import { KeyTable } from './keyTable.js';

/**
 * The pending-event set, ordered by (time, phase, sequence).
 *
 * A FastPriorityQueue holds one plain number per distinct (time, phase) pair, key = time * 256 + phase,
 * so heap comparisons never leave the heap's own array. Events sharing a key wait in a FIFO bucket
 * (a linked list through typed arrays), which gives insertion order, i.e. the sequence, for free.
 * Nothing is allocated per event: event slots and buckets are recycled.
 *
 * Cancellation is O(1): the slot is marked and skipped when its bucket reaches it. A reference handed
 * out is `generation * 2^24 + slot`, so a stale reference (to a slot since reused) cancels nothing.
 */
export type EventRef = number;

export const PHASES = 256;
const SLOT_LIMIT = 1 << 24;
const FREE = 0;
const PENDING = 1;
const CANCELLED = 2;
const NONE = -1;

export class EventQueue {
  // Per event slot.
  private keys: Float64Array;
  private kinds: Int32Array;
  private payloads: Float64Array;
  private generations: Uint32Array;
  private states: Uint8Array;
  private nextInBucket: Int32Array;
  private freeSlots: Int32Array;
  private freeTop = 0;
  private slotsUsed = 0;
  // Per bucket (one per distinct key in the heap).
  private heads: Int32Array;
  private tails: Int32Array;
  private freeBuckets: Int32Array;
  private freeBucketTop = 0;
  private bucketsUsed = 0;
  private readonly bucketOf: KeyTable;
  private readonly heap = new FastPriorityQueue<number>((a, b) => a < b);
  private live = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.keys = new Float64Array(n);
    this.kinds = new Int32Array(n);
    this.payloads = new Float64Array(n);
    this.generations = new Uint32Array(n);
    this.states = new Uint8Array(n);
    this.nextInBucket = new Int32Array(n);
    this.freeSlots = new Int32Array(n);
    this.heads = new Int32Array(n);
    this.tails = new Int32Array(n);
    this.freeBuckets = new Int32Array(n);
    this.bucketOf = new KeyTable(n);
  }

  /** Number of scheduled, not cancelled events. */
  get size(): number {
    return this.live;
  }

  push(time: number, phase: number, kind: number, payload: number): EventRef {
    const key = time * PHASES + phase;
    const slot = this.allocateSlot();
    this.keys[slot] = key;
    this.kinds[slot] = kind;
    this.payloads[slot] = payload;
    this.states[slot] = PENDING;
    this.nextInBucket[slot] = NONE;
    this.live++;
    let bucket = this.bucketOf.get(key);
    if (bucket === NONE) {
      bucket = this.allocateBucket();
      this.heads[bucket] = slot;
      this.bucketOf.insert(key, bucket);
      this.heap.add(key);
    } else {
      this.nextInBucket[this.tails[bucket] as number] = slot;
    }
    this.tails[bucket] = slot;
    return (this.generations[slot] as number) * SLOT_LIMIT + slot;
  }

  /** Cancels a pending event; returns false when it already ran, was cancelled, or the reference is stale. */
  cancel(ref: EventRef): boolean {
    const slot = ref % SLOT_LIMIT;
    const generation = (ref - slot) / SLOT_LIMIT;
    if (slot >= this.slotsUsed || this.generations[slot] !== generation || this.states[slot] !== PENDING) return false;
    this.states[slot] = CANCELLED;
    this.live--;
    return true;
  }

  /** The (time * 256 + phase) key at the head of the queue (Infinity when empty). May belong to a cancelled event. */
  peekKey(): number {
    return this.heap.peek() ?? Infinity;
  }

  /**
   * Removes the next live event and returns its slot; -1 when empty. Read the slot with
   * timeOf/kindOf/payloadOf before the next push (the slot is recycled).
   */
  pop(): number {
    for (;;) {
      const key = this.heap.peek();
      if (key === undefined) return NONE;
      const bucket = this.bucketOf.get(key);
      const slot = this.heads[bucket] as number;
      const next = this.nextInBucket[slot] as number;
      if (next === NONE) {
        this.heap.poll();
        this.bucketOf.delete(key);
        this.freeBuckets[this.freeBucketTop++] = bucket;
      } else {
        this.heads[bucket] = next;
      }
      const state = this.states[slot];
      this.releaseSlot(slot);
      if (state === PENDING) {
        this.live--;
        return slot;
      }
    }
  }

  timeOf(slot: number): number {
    return Math.floor((this.keys[slot] as number) / PHASES);
  }

  kindOf(slot: number): number {
    return this.kinds[slot] as number;
  }

  payloadOf(slot: number): number {
    return this.payloads[slot] as number;
  }

  private releaseSlot(slot: number): void {
    this.states[slot] = FREE;
    this.generations[slot] = ((this.generations[slot] as number) + 1) % 0x1fffffff;
    this.freeSlots[this.freeTop++] = slot;
  }

  private allocateSlot(): number {
    if (this.freeTop > 0) return this.freeSlots[--this.freeTop] as number;
    if (this.slotsUsed === this.keys.length) this.growSlots();
    return this.slotsUsed++;
  }

  private allocateBucket(): number {
    if (this.freeBucketTop > 0) return this.freeBuckets[--this.freeBucketTop] as number;
    if (this.bucketsUsed === this.heads.length) this.growBuckets();
    return this.bucketsUsed++;
  }

  private growSlots(): void {
    const n = this.keys.length * 2;
    if (n > SLOT_LIMIT) throw new Error(`more than ${SLOT_LIMIT} events pending at once`);
    this.keys = grown(new Float64Array(n), this.keys);
    this.kinds = grown(new Int32Array(n), this.kinds);
    this.payloads = grown(new Float64Array(n), this.payloads);
    this.generations = grown(new Uint32Array(n), this.generations);
    this.states = grown(new Uint8Array(n), this.states);
    this.nextInBucket = grown(new Int32Array(n), this.nextInBucket);
    this.freeSlots = grown(new Int32Array(n), this.freeSlots);
  }

  private growBuckets(): void {
    const n = this.heads.length * 2;
    this.heads = grown(new Int32Array(n), this.heads);
    this.tails = grown(new Int32Array(n), this.tails);
    this.freeBuckets = grown(new Int32Array(n), this.freeBuckets);
  }
}

function grown<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(target: T, source: T): T {
  target.set(source as never);
  return target;
}
