import { describe, expect, it } from 'vitest';
import { issuesOf, scenarioJson } from '../support/scenario.js';

describe('bad scenarios give "path: message" problems', () => {
  it('malformed JSON and an empty file', () => {
    expect(issuesOf('{"name": "x",')[0]).toMatch(/^\$: malformed JSON/);
    expect(issuesOf('   ')).toEqual(['$: the file is empty: expected a JSON object']);
    expect(issuesOf('[1,2]')).toEqual(['$: expected a JSON object at the top level']);
  });

  it('an unknown field anywhere is an error', () => {
    expect(issuesOf({ ...scenarioJson(), colour: 'blue' })).toEqual(['colour: unknown field']);
    const json = scenarioJson({ services: [{ serviceName: 's', taskDefinition: 'app', desiredCount: 1, replicas: 3 } as never] });
    expect(issuesOf(json)).toEqual(['services[0].replicas: unknown field']);
  });

  it('wrong types, negative and fractional counts', () => {
    expect(issuesOf(scenarioJson({ seed: 'abc' as never }))).toEqual(['seed: expected number, received string']);
    expect(issuesOf(scenarioJson({ services: [{ serviceName: 's', taskDefinition: 'app', desiredCount: -1 }] }))).toEqual([
      'services[0].desiredCount: expected a whole number >= 0',
    ]);
    expect(issuesOf(scenarioJson({ services: [{ serviceName: 's', taskDefinition: 'app', desiredCount: 2.5 }] }))).toEqual([
      'services[0].desiredCount: expected a whole number',
    ]);
  });

  it('unknown instance type and unknown task definition', () => {
    const json = scenarioJson({ autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.huge', DesiredCapacity: 1 }] });
    expect(issuesOf(json)[0]).toMatch(/^autoScalingGroups\[0\]\.InstanceType: unknown instance type "m5\.huge"/);
    expect(issuesOf(scenarioJson({ services: [{ serviceName: 's', taskDefinition: 'nope' }] }))).toEqual([
      'services[0].taskDefinition: unknown task definition "nope" (families: app)',
    ]);
  });

  it('a task larger than any host', () => {
    const json = scenarioJson({
      taskDefinitions: [{ family: 'big', cpu: '4096', memory: '4096', containerDefinitions: [{ name: 'c' }] }],
      services: [{ serviceName: 's', taskDefinition: 'big', desiredCount: 1 }],
    });
    expect(issuesOf(json)).toEqual([
      'services[0].taskDefinition: task definition big:1 (4096 CPU units, 4096 MiB) is larger than every host: m5.large registers 2048 CPU units / 7936 MiB',
    ]);
  });

  it('an invalid query expression names the character', () => {
    const json = scenarioJson({
      services: [{ serviceName: 's', taskDefinition: 'app', placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type = t2.*' }] }],
    });
    expect(issuesOf(json)[0]).toMatch(/^services\[0\]\.placementConstraints\[0\]\.expression: invalid query expression: unexpected character '=' at character 29 \(did you mean '=='\?\)$/);
  });

  it('durations in the wrong format', () => {
    expect(issuesOf(scenarioJson({ duration: '5 minutes' }))).toEqual([
      'duration: expected a duration such as "250ms", "90s", "5m", "2h", "30d" or a whole number of milliseconds',
    ]);
    expect(issuesOf(scenarioJson({ duration: -5 }))).toEqual(['duration: a duration cannot be negative']);
  });

  it('strategy and constraint rules from the ECS API', () => {
    const json = scenarioJson({
      services: [
        {
          serviceName: 's',
          taskDefinition: 'app',
          placementStrategy: [{ type: 'binpack', field: 'disk' }, { type: 'spread' }, { type: 'random', field: 'cpu' }],
          placementConstraints: [{ type: 'distinctInstance', expression: 'x' }, { type: 'memberOf' }],
        },
      ],
    });
    expect(issuesOf(json)).toEqual([
      'services[0].placementConstraints[0].expression: distinctInstance takes no expression',
      'services[0].placementConstraints[1].expression: memberOf needs an expression',
      'services[0].placementStrategy[0].field: binpack needs field "cpu" or "memory"',
      'services[0].placementStrategy[1].field: spread needs a field: "instanceId", "host" or "attribute:<name>"',
      'services[0].placementStrategy[2].field: random takes no field',
    ]);
  });

  it('unknown top-level fields and settings that need managed scaling are errors, not ignored', () => {
    expect(issuesOf(scenarioJson({ demand: {} } as never))).toEqual(['demand: unknown field']);
    const json = scenarioJson({
      capacityProviders: [{ name: 'cp', autoScalingGroupProvider: { autoScalingGroupArn: 'g', managedTerminationProtection: 'ENABLED' } }],
    });
    expect(issuesOf(json)).toEqual(['capacityProviders[0].autoScalingGroupProvider.managedTerminationProtection: needs managed scaling ENABLED']);
  });

  it('a distribution with a wrong type names the choices', () => {
    const json = scenarioJson({ taskDefinitions: [{ family: 'app', memory: '512', containerDefinitions: [{ name: 'c' }], imagePullTime: { type: 'gamma' } as never }] });
    expect(issuesOf(json)).toEqual(['taskDefinitions[0].imagePullTime.type: expected one of "constant" | "uniform" | "exponential" | "normal" | "lognormal" | "empirical"']);
  });
});
