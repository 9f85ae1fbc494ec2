import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/schema/scenario.js';
import { compile, issuesOf, scenarioJson } from '../support/scenario.js';

const fargateTd = { family: 'web', cpu: '256', memory: '512', networkMode: 'awsvpc' as const, containerDefinitions: [{ name: 'web' }] };

function withStrategy(strategy: unknown, extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return scenarioJson({
    autoScalingGroups: [
      { AutoScalingGroupName: 'od', InstanceType: 'm5.large', DesiredCapacity: 1 },
      { AutoScalingGroupName: 'spot', InstanceType: 'm5.large', DesiredCapacity: 1 },
    ],
    capacityProviders: [
      { name: 'cp-od', autoScalingGroupProvider: { autoScalingGroupArn: 'od' } },
      { name: 'cp-spot', autoScalingGroupProvider: { autoScalingGroupArn: 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:abc:autoScalingGroupName/spot' } },
    ],
    cluster: { capacityProviders: ['cp-od', 'cp-spot', 'FARGATE', 'FARGATE_SPOT'] },
    taskDefinitions: [{ family: 'app', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }] }, fargateTd],
    services: [{ serviceName: 's', taskDefinition: 'app', desiredCount: 1, capacityProviderStrategy: strategy as never }],
    ...extra,
  });
}

// Reference: aws-behaviour.md §2 "Capacity provider strategy": limits and rules.
describe('capacity provider strategies in the scenario', () => {
  it('accepts ASG providers by name or ARN, and resolves the strategy', () => {
    const model = compile(withStrategy([{ capacityProvider: 'cp-od', base: 2, weight: 1 }, { capacityProvider: 'cp-spot', weight: 3 }]));
    const launch = model.services[0]?.launch;
    expect(launch?.type).toBe('strategy');
    if (launch?.type !== 'strategy') return;
    expect(launch.items.map((i) => [i.provider.name, i.provider.group?.name, i.base, i.weight])).toEqual([
      ['cp-od', 'od', 2, 1],
      ['cp-spot', 'spot', 0, 3],
    ]);
  });

  it('only one provider may have a base', () => {
    expect(issuesOf(withStrategy([{ capacityProvider: 'cp-od', base: 1, weight: 1 }, { capacityProvider: 'cp-spot', base: 1, weight: 1 }]))).toEqual([
      'services[0].capacityProviderStrategy[1].base: only one provider in a strategy may have a base',
    ]);
  });

  it('at least one weight above 0', () => {
    expect(issuesOf(withStrategy([{ capacityProvider: 'cp-od', base: 1 }, { capacityProvider: 'cp-spot' }]))).toEqual([
      'services[0].capacityProviderStrategy: at least one provider needs a weight above 0',
    ]);
  });

  it('no mixing of Fargate and Auto Scaling group providers', () => {
    expect(issuesOf(withStrategy([{ capacityProvider: 'cp-od', weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 1 }]))).toEqual([
      'services[0].capacityProviderStrategy: a strategy may use Fargate providers or Auto Scaling group providers, not both',
    ]);
  });

  it('launchType and a strategy are mutually exclusive; at most 20 items', () => {
    const json = withStrategy([{ capacityProvider: 'cp-od', weight: 1 }]);
    (json.services?.[0] as Record<string, unknown>).launchType = 'EC2';
    expect(issuesOf(json)).toEqual(['services[0].capacityProviderStrategy: launchType and capacityProviderStrategy are mutually exclusive']);
    const many = Array.from({ length: 21 }, () => ({ capacityProvider: 'cp-od', weight: 1 }));
    expect(issuesOf(withStrategy(many))).toEqual(['services[0].capacityProviderStrategy: at most 20 providers per strategy (aws-behaviour.md §2)']);
  });

  it('providers must exist and be associated with the cluster', () => {
    expect(issuesOf(withStrategy([{ capacityProvider: 'nope', weight: 1 }]))[0]).toMatch(/^services\[0\]\.capacityProviderStrategy\[0\]\.capacityProvider: unknown capacity provider "nope"/);
    const json = withStrategy([{ capacityProvider: 'cp-od', weight: 1 }], { cluster: { capacityProviders: ['cp-spot'] } });
    expect(issuesOf(json)).toEqual([
      'services[0].capacityProviderStrategy[0].capacityProvider: capacity provider "cp-od" is not associated with the cluster (add it to cluster.capacityProviders)',
    ]);
    expect(issuesOf(withStrategy([{ capacityProvider: 'cp-od', weight: 1 }], { cluster: { capacityProviders: ['cp-od', 'ghost'] } }))).toEqual([
      'cluster.capacityProviders[1]: unknown capacity provider "ghost" (define it under capacityProviders, or use FARGATE / FARGATE_SPOT)',
    ]);
  });

  it('provider definitions: known group, one provider per group, reserved name prefixes', () => {
    const json = withStrategy([{ capacityProvider: 'cp-od', weight: 1 }]);
    json.capacityProviders = [
      { name: 'cp-od', autoScalingGroupProvider: { autoScalingGroupArn: 'od' } },
      { name: 'cp-spot', autoScalingGroupProvider: { autoScalingGroupArn: 'od' } },
      { name: 'fargate-x', autoScalingGroupProvider: { autoScalingGroupArn: 'missing' } },
    ];
    json.cluster = { capacityProviders: ['cp-od'] };
    expect(issuesOf(json)).toEqual([
      'capacityProviders[1].autoScalingGroupProvider.autoScalingGroupArn: Auto Scaling group "od" already belongs to provider "cp-od"',
      'capacityProviders[2].name: capacity provider names may not begin with "aws", "ecs" or "fargate" (reserved by AWS)',
      'capacityProviders[2].autoScalingGroupProvider.autoScalingGroupArn: no Auto Scaling group named "missing" (groups: od, spot)',
    ]);
  });

  it('the cluster default strategy applies when a workload gives neither launchType nor strategy', () => {
    const json = withStrategy(undefined, { cluster: { capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] } });
    json.services = [{ serviceName: 's', taskDefinition: 'web', desiredCount: 1 }];
    const launch = compile(json).services[0]?.launch;
    expect(launch?.type === 'strategy' && launch.fargate && launch.items[0]?.provider.name).toBe('FARGATE');
    json.services = [{ serviceName: 's', taskDefinition: 'app', desiredCount: 1, launchType: 'EC2' }];
    expect(compile(json).services[0]?.launch.type).toBe('ec2');
  });
});

