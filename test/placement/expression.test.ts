import { describe, expect, it } from 'vitest';
import { compileMemberOf, type QueryHost } from '../../src/placement/expression/index.js';

// Reference: aws-behaviour.md §1 "Cluster query language" [ECSDG cluster-query-language.md].
function host(overrides: Partial<QueryHost> & { attributes?: Record<string, string>; groups?: string[] } = {}): QueryHost {
  const attributes = overrides.attributes ?? { 'ecs.instance-type': 't2.micro', 'ecs.availability-zone': 'us-east-1a', 'ecs.os-type': 'linux' };
  return {
    instanceId: overrides.instanceId ?? 'i-0001',
    runningTasksCount: overrides.runningTasksCount ?? 0,
    registeredAtEpochMs: overrides.registeredAtEpochMs ?? Date.parse('2018-06-18T22:28:28Z'),
    agentVersion: overrides.agentVersion ?? '1.80.0',
    attribute: (name) => attributes[name],
    taskGroups: () => overrides.groups ?? [],
  };
}

const holds = (expression: string, h: QueryHost) => compileMemberOf(expression).test(h);

describe('cluster query language (§1)', () => {
  it('evaluates the documented examples', () => {
    expect(holds('attribute:ecs.instance-type =~ t2.*', host())).toBe(true);
    expect(holds('attribute:ecs.instance-type =~ m5.*', host())).toBe(false);
    expect(holds('attribute:ecs.availability-zone in [us-east-1a, us-east-1b]', host())).toBe(true);
    expect(holds('not(task:group == database)', host({ groups: ['service:web'] }))).toBe(true);
    expect(holds('not(task:group == database)', host({ groups: ['database'] }))).toBe(false);
    expect(holds('runningTasksCount == 1', host({ runningTasksCount: 1 }))).toBe(true);
  });

  it('supports every operator in symbol and word form', () => {
    const h = host({ runningTasksCount: 3 });
    const cases: [string, boolean][] = [
      ['attribute:ecs.os-type == linux', true], ['attribute:ecs.os-type equals linux', true],
      ['attribute:ecs.os-type != linux', false], ['attribute:ecs.os-type not_equals windows', true],
      ['runningTasksCount > 2', true], ['runningTasksCount greater_than 3', false],
      ['runningTasksCount >= 3', true], ['runningTasksCount greater_than_equal 4', false],
      ['runningTasksCount < 4', true], ['runningTasksCount less_than 3', false],
      ['runningTasksCount <= 3', true], ['runningTasksCount less_than_equal 2', false],
      ['attribute:custom exists', false], ['attribute:custom !exists', true], ['attribute:custom not_exists', true],
      ['attribute:ecs.availability-zone !in [us-east-1b]', true], ['attribute:ecs.availability-zone not_in [us-east-1a]', false],
      ['attribute:ecs.instance-type matches t2\\..*', true], ['attribute:ecs.instance-type !~ t2.*', false],
      ['attribute:ecs.instance-type not_matches t3.*', true],
      ['ec2InstanceId == i-0001', true], ['agentConnected == true', true],
      ['registeredAt < 2018-06-19', true], ['registeredAt >= 2018-06-19', false],
    ];
    for (const [expression, expected] of cases) expect(holds(expression, h), expression).toBe(expected);
  });

  it('combines with and/or/not, && || !, and parentheses for precedence', () => {
    const h = host();
    expect(holds('attribute:ecs.os-type == linux && attribute:ecs.instance-type == m5.large || runningTasksCount == 0', h)).toBe(true);
    expect(holds('attribute:ecs.os-type == linux and (attribute:ecs.instance-type == m5.large or runningTasksCount == 1)', h)).toBe(false);
    expect(holds('!(attribute:ecs.os-type == windows)', h)).toBe(true);
    expect(holds('not attribute:ecs.os-type == linux', h)).toBe(false);
  });

  it('matches regular expressions against the whole value, as Java does', () => {
    expect(holds('attribute:ecs.instance-type =~ t2', host())).toBe(false);
  });

  it('reports syntax errors with the character position', () => {
    expect(() => compileMemberOf('attribute:ecs.instance-type')).toThrow(/expected an operator .* at the end/);
    expect(() => compileMemberOf('attribute:x == a and')).toThrow(/expected a subject/);
    expect(() => compileMemberOf('colour == red')).toThrow(/unknown subject 'colour'/);
    expect(() => compileMemberOf('attribute:x in [a, b')).toThrow(/expected ',' or '\]'/);
    expect(() => compileMemberOf('(attribute:x == a')).toThrow(/expected '\)'/);
    expect(() => compileMemberOf('attribute:x =~ ([a')).toThrow(/expected a value|invalid regular/);
    expect(() => compileMemberOf('')).toThrow(/empty/);
  });

  it('marks expressions that depend on the tasks on an instance', () => {
    expect(compileMemberOf('attribute:a == b').dependsOnTasks).toBe(false);
    expect(compileMemberOf('attribute:a == b or not(task:group == db)').dependsOnTasks).toBe(true);
  });
});
