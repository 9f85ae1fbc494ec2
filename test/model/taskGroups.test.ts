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

  it('keep a group spread only by attribute per value alone, and per host once any caller needs it', () => {
    const cluster = makeCluster([[{ type: 'spread', field: 'attribute', attribute: 'rack' }]], ['rack'], false, false);
    const hosts = Array.from({ length: 3 }, (_, i) => addActiveHost(cluster, { ...makeGroup('m5.large'), attributes: [['rack', `r${i}`]] }, 'us-east-1a'));
    const byRack = cluster.groups.intern('family:by-rack');
    const shared = cluster.groups.intern('family:shared');
    cluster.groups.track(byRack, false);
    cluster.groups.track(shared, true);
    cluster.groups.track(shared, false);
    const td = makeTaskDefinition(64, 64);
    const host = hosts[1];
    if (host === undefined) throw new Error('no host');
    const tasks = [byRack, byRack, shared].map((group) => cluster.createTask(OwnerKind.Job, 0, group, td, 0));
    for (const task of tasks) cluster.placeTask(task, host, 0);
    expect(cluster.groupCountByAttribute(byRack, 'rack', 'r1')).toBe(2);
    expect(host.groupCount(byRack)).toBe(0);
    expect(cluster.groupCountByAttribute(shared, 'rack', 'r1')).toBe(1);
    expect(host.groupCount(shared)).toBe(1);
    expect([...host.taskGroups()]).toEqual(['family:shared']);
    for (const task of tasks) cluster.stopTask(task, 1, 'EssentialContainerExited', 'done');
    expect([cluster.groupCountByAttribute(byRack, 'rack', 'r1'), cluster.groupCountByAttribute(shared, 'rack', 'r1'), host.groupCount(shared)]).toEqual([0, 0, 0]);
  });
});
