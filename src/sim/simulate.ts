import { RandomStreams } from '../engine/rng.js';
import { Simulation, type RunStats } from '../engine/simulation.js';
import { Ec2Billing } from '../billing/ec2Billing.js';
import { FargateBilling } from '../billing/fargateBilling.js';
import { FargateCapacity } from '../capacity/fargate.js';
import { AutoScalingGroups } from '../capacity/autoScalingGroups.js';
import { Recorder } from '../metrics/recorder.js';
import { buildSummary, type Summary } from '../metrics/summary.js';
import { ClusterState, type ClusterObserver } from '../model/clusterState.js';
import { HostIndex } from '../model/hostIndex.js';
import type { InstanceTypeSpec, ScenarioModel } from '../model/specs.js';
import { OwnerKind, type Task } from '../model/task.js';
import { indexRequirements } from '../placement/indexPlan.js';
import { JobScheduler } from '../scheduler/jobScheduler.js';
import { SchedulingPass } from '../scheduler/schedulingPass.js';
import { ServiceCrashes } from '../scheduler/serviceCrashes.js';
import { ServiceScheduler } from '../scheduler/serviceScheduler.js';
import { TaskLifecycle } from '../scheduler/taskLifecycle.js';
import { Timeline } from '../scheduler/timeline.js';
import { SpotMarket } from '../spot/spotMarket.js';
import { jobWorkload, serviceWorkload, type Workload } from '../scheduler/workload.js';
import { startSampler, type SampleRow } from './sampler.js';
import { ServiceMetrics } from '../scaling/serviceMetrics.js';
import { ServiceAutoScaling, type ScalingActivityListener } from '../scaling/serviceAutoScaling.js';
import { ClusterAutoScaling } from '../scaling/clusterAutoScaling.js';
import { PlacementExplainer, type ExplanationRow } from '../metrics/placementExplainer.js';

/** Where a run's detail goes as it happens (the report layer streams it to files). */
export interface SimulationSink {
  sample?(row: SampleRow): void;
  /** A task reached STOPPED (the object is reused afterwards: copy what you need now). */
  taskFinished?(task: Task, owner: Workload): void;
  /** Called at the end for tasks not yet STOPPED (still running, or still waiting in the queue). */
  taskUnfinished?(task: Task, owner: Workload): void;
  /** An autoscaling decision (from = to: considered and blocked). */
  scalingActivity?(row: ScalingActivityRow): void;
  /** A placement of a service or job named in SimulateOptions.explain, with its reasons. */
  explanation?(row: ExplanationRow): void;
}

export interface ScalingActivityRow {
  readonly timeMs: number;
  /** The service, or the capacity provider for cluster auto scaling. */
  readonly target: string;
  readonly source: string;
  readonly from: number;
  readonly to: number;
  readonly reason: string;
}

export interface SimulateOptions {
  readonly sink?: SimulationSink;
  /** Extra observers of cluster changes, called after the built-in ones (tests, tools). */
  readonly observers?: readonly ClusterObserver[];
  readonly onProgress?: (simulatedMs: number, events: number) => void;
  /** Services or jobs (by name) whose EC2 placements are explained to sink.explanation (each costs a scan of the hosts). */
  readonly explain?: readonly string[];
  /** Tests: check incrementally kept counts against full scans as the run goes (slow). */
  readonly selfCheck?: boolean;
}

export interface SimulationResult {
  readonly summary: Summary;
  readonly run: RunStats;
  readonly placements: number;
}

/** ENIs a host offers awsvpc tasks: all but the primary, or the branch ENIs with trunking. */
function eniLimit(trunking: boolean): (type: InstanceTypeSpec) => number {
  return ({ info: type }) => {
    if (trunking && type.branchEnis > 0) return type.branchEnis;
    return Math.max(0, (type.maxEnis ?? 1) - 1);
  };
}

/**
 * The cluster and its placement indexes: one over all instances for the EC2 launch type, and one per
 * Auto Scaling group whose capacity provider some strategy uses, each keeping the orders its
 * workloads' strategies walk.
 */
