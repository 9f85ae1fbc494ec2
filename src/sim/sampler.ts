import type { Simulation } from '../engine/simulation.js';
import type { Ec2Billing } from '../billing/ec2Billing.js';
import type { ClusterState } from '../model/clusterState.js';
import type { Recorder } from '../metrics/recorder.js';
import type { JobScheduler } from '../scheduler/jobScheduler.js';
import { Phase } from './phases.js';

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
  readonly services: readonly { readonly desired: number; readonly running: number; readonly pending: number; readonly waiting: number }[];
  readonly jobs: readonly { readonly queued: number; readonly pending: number; readonly running: number }[];
  readonly jobsQueuedTotal: number;
}

export function startSampler(
  sim: Simulation,
  intervalMs: number,
  cluster: ClusterState,
  recorder: Recorder,
  costSoFar: (now: number) => number,
  spotWaiting: () => number,
  billing: Ec2Billing,
  jobs: JobScheduler,
  emit: (row: SampleRow) => void,
): void {
  const kind = sim.register('metrics.sample', Phase.Sample, () => {
    const reservation = recorder.sampleCluster(cluster);
    recorder.instancesInUseSamples.push(cluster.hostsInUse);
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
      services: recorder.services.map((s) => ({
        desired: s.desired,
        running: s.running,
        pending: s.pending,
        waiting: Math.max(0, s.desired - s.running - s.pending),
      })),
      jobs: recorder.jobs.map((j) => ({ queued: j.queued, pending: j.pending, running: j.running })),
      jobsQueuedTotal: jobs.queued,
    });
    sim.scheduleIn(kind, intervalMs);
  });
  sim.schedule(kind, 0);
}
