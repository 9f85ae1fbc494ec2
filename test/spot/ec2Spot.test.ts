import { describe, expect, it } from 'vitest';
import type { Host } from '../../src/model/host.js';
import type { ScenarioInput } from '../../src/scenario/schema/scenario.js';
import { compile, issuesOf, run, scenarioJson } from '../support/scenario.js';

type Group = NonNullable<ScenarioInput['autoScalingGroups']>[number];

/** A mixed group of m5.large (all Spot unless said otherwise), pending 10 s, registered after 60 s. */
function mixedGroup(desired: number, over: Partial<Group> = {}, distribution: Record<string, unknown> = {}): Group {
  return {
    AutoScalingGroupName: 'g',
    DesiredCapacity: desired,
    MaxSize: 20,
    MixedInstancesPolicy: {
      LaunchTemplate: { Overrides: [{ InstanceType: 'm5.large' }] },
      InstancesDistribution: { OnDemandPercentageAboveBaseCapacity: 0, ...distribution },
    },
    ...over,
  } as Group;
}

const web = { family: 'web', cpu: '256', memory: '512', containerDefinitions: [{ name: 'web' }], imagePullTime: '0s', containerStartTime: '5s', shutdownTime: '1s' };

function hostLog() {
  const hosts: Host[] = [];
  return { hosts, observer: { hostRunning: (h: Host) => void hosts.push(h) } };
}

