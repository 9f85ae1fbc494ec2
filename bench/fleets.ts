/**
 * Generated fleet scenarios for the benchmark, as ordinary scenario JSON (compiled by the real loader).
 *  - small: 1,000 hosts, 100,000 batch tasks plus services, 3 days (the CI smoke run)
 *  - S1:   10,000 hosts, 1,000,000 batch tasks plus services, 30 days
 *  - S3:  100,000 hosts, 10,000,000 batch tasks plus services, 30 days
 * Services use ECS's default spread (AZ, then instance) and crash now and then; the two job streams
 * use binpack(memory) and [spread AZ, binpack cpu].
 * Capacity is 30% Spot: both groups are mixed-instances groups (two types each, 70% On-Demand,
 * price-capacity-optimized) with the Spot Advisor interruption hazards, a correlated reclaim wave of 10%
 * of one zone's Spot instances about once a week, and Spot draining on the general-purpose group.
 */
export interface FleetShape {
  readonly hosts: number;
  readonly batchTasks: number;
  readonly days: number;
  readonly services: number;
  readonly tasksPerService: number;
  /** Services under diurnal demand with target tracking, on managed-scaling capacity providers. */
  readonly autoscaling?: boolean;
}

export const FLEETS: Readonly<Record<string, FleetShape>> = {
  small: { hosts: 1_000, batchTasks: 100_000, days: 3, services: 4, tasksPerService: 500 },
  S1: { hosts: 10_000, batchTasks: 1_000_000, days: 30, services: 10, tasksPerService: 2_000 },
  'S1-autoscaling': { hosts: 10_000, batchTasks: 1_000_000, days: 30, services: 10, tasksPerService: 2_000, autoscaling: true },
  S3: { hosts: 100_000, batchTasks: 10_000_000, days: 30, services: 20, tasksPerService: 10_000 },
};

function mixedGroup(name: string, types: readonly string[], desired: number, max: number) {
  return {
    AutoScalingGroupName: name,
    DesiredCapacity: desired,
    MaxSize: max,
    MixedInstancesPolicy: {
      LaunchTemplate: { Overrides: types.map((InstanceType) => ({ InstanceType })) },
      InstancesDistribution: { OnDemandPercentageAboveBaseCapacity: 70, SpotAllocationStrategy: 'price-capacity-optimized' },
    },
  };
}

/**
 * The autoscaling variant: both groups become managed-scaling capacity providers (target 90%, MinSize
 * 90% of the fleet, termination protection) used through the cluster's default strategy, and each
 * service serves diurnal demand (peak = its task count × 60% of 100 requests/s) with target tracking
 * at 60% CPU between a fifth and 1.5 × its task count.
 */
function withAutoscaling(base: Record<string, unknown>, shape: FleetShape): Record<string, unknown> {
  const groups = base.autoScalingGroups as Record<string, unknown>[];
  const services = base.services as Record<string, unknown>[];
  return {
    ...base,
    autoScalingGroups: groups.map((g) => ({ ...g, MinSize: Math.floor((g.DesiredCapacity as number) * 0.9) })),
    cluster: {
      capacityProviders: groups.map((g) => `${g.AutoScalingGroupName as string}-cp`),
      defaultCapacityProviderStrategy: groups.map((g) => ({ capacityProvider: `${g.AutoScalingGroupName as string}-cp`, weight: 1 })),
    },
    capacityProviders: groups.map((g) => ({
      name: `${g.AutoScalingGroupName as string}-cp`,
      autoScalingGroupProvider: {
        autoScalingGroupArn: g.AutoScalingGroupName,
        managedScaling: { status: 'ENABLED', targetCapacity: 90 },
        managedTerminationProtection: 'ENABLED',
      },
    })),
    taskDefinitions: (base.taskDefinitions as Record<string, unknown>[]).map((td) => (td.family === 'web' ? { ...td, load: { requestsPerSecond: 100 } } : td)),
    services: services.map((s) => ({
      ...s,
      demand: { type: 'diurnal', troughRate: shape.tasksPerService * 15, peakRate: shape.tasksPerService * 60, noise: { cv: 0.05 } },
    })),
    scalableTargets: services.map((s) => ({ ResourceId: `service/default/${s.serviceName as string}`, MinCapacity: Math.floor(shape.tasksPerService / 5), MaxCapacity: Math.floor(shape.tasksPerService * 1.5) })),
    scalingPolicies: services.map((s) => ({
      PolicyName: `${s.serviceName as string}-cpu60`,
      ResourceId: `service/default/${s.serviceName as string}`,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
    })),
  };
}

export function fleetScenario(name: string, shape: FleetShape): unknown {
  const base = baseScenario(name, shape);
  return shape.autoscaling === true ? withAutoscaling(base, shape) : base;
}

function baseScenario(name: string, shape: FleetShape): Record<string, unknown> {
  const seconds = shape.days * 86_400;
  const perStream = shape.batchTasks / 2;
  const ratePerSecond = perStream / seconds;
  return {
    name: `bench-${name}`,
    seed: 2026,
    duration: `${shape.days}d`,
    sampleInterval: '5m',
    autoScalingGroups: [
      { ...mixedGroup('general', ['m5.2xlarge', 'm6i.2xlarge'], Math.ceil(shape.hosts / 2), shape.hosts), ecsConfig: { ECS_ENABLE_SPOT_INSTANCE_DRAINING: true } },
      mixedGroup('memory', ['r5.2xlarge', 'r6i.2xlarge'], Math.floor(shape.hosts / 2), shape.hosts),
    ],
    spot: { reclaimWaves: [{ rate: '0.15/d', fraction: 0.1, correlated: true }] },
    taskDefinitions: [
      { family: 'web', cpu: '256', memory: '512', containerDefinitions: [{ name: 'web' }] },
      { family: 'etl', cpu: '1024', memory: '4096', containerDefinitions: [{ name: 'etl' }] },
      { family: 'render', cpu: '2048', memory: '2048', containerDefinitions: [{ name: 'render' }] },
    ],
    services: Array.from({ length: shape.services }, (_, i) => ({
      serviceName: `svc${i}`,
      taskDefinition: 'web',
      desiredCount: shape.tasksPerService,
      timeToCrash: { type: 'exponential', mean: '10d' },
    })),
    jobs: [
      {
        name: 'etl',
        taskDefinition: 'etl',
        arrivals: { type: 'poisson', rate: `${ratePerSecond.toFixed(6)}/s` },
        runTime: { type: 'lognormal', median: '1h', p95: '6h' },
        placementStrategy: [{ type: 'binpack', field: 'memory' }],
      },
      {
        name: 'render',
        taskDefinition: 'render',
        arrivals: { type: 'poisson', rate: `${ratePerSecond.toFixed(6)}/s` },
        runTime: { type: 'lognormal', median: '30m', p95: '3h' },
        placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'cpu' }],
      },
    ],
  };
}
