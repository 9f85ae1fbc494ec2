import type { ServiceMetrics } from '../scaling/serviceMetrics.js';
import type { ServiceAutoScaling } from '../scaling/serviceAutoScaling.js';
import type { ServiceDemandStats } from './demandStats.js';
import type { DeploymentRecord } from '../scheduler/deployment.js';
import { toDollars, type Ec2Billing } from '../billing/ec2Billing.js';
import { FargateBilling } from '../billing/fargateBilling.js';
import type { ClusterState } from '../model/clusterState.js';
import type { ScenarioModel } from '../model/specs.js';
import type { PlacementFailureReason } from '../placement/types.js';
import type { SpotMarket } from '../spot/spotMarket.js';
import { quantile, type GrowableFloat64Array } from './growableArray.js';
import type { Recorder } from './recorder.js';

/**
 * The end-of-run summary (summary.json). Pure: built from what the recorder and billing gathered.
 * Keys are in a fixed order and numbers are rounded to fixed precision, so files compare byte for byte.
 */
export const round = (x: number, digits: number): number => {
  const r = Number(x.toFixed(digits));
  return Object.is(r, -0) ? 0 : r;
};
const cost = (x: number) => round(x, 6);
const ratio = (x: number) => round(x, 6);
const seconds = (ms: number) => round(ms / 1000, 3);
const hours = (ms: number) => round(ms / 3_600_000, 6);

function failures(map: ReadonlyMap<PlacementFailureReason, number>): Record<string, number> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length === 0 ? 0 : sum / values.length;
}

function latency(samples: GrowableFloat64Array): { replaced: number; p50: number; p95: number } {
  const sorted = samples.sorted();
  return { replaced: sorted.length, p50: seconds(quantile(sorted, 0.5)), p95: seconds(quantile(sorted, 0.95)) };
}

export interface SummaryInput {
  readonly model: ScenarioModel;
  readonly recorder: Recorder;
  readonly billing: Ec2Billing;
  readonly fargate: FargateBilling;
  readonly market: SpotMarket;
  /** Fargate Spot tasks still waiting for Spot capacity or quota at the end. */
  readonly spotWaiting: number;
  readonly settled: { readonly cost: number; readonly billedMs: number; readonly onDemandCost: number };
  readonly cluster: ClusterState;
  readonly events: number;
  readonly jobsQueued: number;
  readonly metrics: ServiceMetrics;
  readonly autoScaling: ServiceAutoScaling;
  readonly deployments: (service: number) => readonly DeploymentRecord[];
}

function demandSummary(stats: ServiceDemandStats) {
  const episodes = stats.overloadDurations.sorted();
  return {
    requests: round(stats.demandRequests, 0),
    served: round(stats.servedRequests, 0),
    servedShare: ratio(stats.demandRequests > 0 ? stats.servedRequests / stats.demandRequests : 1),
    minutesBelowSlo: stats.minutesBelowSlo,
    overload: { episodes: episodes.length, meanSeconds: seconds(mean(episodes)), maxSeconds: seconds(episodes.length > 0 ? (episodes[episodes.length - 1] as number) : 0) },
    steps: stepSummary(stats.stepResponses),
  };
}

/** Demand steps: how many, how many saw a scale-out / all demand served within the run, and how long that took. */
function stepSummary(responses: ServiceDemandStats['stepResponses']) {
  const timing = (values: number[]) => ({ reached: values.length, meanSeconds: seconds(mean(Float64Array.from(values))), maxSeconds: seconds(values.length > 0 ? Math.max(...values) : 0) });
  return {
    count: responses.length,
    scaleOut: timing(responses.map((r) => r.scaleOutMs).filter((x) => x >= 0)),
    allServed: timing(responses.map((r) => r.servedMs).filter((x) => x >= 0)),
  };
}

