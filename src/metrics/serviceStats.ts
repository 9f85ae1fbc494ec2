import type { PlacementFailureReason } from '../placement/types.js';

/** What services and job streams both count: tasks placed but not yet RUNNING, RUNNING, lost, failures. */
export class WorkloadCounts {
  /** Placed, not yet RUNNING (PROVISIONING or PENDING). */
  pending = 0;
  running = 0;
  lostWithHost = 0;
  readonly failures = new Map<PlacementFailureReason, number>();
}

/**
 * A service's availability over time. Between any two changes of desired or running count the
 * recorder integrates: time with running >= desired, and task-time short of desired.
 */
export class ServiceStats extends WorkloadCounts {
  desired = 0;
  metMs = 0;
  shortfallTaskMs = 0;
  private since = 0;
  started = 0;
  reachedRunning = 0;
  stopped = 0;
  crashed = 0;
  scaledIn = 0;

  /** Accounts for the time since the last change; call before changing desired or running. */
  advance(now: number): void {
    const dt = now - this.since;
    if (dt > 0) {
      if (this.running >= this.desired) this.metMs += dt;
      else this.shortfallTaskMs += (this.desired - this.running) * dt;
    }
    this.since = now;
  }
}

export class JobStats extends WorkloadCounts {
  arrivals = 0;
  submitted = 0;
  queued = 0;
  completed = 0;
}
