import type { Random } from '../engine/rng.js';
import type { Host } from '../model/host.js';
import type { ServiceSpec, TaskDefinitionSpec } from '../model/specs.js';
import type { Task } from '../model/task.js';
import type { PlacementRequest } from '../placement/types.js';
import type { DeploymentRecord, Rollout } from './deployment.js';
import { DaemonNeeds } from './daemonNeeds.js';
import { LaunchBudget } from './launchBudget.js';
import { StrategyCounts } from './strategyCounts.js';
import type { Workload } from './workload.js';

/** What the service scheduler keeps per service (owned by ServiceScheduler and its helpers). */
export interface ServiceState {
  readonly spec: ServiceSpec;
  readonly workload: Workload;
  readonly budget: LaunchBudget;
  readonly scaleInStream: Random;
  desired: number;
  /** capacityVersion at the last failed placement: no retry until capacity changes. */
  failedAt: number;
  /** When a pass is already booked for the launch budget to refill. */
  retryAt: number;
  /** Tasks not yet STOPPING. */
  readonly tasks: Set<Task>;
  /** Of `tasks`, those of each capacity provider (by provider index; with a strategy only). */
  readonly byProvider: Set<Task>[];
  /** Those of them on DRAINING instances, still RUNNING: replaced within minimumHealthyPercent/maximumPercent. */
  readonly draining: Set<Task>;
  /** Of `tasks`, those RUNNING. */
  running: number;
  /** The revision new tasks use, and its placement request. */
  taskDefinition: TaskDefinitionSpec;
  request: PlacementRequest;
  /** The deployment in progress (or failed without rollback), and every deployment so far. */
  rollout: Rollout | undefined;
  readonly deployments: DeploymentRecord[];
  readonly healthStream: Random;
  /** With a capacity provider strategy: those tasks per provider. */
  readonly strategy: StrategyCounts | undefined;
  readonly fargate: boolean;
  /** DAEMON: eligible ACTIVE hosts still without a task, and which are due a try. */
  readonly daemonNeeds: DaemonNeeds;
  readonly daemonHosts: Set<Host>;
}

export function createServiceState(spec: ServiceSpec, workload: Workload, launchRatePerMinute: number, stream: (source: string) => Random): ServiceState {
  return {
    spec,
    workload,
    budget: LaunchBudget.perMinute(launchRatePerMinute),
    scaleInStream: stream('scaleIn'),
    desired: spec.daemon ? 0 : spec.desiredCount,
    failedAt: -1,
    retryAt: -1,
    tasks: new Set(),
    byProvider: [],
    draining: new Set(),
    running: 0,
    taskDefinition: spec.taskDefinition,
    request: workload.request,
    rollout: undefined,
    deployments: [],
    healthStream: stream('healthCheck'),
    strategy: spec.launch.type === 'strategy' ? new StrategyCounts(spec.launch.items) : undefined,
    fargate: spec.launch.type === 'strategy' && spec.launch.fargate,
    daemonNeeds: new DaemonNeeds(),
    daemonHosts: new Set(),
  };
}

/** Tasks on one provider (the scale-in choice is made among them), or all tasks without a strategy (-1). */
export function scaleInPool(s: ServiceState, provider = s.strategy?.toShrink() ?? -1): ReadonlySet<Task> {
  return provider < 0 ? s.tasks : (s.byProvider[provider] ?? NO_TASKS);
}

const NO_TASKS: ReadonlySet<Task> = new Set();

/** Adds a new task to the service's sets. */
export function addTask(s: ServiceState, task: Task): void {
  s.tasks.add(task);
  if (task.provider < 0) return;
  let pool = s.byProvider[task.provider];
  if (pool === undefined) {
    while (s.byProvider.length < task.provider) s.byProvider.push(new Set());
    pool = new Set();
    s.byProvider[task.provider] = pool;
  }
  pool.add(task);
}

/** Removes a task from the service's sets; false when it was not one of them. */
export function removeTask(s: ServiceState, task: Task): boolean {
  if (!s.tasks.delete(task)) return false;
  if (task.provider >= 0) s.byProvider[task.provider]?.delete(task);
  return true;
}

/** Whether a draining task can stop now: RUNNING tasks would stay at or above ceil(desired × minimumHealthyPercent). */
export function canRetireDraining(s: ServiceState): boolean {
  return s.draining.size > 0 && s.running - 1 >= Math.ceil((s.desired * s.spec.minimumHealthyPercent) / 100);
}

/** The service's shortfall, by task size, when its strategy's next task goes to `provider` (cluster auto scaling). */
export function waitingFor(s: ServiceState, provider: number): { cpu: number; memory: number; count: number }[] {
  if (s.strategy === undefined || s.spec.daemon) return [];
  const shortfall = s.desired - (s.tasks.size - s.draining.size);
  if (shortfall <= 0 || s.strategy.next().index !== provider) return [];
  return [{ cpu: s.taskDefinition.cpu, memory: s.taskDefinition.memory, count: shortfall }];
}
