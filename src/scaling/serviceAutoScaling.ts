import type { EventKind, Simulation } from '../engine/simulation.js';
import type { AlarmSpec, ScalableTargetSpec, ScalingSpec, ServiceMetric, StepPolicySpec, TargetTrackingPolicySpec } from '../model/scalingSpecs.js';
import { Phase } from '../sim/phases.js';
import { evaluateAlarm } from './alarm.js';
import { nextFiring } from './schedule.js';
import type { DatapointListener, DatapointStats } from './serviceMetrics.js';
import { pickStep, stepChange } from './stepScaling.js';
import { combineProposals, trackedCapacity } from './targetTracking.js';

/**
 * Application Auto Scaling for ECS services (aws-behaviour.md §4). It reads datapoints from
 * ServiceMetrics and sets desired counts through the service scheduler:
 * - target tracking: AlarmHigh (metric > target, N of N) and AlarmLow (metric < factor × target, M of M)
 *   per policy; while an alarm is in ALARM each new datapoint re-invokes the policy; policies combine
 *   (out if any, in only if all, the largest capacity wins); scale-in waits out ScaleInCooldown since the
 *   last scale-in, a scale-out ends it; scale-out needs a capacity above the current desired count;
 * - step scaling: a user alarm in ALARM invokes its policies with the aggregated window; a scale-out
 *   during the policy's Cooldown adds only what exceeds the earlier add, a scale-in during it is blocked;
 * - scheduled actions overwrite min/max and move the desired count into them, ignoring cooldowns.
 */
export interface ScalingTarget {
  desiredCount(service: number): number;
  runningCount(service: number): number;
  setDesiredCount(service: number, desired: number): void;
  /** A deployment is in progress: dynamic scale-in is suspended (aws-behaviour.md §4). */
  deploying(service: number): boolean;
}

export interface ScalingActivityListener {
  scalingActivity(now: number, service: number, source: string, from: number, to: number, reason: string): void;
}

interface TargetState {
  readonly spec: ScalableTargetSpec;
  min: number;
  max: number;
  lastScaleIn: number;
  /** Target tracking policies of this service. */
  readonly tracking: TrackingState[];
}

interface TrackingState {
  readonly spec: TargetTrackingPolicySpec;
  readonly canScaleIn: boolean;
  readonly history: (number | undefined)[];
  direction: 'out' | 'in' | 'none';
  capacity: number | undefined;
  /** Why it proposes what it does: the reason text is built only when the proposal is acted on. */
  cause: 'zero' | 'high' | 'low' | 'none';
  /** The datapoint behind the proposal. */
  value: number;
}

interface AlarmState {
  readonly spec: AlarmSpec;
  readonly history: (number | undefined)[];
}

interface StepState {
  readonly spec: StepPolicySpec;
  cooldownUntil: number;
  lastOutDelta: number;
}

const STAT_OF_METRIC: Readonly<Record<ServiceMetric, keyof DatapointStats>> = { cpu: 'average', memory: 'average', requestsPerTarget: 'sum' };
const STAT_KEYS = { Average: 'average', Minimum: 'minimum', Maximum: 'maximum', Sum: 'sum', SampleCount: 'sampleCount' } as const;

export class ServiceAutoScaling implements DatapointListener {
  private readonly targets: (TargetState | undefined)[] = [];
  private readonly alarms: AlarmState[];
  private readonly steps: (StepState | undefined)[];
  private readonly actionKind: EventKind;

  constructor(
    private readonly sim: Simulation,
    private readonly spec: ScalingSpec,
    private readonly services: ScalingTarget,
    private readonly listener: ScalingActivityListener,
    private readonly startEpochMs: number,
  ) {
    for (const t of spec.targets) this.targets[t.service] = { spec: t, min: t.minCapacity, max: t.maxCapacity, lastScaleIn: -Infinity, tracking: [] };
    for (const p of spec.policies) {
      if (p.kind === 'targetTracking') this.targets[p.service]?.tracking.push({ spec: p, canScaleIn: !p.disableScaleIn, history: [], direction: 'none', capacity: undefined, cause: 'none', value: 0 });
    }
    this.steps = spec.policies.map((p) => (p.kind === 'step' ? { spec: p, cooldownUntil: -Infinity, lastOutDelta: 0 } : undefined));
    this.alarms = spec.alarms.map((a) => ({ spec: a, history: [] }));
    this.actionKind = sim.register('scaling.scheduledAction', Phase.Scaling, (i) => this.runAction(i));
  }

  /** The (time, min, max) the autoscaler keeps per service; undefined when the service is not a target. */
  bounds(service: number): { min: number; max: number } | undefined {
    const t = this.targets[service];
    return t === undefined ? undefined : { min: t.min, max: t.max };
  }

