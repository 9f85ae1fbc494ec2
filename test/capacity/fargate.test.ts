import { describe, expect, it } from 'vitest';
import { fargateRate } from '../../src/billing/fargateBilling.js';
import type { Task } from '../../src/model/task.js';
import type { ScenarioInput } from '../../src/scenario/schema/scenario.js';
import { compile, run, scenarioJson } from '../support/scenario.js';

const web = { family: 'web', cpu: '256', memory: '512', networkMode: 'awsvpc' as const, containerDefinitions: [{ name: 'web' }], imagePullTime: '0s', containerStartTime: '0s' };

function fargateScenario(overrides: Partial<ScenarioInput>): ScenarioInput {
  return scenarioJson({
    autoScalingGroups: [],
    cluster: { capacityProviders: ['FARGATE', 'FARGATE_SPOT'] },
    taskDefinitions: [web],
    fargate: { provisioningTime: '0s' },
    ...overrides,
  });
}

const defaults = compile(fargateScenario({})).fargate;

// Reference: aws-behaviour.md §6 "Pricing, us-east-1" and "Billing" (per second, 1-minute minimum, from image pull).
describe('Fargate billing', () => {
  it('0.25 vCPU / 0.5 GB for one hour costs $0.0123425 on FARGATE, 70% less on FARGATE_SPOT', () => {
    expect(fargateRate(256, 512, false, false, defaults) / 1e9).toBe(0.0123425);
    expect(fargateRate(256, 512, false, true, defaults) / 1e9).toBeCloseTo(0.0123425 * 0.3, 12);
    expect(fargateRate(1024, 2048, true, false, defaults) / 1e9).toBeCloseTo(0.03238 + 2 * 0.00356, 12);
    const json = fargateScenario({ duration: '2h', jobs: [{ name: 'j', taskDefinition: 'web', launchType: 'FARGATE', arrivals: { type: 'times', at: ['0s'] }, runTime: '1h' }] });
    const result = run(compile(json));
    // summary.json rounds dollars to 6 decimals.
    expect(result.summary.cost.fargateUsd).toBeCloseTo(0.0123425, 6);
    expect(result.summary.cost.fargate[0]).toMatchObject({ provider: 'FARGATE', tasksBilled: 1, taskHours: 1, vcpuHours: 0.25 });
    expect(result.summary.cost.fargate[0]?.costUsd).toBeCloseTo(0.0123425, 6);
    expect(result.summary.cost.byJob.j).toBeCloseTo(0.0123425, 6);
  });

  it('a 30-second task is billed 60 seconds, counted from the start of the image pull', () => {
    const td = { ...web, imagePullTime: '20s' };
    const json = fargateScenario({
      taskDefinitions: [td],
      fargate: { provisioningTime: '15s' },
      jobs: [{ name: 'j', taskDefinition: 'web', launchType: 'FARGATE', arrivals: { type: 'times', at: ['0s', '10m'] }, runTime: '10s' }],
    });
    const result = run(compile(json));
    const rows = result.finished;
    expect(rows.map((r) => [r.placedAt, r.pullStartedAt, r.startedAt, r.stoppedAt])).toEqual([
      [0, 15_000, 35_000, 45_000],
      [600_000, 615_000, 635_000, 645_000],
    ]);
    // 30 s from pull start to stop → billed 60 s each.
    expect(result.summary.cost.fargate[0]?.taskHours).toBeCloseTo(120 / 3600, 6);
    expect(result.summary.cost.fargateUsd).toBeCloseTo((2 * 60 * 0.0123425) / 3600, 6);
  });
});

