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

export class Task {
  /** Position in the cluster's task table; event payloads refer to tasks by it. */
  slot = -1;
  id = 0;
  ownerKind = OwnerKind.Service;
  owner = 0;
  group = 0;
  taskDefinition!: TaskDefinitionSpec;
  host: Host | undefined;
  /** Capacity provider (index in ScenarioModel.capacityProviders), or -1 for the EC2 launch type. */
  provider = -1;
  /** Fargate tasks: the availability zone of their capacity ('' on EC2, where the host's zone counts). */
  zone = '';
  fargate = false;
  /** Neighbours in the host's task list (see Host). */
  prevOnHost: Task | undefined;
  nextOnHost: Task | undefined;
  state = TaskState.Provisioning;
  /** When the task was asked for (job arrival; for services, when the scheduler placed it). */
  createdAt = 0;
  placedAt = -1;
  pullStartedAt = -1;
  startedAt = -1;
  stoppingAt = -1;
  stoppedAt = -1;
  stopCode: StopCode | '' = '';
  /** Stopped (or about to be) because its Spot capacity was reclaimed. */
  interrupted = false;
  /** Leaving the load balancer before its stop (deregistration delay). */
  deregistering = false;
  stoppedReason = '';
  /** The next lifecycle event, cancelled if the task is stopped early. */
  timer: EventRef = -1;
  /** Crash or run-completion event while RUNNING. */
  endTimer: EventRef = -1;
}