  /** Periods each service's metrics are needed at: [service, periodMs]. */
  static periods(spec: ScalingSpec): [number, number][] {
    return [...spec.policies.flatMap((p) => (p.kind === 'targetTracking' ? [[p.service, p.periodMs] as [number, number]] : [])), ...spec.alarms.map((a) => [a.service, a.periodMs] as [number, number])];
  }

  start(): void {
    this.spec.scheduledActions.forEach((_, i) => this.scheduleAction(i, this.startEpochMs - 1));
  }

  datapoint(service: number, metric: ServiceMetric, periodMs: number, stats: DatapointStats | undefined, now: number): void {
    const target = this.targets[service];
    if (target !== undefined) {
      let touched = false;
      for (const p of target.tracking) {
        if (p.spec.metric !== metric || p.spec.periodMs !== periodMs) continue;
        this.track(p, stats === undefined ? undefined : stats[STAT_OF_METRIC[metric]], service);
        touched = true;
      }
      if (touched) this.applyTracking(target, now);
    }
    for (const a of this.alarms) {
      if (a.spec.service !== service || a.spec.metric !== metric || a.spec.periodMs !== periodMs) continue;
      a.history.push(stats === undefined ? undefined : stats[STAT_KEYS[a.spec.statistic]]);
      if (a.history.length > a.spec.evaluationPeriods) a.history.shift();
      const state = evaluateAlarm(a.history, a.spec.evaluationPeriods, a.spec.datapointsToAlarm, a.spec.threshold, a.spec.comparison, a.spec.treatMissingData);
      if (state === 'ALARM') for (const p of a.spec.policies) this.runStep(a, p, now);
    }
  }

  private track(p: TrackingState, value: number | undefined, service: number): void {
    const keep = Math.max(this.spec.scaleOutDatapoints, this.spec.scaleInDatapoints);
    p.history.push(value);
    if (p.history.length > keep) p.history.shift();
    const target = p.spec.targetValue;
    const high = evaluateAlarm(p.history, this.spec.scaleOutDatapoints, this.spec.scaleOutDatapoints, target, 'GreaterThanThreshold');
    const low = evaluateAlarm(p.history, this.spec.scaleInDatapoints, this.spec.scaleInDatapoints, this.lowThreshold(p), 'LessThanThreshold');
    const running = this.services.runningCount(service);
    p.direction = 'none';
    p.capacity = undefined;
    p.cause = 'none';
    if (value === undefined) return;
    p.value = value;
    if (running === 0 && value > 0 && this.services.desiredCount(service) === 0) {
      // From zero: one datapoint showing demand, then the minimum step out.
      p.direction = 'out';
      p.capacity = 1;
      p.cause = 'zero';
      return;
    }
    if (high === 'ALARM') {
      p.direction = 'out';
      p.capacity = trackedCapacity(running, value, target);
      p.cause = 'high';
    } else if (low === 'ALARM' && p.canScaleIn) {
      p.direction = 'in';
      p.capacity = trackedCapacity(running, value, target);
      p.cause = 'low';
    }
  }

  /** The scale-in alarm's threshold of a tracking policy (scaleInFactor × target). */
  private lowThreshold(p: TrackingState): number {
    return this.spec.scaleInFactor * p.spec.targetValue;
  }

  /** The scaling.csv reason of a tracking policy's proposal ("AlarmHigh 3/3 > 50 (62.5)" …). */
  private reasonOf(p: TrackingState): string {
    const value = fmt(p.value);
    switch (p.cause) {
      case 'zero':
        return `scale out from zero (${value})`;
      case 'high':
        return `AlarmHigh ${this.spec.scaleOutDatapoints}/${this.spec.scaleOutDatapoints} > ${fmt(p.spec.targetValue)} (${value})`;
      case 'low':
        return `AlarmLow ${this.spec.scaleInDatapoints}/${this.spec.scaleInDatapoints} < ${fmt(this.lowThreshold(p))} (${value})`;
      case 'none':
        return '';
    }
  }

