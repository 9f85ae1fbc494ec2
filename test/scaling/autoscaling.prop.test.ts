import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, run, scenarioJson } from '../support/scenario.js';

// Reference: aws-behaviour.md §4 ("Min/max interplay", scheduled actions move the capacity into the
// new bounds). Properties: the desired count stays within the min/max in force at every sample; a
// service never serves more than its demand; no host is over-committed while the service scales.
const arb = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  min: fc.integer({ min: 0, max: 4 }),
  span: fc.integer({ min: 1, max: 12 }),
  rates: fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 1, maxLength: 6 }),
  target: fc.integer({ min: 20, max: 90 }),
  step: fc.boolean(),
  deployAt: fc.option(fc.integer({ min: 5, max: 150 }), { nil: undefined }),
  unhealthy: fc.constantFrom(0, 0.5, 1),
  actions: fc.array(fc.record({ minute: fc.integer({ min: 1, max: 170 }), min: fc.integer({ min: 0, max: 8 }), extra: fc.integer({ min: 0, max: 8 }) }), { maxLength: 3 }),
});

type Spec = typeof arb extends fc.Arbitrary<infer T> ? T : never;

function scenario(spec: Spec) {
  const max = spec.min + spec.span;
  const resource = 'service/default/web';
  return scenarioJson({
    seed: spec.seed,
    duration: '3h',
    sampleInterval: '1m',
    autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', DesiredCapacity: 4 }],
    taskDefinitions: [
      { family: 'web', cpu: '512', memory: '1024', containerDefinitions: [{ name: 'web' }], load: { requestsPerSecond: 40 } },
      { family: 'web', cpu: '1024', memory: '1536', containerDefinitions: [{ name: 'web' }], load: { requestsPerSecond: 60 }, unhealthyProbability: spec.unhealthy },
    ],
    events: spec.deployAt === undefined ? [] : [{ type: 'updateService', at: `${spec.deployAt}m`, serviceName: 'web', taskDefinition: 'web:2' }],
    services: [
      {
        serviceName: 'web', taskDefinition: 'web:1', desiredCount: spec.min,
        deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
        demand: { type: 'steps', steps: spec.rates.map((rate, i) => ({ at: `${i * 30}m`, rate })), noise: { cv: 0.2 } },
      },
    ],
    scalableTargets: [{ ResourceId: resource, MinCapacity: spec.min, MaxCapacity: max }],
    scalingPolicies: [
      {
        PolicyName: 'tt', ResourceId: resource, PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: { TargetValue: spec.target, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, ScaleInCooldown: 60 },
      },
      ...(spec.step
        ? [{
            PolicyName: 'step', ResourceId: resource, PolicyType: 'StepScaling',
            StepScalingPolicyConfiguration: { AdjustmentType: 'PercentChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 50 }], MinAdjustmentMagnitude: 1, Cooldown: 120 },
          }]
        : []),
    ],
    metricAlarms: spec.step
      ? [{ AlarmName: 'hot', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'ServiceName', Value: 'web' }], EvaluationPeriods: 2, Threshold: 80, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: ['step'] }]
      : [],
    scheduledActions: spec.actions.map((a, i) => ({
      ScheduledActionName: `a${i}`, ResourceId: resource, Schedule: `at(2026-01-05T${String(Math.floor(a.minute / 60)).padStart(2, '0')}:${String(a.minute % 60).padStart(2, '0')}:00)`,
      ScalableTargetAction: { MinCapacity: a.min, MaxCapacity: a.min + a.extra },
    })),
  } as never);
}

describe('autoscaling invariants (property)', () => {
  it('desired within [min, max] in force, served ≤ demand, hosts never over-committed (also during deployments)', () => {
    let actions = 0;
    fc.assert(
      fc.property(arb, (spec) => {
        const overCommitted: string[] = [];
        const result = run(compile(scenario(spec)), {
          observers: [{ taskPlaced: (t) => void (t.host !== undefined && (t.host.cpuFree < 0 || t.host.memFree < 0) && overCommitted.push(t.host.instanceId)) }],
        });
        for (const row of result.samples) {
          const s = row.services[0];
          if (s === undefined) continue;
          expect(s.desired).toBeGreaterThanOrEqual(s.min);
          expect(s.desired).toBeLessThanOrEqual(s.max);
          expect(s.served).toBeLessThanOrEqual(s.demand + 1e-9);
        }
        expect(overCommitted).toEqual([]);
        actions += result.scaling.filter((r) => r.from !== r.to).length;
      }),
      { seed: 20261122, numRuns: 40 },
    );
    expect(actions).toBeGreaterThan(40);
  });
});
