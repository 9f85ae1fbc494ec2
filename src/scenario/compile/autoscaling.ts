import { isTimeZone } from '../../engine/timeZone.js';
import type { AlarmSpec, ScalableTargetSpec, ScalingPolicySpec, ScalingSpec, ScheduledActionSpec, ServiceMetric, StepSpec } from '../../model/scalingSpecs.js';
import type { ServiceSpec } from '../../model/specs.js';
import { parseSchedule } from '../../scaling/schedule.js';
import type { PathPart } from '../issues.js';
import type { ScenarioDocument } from '../schema/scenario.js';
import type { StepScalingConfiguration } from '../schema/autoscaling.js';
import type { CompileContext } from './context.js';
import { ms } from './distribution.js';
import type { z } from 'zod';

/** Application Auto Scaling: targets, policies, alarms and scheduled actions resolved to services. */
interface Scope {
  readonly ctx: CompileContext;
  readonly clusterName: string;
  readonly services: readonly ServiceSpec[];
}

/** "service/<cluster>/<service>" → the service index (only REPLICA services scale). */
function serviceOf(scope: Scope, resourceId: string, path: readonly PathPart[]): number {
  const [, cluster, name] = resourceId.split('/') as [string, string, string];
  if (cluster !== scope.clusterName) scope.ctx.issues.add(path, `cluster "${cluster}" is not the scenario's cluster "${scope.clusterName}"`);
  const service = scope.services.find((s) => s.name === name);
  if (service === undefined) {
    scope.ctx.issues.add(path, `unknown service "${name}" (services: ${scope.services.map((s) => s.name).join(', ')})`);
    return -1;
  }
  if (service.daemon) scope.ctx.issues.add(path, `service "${name}" is a DAEMON service; only REPLICA services have a scalable desired count`);
  return service.index;
}

/** Metrics exist only for services with demand whose task definition has a load model. */
function checkMetricSource(scope: Scope, service: number, path: readonly PathPart[]): void {
  const spec = scope.services[service];
  if (spec === undefined) return;
  if (spec.demand === undefined || spec.taskDefinition.load === undefined) {
    scope.ctx.issues.add(path, `service "${spec.name}" publishes no utilisation: give it "demand" and its task definition "load"`);
  }
}

const PREDEFINED: Readonly<Record<string, readonly [ServiceMetric, number]>> = {
  ECSServiceAverageCPUUtilization: ['cpu', 60_000],
  ECSServiceAverageMemoryUtilization: ['memory', 60_000],
  ALBRequestCountPerTarget: ['requestsPerTarget', 60_000],
  ECSServiceAverageCPUUtilizationHighResolution: ['cpu', 20_000],
  ECSServiceAverageMemoryUtilizationHighResolution: ['memory', 20_000],
};

const METRICS: Readonly<Record<string, ServiceMetric>> = { CPUUtilization: 'cpu', MemoryUtilization: 'memory', RequestCountPerTarget: 'requestsPerTarget' };

/** Step bounds: no overlap, no gap, one open end each way at most, never both open in one step. */
function compileSteps(ctx: CompileContext, config: z.infer<typeof StepScalingConfiguration>, path: readonly PathPart[]): StepSpec[] {
  const steps = config.StepAdjustments.map((s) => ({ lower: s.MetricIntervalLowerBound, upper: s.MetricIntervalUpperBound, adjustment: s.ScalingAdjustment }));
  steps.forEach((s, i) => {
    if (s.lower === undefined && s.upper === undefined) ctx.issues.add([...path, 'StepAdjustments', i], 'a step needs a lower or an upper bound');
    if (s.lower !== undefined && s.upper !== undefined && s.lower >= s.upper) ctx.issues.add([...path, 'StepAdjustments', i], 'the lower bound must be below the upper bound');
  });
  if (steps.filter((s) => s.lower === undefined).length > 1) ctx.issues.add([...path, 'StepAdjustments'], 'at most one step may have no lower bound');
  if (steps.filter((s) => s.upper === undefined).length > 1) ctx.issues.add([...path, 'StepAdjustments'], 'at most one step may have no upper bound');
  const sorted = [...steps].sort((a, b) => (a.lower ?? -Infinity) - (b.lower ?? -Infinity));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as StepSpec;
    const cur = sorted[i] as StepSpec;
    if ((prev.upper ?? Infinity) !== cur.lower) ctx.issues.add([...path, 'StepAdjustments'], 'steps may neither overlap nor leave gaps');
  }
  if (config.AdjustmentType === 'ExactCapacity' && steps.some((s) => s.adjustment < 0)) ctx.issues.add([...path, 'StepAdjustments'], 'ExactCapacity adjustments must be at least 0');
  if (config.MinAdjustmentMagnitude !== undefined && config.AdjustmentType !== 'PercentChangeInCapacity') {
    ctx.issues.add([...path, 'MinAdjustmentMagnitude'], 'applies only to PercentChangeInCapacity');
  }
  return sorted;
}

