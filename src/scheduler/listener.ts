import type { OwnerKind, Task } from '../model/task.js';
import type { Host } from '../model/host.js';
import type { PlacementFailureReason, PlacementRequest, PlacementView } from '../placement/types.js';

/** What the schedulers report beyond cluster state changes (the metrics recorder listens). */
export interface SchedulerListener {
  desiredChanged(service: number, desired: number, now: number): void;
  placementFailed(kind: OwnerKind, owner: number, reason: PlacementFailureReason, now: number): void;
  /** A job's RunTask call: `count` tasks join the queue. */
  jobArrived(job: number, count: number, now: number): void;
  /** A queued job task was placed after waiting `task.placedAt - task.createdAt`. */
  jobPlaced(task: Task): void;
}

/** Sees placement decisions of chosen services and jobs before the task lands (run --explain). */
export interface PlacementDecisionObserver {
  /** Whether decisions for this service or job are wanted (checked before any work). */
  wants(kind: OwnerKind, owner: number): boolean;
  decided(kind: OwnerKind, owner: number, request: PlacementRequest, view: PlacementView, host: Host, now: number): void;
}
