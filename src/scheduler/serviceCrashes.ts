import type { EventKind, EventRef, Simulation } from '../engine/simulation.js';
import type { ClusterObserver } from '../model/clusterState.js';
import { OwnerKind, TaskState, type Task } from '../model/task.js';
import { Phase } from '../sim/phases.js';
import type { TaskLifecycle } from './taskLifecycle.js';
import type { Workload } from './workload.js';

/**
 * Crashes of services whose timeToCrash is exponential. Each RUNNING task crashing after an
 * exponential time is, by memorylessness, the same as one Poisson process per service with rate
 * (running tasks ÷ mean) whose every event crashes a running task chosen uniformly. Keeping one
 * pending event per service instead of one per task keeps the event queue small on large fleets.
 * The running count changes with every start and stop, so the process is thinned: candidate events
 * come at the rate of a bound on the count (bound ÷ mean), and a candidate crashes the task at a
 * uniform position in [0, bound) when that position holds one (probability running ÷ bound, and the
 * crashed task uniform among the running). A count above the bound doubles it and redraws the next
 * candidate (memoryless, so still exact); a candidate finding the count below a quarter of the bound
 * lowers it to twice the count. A start or stop thus costs no event. Draws come from the service's
 * `crash` stream. Other distributions use per-task timers (TaskLifecycle).
 */
interface CrashState {
  readonly workload: Workload;
  readonly meanMs: number;
  readonly running: Task[];
  /** Candidate rate in tasks: never below running.length while a candidate is pending. */
  bound: number;
  next: EventRef;
}

export class ServiceCrashes implements ClusterObserver {
  private readonly kind: EventKind;
  private readonly services: (CrashState | undefined)[];
  /** Position of each RUNNING task in its service's list, by task slot (a dense typed array: slots can be anywhere). */
  private positions = new Int32Array(1024);

  constructor(
    private readonly sim: Simulation,
    private readonly lifecycle: TaskLifecycle,
    workloads: readonly Workload[],
  ) {
    this.services = workloads.map((workload) =>
      workload.crashMeanMs === undefined ? undefined : { workload, meanMs: workload.crashMeanMs, running: [], bound: 0, next: -1 },
    );
    this.kind = sim.register('service.crash', Phase.Task, (service) => this.candidate(service));
  }

  taskStateChanged(task: Task, from: TaskState): void {
    if (task.ownerKind !== OwnerKind.Service) return;
    const state = this.services[task.owner];
    if (state === undefined) return;
    if (task.state === TaskState.Running) {
      if (task.slot >= this.positions.length) this.growPositions(task.slot);
      this.positions[task.slot] = state.running.length;
      state.running.push(task);
      if (state.running.length > state.bound) this.raise(state, task.owner);
    } else if (from === TaskState.Running) {
      const at = this.positions[task.slot] as number;
      const last = state.running.pop() as Task;
      if (last !== task) {
        state.running[at] = last;
        this.positions[last.slot] = at;
      }
    }
  }

  private growPositions(slot: number): void {
    let size = this.positions.length;
    while (size <= slot) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.positions);
    this.positions = grown;
  }

  /** The count went above the bound: double it and draw the next candidate at the new rate. */
  private raise(state: CrashState, service: number): void {
    state.bound = Math.max(state.running.length, 2 * state.bound);
    if (state.next >= 0) this.sim.cancel(state.next);
    this.scheduleCandidate(state, service);
  }

  private scheduleCandidate(state: CrashState, service: number): void {
    const rng = state.workload.streams.end;
    const gap = Math.round((-state.meanMs / state.bound) * Math.log(1 - rng()));
    state.next = this.sim.scheduleIn(this.kind, gap, service);
  }

  private candidate(service: number): void {
    const state = this.services[service] as CrashState;
    state.next = -1;
    const n = state.running.length;
    const victim = state.running[Math.floor(state.workload.streams.end() * state.bound)];
    if (n === 0) {
      // Nothing runs: no candidates until a task starts (which raises the bound from 0).
      state.bound = 0;
      return;
    }
    if (4 * n < state.bound) state.bound = 2 * n;
    this.scheduleCandidate(state, service);
    if (victim !== undefined) this.lifecycle.kill(victim, 'EssentialContainerExited', 'Essential container in task exited (crash)');
  }
}
