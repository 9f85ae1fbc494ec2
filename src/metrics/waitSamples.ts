import { GrowableFloat64Array } from './growableArray.js';

/**
 * A job stream's wait times (ms from arrival to placement). Most tasks of a fleet with room are placed
 * on arrival, so zeros are only counted and the other waits kept: memory grows with the tasks that
 * waited, not with every task of a month-long run. Statistics are exact, and the same numbers (to the
 * last bit) as over the full sorted list: nearest-rank quantiles, and the mean summed in ascending order.
 */
export interface WaitStatistics {
  readonly placed: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export class WaitSamples {
  private zeros = 0;
  private readonly waited = new GrowableFloat64Array();

  push(ms: number): void {
    if (ms === 0) this.zeros++;
    else this.waited.push(ms);
  }

  /** Samples taken, zeros included. */
  get length(): number {
    return this.zeros + this.waited.length;
  }

  /** Values held in memory (the non-zero waits). */
  get stored(): number {
    return this.waited.length;
  }

  statistics(): WaitStatistics {
    const sorted = this.waited.sorted();
    const n = this.length;
    let sum = 0;
    for (const v of sorted) sum += v;
    const quantile = (q: number) => {
      if (n === 0) return 0;
      const rank = Math.max(1, Math.ceil(q * n));
      return rank <= this.zeros ? 0 : (sorted[rank - this.zeros - 1] as number);
    };
    return {
      placed: n,
      mean: n === 0 ? 0 : sum / n,
      p50: quantile(0.5),
      p95: quantile(0.95),
      p99: quantile(0.99),
      max: sorted.length > 0 ? (sorted[sorted.length - 1] as number) : 0,
    };
  }
}
