import type { ScenarioModel, StrategySpec } from '../../model/specs.js';
import type { ScenarioDocument } from '../schema/scenario.js';
import type { CompileContext } from './context.js';
import { compileAutoScalingGroups } from './capacity.js';
import { compileAssociations, compileCapacityProviders, compileStrategy } from './capacityProviders.js';
import { compileDistribution, ms } from './distribution.js';
import { compileTaskDefinitions } from './taskDefinitions.js';
import { compileSpot, spotScope } from './spot.js';
import { compileTimeline } from './timeline.js';
import { compileScaling } from './autoscaling.js';
import { compileJobs, compileServices } from './workloads.js';

/** Turns a schema-valid document into the model the simulation runs, adding issues for what is wrong. */
export function compileScenario(ctx: CompileContext, doc: ScenarioDocument): ScenarioModel {
  if (doc.region !== 'us-east-1') ctx.issues.add(['region'], 'only us-east-1 is bundled (its catalogue and prices)');
  const durationMs = ms(doc.duration);
  if (durationMs <= 0) ctx.issues.add(['duration'], 'must be above 0');
  const sampleIntervalMs = ms(doc.sampleInterval);
  if (sampleIntervalMs <= 0) ctx.issues.add(['sampleInterval'], 'must be above 0');
  checkUnique(ctx, doc.autoScalingGroups.map((g) => g.AutoScalingGroupName), 'autoScalingGroups', 'AutoScalingGroupName');
  checkUnique(ctx, doc.services.map((s) => s.serviceName), 'services', 'serviceName');
  checkUnique(ctx, doc.jobs.map((j) => j.name), 'jobs', 'name');
  checkUnique(ctx, doc.availabilityZones, 'availabilityZones', undefined);
  doc.jobs.forEach((job, i) => {
    if (doc.services.some((s) => s.serviceName === job.name)) ctx.issues.add(['jobs', i, 'name'], `"${job.name}" is also a service name`);
  });
  const startEpochMs = Date.parse(doc.start);
  const groups = compileAutoScalingGroups(ctx, doc.autoScalingGroups, doc.availabilityZones);
  const taskDefinitions = compileTaskDefinitions(ctx, doc.taskDefinitions);
  const providers = compileCapacityProviders(ctx, doc.capacityProviders, groups);
  const associated = compileAssociations(ctx, doc.cluster.capacityProviders, providers);
  const defaultItems = doc.cluster.defaultCapacityProviderStrategy;
  const defaultStrategy =
    defaultItems === undefined ? undefined : compileStrategy(ctx, defaultItems, providers, associated, ['cluster', 'defaultCapacityProviderStrategy']);
  const capacity = { groups, providers, associated, defaultStrategy };
  const services = compileServices(ctx, doc.services, taskDefinitions, capacity, doc.simulation.circuitBreakerMinimumThreshold);
  const jobs = compileJobs(ctx, doc.jobs, taskDefinitions, capacity, durationMs);
  const f = doc.fargate;
  const timeline = compileTimeline(ctx, doc.events, services, groups, doc.availabilityZones, durationMs, taskDefinitions);
  const s = doc.simulation;
  return {
    name: doc.name,
    description: doc.description,
    seed: doc.seed,
    startEpochMs,
    durationMs,
    sampleIntervalMs,
    region: doc.region,
    availabilityZones: doc.availabilityZones,
    clusterName: doc.cluster.clusterName,
    awsvpcTrunking: doc.cluster.awsvpcTrunking,
    agentVersion: doc.cluster.agentVersion,
    autoScalingGroups: groups,
    capacityProviders: providers,
    fargate: {
      provisioningTime: compileDistribution(ctx, f.provisioningTime, ['fargate', 'provisioningTime']),
      spotDiscount: f.spotDiscount,
      launchRate: f.launchRate,
      spotLaunchRate: f.spotLaunchRate,
      vcpuQuota: f.vcpuQuota,
      spotVcpuQuota: f.spotVcpuQuota,
      prices: f.prices,
    },
    spot: compileSpot(ctx, doc.spot, spotScope(doc.availabilityZones, groups)),
    taskDefinitions,
    services,
    jobs,
    timeline,
    settings: {
      placementTieBreak: s.placementTieBreak,
      eniAttachTime: compileDistribution(ctx, s.eniAttachTime, ['simulation', 'eniAttachTime']),
      serviceLaunchRatePerMinute: s.serviceLaunchRatePerMinute,
      costCpuWeight: s.costCpuWeight,
      jobQueue: s.jobQueue,
    },
    scaling: compileScaling(ctx, doc, services),
    spreadAttributes: spreadAttributes([...services.map((x) => x.placement), ...jobs.map((x) => x.placement)].flatMap((p) => p.strategies)),
  };
}

function spreadAttributes(strategies: readonly StrategySpec[]): string[] {
  const names = new Set<string>(['ecs.availability-zone']);
  for (const s of strategies) if (s.type === 'spread' && s.field === 'attribute') names.add(s.attribute);
  return [...names].sort();
}

function checkUnique(ctx: CompileContext, names: readonly string[], list: string, field: string | undefined): void {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (seen.has(name)) ctx.issues.add(field === undefined ? [list, i] : [list, i, field], `duplicate name "${name}"`);
    seen.add(name);
  });
}