function compilePolicies(scope: Scope, doc: ScenarioDocument, targets: readonly ScalableTargetSpec[]): ScalingPolicySpec[] {
  const out: ScalingPolicySpec[] = [];
  doc.scalingPolicies.forEach((p, i) => {
    const path = ['scalingPolicies', i];
    const service = serviceOf(scope, p.ResourceId, [...path, 'ResourceId']);
    if (service >= 0 && !targets.some((t) => t.service === service)) scope.ctx.issues.add([...path, 'ResourceId'], 'no scalableTargets[] entry registers this service');
    if (p.PolicyType === 'TargetTrackingScaling') {
      const c = p.TargetTrackingScalingPolicyConfiguration;
      if (c === undefined || p.StepScalingPolicyConfiguration !== undefined) {
        scope.ctx.issues.add(path, 'TargetTrackingScaling needs TargetTrackingScalingPolicyConfiguration (and no StepScalingPolicyConfiguration)');
        return;
      }
      const type = c.PredefinedMetricSpecification.PredefinedMetricType;
      const [metric, periodMs] = PREDEFINED[type] as readonly [ServiceMetric, number];
      if (metric === 'requestsPerTarget' && c.PredefinedMetricSpecification.ResourceLabel === undefined) {
        scope.ctx.issues.add([...path, 'TargetTrackingScalingPolicyConfiguration', 'PredefinedMetricSpecification', 'ResourceLabel'], 'ALBRequestCountPerTarget needs a ResourceLabel');
      }
      if (service >= 0) checkMetricSource(scope, service, [...path, 'ResourceId']);
      out.push({
        kind: 'targetTracking', name: p.PolicyName, service, metric, periodMs, targetValue: c.TargetValue,
        scaleOutCooldownMs: c.ScaleOutCooldown * 1000, scaleInCooldownMs: c.ScaleInCooldown * 1000, disableScaleIn: c.DisableScaleIn,
      });
      return;
    }
    const c = p.StepScalingPolicyConfiguration;
    if (c === undefined || p.TargetTrackingScalingPolicyConfiguration !== undefined) {
      scope.ctx.issues.add(path, 'StepScaling needs StepScalingPolicyConfiguration (and no TargetTrackingScalingPolicyConfiguration)');
      return;
    }
    out.push({
      kind: 'step', name: p.PolicyName, service, adjustmentType: c.AdjustmentType,
      steps: compileSteps(scope.ctx, c, [...path, 'StepScalingPolicyConfiguration']),
      minAdjustmentMagnitude: c.MinAdjustmentMagnitude, cooldownMs: c.Cooldown * 1000, aggregation: c.MetricAggregationType,
    });
  });
  return out;
}

function compileAlarms(scope: Scope, doc: ScenarioDocument, policies: readonly ScalingPolicySpec[]): AlarmSpec[] {
  return doc.metricAlarms.map((a, i) => {
    const path = ['metricAlarms', i];
    const dim = (name: string) => a.Dimensions.find((d) => d.Name === name)?.Value;
    const serviceName = dim('ServiceName');
    const clusterName = dim('ClusterName');
    if (clusterName !== undefined && clusterName !== scope.clusterName) scope.ctx.issues.add([...path, 'Dimensions'], `ClusterName "${clusterName}" is not the scenario's cluster`);
    const service = serviceName === undefined ? -1 : (scope.services.find((s) => s.name === serviceName)?.index ?? -1);
    if (service < 0) scope.ctx.issues.add([...path, 'Dimensions'], `needs a ServiceName dimension naming a service${serviceName === undefined ? '' : ` ("${serviceName}" is unknown)`}`);
    else checkMetricSource(scope, service, [...path, 'Dimensions']);
    if (a.Period < 60 && a.Period !== 20) scope.ctx.issues.add([...path, 'Period'], 'ECS publishes service metrics every 60 s (20 s high resolution): use 20 or a multiple of 60');
    const datapointsToAlarm = a.DatapointsToAlarm ?? a.EvaluationPeriods;
    if (datapointsToAlarm > a.EvaluationPeriods) scope.ctx.issues.add([...path, 'DatapointsToAlarm'], 'must be at most EvaluationPeriods');
    const actions = a.AlarmActions.map((action, k) => {
      const name = action.includes('policyName/') ? action.slice(action.lastIndexOf('policyName/') + 'policyName/'.length) : action;
      const p = policies.findIndex((x) => x.name === name);
      const policy = policies[p];
      if (policy === undefined || policy.kind !== 'step') scope.ctx.issues.add([...path, 'AlarmActions', k], `"${action}" names no StepScaling policy`);
      else if (policy.service !== service) scope.ctx.issues.add([...path, 'AlarmActions', k], `policy "${name}" scales another service`);
      return p;
    });
    return {
      name: a.AlarmName, service, metric: METRICS[a.MetricName] as ServiceMetric, statistic: a.Statistic, periodMs: a.Period * 1000,
      evaluationPeriods: a.EvaluationPeriods, datapointsToAlarm, threshold: a.Threshold, comparison: a.ComparisonOperator,
      treatMissingData: a.TreatMissingData, policies: actions,
    };
  });
}

