import { z } from 'zod';
import { Accepted, Count, Duration, Name } from './primitives.js';

/**
 * Application Auto Scaling for ECS services (aws-behaviour.md §4), in the API's spelling:
 * RegisterScalableTarget, PutScalingPolicy, PutScheduledAction, and CloudWatch PutMetricAlarm for
 * step scaling. Only the ECS DesiredCount dimension exists here.
 */
const targetIdentity = {
  ServiceNamespace: z.literal('ecs').default('ecs'),
  ResourceId: z.string().regex(/^service\/[^/]+\/[^/]+$/, { error: 'expected "service/<clusterName>/<serviceName>"' }),
  ScalableDimension: z.literal('ecs:service:DesiredCount').default('ecs:service:DesiredCount'),
};

export const ScalableTarget = z.strictObject({
  ...targetIdentity,
  MinCapacity: Count,
  MaxCapacity: Count,
  SuspendedState: z
    .strictObject({
      DynamicScalingInSuspended: z.boolean().default(false),
      DynamicScalingOutSuspended: z.boolean().default(false),
      ScheduledScalingSuspended: z.boolean().default(false),
    })
    .optional(),
  RoleARN: Accepted,
  Tags: Accepted,
});

const Seconds = z.int().min(0);

export const TargetTrackingConfiguration = z.strictObject({
  TargetValue: z.number().gt(0),
  PredefinedMetricSpecification: z.strictObject({
    PredefinedMetricType: z.enum([
      'ECSServiceAverageCPUUtilization',
      'ECSServiceAverageMemoryUtilization',
      'ALBRequestCountPerTarget',
      'ECSServiceAverageCPUUtilizationHighResolution',
      'ECSServiceAverageMemoryUtilizationHighResolution',
    ]),
    ResourceLabel: z.string().optional().meta({ description: 'Required for ALBRequestCountPerTarget (accepted as given).' }),
  }),
  ScaleOutCooldown: Seconds.default(300).meta({ description: 'Seconds. Default 300 (ECS).' }),
  ScaleInCooldown: Seconds.default(300).meta({ description: 'Seconds. Default 300 (ECS).' }),
  DisableScaleIn: z.boolean().default(false),
});

export const StepAdjustment = z.strictObject({
  MetricIntervalLowerBound: z.number().optional(),
  MetricIntervalUpperBound: z.number().optional(),
  ScalingAdjustment: z.int(),
});

export const StepScalingConfiguration = z.strictObject({
  AdjustmentType: z.enum(['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity']),
  StepAdjustments: z.array(StepAdjustment).min(1).max(20),
  MinAdjustmentMagnitude: z.int().min(1).optional(),
  Cooldown: Seconds.default(300).meta({ description: 'Seconds. Default 300.' }),
  MetricAggregationType: z.enum(['Average', 'Minimum', 'Maximum']).default('Average'),
});

export const ScalingPolicy = z.strictObject({
  PolicyName: Name,
  ...targetIdentity,
  PolicyType: z.enum(['TargetTrackingScaling', 'StepScaling']),
  TargetTrackingScalingPolicyConfiguration: TargetTrackingConfiguration.optional(),
  StepScalingPolicyConfiguration: StepScalingConfiguration.optional(),
});

export const ScheduledAction = z.strictObject({
  ScheduledActionName: Name,
  ...targetIdentity,
  Schedule: z.string().min(1).meta({ description: 'at(yyyy-mm-ddThh:mm:ss), rate(n unit) or cron(min hour dom month dow year).' }),
  Timezone: z.string().default('UTC').meta({ description: 'IANA time zone of at() and cron() (DST followed). Default UTC.' }),
  StartTime: z.iso.datetime({ offset: true }).optional().meta({ description: 'UTC; the action fires only after this.' }),
  EndTime: z.iso.datetime({ offset: true }).optional().meta({ description: 'UTC; the action fires only before this.' }),
  ScalableTargetAction: z
    .strictObject({ MinCapacity: Count.optional(), MaxCapacity: Count.optional() })
    .refine((a) => a.MinCapacity !== undefined || a.MaxCapacity !== undefined, { error: 'give MinCapacity, MaxCapacity or both' }),
});

export const MetricAlarm = z.strictObject({
  AlarmName: Name,
  Namespace: z.literal('AWS/ECS').default('AWS/ECS'),
  MetricName: z.enum(['CPUUtilization', 'MemoryUtilization', 'RequestCountPerTarget']).meta({
    description: 'Service metrics (RequestCountPerTarget stands for the target group metric of the service).',
  }),
  Dimensions: z.array(z.strictObject({ Name: z.string(), Value: z.string() })).min(1).meta({
    description: 'ServiceName (required) and ClusterName.',
  }),
  Statistic: z.enum(['Average', 'Minimum', 'Maximum', 'Sum', 'SampleCount']).default('Average'),
  Period: z.union([z.literal(10), z.literal(20), z.literal(30), z.int().min(60).multipleOf(60)]).default(60),
  EvaluationPeriods: z.int().min(1),
  DatapointsToAlarm: z.int().min(1).optional().meta({ description: 'Default: EvaluationPeriods.' }),
  Threshold: z.number(),
  ComparisonOperator: z.enum(['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold']),
  TreatMissingData: z.enum(['missing', 'notBreaching', 'breaching', 'ignore']).default('missing'),
  AlarmActions: z.array(z.string().min(1)).min(1).meta({ description: 'Step scaling policies: names or ARNs ending in policyName/<name>.' }),
  AlarmDescription: Accepted,
  ActionsEnabled: Accepted,
  Unit: Accepted,
  Tags: Accepted,
});

export const ScalingSettings = z.strictObject({
  metricSampleInterval: Duration.default('10s').meta({
    description: 'Simulation: how often service utilisation and demand are sampled inside a metric period. Default 10s.',
  }),
  targetTracking: z
    .strictObject({
      scaleOutDatapoints: z.int().min(1).default(3).meta({ description: 'AlarmHigh: metric > target for N of N datapoints (observed 3).' }),
      scaleInDatapoints: z.int().min(1).default(15).meta({ description: 'AlarmLow: metric < factor × target for N of N (observed 15).' }),
      scaleInFactor: z.number().gt(0).max(1).default(0.9).meta({ description: 'AlarmLow threshold as a share of the target (observed 0.9).' }),
    })
    .default({ scaleOutDatapoints: 3, scaleInDatapoints: 15, scaleInFactor: 0.9 }),
  clusterAutoScaling: z
    .strictObject({
      scaleOutDatapoints: z.int().min(1).default(1).meta({
        description: 'Minutes CapacityProviderReservation must be above targetCapacity before a scale-out. Unconfirmed; default 1 (ECS evaluates every minute).',
      }),
    })
    .default({ scaleOutDatapoints: 1 }),
  sloServedPercent: z.number().min(0).max(100).default(99.9).meta({
    description: 'A minute counts as below SLO when the service served less than this share of its demand. Default 99.9.',
  }),
  demandStepPercent: z.number().gt(0).default(20).meta({
    description: 'A rise of a service\'s demand curve (steps, trace rows, spike starts; noise left out) by at least this many percent at one instant is a demand step; the summary times the scale-out after each. Default 20.',
  }),
});

export type ScalableTargetInput = z.infer<typeof ScalableTarget>;
export type ScalingPolicyInput = z.infer<typeof ScalingPolicy>;
export type ScheduledActionInput = z.infer<typeof ScheduledAction>;
export type MetricAlarmInput = z.infer<typeof MetricAlarm>;
export type ScalingSettingsInput = z.infer<typeof ScalingSettings>;