// Reference: aws-behaviour.md §6 "Valid task CPU/memory", "Fargate requires networkMode=awsvpc".
describe('Fargate task definitions', () => {
  it('a Fargate workload needs awsvpc and a valid size, and no placement settings', () => {
    const json = scenarioJson({
      taskDefinitions: [{ family: 'big', cpu: '256', memory: '4096', containerDefinitions: [{ name: 'c' }] }],
      services: [{ serviceName: 's', taskDefinition: 'big', launchType: 'FARGATE', placementStrategy: [{ type: 'binpack', field: 'cpu' }] }],
    });
    expect(issuesOf(json)).toEqual([
      'services[0].taskDefinition: task definition big:1 runs on Fargate, which needs networkMode "awsvpc" (it has "bridge")',
      'services[0].taskDefinition: task definition big:1 (256 CPU units, 4096 MiB) is not a Fargate size: with 256 CPU units Fargate allows 512, 1024, 2048 MiB; the smallest size that holds the task is 512 CPU units / 4096 MiB',
      'services[0].placementStrategy: placement strategies are not supported on Fargate',
    ]);
  });

  it('a FARGATE-compatible task definition is checked where it is defined', () => {
    const json = scenarioJson({ taskDefinitions: [{ ...fargateTd, memory: '600', requiresCompatibilities: ['FARGATE'] }] });
    expect(issuesOf(json)).toEqual([
      'taskDefinitions[0].cpu: 256 CPU units / 600 MiB is not a Fargate size: with 256 CPU units Fargate allows 512, 1024, 2048 MiB; the smallest size that holds the task is 256 CPU units / 1024 MiB',
    ]);
  });

  it('DAEMON services cannot run on Fargate', () => {
    const json = scenarioJson({ taskDefinitions: [fargateTd], services: [{ serviceName: 'd', taskDefinition: 'web', launchType: 'FARGATE', schedulingStrategy: 'DAEMON' }] });
    expect(issuesOf(json)).toEqual(['services[0].schedulingStrategy: DAEMON services cannot run on Fargate']);
  });
});
