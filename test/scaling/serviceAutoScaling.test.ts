import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import type { ScalingSpec, StepPolicySpec } from '../../src/model/scalingSpecs.js';
import { ServiceAutoScaling } from '../../src/scaling/serviceAutoScaling.js';
import type { DatapointStats } from '../../src/scaling/serviceMetrics.js';
import { compile, run, scenarioJson } from '../support/scenario.js';

// Reference: aws-behaviour.md §4 (target tracking alarms 3/3 and 15/15, step scaling cooldown,
// scheduled actions overwrite min/max and move the capacity into them).
const web = { family: 'web', cpu: '256', memory: '512', containerDefinitions: [{ name: 'web' }], imagePullTime: '0s', containerStartTime: '0s', load: { requestsPerSecond: 50, idleCpuPercent: 0 } };

function tracked(steps: { at: string; rate: number }[], max: number, extra: Record<string, unknown> = {}) {
  return scenarioJson({
    duration: '2h',
    taskDefinitions: [web],
    services: [{ serviceName: 'web', taskDefinition: 'web', desiredCount: 4, loadBalancerRegistrationTime: '0s', demand: { type: 'steps', steps } }],
    scalableTargets: [{ ResourceId: 'service/default/web', MinCapacity: 1, MaxCapacity: max }],
    scalingPolicies: [
      {
        PolicyName: 'cpu50', ResourceId: 'service/default/web', PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
      },
    ],
    ...extra,
  });
}

describe('target tracking timing', () => {
  it('scales out right after the third breaching datapoint, and in after the fifteenth low one', () => {
    // 4 tasks × 50 req/s: 100 req/s is 50% CPU (not above the target); 400 req/s saturates them.
    const result = run(compile(tracked([{ at: '0s', rate: 100 }, { at: '30m', rate: 400 }, { at: '60m', rate: 50 }], 8)));
    const changes = result.scaling.filter((r) => r.from !== r.to);
    // Datapoints for minutes 30, 31 and 32 are complete at 31m, 32m and 33m.
    expect(changes[0]).toMatchObject({ timeMs: 33 * 60_000, source: 'cpu50', from: 4, to: 8 });
    expect(changes[0]?.reason).toBe('AlarmHigh 3/3 > 50 (100)');
    // From 60m the CPU is 12.5%: the fifteenth datapoint below 45 completes at 75m.
    expect(changes[1]).toMatchObject({ timeMs: 75 * 60_000, from: 8, to: 2 });
    expect(changes).toHaveLength(2);
  });

  it('a scheduled action lifts MinCapacity at 08:00 Berlin (07:00 UTC in winter) and moves the desired count up', () => {
    const json = tracked([{ at: '0s', rate: 100 }], 20, {
      start: '2026-03-05T06:00:00Z',
      scheduledActions: [
        { ScheduledActionName: 'morning', ResourceId: 'service/default/web', Schedule: 'cron(0 8 ? * MON-FRI *)', Timezone: 'Europe/Berlin', ScalableTargetAction: { MinCapacity: 10 } },
      ],
    });
    const result = run(compile(json));
    const row = result.scaling.find((r) => r.source === 'morning');
    expect(row).toMatchObject({ timeMs: 60 * 60_000, from: 4, to: 10 });
    expect(result.summary.services[0]).toMatchObject({ autoScaling: { minAtEnd: 10, maxAtEnd: 20 } });
  });
});

describe('scale to zero and back', () => {
  it('a service at 0 tasks scales out by one after the first datapoint showing requests', () => {
    const json = scenarioJson({
      duration: '30m',
      taskDefinitions: [web],
      services: [{ serviceName: 'web', taskDefinition: 'web', desiredCount: 0, loadBalancerRegistrationTime: '0s', demand: { type: 'steps', steps: [{ at: '0s', rate: 0 }, { at: '5m', rate: 20 }] } }],
      scalableTargets: [{ ResourceId: 'service/default/web', MinCapacity: 0, MaxCapacity: 10 }],
      scalingPolicies: [
        {
          PolicyName: 'req', ResourceId: 'service/default/web', PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: { TargetValue: 600, PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: 'app/x/1/targetgroup/y/2' } },
        },
      ],
    });
    const result = run(compile(json));
    const first = result.scaling.find((r) => r.to > r.from);
    expect(first).toMatchObject({ timeMs: 6 * 60_000, from: 0, to: 1 });
  });
});

