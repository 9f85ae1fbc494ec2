import type { EventKind, Simulation } from '../engine/simulation.js';
import type { ClusterState } from '../model/clusterState.js';
import type { TaskDefinitionSpec } from '../model/specs.js';
import { TaskState, type Task } from '../model/task.js';
import { Phase } from '../sim/phases.js';
import { planRollout, Rollout, type DeploymentRecord, type RolloutStep } from './deployment.js';
import { RolloutTracker } from './rolloutTracker.js';
import type { ServiceState } from './serviceState.js';
import type { TaskLifecycle } from './taskLifecycle.js';

/** What rollouts need of the service scheduler. */
export interface RolloutOps {
  /** The task no longer counts toward the service (false when it already did not). */
  forget(s: ServiceState, task: Task): boolean;
  /** Starts one task of the service's current revision; false when it must wait. */
  startOne(s: ServiceState): boolean;
  /** The service needs a scheduling pass. */
  touch(s: ServiceState): void;
}

/**
 * The service scheduler's rolling deployments (aws-behaviour.md §5; rules in deployment.ts): starting
 * one, health checks of new-revision tasks, the circuit breaker and rollback, and each pass's step.
 */
export class ServiceRollouts {
  private readonly healthKind: EventKind;
  /** Per task slot: the id of the new-revision task whose health check is due (0: none). */
  private readonly healthDue: number[] = [];
  /** Per service: its deployment's plan kept incrementally (rolloutTracker.ts), while one is in progress. */
  private readonly trackers: (RolloutTracker | undefined)[];

  constructor(
    private readonly sim: Simulation,
    cluster: ClusterState,
    private readonly lifecycle: TaskLifecycle,
    private readonly services: readonly ServiceState[],
    private readonly ops: RolloutOps,
    /** Compare every incremental plan with planRollout over the service's tasks (tests; slow). */
    private readonly selfCheck = false,
  ) {
    this.trackers = services.map(() => undefined);
    this.healthKind = sim.register('service.healthCheck', Phase.Task, (slot) => this.checkHealth(cluster.taskAt(slot)));
  }

  /** The scheduler added a task to the service. */
  added(s: ServiceState, task: Task): void {
    this.trackers[s.spec.index]?.added(task);
  }

  /** The scheduler forgot a task of the service (chosen to stop, or stopped). */
  removed(s: ServiceState, task: Task): void {
    this.trackers[s.spec.index]?.removed(task);
  }

  /** A task reached RUNNING: a new-revision task's health check falls due healthyAfter later. */
  running(s: ServiceState, task: Task): void {
    this.trackers[s.spec.index]?.running(task);
    if (!s.rollout?.active || task.taskDefinition !== s.rollout.taskDefinition) return;
    this.healthDue[task.slot] = task.id;
    this.sim.scheduleIn(this.healthKind, s.spec.healthyAfterMs, task.slot);
  }

  /** A task stopped without the scheduler asking: a new-revision task that had not passed is a failure. */
  stoppedUnasked(s: ServiceState, task: Task): void {
    if (s.rollout?.active && task.taskDefinition === s.rollout.taskDefinition && !s.rollout.passed.has(task.id)) this.failed(s);
  }

  deploy(s: ServiceState, td: TaskDefinitionSpec, rollback: boolean): void {
    const now = this.sim.now;
    const previous = s.rollout?.active === true ? s.rollout.previous : s.taskDefinition;
    if (s.rollout?.active) {
      s.rollout.record.state = 'FAILED';
      s.rollout.record.endedAt = now;
    }
    const record: DeploymentRecord = { taskDefinition: td.key, from: s.taskDefinition.key, rollback, startedAt: now, endedAt: -1, state: 'IN_PROGRESS', failedTasks: 0 };
    s.deployments.push(record);
    s.rollout = new Rollout(td, previous, record, s.spec.circuitBreaker, s.spec.healthyAfterMs);
    this.trackers[s.spec.index] = new RolloutTracker(s.rollout, s.tasks, now);
    s.taskDefinition = td;
    s.request = { ...s.workload.request, cpu: td.cpu, memory: td.memory, hostPorts: td.hostPorts, usesEni: td.usesEni, cpuArchitecture: td.cpuArchitecture };
    s.failedAt = -1;
    this.ops.touch(s);
  }

  /** A new-revision task's health check is due. */
  private checkHealth(task: Task): void {
    if (this.healthDue[task.slot] !== task.id) return;
    this.healthDue[task.slot] = 0;
    const s = this.services[task.owner] as ServiceState;
    const r = s.rollout;
    if (r === undefined || !r.active || task.state !== TaskState.Running || task.taskDefinition !== r.taskDefinition) return;
    if (s.healthStream() < task.taskDefinition.unhealthyProbability) {
      this.ops.forget(s, task);
      this.lifecycle.deregisterThenStop(task, 'ServiceSchedulerInitiated', 'Task failed ELB health checks', s.spec.deregistrationMs);
      this.failed(s);
    } else {
      r.passedCheck(task);
      this.trackers[s.spec.index]?.passed(task, this.sim.now);
    }
    this.ops.touch(s);
  }

  /** A new-revision task failed: the circuit breaker may trip (and roll back). */
  private failed(s: ServiceState): void {
    const r = s.rollout;
    if (r === undefined || !r.active) return;
    if (!r.fail(s.desired, this.sim.now)) return;
    // A failed deployment plans no more steps: its tracker goes (a rollback makes a new one).
    this.trackers[s.spec.index] = undefined;
    if (r.rollsBack) this.deploy(s, r.previous, true);
  }

  step(s: ServiceState, r: Rollout): void {
    const now = this.sim.now;
    const plan = this.plan(s, r, now);
    for (const t of plan.stop) {
      this.ops.forget(s, t);
      this.lifecycle.deregisterThenStop(t, 'ServiceSchedulerInitiated', `Deployment to ${r.taskDefinition.key}`, s.spec.deregistrationMs);
    }
    for (let i = 0; i < plan.start; i++) if (!this.ops.startOne(s)) break;
    if (plan.done) {
      r.record.state = 'COMPLETED';
      r.record.endedAt = now;
      s.rollout = undefined;
      this.trackers[s.spec.index] = undefined;
    }
  }

  /** This pass's step: from the tracker (checked against planRollout over every task with selfCheck). */
  private plan(s: ServiceState, r: Rollout, now: number): RolloutStep {
    const tracker = this.trackers[s.spec.index] as RolloutTracker;
    const plan = tracker.plan(s.desired, s.spec.minimumHealthyPercent, s.spec.maximumPercent, now);
    if (this.selfCheck) {
      const want = planRollout(r, s.tasks, s.desired, s.spec.minimumHealthyPercent, s.spec.maximumPercent, now);
      const same = want.start === plan.start && want.done === plan.done && want.stop.length === plan.stop.length && want.stop.every((t, i) => plan.stop[i] === t);
      if (!same) throw new Error(`rollout of ${s.spec.name} at ${now}: tracker ${JSON.stringify(summary(plan))}, planRollout ${JSON.stringify(summary(want))}`);
    }
    return plan;
  }
}

function summary(step: RolloutStep): { stop: number[]; start: number; done: boolean } {
  return { stop: step.stop.map((t) => t.id), start: step.start, done: step.done };
}
