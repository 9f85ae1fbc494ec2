import { z } from 'zod';
import { CapacityProvider, FARGATE_DEFAULTS, FargateSettings } from './capacityProviders.js';
import { AutoScalingGroup, Cluster } from './cluster.js';
import { SPOT_DEFAULTS, SpotSettings } from './spot.js';
import { TimelineEvent } from './events.js';
import { MetricAlarm, ScalableTarget, ScalingPolicy, ScalingSettings, ScheduledAction } from './autoscaling.js';
import { Job } from './job.js';
import { Distribution, Duration, Name } from './primitives.js';
import { Service } from './service.js';
import { TaskDefinition } from './taskDefinition.js';

/**
 * The scenario format: the single source of the TypeScript types, the JSON Schema (`fleetsim schema`)
 * and the validation messages. AWS objects keep AWS spelling; simulation knobs sit beside them.
 */
export const SimulationSettings = z.strictObject({
  placementTieBreak: z.enum(['instanceId', 'random']).default('instanceId').meta({
    description: 'How placement chooses among equally good instances (AWS leaves this unconfirmed): the earliest launched, or a seeded random pick.',
  }),
  eniAttachTime: Distribution.default('5s').meta({ description: 'awsvpc tasks: ENI attach time in PROVISIONING ("several seconds"). Default 5s.' }),
  serviceLaunchRatePerMinute: z.int().min(1).default(500).meta({ description: 'Tasks a service may launch per minute (ECS quota: 500).' }),
  costCpuWeight: z.number().min(0).max(1).default(0.5).meta({
    description: "Share of an instance's cost allocated by reserved CPU (the rest by reserved memory).",
  }),
  jobQueue: z.enum(['fifo', 'backfill']).default('fifo').meta({
    description: 'fifo: a waiting task blocks the ones behind it; backfill: later tasks that fit may start first.',
  }),
  circuitBreakerMinimumThreshold: z.int().min(1).default(3).meta({
    description: 'Lower clamp of the deployment circuit breaker threshold (current ECS: 3; 2023 docs: 10). Default 3.',
  }),
});

export const Scenario = z.strictObject({
  $schema: z.string().optional().meta({ description: 'Ignored; lets editors find the JSON Schema.' }),
  name: Name,
  description: z.string().default(''),
  seed: z.int().min(0).max(2 ** 32 - 1).default(1),
  start: z.iso.datetime({ offset: true, error: 'expected an ISO-8601 date-time such as "2026-01-05T00:00:00Z"' }).default('2026-01-05T00:00:00Z'),
  duration: Duration,
  sampleInterval: Duration.default('1m'),
  region: z.string().default('us-east-1'),
  availabilityZones: z.array(z.string().regex(/^[a-z]{2}-[a-z]+-\d[a-z]$/, { error: 'expected an AZ name like "us-east-1a"' })).min(1).default(['us-east-1a', 'us-east-1b', 'us-east-1c']),
  cluster: Cluster.default({ clusterName: 'default', awsvpcTrunking: false, agentVersion: '1.89.0', capacityProviders: [] }),
  autoScalingGroups: z.array(AutoScalingGroup).default([]),
  capacityProviders: z.array(CapacityProvider).default([]).meta({ description: 'Auto Scaling group capacity providers (CreateCapacityProvider).' }),
  spot: SpotSettings.default({ ...SPOT_DEFAULTS, advisorMonthlyProbability: [...SPOT_DEFAULTS.advisorMonthlyProbability], interruptions: [], reclaimWaves: [], droughts: [] }).meta({
    description: 'Simulation: Spot interruption models, reclaim waves and capacity droughts.',
  }),
  fargate: FargateSettings.default(FARGATE_DEFAULTS).meta({ description: 'Simulation: Fargate and Fargate Spot latency, quotas and prices.' }),
  taskDefinitions: z.array(TaskDefinition).min(1, { error: 'at least one task definition is needed' }),
  services: z.array(Service).default([]),
  jobs: z.array(Job).default([]),
  events: z.array(TimelineEvent).default([]),
  simulation: SimulationSettings.default({
    placementTieBreak: 'instanceId', eniAttachTime: '5s', serviceLaunchRatePerMinute: 500, costCpuWeight: 0.5, jobQueue: 'fifo', circuitBreakerMinimumThreshold: 3,
  }),
  scalableTargets: z.array(ScalableTarget).default([]).meta({ description: 'Application Auto Scaling RegisterScalableTarget inputs (ECS services).' }),
  scalingPolicies: z.array(ScalingPolicy).default([]).meta({ description: 'PutScalingPolicy inputs: TargetTrackingScaling or StepScaling.' }),
  scheduledActions: z.array(ScheduledAction).default([]).meta({ description: 'PutScheduledAction inputs.' }),
  metricAlarms: z.array(MetricAlarm).default([]).meta({ description: 'CloudWatch PutMetricAlarm inputs whose actions are step scaling policies.' }),
  scaling: ScalingSettings.default(ScalingSettings.parse({})).meta({ description: 'Simulation: metric sampling, target tracking alarm shapes, SLO.' }),
});

export type ScenarioInput = z.input<typeof Scenario>;
export type ScenarioDocument = z.output<typeof Scenario>;

/** The JSON Schema of the scenario format (input form: defaults shown, optional fields optional). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
