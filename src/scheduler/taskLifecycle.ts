import type { FargateStarter } from '../capacity/fargate.js';
import type { Sampler } from '../engine/distributions.js';
import type { EventKind, Simulation } from '../engine/simulation.js';
import type { ClusterState } from '../model/clusterState.js';
import type { Host } from '../model/host.js';
import { OwnerKind, TaskState, type StopCode, type Task } from '../model/task.js';
import { Phase } from '../sim/phases.js';
import type { Workload } from './workload.js';

/**
 * Moves tasks through PROVISIONING → PENDING → RUNNING → STOPPING → STOPPED (aws-behaviour.md §8):
 * ENI attach (awsvpc) in PROVISIONING, image pull and container start in PENDING, the run time (jobs)
 * or a crash (services) while RUNNING, and SIGTERM → exit (at most stopTimeout) in STOPPING.
 */
export class TaskLifecycle implements FargateStarter {
  private readonly advanceKind: EventKind;
  private readonly endKind: EventKind;
  private readonly deregisteredKind: EventKind;

  constructor(
    private readonly sim: Simulation,
    private readonly cluster: ClusterState,
    private readonly workloadOf: (task: Task) => Workload,
    private readonly eniAttachTime: Sampler,
  ) {
    this.advanceKind = sim.register('task.advance', Phase.Task, (slot) => this.advance(cluster.taskAt(slot)));
    this.endKind = sim.register('task.end', Phase.Task, (slot) => this.end(cluster.taskAt(slot)));
    this.deregisteredKind = sim.register('task.deregistered', Phase.Task, (slot) => this.deregistered(cluster.taskAt(slot)));
  }

  /** Puts a task on a host and starts it. */
  start(task: Task, host: Host): void {
    const now = this.sim.now;
    this.cluster.placeTask(task, host, now);
    const delay = task.taskDefinition.usesEni ? this.eniAttachTime.sample(this.workloadOf(task).streams.eniAttach) : 0;
    if (delay === 0) this.advance(task);
    else task.timer = this.sim.scheduleIn(this.advanceKind, delay, task.slot);
  }

  /** A Fargate task (already placed on its capacity) moves from PROVISIONING to PENDING after `delay`. */
  provisionAfter(task: Task, delay: number): void {
    task.timer = this.sim.scheduleIn(this.advanceKind, delay, task.slot);
  }

  /** A Spot notice: like requestStop, but the task is killed when the notice ends at the latest. */
  interrupt(task: Task, code: StopCode, reason: string, noticeMs: number): void {
    this.requestStop(task, code, reason, noticeMs);
  }

  /** A graceful stop (scale-in, user): RUNNING tasks get SIGTERM and exit within stopTimeout (and `limitMs`). */
  requestStop(task: Task, code: StopCode, reason: string, limitMs = Infinity): void {
    if (task.state >= TaskState.Stopping) return;
    if (task.state !== TaskState.Running) return this.kill(task, code, reason);
    this.cancelTimers(task);
    task.stopCode = code;
    task.stoppedReason = reason;
    task.stoppingAt = this.sim.now;
    this.cluster.setTaskState(task, TaskState.Stopping, this.sim.now);
    const td = task.taskDefinition;
    const exit = Math.min(td.shutdownTime.sample(this.workloadOf(task).streams.shutdown), td.stopTimeoutMs, limitMs);
    task.timer = this.sim.scheduleIn(this.advanceKind, exit, task.slot);
  }

  /**
   * A scheduler stop of a load-balanced task: it leaves the target group at once (draining: no new
   * requests) and gets SIGTERM when the deregistration delay is over; its resources stay taken until
   * it stops. Without a delay, or for a task not RUNNING, the same as requestStop.
   */
  deregisterThenStop(task: Task, code: StopCode, reason: string, delayMs: number): void {
    if (delayMs <= 0 || task.state !== TaskState.Running || task.deregistering) return this.requestStop(task, code, reason);
    task.stopCode = code;
    task.stoppedReason = reason;
    this.cluster.deregisterTask(task, this.sim.now);
    task.timer = this.sim.scheduleIn(this.deregisteredKind, delayMs, task.slot);
  }

  private deregistered(task: Task): void {
    task.timer = -1;
    this.requestStop(task, task.stopCode === '' ? 'ServiceSchedulerInitiated' : task.stopCode, task.stoppedReason);
  }

  /** Stops a task at once (its host is gone, or its essential container exited). */
  kill(task: Task, code: StopCode, reason: string): void {
    if (task.state === TaskState.Stopped) return;
    this.cancelTimers(task);
    this.cluster.stopTask(task, this.sim.now, code, reason);
  }

  private cancelTimers(task: Task): void {
    if (task.timer >= 0) this.sim.cancel(task.timer);
    if (task.endTimer >= 0) this.sim.cancel(task.endTimer);
    task.timer = task.endTimer = -1;
  }

  private advance(task: Task): void {
    task.timer = -1;
    const now = this.sim.now;
    const workload = this.workloadOf(task);
    const td = task.taskDefinition;
    switch (task.state) {
      case TaskState.Provisioning: {
        this.cluster.setTaskState(task, TaskState.Pending, now);
        const delay = td.imagePullTime.sample(workload.streams.imagePull) + td.containerStartTime.sample(workload.streams.containerStart);
        task.timer = this.sim.scheduleIn(this.advanceKind, delay, task.slot);
        return;
      }
      case TaskState.Pending: {
        this.cluster.setTaskState(task, TaskState.Running, now);
        if (workload.endAfter !== undefined) task.endTimer = this.sim.scheduleIn(this.endKind, workload.endAfter.sample(workload.streams.end), task.slot);
        return;
      }
      case TaskState.Stopping:
        this.cluster.stopTask(task, now, task.stopCode === '' ? 'UserInitiated' : task.stopCode, task.stoppedReason);
        return;
      default:
        throw new Error(`task ${task.id} has no next step from state ${task.state}`);
    }
  }

  /** The essential container exits: a job finished, or a service task crashed. */
  private end(task: Task): void {
    task.endTimer = -1;
    const reason = task.ownerKind === OwnerKind.Job ? 'Essential container in task exited (exit code 0)' : 'Essential container in task exited (crash)';
    this.kill(task, 'EssentialContainerExited', reason);
  }
}
