import FastPriorityQueue from 'fastpriorityqueue';
import { KeyTable } from './keyTable.js';

/**
 * The pending-event set, ordered by (time, phase, sequence).
 *
 * A FastPriorityQueue holds one plain number per distinct (time, phase) pair, key = time * 256 + phase,
 * so heap comparisons never leave the heap's own array. Events sharing a key wait in a FIFO bucket
 * (a linked list through the slot records), which gives insertion order, i.e. the sequence, for free;
 * a KeyTable maps each key to its bucket's head and tail slots. Nothing is allocated per event: slots
 * are recycled, and a slot's data is one record, so an event costs few cache lines at a million pending.
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
const RECORD_BYTES = 32;
/** Int32 offsets within a slot's record (slot * 8 + offset). */
const PAYLOAD = 2;
const KIND = 4;
const STATE = 5;
const GENERATION = 6;
const NEXT = 7;

export class EventQueue {
  // Per event slot, one 32-byte record (a pop or push touches one cache line, not six scattered
  // arrays): double [4s] key; int32 [8s+2] payload, [8s+4] kind, [8s+5] state, [8s+6] generation,
  // [8s+7] next slot in the bucket. Two typed views share one buffer. The payload is an int32 so that
  // handlers get a small integer (a double read back would turn every field it lands in into a boxed
  // number).
  private f64: Float64Array;
  private i32: Int32Array;
  private capacity: number;
  private freeSlots: Int32Array;
  private freeTop = 0;
  private slotsUsed = 0;
  /** Per distinct key in the heap: its FIFO bucket's head and tail slots. */
  private readonly bucketOf: KeyTable;
  private readonly heap = new FastPriorityQueue<number>((a, b) => a < b);
  private live = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    const records = new ArrayBuffer(n * RECORD_BYTES);
    this.f64 = new Float64Array(records);
    this.i32 = new Int32Array(records);
    this.capacity = n;
    this.freeSlots = new Int32Array(n);
    this.bucketOf = new KeyTable(n);
  }

  /** Number of scheduled, not cancelled events. */
  get size(): number {
    return this.live;
  }

  push(time: number, phase: number, kind: number, payload: number): EventRef {
    const key = time * PHASES + phase;
    const slot = this.allocateSlot();
    const f64 = this.f64;
    const i32 = this.i32;
    f64[slot * 4] = key;
    const at = slot * 8;
    i32[at + PAYLOAD] = payload;
    i32[at + KIND] = kind;
    i32[at + STATE] = PENDING;
    i32[at + NEXT] = NONE;
    this.live++;
    const bucket = this.bucketOf.find(key);
    if (bucket < 0) {
      this.bucketOf.insert(key, slot, slot);
      this.heap.add(key);
    } else {
      i32[this.bucketOf.second(bucket) * 8 + NEXT] = slot;
      this.bucketOf.setSecond(bucket, slot);
    }
    return (i32[at + GENERATION] as number) * SLOT_LIMIT + slot;
  }

  /** Cancels a pending event; returns false when it already ran, was cancelled, or the reference is stale. */
  cancel(ref: EventRef): boolean {
    const slot = ref % SLOT_LIMIT;
    const generation = (ref - slot) / SLOT_LIMIT;
    const at = slot * 8;
    if (slot >= this.slotsUsed || this.i32[at + GENERATION] !== generation || this.i32[at + STATE] !== PENDING) return false;
    this.i32[at + STATE] = CANCELLED;
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
      const bucket = this.bucketOf.find(key);
      const slot = this.bucketOf.first(bucket);
      const i32 = this.i32;
      const at = slot * 8;
      const next = i32[at + NEXT] as number;
      if (next === NONE) {
        this.heap.poll();
        this.bucketOf.remove(bucket);
      } else {
        this.bucketOf.setFirst(bucket, next);
      }
      const state = i32[at + STATE];
      // Release the slot (its record stays readable until the next push).
      i32[at + STATE] = FREE;
      i32[at + GENERATION] = ((i32[at + GENERATION] as number) + 1) % 0x1fffffff;
      this.freeSlots[this.freeTop++] = slot;
      if (state === PENDING) {
        this.live--;
        return slot;
      }
    }
  }

  timeOf(slot: number): number {
    return Math.floor((this.f64[slot * 4] as number) / PHASES);
  }

  kindOf(slot: number): number {
    return this.i32[slot * 8 + KIND] as number;
  }

  payloadOf(slot: number): number {
    return this.i32[slot * 8 + PAYLOAD] as number;
  }

  private allocateSlot(): number {
    if (this.freeTop > 0) return this.freeSlots[--this.freeTop] as number;
    if (this.slotsUsed === this.capacity) this.growSlots();
    return this.slotsUsed++;
  }

  private growSlots(): void {
    const n = this.capacity * 2;
    if (n > SLOT_LIMIT) throw new Error(`more than ${SLOT_LIMIT} events pending at once`);
    const records = new ArrayBuffer(n * RECORD_BYTES);
    new Uint8Array(records).set(new Uint8Array(this.f64.buffer));
    this.f64 = new Float64Array(records);
    this.i32 = new Int32Array(records);
    this.capacity = n;
    const freeSlots = new Int32Array(n);
    freeSlots.set(this.freeSlots);
    this.freeSlots = freeSlots;
  }
}
