import { describe, expect, it } from 'vitest';
import type { Host } from '../../src/model/host.js';
import { instancesNeeded, reservation, scaleInStep, scaleOutStep } from '../../src/scaling/capacityReservation.js';
import { compile, run, scenarioJson } from '../support/scenario.js';

// Reference: aws-behaviour.md §3 (CPR = M / N × 100 with its special cases; step sizes; warm-up;
// scale-in after 15 minutes by less than 50%; managed termination protection).
describe('CapacityProviderReservation arithmetic', () => {
  it('has AWS special cases: M = N = 0 → 100, M > 0 with N = 0 → 200', () => {
    expect(reservation(0, 0)).toBe(100);
    expect(reservation(3, 0)).toBe(200);
    expect(reservation(3, 4)).toBe(75);
  });

  it('from zero instances it launches 2; otherwise up to ceil(M × 100 / target) within the step sizes', () => {
    expect(scaleOutStep(5, 0, 100, 1, 10000)).toBe(2);
    expect(scaleOutStep(12, 10, 100, 1, 10000)).toBe(2);
    expect(scaleOutStep(10, 10, 80, 1, 10000)).toBe(3);
    expect(scaleOutStep(11, 10, 100, 5, 10000)).toBe(5);
    expect(scaleOutStep(40, 10, 100, 1, 10)).toBe(10);
  });

  it('scales in by less than half the group, and not below what the target needs', () => {
    expect(scaleInStep(2, 10, 100)).toBe(4);
    expect(scaleInStep(9, 10, 100)).toBe(1);
    expect(scaleInStep(8, 10, 80)).toBe(0);
    expect(scaleInStep(0, 2, 100)).toBe(1);
  });

  it('counts instances for waiting tasks on the largest type, leaving out tasks too big for the smallest', () => {
    const large = { cpu: 4096, memory: 7936 };
    const small = { cpu: 2048, memory: 3840 };
    // 3 per large instance (memory): 7 tasks need 3.
    expect(instancesNeeded([{ cpu: 1024, memory: 2048, count: 7 }], large, small)).toBe(3);
    expect(instancesNeeded([{ cpu: 1024, memory: 2048, count: 7 }, { cpu: 4096, memory: 4096, count: 3 }], large, small)).toBe(3);
  });
});

function casScenario(over: { desired: number; tasks: number; warmup?: number; protection?: boolean; events?: unknown[] }) {
  return scenarioJson({
    duration: '2h',
    cluster: { capacityProviders: ['cp'], defaultCapacityProviderStrategy: [{ capacityProvider: 'cp', weight: 1 }] },
    autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'c5.xlarge', MinSize: 0, MaxSize: 20, DesiredCapacity: over.desired, pendingTime: '10s', bootTime: '60s' }],
    capacityProviders: [
      {
        name: 'cp',
        autoScalingGroupProvider: {
          autoScalingGroupArn: 'g',
          managedScaling: { status: 'ENABLED', targetCapacity: 100, instanceWarmupPeriod: over.warmup ?? 300 },
          managedTerminationProtection: over.protection === false ? 'DISABLED' : 'ENABLED',
          managedDraining: 'DISABLED',
        },
      },
    ],
    taskDefinitions: [{ family: 'app', cpu: '1024', memory: '2048', containerDefinitions: [{ name: 'c' }], imagePullTime: '0s' }],
    services: [{ serviceName: 's', taskDefinition: 'app', desiredCount: over.tasks, placementStrategy: [{ type: 'binpack', field: 'memory' }] }],
    events: over.events ?? [],
  } as never);
}

describe('cluster auto scaling', () => {
  it('scales out from zero with 2 instances, and the warm-up blocks the second step', () => {
    // 12 tasks of 1 vCPU / 2 GiB: a c5.xlarge (4 vCPU, 7.5 GiB registered) holds 3, so 4 instances are needed.
    const result = run(compile(casScenario({ desired: 0, tasks: 12, warmup: 300 })));
    const steps = result.scaling.filter((r) => r.source === 'managedScaling');
    expect(steps[0]).toMatchObject({ timeMs: 60_000, from: 0, to: 2 });
    // The next step waits until the two instances are 300 s old (launched at 60 s).
    expect(steps[1]).toMatchObject({ timeMs: 360_000, from: 2, to: 4 });
    expect(result.summary.services[0]?.runningAtEnd).toBe(12);
  });

  it('with managed termination protection never removes an instance running a non-daemon task', () => {
    const terminated: Host[] = [];
    const json = casScenario({ desired: 6, tasks: 12, events: [{ type: 'setDesiredCount', at: '20m', serviceName: 's', desiredCount: 2 }] });
    const result = run(compile(json), { observers: [{ hostTerminated: (h: Host) => void terminated.push(h) }] });
    expect(result.scaling.some((r) => r.source === 'managedScaling' && r.to < r.from)).toBe(true);
    expect(terminated.length).toBeGreaterThan(0);
    expect(result.summary.services[0]?.tasks.lostWithHost).toBe(0);
    expect(result.finished.filter((t) => t.stopCode === 'InfrastructureHealth')).toEqual([]);
  });

  it('queued job tasks of a stream using the provider count as provisioning tasks', () => {
    const json = casScenario({ desired: 0, tasks: 0 }) as Record<string, unknown>;
    json.services = [];
    json.jobs = [{ name: 'batch', taskDefinition: 'app', arrivals: { type: 'times', at: ['10s'] }, count: 6, runTime: '30m' }];
    const result = run(compile(json));
    expect(result.scaling.find((r) => r.source === 'managedScaling')).toMatchObject({ timeMs: 60_000, from: 0, to: 2 });
    expect(result.summary.jobs[0]?.waitSeconds.placed).toBe(6);
  });

  it('scale-in waits for 15 minutes of low reservation', () => {
    // 4 instances hold the 12 tasks exactly (reservation 100) until the service shrinks at 20m.
    const json = casScenario({ desired: 4, tasks: 12, events: [{ type: 'setDesiredCount', at: '20m', serviceName: 's', desiredCount: 2 }] });
    const first = run(compile(json)).scaling.find((r) => r.source === 'managedScaling' && r.to < r.from);
    // Tasks stop at 20m; the reservation is low from the 21m evaluation on: the 15th low minute is 35m.
    expect(first?.timeMs).toBe(35 * 60_000);
  });
});