// Reference: aws-behaviour.md §7 "Spot" (2-minute notice; no charge when EC2 interrupts within the
// first hour), "ECS Spot draining", "ASG Capacity Rebalancing", "Mixed instances policy"; §5 draining.
describe('EC2 Spot in Auto Scaling groups', () => {
  it('a Spot instance EC2 interrupts at 40 minutes costs nothing; one the user terminates then is billed', () => {
    const interrupted = run(compile(scenarioJson({ duration: '40m', autoScalingGroups: [mixedGroup(1)], events: [{ type: 'reclaimWave', at: '38m', fraction: 1 }] })));
    expect(interrupted.summary.cost.ec2Usd).toBe(0);
    expect(interrupted.summary.cost.byPool[0]).toMatchObject({ purchaseOption: 'spot', interruptedInFirstHourNotCharged: 1 });
    // The On-Demand baseline still counts the 40 minutes at $0.096/h.
    expect(interrupted.summary.cost.onDemandBaselineUsd).toBeCloseTo(0.064, 6);
    const terminated = run(compile(scenarioJson({ duration: '40m', autoScalingGroups: [mixedGroup(1)], events: [{ type: 'terminateInstances', at: '40m', autoScalingGroupName: 'g', count: 1 }] })));
    // m5.large Spot = $0.096 × (1 − 66%) = $0.03264/h; 40 minutes = $0.02176.
    expect(terminated.summary.cost.ec2SpotUsd).toBeCloseTo(0.02176, 6);
  });

  it('the notice precedes termination by exactly 2 minutes; without draining the tasks die then and are replaced after', () => {
    const log = hostLog();
    const json = scenarioJson({
      autoScalingGroups: [mixedGroup(1), { AutoScalingGroupName: 'spare', InstanceType: 'm5.large', DesiredCapacity: 1 }],
      taskDefinitions: [web],
      services: [{ serviceName: 's', taskDefinition: 'web', desiredCount: 2, placementStrategy: [{ type: 'spread', field: 'instanceId' }] }],
      events: [{ type: 'reclaimWave', at: '10m', match: { instanceType: 'm5.large' }, fraction: 1 }],
    });
    const result = run(compile(json), { observers: [log.observer] });
    const spot = log.hosts.find((h) => h.spot && h.interruptedAt >= 0);
    expect(spot?.interruptedAt).toBe(600_000);
    expect(spot?.terminatedAt).toBe(720_000);
    const [dead] = result.finished;
    expect(dead).toMatchObject({ stoppedAt: 720_000, stopCode: 'SpotInterruption', interrupted: true });
    const replacement = result.unfinished.find((t) => t.placedAt > 0);
    expect(replacement?.placedAt).toBe(720_000);
    expect(result.summary.services[0]?.spot.interrupted).toBe(1);
    expect(result.summary.services[0]?.tasks.lostWithHost).toBe(0);
    expect(result.summary.services[0]?.tasks.stoppedByScheduler).toBe(0);
  });

  it('with ECS_ENABLE_SPOT_INSTANCE_DRAINING the instance drains: the replacement starts at the notice, the old task stops once it runs', () => {
    const json = scenarioJson({
      autoScalingGroups: [mixedGroup(1, { ecsConfig: { ECS_ENABLE_SPOT_INSTANCE_DRAINING: true } }), { AutoScalingGroupName: 'spare', InstanceType: 'm5.large', DesiredCapacity: 1 }],
      taskDefinitions: [web],
      services: [{ serviceName: 's', taskDefinition: 'web', desiredCount: 2, placementStrategy: [{ type: 'spread', field: 'instanceId' }] }],
      events: [{ type: 'reclaimWave', at: '10m', match: { instanceType: 'm5.large' }, fraction: 1 }],
    });
    const result = run(compile(json));
    const replacement = result.unfinished.find((t) => t.placedAt > 0);
    expect(replacement?.placedAt).toBe(600_000);
    expect(replacement?.startedAt).toBe(605_000);
    const [old] = result.finished;
    // minimumHealthyPercent 100: the old task stops only when the replacement is RUNNING.
    expect(old).toMatchObject({ stoppingAt: 605_000, stopCode: 'ServiceSchedulerInitiated', interrupted: true });
    // The only shortfall is the two tasks' first 5 seconds at the start: none from the interruption.
    expect(result.summary.services[0]?.taskSecondsShort).toBe(10);
  });

  it('draining cannot progress with minimumHealthyPercent 100 and maximumPercent 100: tasks die at termination', () => {
    const json = scenarioJson({
      autoScalingGroups: [mixedGroup(1, { ecsConfig: { ECS_ENABLE_SPOT_INSTANCE_DRAINING: true } }), { AutoScalingGroupName: 'spare', InstanceType: 'm5.large', DesiredCapacity: 1 }],
      taskDefinitions: [web],
      services: [
        {
          serviceName: 's', taskDefinition: 'web', desiredCount: 2, placementStrategy: [{ type: 'spread', field: 'instanceId' }],
          deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 100 },
        },
      ],
      events: [{ type: 'reclaimWave', at: '10m', match: { instanceType: 'm5.large' }, fraction: 1 }],
    });
    const result = run(compile(json));
    expect(result.finished[0]).toMatchObject({ stoppedAt: 720_000, stopCode: 'SpotInterruption' });
    expect(result.unfinished.find((t) => t.placedAt > 0)?.placedAt).toBe(720_000);
  });

  it('Capacity Rebalancing launches the replacement instance at the notice instead of at termination', () => {
    for (const [rebalance, launchedAt] of [[true, 600_000], [false, 720_000]] as const) {
      const log = hostLog();
      const json = scenarioJson({ autoScalingGroups: [mixedGroup(1, { CapacityRebalance: rebalance })], events: [{ type: 'reclaimWave', at: '10m', fraction: 1 }] });
      run(compile(json), { observers: [log.observer] });
      expect(log.hosts[1]?.launchedAt).toBe(launchedAt);
      expect(log.hosts[1]?.runningAt).toBe(launchedAt + 10_000);
    }
  });

  it('splits On-Demand and Spot by base and percentage, and scale-in realigns the split', () => {
    const log = hostLog();
    const json = scenarioJson({
      autoScalingGroups: [mixedGroup(10, {}, { OnDemandBaseCapacity: 2, OnDemandPercentageAboveBaseCapacity: 50 })],
      events: [{ type: 'setDesiredCapacity', at: '10m', autoScalingGroupName: 'g', desiredCapacity: 4 }],
    });
    run(compile(json), { observers: [log.observer] });
    expect(log.hosts.filter((h) => !h.spot).length).toBe(6);
    expect(log.hosts.filter((h) => h.spot).length).toBe(4);
    // Desired 4: On-Demand 2 + ceil(50% × 2) = 3, Spot 1.
    const alive = log.hosts.filter((h) => h.terminatedAt < 0);
    expect(alive.filter((h) => !h.spot).length).toBe(3);
    expect(alive.filter((h) => h.spot).length).toBe(1);
  });

  it('during a drought the group launches from the next pool its strategy allows, and waits when every pool is dry', () => {
    const overrides = [{ InstanceType: 'm7a.large' }, { InstanceType: 'm6a.large' }];
    const group = (desired: number) => ({
      ...mixedGroup(desired, { AvailabilityZones: ['us-east-1a'] }, { SpotAllocationStrategy: 'price-capacity-optimized' }),
      MixedInstancesPolicy: { LaunchTemplate: { Overrides: overrides }, InstancesDistribution: { OnDemandPercentageAboveBaseCapacity: 0, SpotAllocationStrategy: 'price-capacity-optimized' } },
    });
    const log = hostLog();
    const json = scenarioJson({
      autoScalingGroups: [group(1) as Group],
      events: [
        { type: 'spotDrought', at: '10m', match: { instanceType: 'm7a.large' }, duration: '1h' },
        { type: 'reclaimWave', at: '10m', fraction: 1 },
      ],
    });
    run(compile(json), { observers: [log.observer] });
    expect(log.hosts.map((h) => h.type.info.instanceType)).toEqual(['m7a.large', 'm6a.large']);

    const allDry = run(
      compile(scenarioJson({ duration: '2h', autoScalingGroups: [group(1) as Group], events: [{ type: 'spotDrought', at: '10m', duration: '30m' }, { type: 'reclaimWave', at: '10m', fraction: 1 }] })),
      { observers: [(log.hosts.length = 0, log.observer)] },
    );
    // The notice at 10m, termination at 12m; nothing launches until the drought ends at 40m.
    expect(log.hosts[1]?.launchedAt).toBe(40 * 60_000);
    expect(allDry.summary.spot.interruptions).toBe(1);
  });

  it('10 On-Demand m5.large for 730 hours cost $700.80; the same as Spot save the Advisor discount', () => {
    const onDemand = run(compile(scenarioJson({ duration: '730h', sampleInterval: '1d', autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', DesiredCapacity: 10 }] })));
    expect(onDemand.summary.cost.ec2Usd).toBeCloseTo(700.8, 6);
    expect(onDemand.summary.cost.onDemandBaselineUsd).toBeCloseTo(700.8, 6);
    const spot = run(compile(scenarioJson({ duration: '730h', sampleInterval: '1d', autoScalingGroups: [mixedGroup(10)], spot: { interruptions: [{ advisorHazard: false }] } })));
    // $0.096 × (1 − 0.66) = $0.03264 per hour.
    expect(spot.summary.cost.ec2SpotUsd).toBeCloseTo(238.272, 6);
    expect(spot.summary.cost.spotSavingsUsd).toBeCloseTo(700.8 - 238.272, 6);
  });

  it('EC2 Spot randomness does not shift any job arrival', () => {
    const job = { name: 'j', taskDefinition: 'web', arrivals: { type: 'poisson' as const, rate: '30/h' }, runTime: '5m' };
    const base = { duration: '6h', taskDefinitions: [web], jobs: [job] };
    const plain = run(compile(scenarioJson({ ...base, autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', DesiredCapacity: 3 }] })));
    const spotty = run(
      compile(
        scenarioJson({
          ...base,
          autoScalingGroups: [mixedGroup(3)],
          spot: { interruptions: [{ rate: '5/d' }], reclaimWaves: [{ rate: '4/d', fraction: 0.5 }], droughts: [{ rate: '2/d', duration: '20m' }] },
        }),
      ),
    );
    const arrivals = (r: typeof plain) => [...r.finished, ...r.unfinished].filter((t) => t.owner === 'j').map((t) => t.createdAt).sort((a, b) => a - b);
    expect(spotty.summary.spot.interruptions).toBeGreaterThan(0);
    expect(arrivals(spotty)).toEqual(arrivals(plain));
  });

  it('rejects malformed groups with the JSON path', () => {
    expect(issuesOf(scenarioJson({ autoScalingGroups: [{ ...mixedGroup(1), InstanceType: 'm5.large' }] }))).toEqual([
      'autoScalingGroups[0]: give exactly one of InstanceType and MixedInstancesPolicy',
    ]);
    const weighted = mixedGroup(1);
    (weighted.MixedInstancesPolicy as { LaunchTemplate: { Overrides: unknown[] } }).LaunchTemplate.Overrides = [{ InstanceType: 'm5.large', WeightedCapacity: '2' }, { InstanceType: 'm5.lrge' }];
    expect(issuesOf(scenarioJson({ autoScalingGroups: [mixedGroup(1)], spot: { droughts: [{ match: { instanceType: 'c5.large' }, rate: '1/d', duration: '1h' }] } }))).toEqual([
      'spot.droughts[0].match.instanceType: no Auto Scaling group launches "c5.large" as Spot (Spot types: m5.large)',
    ]);
    expect(issuesOf(scenarioJson({ autoScalingGroups: [weighted] }))).toEqual([
      'autoScalingGroups[0].MixedInstancesPolicy.LaunchTemplate.Overrides[0].WeightedCapacity: only "1" is modelled (every instance counts one unit)',
      'autoScalingGroups[0].MixedInstancesPolicy.LaunchTemplate.Overrides[1].InstanceType: unknown instance type "m5.lrge" in the us-east-1 catalogue (e.g. m5.12xlarge, m5.16xlarge, m5.24xlarge)',
    ]);
  });
});
