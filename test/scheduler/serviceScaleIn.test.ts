import { describe, expect, it } from 'vitest';
import { compile, run, scenarioJson } from '../support/scenario.js';

// Reference: aws-behaviour.md §5 (default scale-in: the AZ with the most tasks, then the instance with
// the most) and §2 (a strategy's providers: scale-in takes from the provider that gained last).
describe('service scale-in', () => {
  it('scale-in of tasks still PENDING keeps the AZ and instance balance (§5 default: AZ with most, then instance with most)', () => {
    // Victims not yet RUNNING stop at once; each next choice must see the counts they left.
    for (let seed = 1; seed <= 10; seed++) {
      const model = compile(
        scenarioJson({
          seed,
          autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', DesiredCapacity: 6 }],
          taskDefinitions: [{ family: 'app', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }], imagePullTime: '1h' }],
          services: [{ serviceName: 'web', taskDefinition: 'app', desiredCount: 12 }],
          events: [{ at: '1m', type: 'setDesiredCount', serviceName: 'web', desiredCount: 3 }],
        }),
      );
      const survivors = run(model).unfinished.filter((t) => t.owner === 'web' && t.state === 'PENDING');
      expect(survivors.map((t) => t.zone).sort(), `seed ${seed}`).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
      expect(new Set(survivors.map((t) => t.instanceId)).size, `seed ${seed}`).toBe(3);
    }
  });
  it('with two Auto Scaling group providers: the split is undone (three tasks left on each) and the zones stay balanced', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const model = compile(
        scenarioJson({
          seed,
          autoScalingGroups: [
            { AutoScalingGroupName: 'a', InstanceType: 'm5.large', DesiredCapacity: 3 },
            { AutoScalingGroupName: 'b', InstanceType: 'm5.large', DesiredCapacity: 3 },
          ],
          capacityProviders: [
            { name: 'cp-a', autoScalingGroupProvider: { autoScalingGroupArn: 'a' } },
            { name: 'cp-b', autoScalingGroupProvider: { autoScalingGroupArn: 'b' } },
          ],
          cluster: { capacityProviders: ['cp-a', 'cp-b'] },
          taskDefinitions: [{ family: 'app', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }], imagePullTime: '1h' }],
          services: [{ serviceName: 'web', taskDefinition: 'app', desiredCount: 12, capacityProviderStrategy: [{ capacityProvider: 'cp-a', weight: 1 }, { capacityProvider: 'cp-b', weight: 1 }] }],
          events: [{ at: '1m', type: 'setDesiredCount', serviceName: 'web', desiredCount: 6 }],
        }),
      );
      const survivors = run(model).unfinished.filter((t) => t.owner === 'web');
      expect(survivors.map((t) => t.provider).sort(), `seed ${seed}`).toEqual([0, 0, 0, 1, 1, 1]);
      const perZone = new Map<string, number>();
      for (const t of survivors) perZone.set(t.zone, (perZone.get(t.zone) ?? 0) + 1);
      expect([...perZone.values()], `seed ${seed}`).toEqual([2, 2, 2]);
    }
  });
});
