import { describe, expect, it } from 'vitest';
import { billedMs } from '../../src/billing/ec2Billing.js';
import { compile, run, scenarioJson } from '../support/scenario.js';

// Reference: aws-behaviour.md §7 "EC2 billing": per second, 60-second minimum per running period.
describe('EC2 billing', () => {
  it('bills whole seconds with a 60-second minimum', () => {
    expect(billedMs(1)).toBe(60_000);
    expect(billedMs(59_999)).toBe(60_000);
    expect(billedMs(60_001)).toBe(61_000);
    expect(billedMs(3_600_000)).toBe(3_600_000);
  });

  it('an instance that runs 20 seconds is billed one minute', () => {
    const model = compile(
      scenarioJson({
        duration: '1h',
        autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', MinSize: 0, MaxSize: 2, DesiredCapacity: 1 }],
        events: [
          { at: '10m', type: 'setDesiredCapacity', autoScalingGroupName: 'g', desiredCapacity: 2 },
          { at: '10m30s', type: 'terminateInstances', instanceIds: ['i-0002'] },
          // The group launches a replacement at once; scaling back to 1 removes it before it runs.
          { at: '10m30s', type: 'setDesiredCapacity', autoScalingGroupName: 'g', desiredCapacity: 1 },
        ],
      }),
    );
    const result = run(model);
    // i-0001 runs the full hour; i-0002 launched at 10m, running after 10s pending, gone at 10m30s:
    // 20 s running, billed 60 s. m5.large is $0.096/h.
    expect(result.summary.cost.instanceHours).toBeCloseTo(1 + 60 / 3600, 6);
    expect(result.summary.cost.totalUsd).toBeCloseTo(0.096 * (1 + 60 / 3600), 6);
  });

  it('shares instance cost to services by reserved CPU and memory; the rest is idle', () => {
    const model = compile(
      scenarioJson({
        duration: '2h',
        autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', DesiredCapacity: 1, agentMemoryReserve: 0 }],
        taskDefinitions: [{ family: 'half', cpu: '1024', memory: '4096', containerDefinitions: [{ name: 'c' }] }],
        services: [{ serviceName: 'web', taskDefinition: 'half', desiredCount: 1 }],
      }),
    );
    const result = run(model);
    // The task holds half the CPU and half the memory for the whole run: half the cost.
    expect(result.summary.cost.byService.web).toBeCloseTo(0.096, 6);
    expect(result.summary.cost.idleUsd).toBeCloseTo(0.096, 6);
  });

  it('cumulative cost in the timeseries never decreases', () => {
    const model = compile(
      scenarioJson({
        duration: '3h',
        sampleInterval: '1m',
        autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'c5.large', MinSize: 0, MaxSize: 10, DesiredCapacity: 4 }],
        events: [
          { at: '30m', type: 'setDesiredCapacity', autoScalingGroupName: 'g', desiredCapacity: 8 },
          { at: '31m', type: 'setDesiredCapacity', autoScalingGroupName: 'g', desiredCapacity: 1 },
          { at: '1h', type: 'terminateInstances', autoScalingGroupName: 'g', count: 1 },
        ],
      }),
    );
    const costs = run(model).samples.map((s) => s.costSoFar);
    for (let i = 1; i < costs.length; i++) expect(costs[i]).toBeGreaterThanOrEqual(costs[i - 1] as number);
  });
});
