import type { EventKind, Simulation } from '../engine/simulation.js';
import type { RandomStreams } from '../engine/rng.js';
import type { ClusterState } from '../model/clusterState.js';
import type { JobSpec } from '../model/specs.js';
import type { FargateCapacity } from '../capacity/fargate.js';
import type { ClusterObserver } from '../model/clusterState.js';
import { OwnerKind, TaskState, type Task } from '../model/task.js';
import { diagnoseFailure } from '../placement/diagnose.js';
import { placeTask } from '../placement/place.js';
import { Phase } from '../sim/phases.js';
import { ArrivalProcess } from './jobArrivals.js';
import type { SchedulerListener } from './listener.js';
import type { PassParticipant, SchedulingPass } from './schedulingPass.js';
import type { TaskLifecycle } from './taskLifecycle.js';
import type { Workload } from './workload.js';
import type { PlacementDecisionObserver } from './listener.js';
import { placementViewFor, StrategyCounts } from './strategyCounts.js';

/**
 * Job streams: RunTask calls arriving by each stream's process, `count` tasks each, waiting in one
 * queue in arrival order until they can be placed (as a batch queue in front of RunTask would).
 * fifo: the oldest waiting task blocks the rest; backfill: later tasks that fit may go first.
 * Tasks are not retried if they are lost with their host. With a capacity provider strategy, each
 * task's provider follows the split rules over the stream's tasks not yet STOPPING; Fargate tasks
 * leave the queue at once (they wait for Fargate's quotas, not for instances).
 */
