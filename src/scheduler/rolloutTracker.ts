import { TaskState, type Task } from '../model/task.js';
import { rolloutBounds, type Rollout, type RolloutStep } from './deployment.js';

const UNTRACKED = 0;
const OLD = 1;
const FRESH = 2;

/**
 * planRollout (deployment.ts) kept incrementally, so that a pass of a deployment costs what changed
 * rather than a walk over every task of the service (a 10,000-task deployment made about 40,000 such
 * walks). It mirrors the service's task set from the deployment's start: `added` and `removed` as the
 * scheduler adds and forgets tasks, `running` and `passed` as tasks reach RUNNING and pass their health
 * check. Health otherwise changes only with time (healthyAfter after RUNNING), so tasks wait in a queue
 * by start time and are looked at again when that time has come. `plan` returns what planRollout
 * returns over the same tasks in the same order (id order: the service's set iterates in creation order).
 */
export class RolloutTracker {
  /** Per task slot: the tracked task's id (0: none), whether old or new revision, whether healthy. */
  private readonly idAt: number[] = [];
  private readonly kindAt: number[] = [];
  private readonly healthyAt: number[] = [];
  /** Old-revision tasks in the service's order (none arrive later: new tasks use the deployment's revision); `oldHead` skips the gone. */
  private readonly old: Task[] = [];
  private readonly oldIds: number[] = [];
  private oldHead = 0;
  private oldCount = 0;
  private oldHealthy = 0;
  /** New-revision tasks, in id order (insertion order), and how many are healthy. */
  private readonly fresh = new Set<Task>();
  private freshHealthy = 0;
  /** RUNNING tasks not yet healthy, by start time: looked at again healthyAfter after it. */
  private readonly maturing: Task[] = [];
  private readonly maturingIds: number[] = [];
  private maturingHead = 0;

  constructor(
    private readonly rollout: Rollout,
    tasks: Iterable<Task>,
    now: number,
  ) {
    const running: Task[] = [];
    for (const t of tasks) {
      this.added(t);
      if (this.rollout.healthy(t, now)) this.markHealthy(t);
      else if (t.state === TaskState.Running) running.push(t);
    }
    running.sort((a, b) => a.startedAt - b.startedAt || a.id - b.id);
    for (const t of running) this.running(t);
  }

  /** A task the service forgot (chosen to stop, or stopped). */
  removed(task: Task): void {
    const slot = task.slot;
    if (this.idAt[slot] !== task.id) return;
    const healthy = this.healthyAt[slot] === 1;
    if (this.kindAt[slot] === OLD) {
      this.oldCount--;
      if (healthy) this.oldHealthy--;
    } else {
      this.fresh.delete(task);
      if (healthy) this.freshHealthy--;
    }
    this.idAt[slot] = 0;
    this.kindAt[slot] = UNTRACKED;
  }

  /** A tracked task reached RUNNING: healthy at the earliest healthyAfter later. */
  running(task: Task): void {
    if (this.idAt[task.slot] !== task.id) return;
    this.maturing.push(task);
    this.maturingIds.push(task.id);
  }

  /** A new-revision task passed its health check. */
  passed(task: Task, now: number): void {
    if (this.idAt[task.slot] === task.id && this.healthyAt[task.slot] === 0 && this.rollout.healthy(task, now)) this.markHealthy(task);
  }

  plan(desired: number, minPct: number, maxPct: number, now: number): RolloutStep {
    this.mature(now);
    const { minHealthy, maxTotal } = rolloutBounds(desired, minPct, maxPct);
    const healthy = this.oldHealthy + this.freshHealthy;
    const stop: Task[] = [];
    // Old tasks not yet healthy go at once, then healthy old ones (oldest first) while enough stay healthy.
    let oldStopped = 0;
    if (this.oldHealthy < this.oldCount) {
      this.forEachOld((t) => {
        if (this.healthyAt[t.slot] === 0) stop.push(t);
        return true;
      });
      oldStopped = stop.length;
    }
    const take = Math.min(this.oldHealthy, Math.max(0, healthy - minHealthy));
    if (take > 0) {
      let left = take;
      this.forEachOld((t) => {
        if (this.healthyAt[t.slot] === 1) {
          stop.push(t);
          left--;
        }
        return left > 0;
      });
      oldStopped += take;
    }
    const extra = this.fresh.size - desired;
    if (extra > 0) {
      // New tasks beyond desired: not healthy first, each group oldest first.
      const byHealth = [...this.fresh].sort((a, b) => (this.healthyAt[a.slot] as number) - (this.healthyAt[b.slot] as number));
      stop.push(...byHealth.slice(0, extra));
    }
    const remaining = this.oldCount + this.fresh.size - stop.length;
    const freshLeft = Math.min(this.fresh.size, desired);
    const active = this.rollout.active;
    const start = active ? Math.max(0, Math.min(desired - freshLeft, maxTotal - remaining)) : 0;
    const oldLeft = this.oldCount - oldStopped;
    const done = active && oldLeft === 0 && this.freshHealthy >= desired && this.fresh.size - Math.max(0, extra) === desired;
    return { stop, start, done };
  }

  /** A task the scheduler just added to the service. */
  added(task: Task): void {
    const slot = task.slot;
    while (this.idAt.length <= slot) {
      this.idAt.push(0);
      this.kindAt.push(UNTRACKED);
      this.healthyAt.push(0);
    }
    this.idAt[slot] = task.id;
    this.healthyAt[slot] = 0;
    if (task.taskDefinition === this.rollout.taskDefinition) {
      this.kindAt[slot] = FRESH;
      this.fresh.add(task);
    } else {
      this.kindAt[slot] = OLD;
      this.old.push(task);
      this.oldIds.push(task.id);
      this.oldCount++;
    }
  }

  private markHealthy(task: Task): void {
    this.healthyAt[task.slot] = 1;
    if (this.kindAt[task.slot] === OLD) this.oldHealthy++;
    else this.freshHealthy++;
  }

  /** Tasks that have been RUNNING for healthyAfter by `now` are looked at again (healthy unless they still need their check). */
  private mature(now: number): void {
    while (this.maturingHead < this.maturing.length) {
      const t = this.maturing[this.maturingHead] as Task;
      const id = this.maturingIds[this.maturingHead] as number;
      if (t.id === id && t.state === TaskState.Running && now - t.startedAt < this.rollout.healthyAfterMs) break;
      this.maturingHead++;
      if (t.id === id && this.idAt[t.slot] === id && this.healthyAt[t.slot] === 0 && this.rollout.healthy(t, now)) this.markHealthy(t);
    }
    if (this.maturingHead > 1024 && this.maturingHead * 2 > this.maturing.length) {
      this.maturing.splice(0, this.maturingHead);
      this.maturingIds.splice(0, this.maturingHead);
      this.maturingHead = 0;
    }
  }

  /** Visits the old tasks still tracked, in order, while `visit` returns true (the gone ones at the front are dropped for good). */
  private forEachOld(visit: (task: Task) => boolean): void {
    while (this.oldHead < this.old.length && !this.tracks(this.old[this.oldHead] as Task, this.oldIds[this.oldHead] as number)) this.oldHead++;
    for (let i = this.oldHead; i < this.old.length; i++) {
      const t = this.old[i] as Task;
      if (this.tracks(t, this.oldIds[i] as number) && !visit(t)) return;
    }
  }

  private tracks(task: Task, id: number): boolean {
    return task.id === id && this.idAt[task.slot] === id;
  }
}
