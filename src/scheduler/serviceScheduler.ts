import type { Simulation } from '../engine/simulation.js';
import type { Random } from '../engine/rng.js';
import type { ClusterObserver, ClusterState } from '../model/clusterState.js';
import { HostStatus, type Host } from '../model/host.js';
import type { ServiceSpec, TaskDefinitionSpec } from '../model/specs.js';
import type { DeploymentRecord } from './deployment.js';
import { ServiceRollouts } from './serviceRollouts.js';
import { addTask, canRetireDraining, createServiceState, removeTask, waitingFor, type ServiceState } from './serviceState.js';
import { OwnerKind, TaskState, type Task } from '../model/task.js';
import { diagnoseFailure } from '../placement/diagnose.js';
import { placeTask } from '../placement/place.js';
import type { SchedulerListener } from './listener.js';
import type { FargateCapacity } from '../capacity/fargate.js';
import type { CapacityProviderSpec } from '../model/specs.js';
import { scaleInService } from './serviceScaleIn.js';
import { daemonEligible, daemonObserver, scheduleDaemon } from './daemonScheduling.js';
import { placementViewFor } from './strategyCounts.js';
import type { PassParticipant, SchedulingPass } from './schedulingPass.js';
import type { TaskLifecycle } from './taskLifecycle.js';
import type { Workload } from './workload.js';
import type { PlacementDecisionObserver } from './listener.js';

/**
 * The ECS service scheduler (aws-behaviour.md §5). REPLICA keeps desiredCount tasks: it places the
 * shortfall (best effort, within the launch budget) and stops the excess by the scale-in rules.
 * DAEMON runs one task on every ACTIVE instance that meets its constraints. Stopped tasks are replaced.
 */

export class ServiceScheduler implements PassParticipant, ClusterObserver {
  /** Set by simulate() for run --explain; undefined otherwise. */
  decisions: PlacementDecisionObserver | undefined;
  private readonly services: ServiceState[];
  /** Services changed since they were last seen settled (hasWork looks only at these). */
  private readonly touched = new Set<ServiceState>();
  private readonly rollouts: ServiceRollouts;

  constructor(
    private readonly sim: Simulation,
    private readonly cluster: ClusterState,
    private readonly lifecycle: TaskLifecycle,
    private readonly pass: SchedulingPass,
    private readonly listener: SchedulerListener,
    workloads: readonly Workload[],
    specs: readonly ServiceSpec[],
    launchRatePerMinute: number,
    private readonly randomTieBreak: boolean,
    stream: (service: ServiceSpec, source: string) => Random,
    private readonly fargateCapacity: FargateCapacity,
    /** Check incremental bookkeeping against full scans (tests; slow). */
    selfCheck = false,
  ) {
    this.services = specs.map((spec, i) => createServiceState(spec, workloads[i] as Workload, launchRatePerMinute, (source) => stream(spec, source)));

    this.rollouts = new ServiceRollouts(sim, cluster, lifecycle, this.services, {
      forget: (s, task) => this.forget(s, task),
      startOne: (s) => this.startOne(s),
      touch: (s) => {
        this.touched.add(s);
        this.pass.request();
      },
    }, selfCheck);
  }

  /** UpdateService: a new revision starts a rolling deployment; a desired count is set as given. */
  updateService(service: number, taskDefinition: TaskDefinitionSpec | undefined, desired: number | undefined): void {
    const s = this.services[service] as ServiceState;
    if (desired !== undefined) this.setDesiredCount(service, desired);
    if (taskDefinition !== undefined && taskDefinition !== s.taskDefinition) this.rollouts.deploy(s, taskDefinition, false);
  }

  /** Deployments so far (for the summary). */
  deployments(service: number): readonly DeploymentRecord[] {
    return (this.services[service] as ServiceState).deployments;
  }

  /** Whether a deployment is in progress (Application Auto Scaling suspends scale-in meanwhile). */
  deploying(service: number): boolean {
    return (this.services[service] as ServiceState).rollout?.active === true;
  }

  start(): void {
    for (const s of this.services) {
      this.touched.add(s);
      this.listener.desiredChanged(s.spec.index, s.desired, this.sim.now);
    }
    this.pass.request();
  }

