import type { Sampler } from '../engine/distributions.js';
import type { InstanceTypeInfo } from '../catalog/ec2Catalog.js';
import type { CompiledQuery } from '../placement/expression/index.js';
import type { DemandSpec, LoadModelSpec, ScalingSpec } from './scalingSpecs.js';

/**
 * The normalised scenario the simulation runs: durations in integer ms, distributions as samplers,
 * references resolved, expressions compiled. Built once by scenario/compile; nothing downstream
 * re-validates.
 */
export type StrategySpec =
  | { readonly type: 'binpack'; readonly resource: 'cpu' | 'memory' }
  | { readonly type: 'spread'; readonly field: 'instanceId' }
  | { readonly type: 'spread'; readonly field: 'attribute'; readonly attribute: string }
  | { readonly type: 'random' };

export interface PlacementSpec {
  readonly strategies: readonly StrategySpec[];
  readonly distinctInstance: boolean;
  readonly memberOf: readonly CompiledQuery[];
}

export interface HostPort {
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
}

export interface TaskDefinitionSpec {
  /** "family:revision". */
  readonly key: string;
  readonly family: string;
  readonly revision: number;
  readonly cpu: number;
  readonly memory: number;
  readonly networkMode: 'bridge' | 'host' | 'awsvpc' | 'none';
  /** Static host ports the task binds (bridge with hostPort > 0, or host mode). */
  readonly hostPorts: readonly HostPort[];
  readonly usesEni: boolean;
  readonly cpuArchitecture: 'x86_64' | 'arm64' | undefined;
  readonly memberOf: readonly CompiledQuery[];
  readonly imagePullTime: Sampler;
  readonly containerStartTime: Sampler;
  readonly shutdownTime: Sampler;
  /** Longest container stopTimeout (ms): SIGKILL follows SIGTERM after it. */
  readonly stopTimeoutMs: number;
  /** requiresCompatibilities as given (undefined: not given, so any launch is allowed). */
  readonly compatibilities: readonly string[] | undefined;
  /** What one task serves (services with demand). */
  readonly load: LoadModelSpec | undefined;
  /** Share of tasks that fail their health check in a deployment. */
  readonly unhealthyProbability: number;
}

/** One instance type a group can launch (InstanceType, or one MixedInstancesPolicy override). */
export interface InstanceTypeSpec {
  readonly info: InstanceTypeInfo;
  /** Position in the group's list (the priority of the override). */
  readonly priority: number;
  readonly vcpu: number;
  readonly memoryMiB: number;
  /** Prices in micro-dollars per hour: On-Demand, and Spot = On-Demand × (1 − Advisor savings) when known. */
  readonly onDemandMicroPerHour: number;
  readonly spotMicroPerHour: number | undefined;
}

export type SpotAllocationStrategy = 'lowest-price' | 'capacity-optimized' | 'capacity-optimized-prioritized' | 'price-capacity-optimized';

/** MixedInstancesPolicy.InstancesDistribution (aws-behaviour.md §7); a plain group is all On-Demand. */
export interface InstancesDistributionSpec {
  readonly onDemandAllocation: 'prioritized' | 'lowest-price';
  readonly onDemandBase: number;
  readonly onDemandPercentAboveBase: number;
  readonly spotAllocation: SpotAllocationStrategy;
  readonly spotInstancePools: number;
}

export interface AutoScalingGroupSpec {
  readonly index: number;
  readonly name: string;
  /** At least one; InstanceType alone is the one-item list. */
  readonly instanceTypes: readonly InstanceTypeSpec[];
  readonly distribution: InstancesDistributionSpec;
  /** Whether the group can launch Spot at all (some capacity above the base is Spot). */
  readonly usesSpot: boolean;
  readonly capacityRebalance: boolean;
  /** ECS_ENABLE_SPOT_INSTANCE_DRAINING on its instances. */
  readonly spotDraining: boolean;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  readonly availabilityZones: readonly string[];
  readonly pendingTime: Sampler;
  readonly bootTime: Sampler;
  readonly agentMemoryReserve: number;
  /** Custom attributes, sorted by name. */
  readonly attributes: readonly (readonly [string, string])[];
}

