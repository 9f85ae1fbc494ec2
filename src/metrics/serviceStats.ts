import type { PlacementFailureReason } from '../placement/types.js';
import { GrowableFloat64Array } from './growableArray.js';

/** What services and job streams both count: tasks placed but not yet RUNNING, RUNNING, lost, failures. */
export class WorkloadCounts {
  /** Placed, not yet RUNNING (PROVISIONING or PENDING). */
  pending = 0;
  running = 0;
  lostWithHost = 0;
  readonly failures = new Map<PlacementFailureReason, number>();
  /** Tasks that got a Spot interruption notice. */
  interrupted = 0;
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
  /** Interrupted tasks whose replacement is not RUNNING yet, and the notice times, oldest first. */
  spotDeficit = 0;
  readonly notices: number[] = [];
  /** Time below desired while some interrupted task was not yet replaced. */
  spotShortMs = 0;
  /** Task-time short of desired owed to unreplaced interruptions: ∫ min(deficit, desired − running). */
  spotShortTaskMs = 0;
  /** Notice → replacement RUNNING, ms. */
  readonly replacementLatencies = new GrowableFloat64Array();

  /** Accounts for the time since the last change; call before changing desired, running or the Spot deficit. */
  advance(now: number): void {
    const dt = now - this.since;
    if (dt > 0) {
      if (this.running >= this.desired) this.metMs += dt;
      else {
        this.shortfallTaskMs += (this.desired - this.running) * dt;
        if (this.spotDeficit > 0) {
          this.spotShortMs += dt;
          this.spotShortTaskMs += Math.min(this.spotDeficit, this.desired - this.running) * dt;
        }
      }
    }
    this.since = now;
  }
}

export class JobStats extends WorkloadCounts {
  arrivals = 0;
  submitted = 0;
  queued = 0;
  completed = 0;
  /** RUNNING time of interrupted tasks (work lost, as RunTask does not retry). */
  runMsLost = 0;
}