  private applyTracking(target: TargetState, now: number): void {
    const service = target.spec.service;
    const current = this.services.desiredCount(service);
    const wanted = combineProposals(target.tracking, current);
    if (wanted === undefined) return;
    const out = wanted > current;
    // The policy whose proposal won (combineProposals returns the largest capacity of the winning direction).
    const lead = target.tracking.find((p) => p.direction === (out ? 'out' : 'in') && p.capacity === wanted) as TrackingState;
    if (out) {
      if (target.spec.scaleOutSuspended) return this.listener.scalingActivity(now, service, lead.spec.name, current, current, 'scale-out suspended');
      const to = clamp(target, wanted);
      if (to <= current) return;
      this.set(target, lead.spec.name, current, to, this.reasonOf(lead), now);
      target.lastScaleIn = -Infinity;
      return;
    }
    if (target.spec.scaleInSuspended || current <= target.min || this.services.deploying(service)) return;
    let cooldown = -Infinity;
    for (const p of target.tracking) if (p.canScaleIn && p.spec.scaleInCooldownMs > cooldown) cooldown = p.spec.scaleInCooldownMs;
    if (now < target.lastScaleIn + cooldown) {
      return this.listener.scalingActivity(now, service, lead.spec.name, current, current, `cooldown blocked (scale-in until ${((target.lastScaleIn + cooldown) / 1000).toFixed(0)} s)`);
    }
    const to = Math.min(current, clamp(target, wanted));
    if (to < current) {
      this.set(target, lead.spec.name, current, to, this.reasonOf(lead), now);
      target.lastScaleIn = now;
    }
  }

  private runStep(alarm: AlarmState, policyIndex: number, now: number): void {
    const state = this.steps[policyIndex];
    const target = state === undefined ? undefined : this.targets[state.spec.service];
    if (state === undefined || target === undefined) return;
    const values = alarm.history.filter((v): v is number => v !== undefined);
    if (values.length === 0) return;
    const agg = state.spec.aggregation;
    const value = agg === 'Minimum' ? Math.min(...values) : agg === 'Maximum' ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / values.length;
    const step = pickStep(state.spec.steps, alarm.spec.threshold, value);
    if (step === undefined) return;
    const service = state.spec.service;
    const current = this.services.desiredCount(service);
    let change = stepChange(state.spec, step, current);
    const reason = `${alarm.spec.name} in ALARM (${fmt(value)} vs ${fmt(alarm.spec.threshold)})`;
    const cooling = now < state.cooldownUntil;
    if (change > 0 && target.spec.scaleOutSuspended) return;
    if (change < 0 && (target.spec.scaleInSuspended || this.services.deploying(service))) return;
    if (cooling && change < 0) return this.listener.scalingActivity(now, service, state.spec.name, current, current, `cooldown blocked (${reason})`);
    if (cooling && change > 0) change = Math.max(0, change - state.lastOutDelta);
    if (change === 0) return;
    const to = change > 0 ? clamp(target, current + change) : Math.min(current, clamp(target, current + change));
    if (to === current) return;
    state.lastOutDelta = change > 0 ? (cooling ? state.lastOutDelta + change : change) : 0;
    state.cooldownUntil = now + state.spec.cooldownMs;
    this.set(target, state.spec.name, current, to, reason, now);
  }

  private scheduleAction(i: number, afterEpochMs: number): void {
    const a = this.spec.scheduledActions[i];
    if (a === undefined) return;
    const origin = a.startEpochMs ?? this.startEpochMs;
    const after = Math.max(afterEpochMs, (a.startEpochMs ?? -Infinity) - 1);
    const next = nextFiring(a.schedule, a.timeZone, after, origin);
    if (next === undefined || (a.endEpochMs !== undefined && next > a.endEpochMs)) return;
    const at = next - this.startEpochMs;
    if (at < this.sim.now) return;
    this.sim.schedule(this.actionKind, at, i);
  }

  private runAction(i: number): void {
    const a = this.spec.scheduledActions[i];
    const target = a === undefined ? undefined : this.targets[a.service];
    if (a === undefined || target === undefined) return;
    const now = this.sim.now;
    this.scheduleAction(i, this.startEpochMs + now);
    if (target.spec.scheduledSuspended) return;
    if (a.minCapacity !== undefined) target.min = a.minCapacity;
    if (a.maxCapacity !== undefined) target.max = a.maxCapacity;
    if (target.min > target.max) target.max = target.min;
    const current = this.services.desiredCount(a.service);
    const to = clamp(target, current);
    const reason = `scheduled action ${a.name} (min ${target.min}, max ${target.max})`;
    if (to !== current) this.set(target, a.name, current, to, reason, now);
    else this.listener.scalingActivity(now, a.service, a.name, current, current, reason);
  }

  private set(target: TargetState, source: string, from: number, to: number, reason: string, now: number): void {
    this.services.setDesiredCount(target.spec.service, to);
    this.listener.scalingActivity(now, target.spec.service, source, from, to, reason);
  }
}

/** A capacity moved into the target's [min, max]. */
function clamp(target: TargetState, capacity: number): number {
  return Math.max(target.min, Math.min(target.max, capacity));
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