/** aws-behaviour.md §2: Auto Scaling group providers, and the reserved FARGATE and FARGATE_SPOT. */
export type ProviderKind = 'asg' | 'fargate' | 'fargateSpot';

export interface CapacityProviderSpec {
  /** Position in ScenarioModel.capacityProviders. */
  readonly index: number;
  readonly name: string;
  readonly kind: ProviderKind;
  /** The Auto Scaling group (kind 'asg'), else undefined. */
  readonly group: AutoScalingGroupSpec | undefined;
  /** Managed scaling (cluster auto scaling), when ENABLED. */
  readonly managed: ManagedScalingSpec | undefined;
}

/** aws-behaviour.md §3: managed scaling of an Auto Scaling group capacity provider. */
export interface ManagedScalingSpec {
  readonly targetCapacity: number;
  readonly minimumStep: number;
  readonly maximumStep: number;
  readonly warmupMs: number;
  readonly terminationProtection: boolean;
  readonly draining: boolean;
  readonly drainingTimeoutMs: number;
}

export interface StrategyItemSpec {
  readonly provider: CapacityProviderSpec;
  readonly weight: number;
  readonly base: number;
}

/**
 * Where a workload's tasks run: the EC2 launch type (any ACTIVE instance of the cluster), or a
 * capacity provider strategy (launchType FARGATE is the strategy [FARGATE weight 1]).
 */
export type LaunchSpec =
  | { readonly type: 'ec2' }
  | { readonly type: 'strategy'; readonly items: readonly StrategyItemSpec[]; readonly fargate: boolean };

export interface FargatePriceSpec {
  readonly vcpuHour: number;
  readonly gbHour: number;
}

export interface TokenBucketSpec {
  readonly burst: number;
  readonly perSecond: number;
}

export interface FargateSettingsSpec {
  readonly provisioningTime: Sampler;
  readonly spotDiscount: number;
  readonly launchRate: TokenBucketSpec;
  readonly spotLaunchRate: TokenBucketSpec;
  readonly vcpuQuota: number | undefined;
  readonly spotVcpuQuota: number | undefined;
  readonly prices: { readonly x86_64: FargatePriceSpec; readonly arm64: FargatePriceSpec };
}

export interface ServiceSpec {
  readonly index: number;
  readonly name: string;
  /** Task group: "service:<name>". */
  readonly group: string;
  readonly taskDefinition: TaskDefinitionSpec;
  readonly desiredCount: number;
  readonly daemon: boolean;
  readonly placement: PlacementSpec;
  readonly timeToCrash: Sampler | undefined;
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  readonly launch: LaunchSpec;
  readonly demand: DemandSpec | undefined;
  /** RUNNING → in service behind the load balancer. */
  readonly registrationMs: number;
  /** Scheduler stops: out of the load balancer at once, SIGTERM this much later (0 without a load balancer). */
  readonly deregistrationMs: number;
  /** RUNNING → healthy (counts toward minimumHealthyPercent in deployments). */
  readonly healthyAfterMs: number;
  readonly circuitBreaker: CircuitBreakerSpec | undefined;
}

/** aws-behaviour.md §5 "Circuit breaker". */
export interface CircuitBreakerSpec {
  readonly rollback: boolean;
  readonly resetOnHealthyTask: boolean;
  readonly thresholdType: 'COUNT' | 'BOUNDED_PERCENT' | 'UNBOUNDED_PERCENT';
  readonly thresholdValue: number;
  readonly minimumThreshold: number;
}

export type ArrivalSpec =
  | { readonly type: 'poisson'; readonly meanGapMs: number }
  | { readonly type: 'interval'; readonly everyMs: number }
  | { readonly type: 'times'; readonly times: readonly number[] };

