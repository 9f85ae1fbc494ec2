/**
 * Target registrations a service's load balancer has yet to complete, first in, first out: each is
 * (due time, task slot, task id). One service's registrations take the same time, so they fall due in
 * the order they were asked for; the metrics sampler takes those due at each sample instead of the
 * engine running one event per registration. Ring buffers of typed arrays, grown by doubling.
 */
export class RegistrationQueue {
  private due = new Float64Array(64);
  private ids = new Float64Array(64);
  private slots = new Int32Array(64);
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a registration; `due` must not precede the last one added. */
  push(due: number, slot: number, id: number): void {
    if (this.count === this.due.length) this.grow();
    const last = (this.head + this.count - 1) & (this.due.length - 1);
    if (this.count > 0 && due < (this.due[last] as number)) throw new Error(`registration due at ${due} after one due at ${this.due[last]}`);
    const at = (this.head + this.count) & (this.due.length - 1);
    this.due[at] = due;
    this.slots[at] = slot;
    this.ids[at] = id;
    this.count++;
  }

  /** Removes the registrations due at or before `now`, oldest first, handing each to `take(slot, id)`. */
  takeDue(now: number, take: (slot: number, id: number) => void): void {
    const mask = this.due.length - 1;
    while (this.count > 0 && (this.due[this.head] as number) <= now) {
      const at = this.head;
      this.head = (this.head + 1) & mask;
      this.count--;
      take(this.slots[at] as number, this.ids[at] as number);
    }
  }

  private grow(): void {
    const n = this.due.length;
    const order = (a: Float64Array | Int32Array, b: Float64Array | Int32Array) => {
      for (let i = 0; i < this.count; i++) b[i] = a[(this.head + i) & (n - 1)] as number;
    };
    const due = new Float64Array(n * 2);
    const ids = new Float64Array(n * 2);
    const slots = new Int32Array(n * 2);
    order(this.due, due);
    order(this.ids, ids);
    order(this.slots, slots);
    this.due = due;
    this.ids = ids;
    this.slots = slots;
    this.head = 0;
  }
}
