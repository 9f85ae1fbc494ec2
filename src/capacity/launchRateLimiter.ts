/**
 * A token bucket that books launches in order (the generic cell rate algorithm): `burst` launches at
 * once, then `perSecond` sustained. Each booking returns the integer millisecond at which that launch
 * may go; bookings never fail, they wait. Used for the Fargate account launch quotas (aws-behaviour.md §6).
 */
export class LaunchRateLimiter {
  private readonly interval: number;
  private readonly tolerance: number;
  /** Theoretical time of the next launch if the bucket were empty. */
  private tat = 0;

  constructor(burst: number, perSecond: number) {
    this.interval = 1000 / perSecond;
    this.tolerance = (burst - 1) * this.interval;
  }

  /** Books one launch asked for at `now`; returns when it may happen (>= now). */
  book(now: number): number {
    const at = Math.max(now, this.tat - this.tolerance);
    this.tat = Math.max(this.tat, at) + this.interval;
    return Math.ceil(at);
  }
}
