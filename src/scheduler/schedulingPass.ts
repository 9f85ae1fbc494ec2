import type { EventKind, Simulation } from '../engine/simulation.js';
import { Phase } from '../sim/phases.js';

/**
 * One placement pass per instant, after every change at that instant (Phase.Schedule). Anything that
 * may let a waiting task start (a task stopped, a host registered, a desired count or a queue grew)
 * asks for a pass; asks at the same instant share one. Participants run in registration order:
 * daemon and replica services first, in scenario order, then the job queue.
 */
export interface PassParticipant {
  schedule(): void;
  /** Whether anything waits to be placed or stopped (no pass is booked when nothing does). */
  hasWork(): boolean;
}

export class SchedulingPass {
  private readonly kind: EventKind;
  private pendingAt = -1;
  private readonly participants: PassParticipant[] = [];
  passes = 0;

  constructor(private readonly sim: Simulation) {
    this.kind = sim.register('schedule.pass', Phase.Schedule, () => this.run());
  }

  add(participant: PassParticipant): void {
    this.participants.push(participant);
  }

  /** A pass at the current instant, if any participant has work. */
  request(): void {
    if (this.pendingAt === this.sim.now) return;
    if (!this.participants.some((p) => p.hasWork())) return;
    this.pendingAt = this.sim.now;
    this.sim.scheduleNow(this.kind);
  }

  /** A pass at a later time (e.g. when a launch budget refills). */
  requestAt(time: number): void {
    this.sim.schedule(this.kind, time);
  }

  private run(): void {
    this.passes++;
    for (const p of this.participants) p.schedule();
  }
}