  setDesiredCount(service: number, desired: number): void {
    const s = this.services[service] as ServiceState;
    if (s.spec.daemon || s.desired === desired) return;
    s.desired = desired;
    this.touched.add(s);
    this.listener.desiredChanged(service, desired, this.sim.now);
    this.pass.request();
  }

  /**
   * Tasks waiting for instances of an Auto Scaling group provider (AWS shows them PROVISIONING): each
   * service's shortfall, when its strategy's next task goes to that provider, by task size.
   */
  provisioning(provider: number): { cpu: number; memory: number; count: number }[] {
    return this.services.flatMap((s) => waitingFor(s, provider));
  }

  /** RUNNING tasks of the service that are not being stopped (what target tracking scales from). */
  runningCount(service: number): number {
    return (this.services[service] as ServiceState).running;
  }

  /** The revision new tasks of the service use. */
  taskDefinitionOf(service: number): TaskDefinitionSpec {
    return (this.services[service] as ServiceState).taskDefinition;
  }

  desiredCount(service: number): number {
    return (this.services[service] as ServiceState).desired;
  }

  hasWork(): boolean {
    for (const s of this.touched) {
      if (s.tasks.size - s.draining.size !== s.desired || s.daemonNeeds.dueCount > 0 || canRetireDraining(s) || s.rollout?.active === true) return true;
      this.touched.delete(s);
    }
    return false;
  }

  schedule(): void {
    if (this.touched.size === 0) return;
    // In scenario order (not the order they were touched): daemons first, then replicas.
    for (const s of this.services) {
      if (!s.spec.daemon || !this.touched.has(s)) continue;
      scheduleDaemon(s, (host) => this.launch(s, host), (reason) => this.listener.placementFailed(OwnerKind.Service, s.spec.index, reason, this.sim.now));
    }
    for (const s of this.services) if (!s.spec.daemon && this.touched.has(s)) this.scheduleReplica(s);
  }

  hostRegistered(host: Host): void {
    for (const s of this.services) {
      if (!s.spec.daemon || !daemonEligible(s, host)) continue;
      s.daemonHosts.add(host);
      s.daemonNeeds.add(host);
      this.touched.add(s);
      this.setDaemonDesired(s);
    }
    this.pass.request();
  }

  /**
   * Container instance draining (aws-behaviour.md §5): service tasks not yet RUNNING stop at once;
   * RUNNING ones are replaced elsewhere within maximumPercent and stopped within minimumHealthyPercent.
   * DAEMON tasks stay until the instance goes.
   */
  hostDraining(host: Host): void {
    for (const task of host.tasks()) {
      if (task.ownerKind !== OwnerKind.Service || task.state >= TaskState.Stopping) continue;
      const s = this.services[task.owner] as ServiceState;
      if (s.spec.daemon || !s.tasks.has(task)) continue;
      if (task.state === TaskState.Running) s.draining.add(task);
      else {
        this.forget(s, task);
        this.lifecycle.requestStop(task, 'ServiceSchedulerInitiated', `Container instance ${host.instanceId} is DRAINING`);
      }
      this.touched.add(s);
    }
    this.pass.request();
  }

  hostTerminated(host: Host): void {
    for (const s of this.services) {
      if (s.spec.daemon && s.daemonHosts.delete(host)) {
        s.daemonNeeds.delete(host);
        this.setDaemonDesired(s);
      }
    }
  }

  taskStateChanged(task: Task, from: TaskState): void {
    if (task.ownerKind !== OwnerKind.Service) return;
    const s = this.services[task.owner] as ServiceState;
    if (task.state === TaskState.Running) {
      if (s.tasks.has(task)) s.running++;
      this.rollouts.running(s, task);
      if (s.draining.size > 0) {
        // A replacement came up: a draining task may now be stopped.
        this.touched.add(s);
        this.pass.request();
      }
    }
    if (task.state < TaskState.Stopping) return;
    // A task the scheduler did not choose to stop (a Spot notice, a crash) is replaced at once.
    if (this.forget(s, task, from === TaskState.Running)) {
      this.rollouts.stoppedUnasked(s, task);
      this.pass.request();
    }
    this.touched.add(s);
  }

  /** The task no longer counts toward the service (it is STOPPING, or chosen to stop). */
  forget(s: ServiceState, task: Task, wasRunning = task.state === TaskState.Running): boolean {
    if (!removeTask(s, task)) return false;
    this.rollouts.removed(s, task);
    if (wasRunning) s.running--;
    s.draining.delete(task);
    s.strategy?.remove(task.provider);
    return true;
  }

