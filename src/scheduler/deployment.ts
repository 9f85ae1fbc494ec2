import type { CircuitBreakerSpec, TaskDefinitionSpec } from '../model/specs.js';
import { TaskState, type Task } from '../model/task.js';

/**
 * Rolling deployments of the ECS deployment controller (aws-behaviour.md §5): the service moves to a
 * new task definition while keeping at least ceil(desired × minimumHealthyPercent) healthy tasks and at
 * most floor(desired × maximumPercent) tasks; a task counts as healthy `healthyAfterMs` after RUNNING
 * (new-revision tasks also after passing their health check). The circuit breaker counts new tasks that
 * fail (stop before RUNNING, crash or fail the health check before healthy) and fails the deployment at
 * its threshold — rolling back to the previous revision when asked to.
 */
export type DeploymentState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface DeploymentRecord {
  readonly taskDefinition: string;
  readonly from: string;
  readonly rollback: boolean;
  readonly startedAt: number;
  endedAt: number;
  state: DeploymentState;
  failedTasks: number;
}

export function circuitBreakerThreshold(cb: CircuitBreakerSpec, desired: number): number {
  switch (cb.thresholdType) {
    case 'COUNT':
      return cb.thresholdValue;
    case 'UNBOUNDED_PERCENT':
      return Math.max(1, Math.ceil((desired * cb.thresholdValue) / 100));
    case 'BOUNDED_PERCENT':
      return Math.min(200, Math.max(cb.minimumThreshold, Math.ceil((desired * cb.thresholdValue) / 100)));
  }
}

/** Rounding of aws-behaviour.md §5: min = ceil(desired × min%), max = floor(desired × max%). */
export function rolloutBounds(desired: number, minimumHealthyPercent: number, maximumPercent: number): { minHealthy: number; maxTotal: number } {
  return { minHealthy: Math.ceil((desired * minimumHealthyPercent) / 100 - 1e-9), maxTotal: Math.floor((desired * maximumPercent) / 100 + 1e-9) };
}

export class Rollout {
  /** Ids of the new-revision tasks that passed their health check (ids: task objects are pooled and reused). */
  readonly passed = new Set<number>();
  failures = 0;

  constructor(
    readonly taskDefinition: TaskDefinitionSpec,
    readonly previous: TaskDefinitionSpec,
    readonly record: DeploymentRecord,
    private readonly circuitBreaker: CircuitBreakerSpec | undefined,
    readonly healthyAfterMs: number,
  ) {}

  get active(): boolean {
    return this.record.state === 'IN_PROGRESS';
  }

  healthy(task: Task, now: number): boolean {
    if (task.state !== TaskState.Running || now - task.startedAt < this.healthyAfterMs) return false;
    // Tasks of the target revision that ran before this deployment (a rollback's) have proven themselves.
    return task.taskDefinition !== this.taskDefinition || this.passed.has(task.id) || task.startedAt < this.record.startedAt;
  }

  /** A new-revision task failed; true when the circuit breaker trips now. */
  fail(desired: number, now: number): boolean {
    this.record.failedTasks++;
    this.failures++;
    if (this.circuitBreaker === undefined || this.failures < circuitBreakerThreshold(this.circuitBreaker, desired)) return false;
    this.record.state = 'FAILED';
    this.record.endedAt = now;
    return true;
  }

  passedCheck(task: Task): void {
    this.passed.add(task.id);
    if (this.circuitBreaker?.resetOnHealthyTask !== false) this.failures = 0;
  }

  get rollsBack(): boolean {
    return this.circuitBreaker?.rollback === true;
  }
}

/** What one step of a rollout asks for: tasks to stop now, and how many new tasks it may start. */
export interface RolloutStep {
  readonly stop: Task[];
  readonly start: number;
  readonly done: boolean;
}

/**
 * One pass of the rollout: old tasks not yet healthy go at once; healthy old tasks go while the healthy
 * count stays at or above the minimum; new tasks beyond desired go (not healthy first); new tasks start
 * up to desired within the maximum (none once the deployment failed). Done when only healthy new tasks,
 * as many as desired, remain.
 */
export function planRollout(r: Rollout, tasks: Iterable<Task>, desired: number, minPct: number, maxPct: number, now: number): RolloutStep {
  const { minHealthy, maxTotal } = rolloutBounds(desired, minPct, maxPct);
  const old: Task[] = [];
  const fresh: Task[] = [];
  let healthy = 0;
  for (const t of tasks) {
    (t.taskDefinition === r.taskDefinition ? fresh : old).push(t);
    if (r.healthy(t, now)) healthy++;
  }
  const stop: Task[] = [];
  for (const t of old) {
    if (r.healthy(t, now)) continue;
    stop.push(t);
  }
  for (const t of old) {
    if (!r.healthy(t, now) || healthy - 1 < minHealthy) continue;
    stop.push(t);
    healthy--;
  }
  const extra = fresh.length - desired;
  if (extra > 0) stop.push(...[...fresh].sort((a, b) => Number(r.healthy(a, now)) - Number(r.healthy(b, now))).slice(0, extra));
  const remaining = old.length + fresh.length - stop.length;
  const freshLeft = Math.min(fresh.length, desired);
  const start = r.active ? Math.max(0, Math.min(desired - freshLeft, maxTotal - remaining)) : 0;
  const oldLeft = old.length - stop.filter((t) => t.taskDefinition !== r.taskDefinition).length;
  const healthyFresh = fresh.filter((t) => r.healthy(t, now)).length;
  return { stop, start, done: r.active && oldLeft === 0 && healthyFresh >= desired && fresh.length - Math.max(0, extra) === desired };
}
