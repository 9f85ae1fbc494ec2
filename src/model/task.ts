import type { EventRef } from '../engine/simulation.js';
import type { Host } from './host.js';
import type { TaskDefinitionSpec } from './specs.js';

/**
 * A task. Lifecycle (aws-behaviour.md §8): PROVISIONING → PENDING → RUNNING → STOPPING → STOPPED.
 * Owned by ClusterState; recycled after STOPPED once its record is written.
 */
export const enum TaskState {
  Provisioning = 0,
  Pending = 1,
  Running = 2,
  Stopping = 3,
  Stopped = 4,
}

export const TASK_STATE_NAMES = ['PROVISIONING', 'PENDING', 'RUNNING', 'STOPPING', 'STOPPED'] as const;

export const enum OwnerKind {
  Service = 0,
  Job = 1,
}

/** ECS TaskStopCode values used by the simulator. */
export type StopCode =
  | 'EssentialContainerExited'
  | 'ServiceSchedulerInitiated'
  | 'UserInitiated'
  | 'InfrastructureHealth'
  | 'TaskFailedToStart'
  | 'SpotInterruption'
  | 'TerminationNotice';

/**
 * A task's times and event references are numbers that outgrow V8's small integers (times past 2^31 ms,
 * about day 25; references carry a generation). Held as object fields, each would be a separate boxed
 * number, i.e. its own cache line to fetch when a long-idle task is touched again. They live instead in
 * one 64-byte record per task, in shared blocks that tasks claim when created (ClusterState pools tasks,
 * so records are reused with them).
 */
const TIMES = 8;
const CREATED_AT = 0;
const PLACED_AT = 1;
const PULL_STARTED_AT = 2;
const STARTED_AT = 3;
const STOPPING_AT = 4;
const STOPPED_AT = 5;
const TIMER = 6;
const END_TIMER = 7;
const RECORDS_PER_BLOCK = 4096;
let block = new Float64Array(RECORDS_PER_BLOCK * TIMES);
let blockUsed = 0;

function claimRecord(): readonly [Float64Array, number] {
  if (blockUsed === RECORDS_PER_BLOCK) {
    block = new Float64Array(RECORDS_PER_BLOCK * TIMES);
    blockUsed = 0;
  }
  return [block, TIMES * blockUsed++];
}

export class Task {
  /** Position in the cluster's task table; event payloads refer to tasks by it. */
  slot = -1;
  id = 0;
  state = TaskState.Provisioning;
  ownerKind = OwnerKind.Service;
  owner = 0;
  group = 0;
  taskDefinition!: TaskDefinitionSpec;
  host: Host | undefined;
  /** Neighbours in the host's task list (see Host). */
  prevOnHost: Task | undefined;
  nextOnHost: Task | undefined;
  /** Capacity provider (index in ScenarioModel.capacityProviders), or -1 for the EC2 launch type. */
  provider = -1;
  /** Fargate tasks: the availability zone of their capacity ('' on EC2, where the host's zone counts). */
  zone = '';
  fargate = false;
  stopCode: StopCode | '' = '';
  /** Stopped (or about to be) because its Spot capacity was reclaimed. */
  interrupted = false;
  /** Leaving the load balancer before its stop (deregistration delay). */
  deregistering = false;
  stoppedReason = '';
  private readonly times: Float64Array;
  private readonly at: number;

  constructor() {
    [this.times, this.at] = claimRecord();
    this.times.fill(-1, this.at, this.at + TIMES);
    this.createdAt = 0;
  }

  /** When the task was asked for (job arrival; for services, when the scheduler placed it). */
  get createdAt(): number {
    return this.times[this.at + CREATED_AT] as number;
  }
  set createdAt(t: number) {
    this.times[this.at + CREATED_AT] = t;
  }
  get placedAt(): number {
    return this.times[this.at + PLACED_AT] as number;
  }
  set placedAt(t: number) {
    this.times[this.at + PLACED_AT] = t;
  }
  get pullStartedAt(): number {
    return this.times[this.at + PULL_STARTED_AT] as number;
  }
  set pullStartedAt(t: number) {
    this.times[this.at + PULL_STARTED_AT] = t;
  }
  get startedAt(): number {
    return this.times[this.at + STARTED_AT] as number;
  }
  set startedAt(t: number) {
    this.times[this.at + STARTED_AT] = t;
  }
  get stoppingAt(): number {
    return this.times[this.at + STOPPING_AT] as number;
  }
  set stoppingAt(t: number) {
    this.times[this.at + STOPPING_AT] = t;
  }
  get stoppedAt(): number {
    return this.times[this.at + STOPPED_AT] as number;
  }
  set stoppedAt(t: number) {
    this.times[this.at + STOPPED_AT] = t;
  }
  /** The next lifecycle event, cancelled if the task is stopped early (-1: none). */
  get timer(): EventRef {
    return this.times[this.at + TIMER] as number;
  }
  set timer(ref: EventRef) {
    this.times[this.at + TIMER] = ref;
  }
  /** Crash or run-completion event while RUNNING (-1: none). */
  get endTimer(): EventRef {
    return this.times[this.at + END_TIMER] as number;
  }
  set endTimer(ref: EventRef) {
    this.times[this.at + END_TIMER] = ref;
  }
}