export interface JobSpec {
  readonly index: number;
  readonly name: string;
  readonly group: string;
  readonly taskDefinition: TaskDefinitionSpec;
  readonly arrivals: ArrivalSpec;
  readonly startMs: number;
  readonly endMs: number;
  readonly maxArrivals: number;
  readonly count: number;
  readonly runTime: Sampler;
  readonly placement: PlacementSpec;
  readonly launch: LaunchSpec;
}

/** Which Spot pools an entry applies to (unset fields match anything). */
export interface PoolSelectorSpec {
  readonly instanceType: string | undefined;
  readonly availabilityZone: string | undefined;
  readonly fargateSpot: boolean;
}

export interface InterruptionSpec {
  readonly match: PoolSelectorSpec;
  readonly advisorHazard: boolean | undefined;
  /** Interruptions per running unit per ms (0: none). */
  readonly ratePerMs: number;
  /** Offsets at which one running unit of each matched pool is interrupted. */
  readonly traceTimes: readonly number[];
}

export interface ReclaimWaveSpec {
  readonly match: PoolSelectorSpec;
  readonly meanGapMs: number;
  readonly fraction: number;
  readonly correlated: boolean;
}

export interface DroughtSpec {
  readonly match: PoolSelectorSpec;
  readonly meanGapMs: number;
  readonly duration: Sampler;
}

export interface SpotSettingsSpec {
  readonly advisorMonthlyProbability: readonly number[];
  readonly fargateSpotStopCode: 'SpotInterruption' | 'TerminationNotice';
  readonly interruptions: readonly InterruptionSpec[];
  readonly reclaimWaves: readonly ReclaimWaveSpec[];
  readonly droughts: readonly DroughtSpec[];
}

export type TimelineSpec =
  | { readonly type: 'setDesiredCount'; readonly at: number; readonly service: number; readonly desiredCount: number }
  | { readonly type: 'updateService'; readonly at: number; readonly service: number; readonly taskDefinition: TaskDefinitionSpec | undefined; readonly desiredCount: number | undefined }
  | { readonly type: 'terminateInstances'; readonly at: number; readonly instanceIds: readonly string[]; readonly group: number; readonly count: number }
  | { readonly type: 'failAvailabilityZone'; readonly at: number; readonly availabilityZone: string; readonly durationMs: number }
  | { readonly type: 'setDesiredCapacity'; readonly at: number; readonly group: number; readonly desiredCapacity: number }
  | { readonly type: 'reclaimWave'; readonly at: number; readonly match: PoolSelectorSpec; readonly fraction: number }
  | { readonly type: 'spotDrought'; readonly at: number; readonly match: PoolSelectorSpec; readonly durationMs: number };

export interface SimulationSettingsSpec {
  readonly placementTieBreak: 'instanceId' | 'random';
  readonly eniAttachTime: Sampler;
  readonly serviceLaunchRatePerMinute: number;
  readonly costCpuWeight: number;
  readonly jobQueue: 'fifo' | 'backfill';
}

export interface ScenarioModel {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly startEpochMs: number;
  readonly durationMs: number;
  readonly sampleIntervalMs: number;
  readonly region: string;
  readonly availabilityZones: readonly string[];
  readonly clusterName: string;
  readonly awsvpcTrunking: boolean;
  readonly agentVersion: string;
  readonly autoScalingGroups: readonly AutoScalingGroupSpec[];
  /** ASG providers in scenario order, then FARGATE and FARGATE_SPOT. */
  readonly capacityProviders: readonly CapacityProviderSpec[];
  readonly fargate: FargateSettingsSpec;
  readonly spot: SpotSettingsSpec;
  readonly taskDefinitions: readonly TaskDefinitionSpec[];
  readonly services: readonly ServiceSpec[];
  readonly jobs: readonly JobSpec[];
  readonly timeline: readonly TimelineSpec[];
  readonly settings: SimulationSettingsSpec;
  readonly scaling: ScalingSpec;
  /** Attribute names used by spread strategies: placement keeps an index per value of each. */
  readonly spreadAttributes: readonly string[];
}
