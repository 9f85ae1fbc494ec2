import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/simulate.js';
import { compile, scenarioJson } from '../support/scenario.js';

// Reference: aws-behaviour.md §5 (rolling deployments within minimumHealthyPercent/maximumPercent, the
// circuit breaker and rollback). A deployment's plan is kept incrementally (rolloutTracker.ts); with
// selfCheck every pass compares it with planRollout over all of the service's tasks and throws on a
// difference in the tasks to stop (and their order), the number to start or completion.
const arb = fc.record({
  seed: fc.integer({ min: 0, max: 10_000 }),
  desired: fc.integer({ min: 0, max: 24 }),
  minPct: fc.constantFrom(0, 50, 75, 100),
  maxPct: fc.constantFrom(100, 125, 150, 200),
  crashes: fc.boolean(),
  unhealthy: fc.constantFrom(0, 0.3, 0.9),
  breaker: fc.constantFrom('off', 'stop', 'rollback'),
  pull: fc.constantFrom('0s', '20s', '3m'),
  events: fc.array(
    fc.record({ minute: fc.integer({ min: 1, max: 170 }), kind: fc.nat(4), n: fc.integer({ min: 0, max: 24 }) }),
    { minLength: 1, maxLength: 6 },
  ),
});

describe('rolling deployment plans kept incrementally (property)', () => {
  it('equal planRollout over every task at every pass, through crashes, failed checks, rollbacks, count changes and lost instances', () => {
    let deployments = 0;
    let completed = 0;
    fc.assert(
      fc.property(arb, (spec) => {
        const td = (name: string, extra: object = {}) => ({ family: 'web', cpu: '512', memory: '1024', containerDefinitions: [{ name }], imagePullTime: spec.pull, ...extra });
        const json = scenarioJson({
          seed: spec.seed,
          duration: '3h',
          sampleInterval: '5m',
          autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.xlarge', MaxSize: 12, DesiredCapacity: 8 }],
          taskDefinitions: [td('a'), td('b'), td('c', { unhealthyProbability: spec.unhealthy })],
          services: [
            {
              serviceName: 'web',
              taskDefinition: 'web:1',
              desiredCount: spec.desired,
              ...(spec.crashes ? { timeToCrash: { type: 'exponential', mean: '40m' } } : {}),
              deploymentConfiguration: {
                minimumHealthyPercent: spec.minPct,
                maximumPercent: spec.maxPct,
                ...(spec.breaker === 'off' ? {} : { deploymentCircuitBreaker: { enable: true, rollback: spec.breaker === 'rollback' } }),
              },
            },
          ],
          events: spec.events.map((e) => {
            const at = `${e.minute}m`;
            if (e.kind === 0) return { type: 'updateService', at, serviceName: 'web', taskDefinition: `web:${2 + (e.n % 2)}` };
            if (e.kind === 1) return { type: 'setDesiredCount', at, serviceName: 'web', desiredCount: e.n };
            if (e.kind === 2) return { type: 'terminateInstances', at, autoScalingGroupName: 'g', count: 1 + (e.n % 3) };
            if (e.kind === 3) return { type: 'failAvailabilityZone', at, availabilityZone: 'us-east-1b', duration: `${5 + e.n}m` };
            return { type: 'updateService', at, serviceName: 'web', taskDefinition: 'web:1' };
          }),
        } as never);
        const result = simulate(compile(json), { selfCheck: true });
        const records = result.summary.services[0]?.deployments ?? [];
        deployments += records.length;
        completed += records.filter((d) => d.state === 'COMPLETED').length;
      }),
      { seed: 13, numRuns: 80 },
    );
    expect(deployments).toBeGreaterThan(40);
    expect(completed).toBeGreaterThan(10);
  });
});
