import type { Simulation } from '../engine/simulation.js';
import type { Ec2Billing } from '../billing/ec2Billing.js';
import type { ClusterState } from '../model/clusterState.js';
import type { Recorder } from '../metrics/recorder.js';
import type { JobScheduler } from '../scheduler/jobScheduler.js';
import { Phase } from './phases.js';
import type { ServiceMetrics } from '../scaling/serviceMetrics.js';
import type { ServiceAutoScaling } from '../scaling/serviceAutoScaling.js';
import type { ClusterAutoScaling } from '../scaling/clusterAutoScaling.js';
import type { AutoScalingGroups } from '../capacity/autoScalingGroups.js';

/** One row of timeseries.csv: the state at a sample instant, after everything else at that instant. */
export interface SampleRow {
  readonly timeMs: number;
  readonly instancesBilled: number;
  /** Of those, Spot instances. */
  readonly instancesSpot: number;
  readonly instancesActive: number;
  readonly instancesInUse: number;
  readonly cpuReservation: number;
  readonly memoryReservation: number;
  readonly costSoFar: number;
  /** Fargate and Fargate Spot tasks not yet STOPPED. */
  readonly fargateTasks: number;
  /** Fargate Spot tasks waiting in PROVISIONING for Spot capacity or quota. */
  readonly spotWaiting: number;
  readonly services: readonly ServiceSample[];
  readonly jobs: readonly { readonly queued: number; readonly pending: number; readonly running: number }[];
  readonly jobsQueuedTotal: number;
  /** Managed-scaling capacity providers: CapacityProviderReservation (latest) and the group's instances. */
  readonly providers: readonly { readonly cpr: number; readonly instances: number }[];
}

export interface ServiceSample {
  readonly desired: number;
  readonly running: number;
  readonly pending: number;
  readonly waiting: number;
  /** Services with demand: requests per second asked and served, CPU and memory utilisation (%). */
  readonly demand: number;
  readonly served: number;
  readonly cpu: number;
  readonly memory: number;
  /** Scalable targets: the min and max in force (-1 when the service is not a target). */
  readonly min: number;
  readonly max: number;
}

/** What the sampler reads. */
export interface SampleSources {
  readonly cluster: ClusterState;
  readonly recorder: Recorder;
  readonly costSoFar: (now: number) => number;
  readonly spotWaiting: () => number;
  readonly billing: Ec2Billing;
  readonly jobs: JobScheduler;
  readonly metrics: ServiceMetrics;
  readonly autoScaling: ServiceAutoScaling;
  readonly clusterScaling: ClusterAutoScaling;
  readonly groups: AutoScalingGroups;
}

export function startSampler(sim: Simulation, intervalMs: number, sources: SampleSources, emit: (row: SampleRow) => void): void {
  const { cluster, recorder, costSoFar, spotWaiting, billing, jobs, metrics, autoScaling, clusterScaling, groups } = sources;
  const kind = sim.register('metrics.sample', Phase.Sample, () => {
    const reservation = recorder.sampleCluster(cluster);
    recorder.instancesInUseSamples.push(cluster.hostsInUse);
    recorder.instancesBilledSamples.push(billing.runningInstances);
    emit({
      timeMs: sim.now,
      instancesBilled: billing.runningInstances,
      instancesSpot: billing.runningSpot,
      instancesActive: cluster.activeHosts,
      instancesInUse: cluster.hostsInUse,
      cpuReservation: reservation.cpu,
      memoryReservation: reservation.mem,
      costSoFar: costSoFar(sim.now),
      fargateTasks: cluster.fargateTasks,
      spotWaiting: spotWaiting(),
      services: recorder.services.map((s, i) => {
        const demand = metrics.stats(i);
        const bounds = autoScaling.bounds(i);
        return {
          desired: s.desired,
          running: s.running,
          pending: s.pending,
          waiting: Math.max(0, s.desired - s.running - s.pending),
          demand: demand?.demandRate ?? 0,
          served: demand?.servedRate ?? 0,
          cpu: demand?.cpuPercent ?? 0,
          memory: demand?.memoryPercent ?? 0,
          min: bounds?.min ?? -1,
          max: bounds?.max ?? -1,
        };
      }),
      jobs: recorder.jobs.map((j) => ({ queued: j.queued, pending: j.pending, running: j.running })),
      jobsQueuedTotal: jobs.queued,
      providers: clusterScaling.managedProviders.map((p) => ({ cpr: p.cpr, instances: groups.members(p.group).size })),
    });
    sim.scheduleIn(kind, intervalMs);
  });
  sim.schedule(kind, 0);
}
