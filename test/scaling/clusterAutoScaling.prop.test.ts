import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/simulate.js';
import { compile, scenarioJson } from '../support/scenario.js';

// Reference: aws-behaviour.md §3 (CapacityProviderReservation counts instances without non-daemon tasks
// as removable; managed termination protection; scale-in of empty instances). Cluster auto scaling keeps
// its count of empty instances incrementally; with selfCheck every evaluation compares it with a scan.
const arb = fc.record({
  seed: fc.integer({ min: 0, max: 10_000 }),
  spotPercent: fc.constantFrom(0, 50, 100),
  rebalance: fc.boolean(),
  draining: fc.boolean(),
  daemon: fc.boolean(),
  target: fc.constantFrom(60, 80, 100),
  desired: fc.integer({ min: 0, max: 30 }),
  later: fc.integer({ min: 0, max: 30 }),
  jobsPerHour: fc.integer({ min: 0, max: 200 }),
  events: fc.array(fc.record({ minute: fc.integer({ min: 1, max: 170 }), kind: fc.nat(2), n: fc.integer({ min: 1, max: 3 }) }), { maxLength: 4 }),
});

describe('cluster auto scaling (property)', () => {
  it('keeps its count of empty instances equal to a scan through launches, drains, Spot notices and terminations', () => {
    let scaleIns = 0;
    fc.assert(
      fc.property(arb, (spec) => {
        const group = {
          AutoScalingGroupName: 'g',
          MinSize: 0,
          MaxSize: 20,
          DesiredCapacity: 2,
          CapacityRebalance: spec.rebalance,
          ecsConfig: { ECS_ENABLE_SPOT_INSTANCE_DRAINING: spec.draining },
          MixedInstancesPolicy: {
            LaunchTemplate: { Overrides: [{ InstanceType: 'm5.large' }, { InstanceType: 'm6i.large' }] },
            InstancesDistribution: { OnDemandPercentageAboveBaseCapacity: 100 - spec.spotPercent, SpotAllocationStrategy: 'price-capacity-optimized' },
          },
        };
        const json = scenarioJson({
          seed: spec.seed,
          duration: '3h',
          sampleInterval: '5m',
          autoScalingGroups: [group],
          cluster: { capacityProviders: ['cp'], defaultCapacityProviderStrategy: [{ capacityProvider: 'cp', weight: 1 }] },
          capacityProviders: [{ name: 'cp', autoScalingGroupProvider: { autoScalingGroupArn: 'g', managedScaling: { status: 'ENABLED', targetCapacity: spec.target, instanceWarmupPeriod: 120 }, managedTerminationProtection: 'ENABLED' } }],
          taskDefinitions: [
            { family: 'web', cpu: '512', memory: '1024', containerDefinitions: [{ name: 'w' }] },
            { family: 'agent', cpu: '128', memory: '128', containerDefinitions: [{ name: 'a' }] },
          ],
          services: [
            { serviceName: 'web', taskDefinition: 'web', desiredCount: spec.desired, timeToCrash: { type: 'exponential', mean: '1h' } },
            ...(spec.daemon ? [{ serviceName: 'agent', taskDefinition: 'agent', schedulingStrategy: 'DAEMON', launchType: 'EC2' }] : []),
          ],
          jobs: spec.jobsPerHour === 0 ? [] : [{ name: 'j', taskDefinition: 'web', arrivals: { type: 'poisson', rate: `${spec.jobsPerHour}/h` }, runTime: { type: 'exponential', mean: '10m' } }],
          spot: { interruptions: [{ rate: '6/d' }] },
          events: [
            { type: 'setDesiredCount', at: '90m', serviceName: 'web', desiredCount: spec.later },
            ...spec.events.map((e) => {
              const at = `${e.minute}m`;
              if (e.kind === 0) return { type: 'terminateInstances', at, autoScalingGroupName: 'g', count: e.n };
              if (e.kind === 1 && spec.spotPercent > 0) return { type: 'reclaimWave', at, match: { instanceType: 'm5.large' }, fraction: 0.5 };
              return { type: 'failAvailabilityZone', at, availabilityZone: 'us-east-1a', duration: `${10 * e.n}m` };
            }),
          ],
        } as never);
        const result = simulate(compile(json), { selfCheck: true });
        scaleIns += result.summary.clusterAutoScaling?.[0]?.scaleIns ?? 0;
      }),
      { seed: 7, numRuns: 60 },
    );
    expect(scaleIns).toBeGreaterThan(10);
  });
});
