import { describe, expect, it } from 'vitest';
import { OwnerKind } from '../../src/model/task.js';
import { addActiveHost, makeCluster, makeGroup, makeTaskDefinition } from '../support/builders.js';

describe('task group counts', () => {
  it('count per host and per attribute value, also for groups first seen after many values exist', () => {
    const cluster = makeCluster([[{ type: 'spread', field: 'attribute', attribute: 'rack' }]], ['ecs.availability-zone', 'rack']);
    const hosts = Array.from({ length: 20 }, (_, i) => addActiveHost(cluster, { ...makeGroup('m5.large'), attributes: [['rack', `r${i}`]] }, 'us-east-1a'));
    const late = cluster.groups.intern('service:late');
    const td = makeTaskDefinition(64, 64);
    for (const host of hosts) cluster.placeTask(cluster.createTask(OwnerKind.Service, 0, late, td, 0), host, 0);
    const last = hosts[19];
    if (last === undefined) throw new Error('no host');
    cluster.placeTask(cluster.createTask(OwnerKind.Service, 0, late, td, 0), last, 0);
    expect(cluster.groupCountByAttribute(late, 'rack', 'r19')).toBe(2);
    expect(cluster.groupCountByAttribute(late, 'rack', 'r3')).toBe(1);
    expect(cluster.groupCountByAttribute(late, 'ecs.availability-zone', 'us-east-1a')).toBe(21);
    expect(last.groupCount(late)).toBe(2);
    expect([...last.taskGroups()]).toEqual(['service:late']);
  });
});
