/**
 * The compiled form of demand profiles, the load model and Application Auto Scaling (targets,
 * policies, alarms, scheduled actions). Times are ms from the scenario start unless named epoch.
 */
export type DemandProfileSpec =
  | { readonly type: 'constant'; readonly rate: number }
  | {
      readonly type: 'diurnal';
      readonly peakRate: number;
      readonly troughRate: number;
      readonly peakHour: number;
      readonly timeZone: string;
      readonly weekendFactor: number;
    }
  /** Piecewise constant: rates[i] from times[i] (times ascending, times[0] = 0); `periodMs` > 0 loops. */
  | { readonly type: 'series'; readonly times: readonly number[]; readonly rates: readonly number[]; readonly periodMs: number };

export interface SpikeSpec {
  readonly startMs: number;
  readonly endMs: number;
  readonly multiplier: number;
}

export interface DemandSpec {
  readonly profile: DemandProfileSpec;
  readonly spikes: readonly SpikeSpec[];
  readonly noise: { readonly cv: number; readonly everyMs: number } | undefined;
}

export interface LoadModelSpec {
  readonly requestsPerSecond: number;
  readonly idleCpuPercent: number;
  readonly memoryPercent: number;
}

/** A service metric as CloudWatch would publish it. */
export type ServiceMetric = 'cpu' | 'memory' | 'requestsPerTarget';
export type Statistic = 'Average' | 'Minimum' | 'Maximum' | 'Sum' | 'SampleCount';
export type Comparison = 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

export interface ScalableTargetSpec {
  readonly service: number;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly scaleInSuspended: boolean;
  readonly scaleOutSuspended: boolean;
  readonly scheduledSuspended: boolean;
}

export interface TargetTrackingPolicySpec {
  readonly kind: 'targetTracking';
  readonly name: string;
  readonly service: number;
  readonly metric: ServiceMetric;
  /** Metric period: 60 s, or 20 s for the HighResolution types. */
  readonly periodMs: number;
  readonly targetValue: number;
  readonly scaleOutCooldownMs: number;
  readonly scaleInCooldownMs: number;
  readonly disableScaleIn: boolean;
}

export interface StepSpec {
  /** Absolute metric bounds (threshold + offset); undefined = unbounded. */
  readonly lower: number | undefined;
  readonly upper: number | undefined;
  readonly adjustment: number;
}

export interface StepPolicySpec {
  readonly kind: 'step';
  readonly name: string;
  readonly service: number;
  readonly adjustmentType: 'ChangeInCapacity' | 'PercentChangeInCapacity' | 'ExactCapacity';
  /** Bounds are offsets from the alarm threshold as given (made absolute per alarm). */
  readonly steps: readonly StepSpec[];
  readonly minAdjustmentMagnitude: number | undefined;
  readonly cooldownMs: number;
  readonly aggregation: 'Average' | 'Minimum' | 'Maximum';
}

export type ScalingPolicySpec = TargetTrackingPolicySpec | StepPolicySpec;

export interface AlarmSpec {
  readonly name: string;
  readonly service: number;
  readonly metric: ServiceMetric;
  readonly statistic: Statistic;
  readonly periodMs: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparison: Comparison;
  readonly treatMissingData: 'missing' | 'notBreaching' | 'breaching' | 'ignore';
  /** Indexes into ScalingSpec.policies (step policies). */
  readonly policies: readonly number[];
}

export type ScheduleSpec =
  | { readonly type: 'at'; readonly epochMs: number }
  | { readonly type: 'rate'; readonly everyMs: number }
  /** croner pattern (seconds first, day-of-week 0 = Sunday) and the AWS year field as a test. */
  | { readonly type: 'cron'; readonly pattern: string; readonly years: readonly (readonly [number, number])[] | undefined };

export interface ScheduledActionSpec {
  readonly name: string;
  readonly service: number;
  readonly schedule: ScheduleSpec;
  readonly timeZone: string;
  readonly startEpochMs: number | undefined;
  readonly endEpochMs: number | undefined;
  readonly minCapacity: number | undefined;
  readonly maxCapacity: number | undefined;
}

export interface ScalingSpec {
  readonly targets: readonly ScalableTargetSpec[];
  readonly policies: readonly ScalingPolicySpec[];
  readonly alarms: readonly AlarmSpec[];
  readonly scheduledActions: readonly ScheduledActionSpec[];
  readonly metricSampleMs: number;
  readonly scaleOutDatapoints: number;
  readonly scaleInDatapoints: number;
  readonly scaleInFactor: number;
  readonly sloServedPercent: number;
  /** A noiseless demand rise of at least this many percent at one instant is a demand step. */
  readonly demandStepPercent: number;
  /** Cluster auto scaling: minutes above target before a scale-out. */
  readonly clusterScaleOutDatapoints: number;
}