export function buildSummary(input: SummaryInput) {
  const { model, recorder, billing, settled, cluster, fargate, market } = input;
  const total = settled.cost + fargate.totalUsd;
  const onDemandBaseline = settled.onDemandCost + fargate.onDemandEquivalentUsd;
  const pools = [...billing.pools.values()].sort((a, b) => (a.pool < b.pool ? -1 : 1));
  const spotUsd = toDollars(pools.reduce((n, p) => (p.spot ? n + p.units : n), 0n));
  const end = model.durationMs;
  const attributed = [...billing.serviceCost, ...billing.jobCost].reduce((a, b) => a + b, 0);
  const cpu = recorder.cpuReservationSamples.sorted();
  const mem = recorder.memReservationSamples.sorted();
  const inUse = recorder.instancesInUseSamples.sorted();
  const billed = recorder.instancesBilledSamples.sorted();
  return {
    scenario: {
      name: model.name,
      description: model.description,
      seed: model.seed,
      start: new Date(model.startEpochMs).toISOString(),
      durationSeconds: seconds(end),
      sampleIntervalSeconds: seconds(model.sampleIntervalMs),
    },
    cost: {
      totalUsd: cost(total),
      onDemandBaselineUsd: cost(onDemandBaseline),
      spotSavingsUsd: cost(onDemandBaseline - total),
      ec2Usd: cost(settled.cost),
      ec2OnDemandUsd: cost(settled.cost - spotUsd),
      ec2SpotUsd: cost(spotUsd),
      fargateUsd: cost(fargate.totalUsd),
      instanceHours: hours(settled.billedMs),
      byPool: pools.map((p) => ({
        pool: p.pool,
        purchaseOption: p.spot ? 'spot' : 'on-demand',
        instancesLaunched: p.hosts,
        instanceHours: hours(p.billedMs),
        costUsd: cost(toDollars(p.units)),
        ...(p.spot ? { interruptedInFirstHourNotCharged: p.refunded } : {}),
      })),
      fargate: fargate.byProvider.map((f) => ({
        provider: f.provider,
        tasksBilled: f.tasks,
        taskHours: hours(f.billedMs),
        vcpuHours: hours(f.vcpuMs),
        costUsd: cost(FargateBilling.toDollars(f.units)),
      })),
      byService: Object.fromEntries(model.services.map((s) => [s.name, cost((billing.serviceCost[s.index] as number) + (fargate.serviceCost[s.index] as number))])),
      byJob: Object.fromEntries(model.jobs.map((j) => [j.name, cost((billing.jobCost[j.index] as number) + (fargate.jobCost[j.index] as number))])),
      idleUsd: cost(Math.max(0, settled.cost - attributed)),
    },
    services: model.services.map((spec) => {
      const s = recorder.services[spec.index];
      if (s === undefined) throw new Error(`no stats for service ${spec.name}`);
      return {
        serviceName: spec.name,
        schedulingStrategy: spec.daemon ? 'DAEMON' : 'REPLICA',
        desiredAtEnd: s.desired,
        runningAtEnd: s.running,
        availability: ratio(end > 0 ? s.metMs / end : 1),
        taskSecondsShort: seconds(s.shortfallTaskMs),
        tasks: { started: s.started, reachedRunning: s.reachedRunning, stopped: s.stopped, crashed: s.crashed, lostWithHost: s.lostWithHost, stoppedByScheduler: s.scaledIn },
        placementFailures: failures(s.failures),
        ...(input.metrics.stats(spec.index) === undefined ? {} : { demand: demandSummary(input.metrics.stats(spec.index) as ServiceDemandStats) }),
        ...(input.autoScaling.bounds(spec.index) === undefined
          ? {}
          : {
              autoScaling: {
                minAtEnd: input.autoScaling.bounds(spec.index)?.min,
                maxAtEnd: input.autoScaling.bounds(spec.index)?.max,
                actions: Object.fromEntries([...(recorder.scalingActions[spec.index] ?? new Map<string, number>())].sort(([a], [b]) => (a < b ? -1 : 1))),
                decisionsBlocked: recorder.scalingBlocked[spec.index] ?? 0,
              },
            }),
        ...(input.deployments(spec.index).length === 0
          ? {}
          : {
              deployments: input.deployments(spec.index).map((d) => ({
                taskDefinition: d.taskDefinition,
                from: d.from,
                rollback: d.rollback,
                state: d.state,
                startedSeconds: seconds(d.startedAt),
                durationSeconds: d.endedAt < 0 ? null : seconds(d.endedAt - d.startedAt),
                failedTasks: d.failedTasks,
              })),
            }),
        spot: {
          interrupted: s.interrupted,
          secondsBelowDesiredFromSpot: seconds(s.spotShortMs),
          taskSecondsShortFromSpot: seconds(s.spotShortTaskMs),
          replacementLatencySeconds: latency(s.replacementLatencies),
        },
      };
    }),
    jobs: model.jobs.map((spec) => {
      const j = recorder.jobs[spec.index];
      const waits = recorder.waits[spec.index]?.statistics();
      if (j === undefined || waits === undefined) throw new Error(`no stats for job ${spec.name}`);
      return {
        name: spec.name,
        runTaskCalls: j.arrivals,
        tasksSubmitted: j.submitted,
        tasksCompleted: j.completed,
        tasksLostWithHost: j.lostWithHost,
        runningAtEnd: j.running,
        pendingAtEnd: j.pending,
        stillQueued: j.queued,
        waitSeconds: {
          placed: waits.placed,
          mean: seconds(waits.mean),
          p50: seconds(waits.p50),
          p95: seconds(waits.p95),
          p99: seconds(waits.p99),
          max: seconds(waits.max),
        },
        placementFailures: failures(j.failures),
        spot: { interrupted: j.interrupted, runSecondsLost: seconds(j.runMsLost) },
      };
    }),
    spot: {
      pools: market.pools.map((p) => ({ pool: p.key, interruptions: p.interruptions, runningAtEnd: p.size })),
      interruptions: market.pools.reduce((n, p) => n + p.interruptions, 0),
      tasksInterrupted: recorder.services.reduce((n, s) => n + s.interrupted, 0) + recorder.jobs.reduce((n, j) => n + j.interrupted, 0),
      taskSecondsLost: seconds(recorder.services.reduce((n, s) => n + s.spotShortTaskMs, 0) + recorder.jobs.reduce((n, j) => n + j.runMsLost, 0)),
      fargateSpotTasksWaitingAtEnd: input.spotWaiting,
    },
    ...(model.capacityProviders.some((p) => p.managed !== undefined)
      ? {
          clusterAutoScaling: model.capacityProviders
            .filter((p) => p.managed !== undefined)
            .map((p) => {
              const [scaleOuts, scaleIns] = recorder.clusterScaling.get(p.name) ?? [0, 0];
              return { capacityProvider: p.name, targetCapacity: p.managed?.targetCapacity, scaleOuts, scaleIns };
            }),
        }
      : {}),
    cluster: {
      instancesLaunched: cluster.hosts.length,
      instancesActiveAtEnd: cluster.activeHosts,
      instancesInUse: { mean: round(mean(inUse), 3), peak: inUse.length ? (inUse[inUse.length - 1] as number) : 0 },
      instancesRunning: { mean: round(mean(billed), 3), peak: billed.length ? (billed[billed.length - 1] as number) : 0 },
      instanceHours: hours(settled.billedMs),
      cpuReservationPercent: { mean: ratio(mean(cpu)), peak: ratio(cpu.length ? (cpu[cpu.length - 1] as number) : 0) },
      memoryReservationPercent: { mean: ratio(mean(mem)), peak: ratio(mem.length ? (mem[mem.length - 1] as number) : 0) },
    },
    simulation: { events: input.events, tasksCreated: cluster.tasksCreated, placements: recorder.placements, jobTasksQueuedAtEnd: input.jobsQueued },
  };
}

export type Summary = ReturnType<typeof buildSummary>;
