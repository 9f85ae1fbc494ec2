/** An append-only Float64Array that doubles as it fills (job wait times: millions of values, no boxing). */
export class GrowableFloat64Array {
  private data = new Float64Array(1024);
  private count = 0;

  push(value: number): void {
    if (this.count === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.count++] = value;
  }

  get length(): number {
    return this.count;
  }

  /** A sorted copy of the values. */
  sorted(): Float64Array {
    return this.data.slice(0, this.count).sort();
  }
}

/** Nearest-rank quantile of sorted values (q in [0, 1]); 0 for no values. */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] as number;
}