describe('step scaling cooldown', () => {
  const step: StepPolicySpec = {
    kind: 'step', name: 'out', service: 0, adjustmentType: 'ChangeInCapacity', minAdjustmentMagnitude: undefined, cooldownMs: 300_000, aggregation: 'Average',
    steps: [{ lower: 0, upper: 10, adjustment: 2 }, { lower: 10, upper: undefined, adjustment: 3 }],
  };
  const spec: ScalingSpec = {
    targets: [{ service: 0, minCapacity: 1, maxCapacity: 100, scaleInSuspended: false, scaleOutSuspended: false, scheduledSuspended: false }],
    policies: [step],
    alarms: [{ name: 'high', service: 0, metric: 'cpu', statistic: 'Average', periodMs: 60_000, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 50, comparison: 'GreaterThanThreshold', treatMissingData: 'missing', policies: [0] }],
    scheduledActions: [], metricSampleMs: 10_000, scaleOutDatapoints: 3, scaleInDatapoints: 15, scaleInFactor: 0.9, sloServedPercent: 99.9, demandStepPercent: 20,
  };
  const point = (average: number): DatapointStats => ({ average, minimum: average, maximum: average, sum: average, sampleCount: 1 });

  it('during the cooldown the earlier add counts: +2, then a +3 step adds only +1; after it, +3 again', () => {
    let desired = 10;
    const services = { desiredCount: () => desired, runningCount: () => desired, setDesiredCount: (_s: number, n: number) => void (desired = n) };
    const scaler = new ServiceAutoScaling(new Simulation(), spec, services, { scalingActivity: () => undefined }, 0);
    scaler.datapoint(0, 'cpu', 60_000, point(55), 60_000);
    expect(desired).toBe(12);
    scaler.datapoint(0, 'cpu', 60_000, point(65), 120_000);
    expect(desired).toBe(13);
    scaler.datapoint(0, 'cpu', 60_000, point(65), 180_000);
    expect(desired).toBe(13);
    scaler.datapoint(0, 'cpu', 60_000, point(65), 500_000);
    expect(desired).toBe(16);
  });
});

describe('load balancer deregistration delay (ELB target group default 300 s)', () => {
  function scaleInRun(delay?: string) {
    const json = scenarioJson({
      duration: '1h',
      sampleInterval: '1m',
      autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', DesiredCapacity: 2 }],
      taskDefinitions: [{ family: 'web', cpu: '256', memory: '512', containerDefinitions: [{ name: 'w' }], load: { requestsPerSecond: 10 } }],
      services: [{ serviceName: 'web', taskDefinition: 'web', desiredCount: 4, demand: { type: 'constant', rate: 30 }, ...(delay === undefined ? {} : { loadBalancerDeregistrationDelay: delay }) }],
      events: [{ type: 'setDesiredCount', at: '20m', serviceName: 'web', desiredCount: 2 }],
    } as never);
    return run(compile(json));
  }

  it('takes a scaled-in task out of the load balancer at once and stops it after the delay', () => {
    const result = scaleInRun();
    const stopped = result.finished.filter((t) => t.stopCode === 'ServiceSchedulerInitiated');
    expect(stopped).toHaveLength(2);
    // SIGTERM (STOPPING) 300 s after the scale-in at 20 min; the task held its resources until then.
    for (const t of stopped) expect(t.stoppingAt).toBe(20 * 60_000 + 300_000);
    // Out of service at once: right after the scale-in two tasks serve 20 of the 30 requests/s.
    const at = (r: ReturnType<typeof scaleInRun>, minute: number) => r.samples.find((x) => x.timeMs === minute * 60_000);
    expect(at(result, 21)?.services[0]?.served).toBe(20);
    // Their CPU stays reserved through the delay, unlike with no delay.
    const immediate = scaleInRun('0s');
    expect(at(result, 22)?.cpuReservation).toBeGreaterThan(at(immediate, 22)?.cpuReservation ?? Infinity);
    expect(at(result, 26)?.cpuReservation).toBe(at(immediate, 26)?.cpuReservation);
  });

  it('with a delay of 0 the task gets SIGTERM at the scale-in', () => {
    const stopped = scaleInRun('0s').finished.filter((t) => t.stopCode === 'ServiceSchedulerInitiated');
    for (const t of stopped) expect(t.stoppingAt).toBe(20 * 60_000);
  });
});

describe('load balancer registration (a task serves once its target is healthy, aws-behaviour.md §4)', () => {
  it('counts a RUNNING task in service exactly loadBalancerRegistrationTime later', () => {
    const json = scenarioJson({
      duration: '5m',
      sampleInterval: '10s',
      autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', DesiredCapacity: 2 }],
      taskDefinitions: [web],
      services: [{ serviceName: 'web', taskDefinition: 'web', desiredCount: 4, loadBalancerRegistrationTime: '90s', demand: { type: 'constant', rate: 300 } }],
    } as never);
    const result = run(compile(json));
    const served = (s: number) => result.samples.find((x) => x.timeMs === s * 1000)?.services[0]?.served;
    // All four tasks are RUNNING at 0 s (no pull or start time); none serves before 90 s, all four from 90 s.
    expect(served(80)).toBe(0);
    expect(served(90)).toBe(200);
    expect(served(300)).toBe(200);
  });
});