function createCluster(model: ScenarioModel, randomTieBreak: boolean): ClusterState {
  const workloads = [...model.services, ...model.jobs];
  const ec2 = workloads.filter((w) => w.launch.type === 'ec2');
  const cluster = new ClusterState(
    new HostIndex(indexRequirements(ec2.map((w) => w.placement.strategies), randomTieBreak)),
    model.spreadAttributes,
    model.agentVersion,
    eniLimit(model.awsvpcTrunking),
  );
  if (ec2.length === 0) cluster.skipGlobalIndex();
  for (const group of model.autoScalingGroups) {
    const users = workloads.filter((w) => w.launch.type === 'strategy' && w.launch.items.some((i) => i.provider.group === group));
    if (users.length > 0) cluster.indexProvider(group.index, new HostIndex(indexRequirements(users.map((w) => w.placement.strategies), randomTieBreak)));
  }
  const placements = workloads.map((w) => w.placement);
  if (placements.some((p) => p.memberOf.some((q) => q.dependsOnTasks))) cluster.groups.trackEverything();
  return cluster;
}

/** Runs a scenario to its end. Components are created and registered in this fixed order. */
export function simulate(model: ScenarioModel, options: SimulateOptions = {}): SimulationResult {
  const sim = new Simulation(4096);
  const streams = new RandomStreams(model.seed);
  const randomTieBreak = model.settings.placementTieBreak === 'random';
  const cluster = createCluster(model, randomTieBreak);
  const serviceWorkloads = model.services.map((s) => serviceWorkload(s, cluster, streams));
  const jobWorkloads = model.jobs.map((j) => jobWorkload(j, cluster, streams));
  const workloadOf = (task: Task): Workload => (task.ownerKind === OwnerKind.Service ? serviceWorkloads : jobWorkloads)[task.owner] as Workload;

  const lifecycle = new TaskLifecycle(sim, cluster, workloadOf, model.settings.eniAttachTime);
  const recorder = new Recorder(model.services.length, model.jobs.length);
  const market = new SpotMarket(sim, model.spot, streams);
  const providerKinds = new Set([...model.services, ...model.jobs].flatMap((w) => (w.launch.type === 'strategy' ? w.launch.items.map((i) => i.provider.kind) : [])));
  const usesFargate = providerKinds.has('fargate') || providerKinds.has('fargateSpot');
  const fargate = new FargateCapacity(
    sim, cluster, lifecycle, model.fargate, model.availabilityZones, { services: model.services.length, jobs: model.jobs.length },
    (task) => workloadOf(task).streams.provisioning, market, providerKinds.has('fargateSpot'), model.spot.fargateSpotStopCode, recorder,
  );
  const fargateBilling = new FargateBilling(model.capacityProviders, model.fargate, model.services.length, model.jobs.length);
  const crashes = new ServiceCrashes(sim, lifecycle, serviceWorkloads);
  const pass = new SchedulingPass(sim);
  const billing = new Ec2Billing(model.services.length, model.jobs.length, model.settings.costCpuWeight);
  const services = new ServiceScheduler(
    sim, cluster, lifecycle, pass, recorder, serviceWorkloads, model.services, model.settings.serviceLaunchRatePerMinute, randomTieBreak,
    (s, source) => streams.stream(`service:${s.name}:${source}`),
    fargate,
    options.selfCheck === true,
  );
  const jobs = new JobScheduler(sim, cluster, lifecycle, pass, recorder, model.jobs, jobWorkloads, streams, model.settings.jobQueue === 'backfill', randomTieBreak, fargate);
  const metrics = new ServiceMetrics(sim, cluster, model, streams, (i) => services.runningCount(i), (i) => services.desiredCount(i), (i) => services.taskDefinitionOf(i), ServiceAutoScaling.periods(model.scaling));
  const scalingLog: ScalingActivityListener = {
    scalingActivity: (now, service, source, from, to, reason) => {
      recorder.scalingActivity(now, service, source, from, to);
      const target = service >= 0 ? (model.services[service]?.name ?? '') : source;
      options.sink?.scalingActivity?.({ timeMs: now, target, source: service >= 0 ? source : 'managedScaling', from, to, reason });
    },
  };
  const autoScaling = new ServiceAutoScaling(sim, model.scaling, services, scalingLog, model.startEpochMs);
  metrics.onDatapoint(autoScaling);
  const isDaemonTask = (task: Task) => task.ownerKind === OwnerKind.Service && model.services[task.owner]?.daemon === true;
  const groups = new AutoScalingGroups(sim, cluster, model, streams, lifecycle, recorder, isDaemonTask);
  groups.attachSpotMarket(market);
  const clusterScaling = new ClusterAutoScaling(sim, model.capacityProviders, groups, [services, jobs], scalingLog, model.scaling.clusterScaleOutDatapoints, options.selfCheck === true);
  if (clusterScaling.active) groups.membershipChanged = (host) => clusterScaling.touch(host);
  new Timeline(sim, cluster, groups, services, market, model.timeline, streams.stream('timeline'));

  cluster.observe(crashes);
  cluster.observe(billing);
  // Fargate's observers only where Fargate is used: they would see every task change for nothing.
  if (usesFargate) cluster.observe(fargateBilling);
  cluster.observe(recorder);
  cluster.observe(services);
  const daemons = services.daemonObserver();
  if (daemons !== undefined) cluster.observe(daemons);
  // Demand observers only where some service has demand (they would see every task change for nothing).
  if (metrics.active) cluster.observe(metrics);
  if (model.jobs.some((j) => j.launch.type === 'strategy')) cluster.observe(jobs);
  if (usesFargate) cluster.observe(fargate);
  if (clusterScaling.active) cluster.observe(clusterScaling);
  const sink = options.sink;
  if (sink?.taskFinished !== undefined) {
    const finished = sink.taskFinished.bind(sink);
    cluster.observe({ taskStopped: (task) => finished(task, workloadOf(task)) });
  }
  if (options.explain !== undefined && options.explain.length > 0) {
    const wanted = new Set(options.explain);
    const names = { services: model.services.map((x) => x.name), jobs: model.jobs.map((x) => x.name) };
    const pick = (list: readonly string[]) => new Set(list.flatMap((name, i) => (wanted.has(name) ? [i] : [])));
    const explainer = new PlacementExplainer(pick(names.services), pick(names.jobs), names, randomTieBreak, (row) => options.sink?.explanation?.(row));
    services.decisions = explainer;
    jobs.decisions = explainer;
    cluster.observe(explainer);
  }
  for (const observer of options.observers ?? []) cluster.observe(observer);
  pass.add(services);
  pass.add(jobs);
  const costSoFar = (now: number) => billing.costSoFar(now) + fargateBilling.costSoFar(now);
  startSampler(sim, model.sampleIntervalMs, { cluster, recorder, costSoFar, spotWaiting: () => fargate.spotWaiting, billing, jobs, metrics, autoScaling, clusterScaling, groups }, (row) => sink?.sample?.(row));
  if (options.onProgress !== undefined) {
    sim.onProgress = options.onProgress;
    sim.progressEvery = 1 << 18;
  }

  market.start();
  groups.startFleet();
  services.start();
  jobs.start();
  metrics.start();
  autoScaling.start();
  clusterScaling.start();
  const run = sim.run(model.durationMs);

  const end = model.durationMs;
  recorder.finish(end);
  model.services.forEach((s) => metrics.stats(s.index)?.finish(end));
  for (const host of cluster.hosts) {
    for (const task of host.tasks()) {
      billing.closeTask(task, end);
      sink?.taskUnfinished?.(task, workloadOf(task));
    }
  }
  for (const task of cluster.activeFargateTasks()) {
    fargateBilling.closeTask(task, end);
    sink?.taskUnfinished?.(task, workloadOf(task));
  }
  for (const task of jobs.waitingTasks()) sink?.taskUnfinished?.(task, workloadOf(task));
  const settled = billing.settle(cluster.hosts, end);
  const summary = buildSummary({
    model, recorder, billing, fargate: fargateBilling, market, settled, cluster, events: run.events, jobsQueued: jobs.queued, spotWaiting: fargate.spotWaiting, metrics, autoScaling, deployments: (i) => services.deployments(i),
  });
  return { summary, run, placements: recorder.placements };
}
