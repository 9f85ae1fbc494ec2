/**
 * A service's launch-rate quota (aws-behaviour.md §5: 500 tasks per minute per service) as a token
 * bucket holding up to one minute's worth, refilled continuously.
 */
export class LaunchBudget {
  private tokens: number;
  private updatedAt = 0;

  constructor(private readonly perMinute: number) {
    this.tokens = perMinute;
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
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 60_000) / this.perMinute);
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.perMinute, this.tokens + ((now - this.updatedAt) * this.perMinute) / 60_000);
    this.updatedAt = now;
  }
}
