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
 * Draws come from the service's `crash` stream. Other distributions use per-task timers (TaskLifecycle).
 */
interface CrashState {
  readonly workload: Workload;
  readonly meanMs: number;
  readonly running: Task[];
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
      workload.crashMeanMs === undefined ? undefined : { workload, meanMs: workload.crashMeanMs, running: [], next: -1 },
    );
    this.kind = sim.register('service.crash', Phase.Task, (service) => this.crash(service));
  }

  taskStateChanged(task: Task, from: TaskState): void {
    if (task.ownerKind !== OwnerKind.Service) return;
    const state = this.services[task.owner];
    if (state === undefined) return;
    if (task.state === TaskState.Running) {
      if (task.slot >= this.positions.length) this.growPositions(task.slot);
      this.positions[task.slot] = state.running.length;
      state.running.push(task);
      this.reschedule(state, task.owner);
    } else if (from === TaskState.Running) {
      const at = this.positions[task.slot] as number;
      const last = state.running.pop() as Task;
      if (last !== task) {
        state.running[at] = last;
        this.positions[last.slot] = at;
      }
      this.reschedule(state, task.owner);
    }
  }

  private growPositions(slot: number): void {
    let size = this.positions.length;
    while (size <= slot) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.positions);
    this.positions = grown;
  }

  private reschedule(state: CrashState, service: number): void {
    if (state.next >= 0) this.sim.cancel(state.next);
    state.next = -1;
    const n = state.running.length;
    if (n === 0) return;
    const rng = state.workload.streams.end;
    const gap = Math.round((-state.meanMs / n) * Math.log(1 - rng()));
    state.next = this.sim.scheduleIn(this.kind, gap, service);
  }

  private crash(service: number): void {
    const state = this.services[service] as CrashState;
    state.next = -1;
    const victim = state.running[Math.floor(state.workload.streams.end() * state.running.length)];
    if (victim === undefined) return;
    this.lifecycle.kill(victim, 'EssentialContainerExited', 'Essential container in task exited (crash)');
  }
}