function compileActions(scope: Scope, doc: ScenarioDocument, targets: readonly ScalableTargetSpec[]): ScheduledActionSpec[] {
  return doc.scheduledActions.map((a, i) => {
    const path = ['scheduledActions', i];
    const service = serviceOf(scope, a.ResourceId, [...path, 'ResourceId']);
    if (service >= 0 && !targets.some((t) => t.service === service)) scope.ctx.issues.add([...path, 'ResourceId'], 'no scalableTargets[] entry registers this service');
    const zoneOk = isTimeZone(a.Timezone);
    if (!zoneOk) scope.ctx.issues.add([...path, 'Timezone'], `"${a.Timezone}" is not an IANA time zone (e.g. "Europe/Berlin")`);
    const parsed = parseSchedule(a.Schedule, zoneOk ? a.Timezone : 'UTC');
    if (typeof parsed === 'string') scope.ctx.issues.add([...path, 'Schedule'], parsed);
    const { MinCapacity: min, MaxCapacity: max } = a.ScalableTargetAction;
    if (min !== undefined && max !== undefined && min > max) scope.ctx.issues.add([...path, 'ScalableTargetAction'], 'MinCapacity must be at most MaxCapacity');
    return {
      name: a.ScheduledActionName, service, schedule: typeof parsed === 'string' ? { type: 'at', epochMs: 0 } : parsed, timeZone: zoneOk ? a.Timezone : 'UTC',
      startEpochMs: a.StartTime === undefined ? undefined : Date.parse(a.StartTime), endEpochMs: a.EndTime === undefined ? undefined : Date.parse(a.EndTime),
      minCapacity: min, maxCapacity: max,
    };
  });
}

export function compileScaling(ctx: CompileContext, doc: ScenarioDocument, services: readonly ServiceSpec[]): ScalingSpec {
  const scope: Scope = { ctx, clusterName: doc.cluster.clusterName, services };
  const targets: ScalableTargetSpec[] = [];
  doc.scalableTargets.forEach((t, i) => {
    const path = ['scalableTargets', i];
    const service = serviceOf(scope, t.ResourceId, [...path, 'ResourceId']);
    if (t.MinCapacity > t.MaxCapacity) ctx.issues.add([...path, 'MinCapacity'], 'must be at most MaxCapacity');
    if (service >= 0 && targets.some((x) => x.service === service)) ctx.issues.add([...path, 'ResourceId'], 'this service is already registered');
    if (service < 0) return;
    targets.push({
      service, minCapacity: t.MinCapacity, maxCapacity: t.MaxCapacity,
      scaleInSuspended: t.SuspendedState?.DynamicScalingInSuspended ?? false,
      scaleOutSuspended: t.SuspendedState?.DynamicScalingOutSuspended ?? false,
      scheduledSuspended: t.SuspendedState?.ScheduledScalingSuspended ?? false,
    });
  });
  checkNames(ctx, doc.scalingPolicies.map((p) => p.PolicyName), 'scalingPolicies', 'PolicyName');
  checkNames(ctx, doc.metricAlarms.map((a) => a.AlarmName), 'metricAlarms', 'AlarmName');
  checkNames(ctx, doc.scheduledActions.map((a) => a.ScheduledActionName), 'scheduledActions', 'ScheduledActionName');
  const policies = compilePolicies(scope, doc, targets);
  const alarms = compileAlarms(scope, doc, policies);
  policies.forEach((p, i) => {
    if (p.kind === 'step' && !alarms.some((a) => a.policies.includes(i))) {
      ctx.issues.add(['scalingPolicies', doc.scalingPolicies.findIndex((x) => x.PolicyName === p.name)], `no metricAlarms[] entry has "${p.name}" among its AlarmActions, so it would never run`);
    }
  });
  const sampleMs = ms(doc.scaling.metricSampleInterval);
  if (sampleMs <= 0 || 20_000 % sampleMs !== 0) ctx.issues.add(['scaling', 'metricSampleInterval'], 'must divide 20 s (e.g. "1s", "5s", "10s", "20s")');
  return {
    targets, policies, alarms, scheduledActions: compileActions(scope, doc, targets),
    metricSampleMs: Math.max(1, sampleMs),
    scaleOutDatapoints: doc.scaling.targetTracking.scaleOutDatapoints,
    scaleInDatapoints: doc.scaling.targetTracking.scaleInDatapoints,
    scaleInFactor: doc.scaling.targetTracking.scaleInFactor,
    sloServedPercent: doc.scaling.sloServedPercent,
    demandStepPercent: doc.scaling.demandStepPercent,
    clusterScaleOutDatapoints: doc.scaling.clusterAutoScaling.scaleOutDatapoints,
  };
}

function checkNames(ctx: CompileContext, names: readonly string[], list: string, field: string): void {
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (seen.has(n)) ctx.issues.add([list, i, field], `"${n}" is used twice`);
    seen.add(n);
  });
}