export class JobScheduler implements PassParticipant, ClusterObserver {
  /** Set by simulate() for run --explain; undefined otherwise. */
  decisions: PlacementDecisionObserver | undefined;
  private readonly arrivalKind: EventKind;
  private readonly processes: ArrivalProcess[];
  private queue: (Task | undefined)[] = [];
  private head = 0;
  private waiting = 0;
  /** capacityVersion of the last pass that placed nothing more, and how far it looked. */
  private blockedAt = -1;
  private examined = 0;
  /** Per job stream: the pass in which its placement failed (tried once per pass). */
  private readonly failedInPass: number[];
  private pass = 0;
  private readonly strategies: (StrategyCounts | undefined)[];
  /** Tasks waiting in the queue per job stream, and how many streams have any. */
  private readonly queuedPerJob: number[];
  private streamsWaiting = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly cluster: ClusterState,
    private readonly lifecycle: TaskLifecycle,
    private readonly passes: SchedulingPass,
    private readonly listener: SchedulerListener,
    private readonly jobs: readonly JobSpec[],
    private readonly workloads: readonly Workload[],
    streams: RandomStreams,
    private readonly backfill: boolean,
    private readonly randomTieBreak: boolean,
    private readonly fargate: FargateCapacity,
  ) {
    this.strategies = jobs.map((job) => (job.launch.type === 'strategy' ? new StrategyCounts(job.launch.items) : undefined));
    this.processes = jobs.map((job) => new ArrivalProcess(job, streams.stream(`job:${job.name}:arrivals`)));
    this.failedInPass = jobs.map(() => -1);
    this.queuedPerJob = jobs.map(() => 0);
    this.arrivalKind = sim.register('job.arrival', Phase.Arrival, (job) => this.arrive(job));
  }

  start(): void {
    this.processes.forEach((_, job) => this.scheduleNext(job));
  }

  get queued(): number {
    return this.waiting;
  }

  hasWork(): boolean {
    return this.waiting > 0;
  }

  schedule(): void {
    if (this.waiting === 0) return;
    const version = this.cluster.capacityVersion;
    if (version === this.blockedAt && (!this.backfill || this.examined >= this.queue.length)) return;
    const from = version === this.blockedAt ? this.examined : this.head;
    const pass = ++this.pass;
    // Backfill skips the tasks of streams that failed in this pass: once every stream with waiting
    // tasks has failed, nothing behind can start, so the pass ends (not a walk over the whole backlog).
    let failedStreams = 0;
    for (let i = from; i < this.queue.length; i++) {
      const task = this.queue[i];
      if (task === undefined || this.failedInPass[task.owner] === pass) continue;
      const workload = this.workloads[task.owner] as Workload;
      const strategy = this.strategies[task.owner];
      const provider = strategy?.next();
      if (provider !== undefined && provider.kind !== 'asg') {
        this.dequeue(i);
        strategy?.assign(task, provider);
        this.fargate.launch(task, provider);
        this.listener.jobPlaced(task);
        continue;
      }
      const view = placementViewFor(this.cluster, provider);
      const host = placeTask(workload.request, view, this.randomTieBreak, workload.streams.placement);
      if (host === undefined) {
        this.failedInPass[task.owner] = pass;
        this.listener.placementFailed(OwnerKind.Job, task.owner, diagnoseFailure(workload.request, view), this.sim.now);
        if (!this.backfill || ++failedStreams === this.streamsWaiting) break;
        continue;
      }
      if (this.decisions?.wants(OwnerKind.Job, task.owner) === true) this.decisions.decided(OwnerKind.Job, task.owner, workload.request, view, host, this.sim.now);
      this.dequeue(i);
      if (provider !== undefined) strategy?.assign(task, provider);
      this.lifecycle.start(task, host);
      this.listener.jobPlaced(task);
    }
    while (this.head < this.queue.length && this.queue[this.head] === undefined) this.head++;
    this.compact();
    this.blockedAt = this.waiting > 0 ? this.cluster.capacityVersion : -1;
    this.examined = this.queue.length;
  }

  /** A job task stops counting toward its stream's provider split once it is STOPPING. */
  taskStateChanged(task: Task, from: TaskState): void {
    if (task.ownerKind !== OwnerKind.Job || task.provider < 0 || from >= TaskState.Stopping) return;
    if (task.state === TaskState.Stopping || task.state === TaskState.Stopped) this.strategies[task.owner]?.remove(task.provider);
  }

  private dequeue(i: number): void {
    const task = this.queue[i];
    if (task !== undefined) {
      const left = (this.queuedPerJob[task.owner] as number) - 1;
      this.queuedPerJob[task.owner] = left;
      if (left === 0) this.streamsWaiting--;
    }
    this.queue[i] = undefined;
    this.waiting--;
  }

  /**
   * Queued tasks waiting for an Auto Scaling group provider (AWS shows them PROVISIONING): each stream
   * with a strategy whose next task goes to that provider, by task size (cluster auto scaling).
   */
  provisioning(provider: number): { cpu: number; memory: number; count: number }[] {
    const out: { cpu: number; memory: number; count: number }[] = [];
    this.jobs.forEach((job, j) => {
      const count = this.queuedPerJob[j] as number;
      const strategy = this.strategies[j];
      if (count <= 0 || strategy === undefined || strategy.next().index !== provider) return;
      out.push({ cpu: job.taskDefinition.cpu, memory: job.taskDefinition.memory, count });
    });
    return out;
  }

  private arrive(job: number): void {
    const spec = this.jobs[job] as JobSpec;
    const workload = this.workloads[job] as Workload;
    for (let i = 0; i < spec.count; i++) {
      this.queue.push(this.cluster.createTask(OwnerKind.Job, job, workload.request.group, workload.taskDefinition, this.sim.now));
    }
    this.waiting += spec.count;
    if (this.queuedPerJob[job] === 0 && spec.count > 0) this.streamsWaiting++;
    this.queuedPerJob[job] = (this.queuedPerJob[job] as number) + spec.count;
    this.listener.jobArrived(job, spec.count, this.sim.now);
    this.scheduleNext(job);
    this.passes.request();
  }

  private scheduleNext(job: number): void {
    const t = (this.processes[job] as ArrivalProcess).next();
    if (t >= 0) this.sim.schedule(this.arrivalKind, Math.max(t, this.sim.now), job);
  }

  private compact(): void {
    if (this.head < 4096 || this.head * 2 < this.queue.length) return;
    this.queue = this.queue.slice(this.head);
    this.head = 0;
  }

  /** Waiting tasks in queue order (for the end-of-run record). */
  *waitingTasks(): IterableIterator<Task> {
    for (let i = this.head; i < this.queue.length; i++) {
      const t = this.queue[i];
      if (t !== undefined) yield t;
    }
  }
}