// Reference: aws-behaviour.md §2 (base/weight) and §6 (Fargate capacity, launch-rate quota).
describe('Fargate capacity', () => {
  it('FARGATE base 2 + FARGATE_SPOT weight 3: 2 on FARGATE first, the rest 1:3, spread over the zones', () => {
    const json = fargateScenario({
      services: [{ serviceName: 's', taskDefinition: 'web', desiredCount: 10, capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 2, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 3 }] }],
    });
    const result = run(compile(json));
    const running = result.unfinished;
    expect(running.length).toBe(10);
    expect(running.every((r) => r.state === 'RUNNING')).toBe(true);
    const byProvider = (name: number) => running.filter((r) => r.provider === name).length;
    expect([byProvider(0), byProvider(1)]).toEqual([4, 6]);
    const zones = new Map<string, number>();
    for (const r of running) zones.set(r.zone, (zones.get(r.zone) ?? 0) + 1);
    expect([...zones.entries()].sort()).toEqual([['us-east-1a', 4], ['us-east-1b', 3], ['us-east-1c', 3]]);
    expect(result.summary.cost.fargate.map((f) => f.tasksBilled)).toEqual([4, 6]);
    const hour = 0.0123425;
    expect(result.summary.cost.fargateUsd).toBeCloseTo(4 * hour + 6 * hour * 0.3, 5);
  });

  it('scale-in gives back tasks in the reverse order of the split (base last)', () => {
    const json = fargateScenario({
      services: [{ serviceName: 's', taskDefinition: 'web', desiredCount: 10, capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 2, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 3 }] }],
      events: [{ at: '10m', type: 'setDesiredCount', serviceName: 's', desiredCount: 4 }],
    });
    const running = run(compile(json)).unfinished;
    expect([running.filter((r) => r.provider === 0).length, running.filter((r) => r.provider === 1).length]).toEqual([2, 2]);
  });

  it('the account launch rate: a burst of 100, then 20 tasks per second', () => {
    const json = fargateScenario({
      services: [{ serviceName: 's', taskDefinition: 'web', desiredCount: 150, launchType: 'FARGATE' }],
    });
    const starts = run(compile(json)).unfinished.map((r) => r.pullStartedAt).sort((a, b) => a - b);
    expect(starts.filter((t) => t === 0).length).toBe(100);
    expect(starts[100]).toBe(50);
    expect(starts[149]).toBe(2500);
  });

  it('a vCPU quota holds tasks in PROVISIONING until running Fargate tasks stop', () => {
    const json = fargateScenario({
      fargate: { provisioningTime: '0s', vcpuQuota: 1 },
      jobs: [{ name: 'j', taskDefinition: 'web', launchType: 'FARGATE', count: 6, arrivals: { type: 'times', at: ['0s'] }, runTime: '10m' }],
    });
    const result = run(compile(json));
    const starts = result.finished.map((r) => r.pullStartedAt).sort((a, b) => a - b);
    // 0.25 vCPU each: four at once, the other two when the first ones stop at 10 minutes.
    expect(starts).toEqual([0, 0, 0, 0, 600_000, 600_000]);
  });
});

// Reference: aws-behaviour.md §2: a strategy of Auto Scaling group providers places on their instances only.
describe('Auto Scaling group capacity providers', () => {
  it('each task lands on an instance of the provider the split chose', () => {
    const json = scenarioJson({
      autoScalingGroups: [
        { AutoScalingGroupName: 'od', InstanceType: 'm5.large', DesiredCapacity: 2 },
        { AutoScalingGroupName: 'spot', InstanceType: 'm5.large', DesiredCapacity: 3 },
      ],
      capacityProviders: [
        { name: 'cp-od', autoScalingGroupProvider: { autoScalingGroupArn: 'od' } },
        { name: 'cp-spot', autoScalingGroupProvider: { autoScalingGroupArn: 'spot' } },
      ],
      cluster: { capacityProviders: ['cp-od', 'cp-spot'] },
      services: [{ serviceName: 's', taskDefinition: 'app', desiredCount: 8, capacityProviderStrategy: [{ capacityProvider: 'cp-od', base: 2, weight: 1 }, { capacityProvider: 'cp-spot', weight: 2 }] }],
    });
    const placed: [number, string][] = [];
    run(compile(json), { observers: [{ taskPlaced: (t: Task) => placed.push([t.provider, t.host?.group.name ?? '']) }] });
    expect(placed.length).toBe(8);
    for (const [provider, group] of placed) expect(group).toBe(provider === 0 ? 'od' : 'spot');
    expect(placed.filter(([p]) => p === 0).length).toBe(4);
  });
});
