/**
 * A launch-rate token bucket: `burst` launches at once, refilled continuously at `amount` per `unitMs`.
 * Used for a service's launch quota (aws-behaviour.md §5: 500 tasks per minute, a bucket of one
 * minute's worth) and for the Fargate account launch buckets (§6: burst 100, 20 per second).
 */
export class LaunchBudget {
  private tokens: number;
  private updatedAt = 0;

  constructor(
    private readonly burst: number,
    private readonly amount: number,
    private readonly unitMs: number,
  ) {
    this.tokens = burst;
  }

  /** A bucket of one minute's worth, refilled at `perMinute`. */
  static perMinute(perMinute: number): LaunchBudget {
    return new LaunchBudget(perMinute, perMinute, 60_000);
  }

  /** Takes one launch if available at `now`. */
  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until one launch is available again. */
  waitFor(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * this.unitMs) / this.amount);
  }

  /** Books a launch asked for at `now` even when none is free (the bucket goes into debt): returns when it may go. */
  book(now: number): number {
    const at = now + this.waitFor(now);
    this.tokens -= 1;
    return at;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) * this.amount) / this.unitMs);
    this.updatedAt = now;
  }
}