  taskStopped(task: Task): void {
    if (task.ownerKind === OwnerKind.Service) {
      const s = this.services[task.owner] as ServiceState;
      const host = task.host;
      if (s.spec.daemon && host !== undefined && host.status === HostStatus.Active && s.daemonHosts.has(host)) s.daemonNeeds.add(host);
      this.touched.add(s);
    }
    this.pass.request();
  }

  private setDaemonDesired(s: ServiceState): void {
    s.desired = s.daemonHosts.size;
    this.touched.add(s);
    this.listener.desiredChanged(s.spec.index, s.desired, this.sim.now);
  }

  private retireDraining(s: ServiceState): void {
    while (canRetireDraining(s)) {
      const task = s.draining.values().next().value as Task;
      this.forget(s, task);
      this.lifecycle.deregisterThenStop(task, 'ServiceSchedulerInitiated', `Container instance ${task.host?.instanceId ?? ''} is DRAINING`, s.spec.deregistrationMs);
    }
  }

  private scheduleReplica(s: ServiceState): void {
    this.retireDraining(s);
    if (s.rollout !== undefined) {
      // A failed deployment without rollback leaves the service as it is (no new tasks).
      if (s.rollout.active) this.rollouts.step(s, s.rollout);
      return;
    }
    if (s.tasks.size - s.draining.size > s.desired) {
      scaleInService(s, this.cluster, (victim) => {
        this.forget(s, victim);
        this.lifecycle.deregisterThenStop(victim, 'ServiceSchedulerInitiated', `Service ${s.spec.name} scaled in to ${s.desired}`, s.spec.deregistrationMs);
      });
    }
    // Replacements for draining tasks may run alongside them up to floor(desired × maximumPercent).
    const ceiling = s.draining.size > 0 ? Math.max(s.desired, Math.floor((s.desired * s.spec.maximumPercent) / 100)) : s.desired;
    while (s.tasks.size - s.draining.size < s.desired && s.tasks.size < ceiling) if (!this.startOne(s)) return;
  }

  /** Starts one task (placement or Fargate); false when it must wait (launch budget, no room). */
  startOne(s: ServiceState): boolean {
    const now = this.sim.now;
    if (s.failedAt === this.cluster.capacityVersion) return false;
    const wait = s.budget.waitFor(now);
    if (wait > 0) {
      if (s.retryAt <= now) {
        s.retryAt = now + wait;
        this.pass.requestAt(s.retryAt);
      }
      return false;
    }
    const provider = s.strategy?.next();
    if (provider !== undefined && provider.kind !== 'asg') {
      s.budget.take(now);
      this.fargateCapacity.launch(this.newTask(s, provider), provider);
      return true;
    }
    const view = placementViewFor(this.cluster, provider);
    const host = placeTask(s.request, view, this.randomTieBreak, s.workload.streams.placement);
    if (host === undefined) {
      s.failedAt = this.cluster.capacityVersion;
      this.listener.placementFailed(OwnerKind.Service, s.spec.index, diagnoseFailure(s.request, view), now);
      return false;
    }
    if (this.decisions?.wants(OwnerKind.Service, s.spec.index) === true) this.decisions.decided(OwnerKind.Service, s.spec.index, s.request, view, host, now);
    s.budget.take(now);
    this.launch(s, host, provider);
    return true;
  }

  /**
   * For the DAEMON services (registered with the cluster only when there are some): a task placed,
   * changing state or stopping on an instance that still needs a daemon makes that instance due a try.
   */
  daemonObserver(): ClusterObserver | undefined {
    return daemonObserver(this.services, (s) => this.touched.add(s), () => this.pass.request());
  }

  private newTask(s: ServiceState, provider: CapacityProviderSpec | undefined): Task {
    const task = this.cluster.createTask(OwnerKind.Service, s.spec.index, s.workload.request.group, s.taskDefinition, this.sim.now);
    if (provider !== undefined) s.strategy?.assign(task, provider);
    addTask(s, task);
    this.rollouts.added(s, task);
    return task;
  }

  private launch(s: ServiceState, host: Host, provider?: CapacityProviderSpec): void {
    this.lifecycle.start(this.newTask(s, provider), host);
  }
}
