import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/rng.js';
import type { StrategySpec } from '../../src/model/specs.js';
import { OwnerKind, TaskState, type Task } from '../../src/model/task.js';
import { chooseTaskToStop } from '../../src/scheduler/scaleIn.js';
import { addActiveHost, makeCluster, makeGroup, makeTaskDefinition } from '../support/builders.js';

// Reference: aws-behaviour.md §1 (binpack/spread scale-in) and "Default stop logic".
const SPREAD_AZ: StrategySpec = { type: 'spread', field: 'attribute', attribute: 'ecs.availability-zone' };
const SPREAD_HOST: StrategySpec = { type: 'spread', field: 'instanceId' };

function setup(layout: [zone: string, tasks: number][]) {
  const cluster = makeCluster([[SPREAD_AZ, SPREAD_HOST]]);
  const group = cluster.groups.intern('service:web');
  const td = makeTaskDefinition(128, 256);
  const tasks: Task[] = [];
  for (const [zone, n] of layout) {
    const host = addActiveHost(cluster, makeGroup('m5.large'), zone);
    for (let i = 0; i < n; i++) {
      const t = cluster.createTask(OwnerKind.Service, 0, group, td, 0);
      cluster.placeTask(t, host, 0);
      cluster.setTaskState(t, TaskState.Pending, 0);
      cluster.setTaskState(t, TaskState.Running, 0);
      tasks.push(t);
    }
  }
  return { cluster, group, tasks };
}

describe('which task a service stops on scale-in', () => {
  it('default: the AZ with the most tasks, then the instance with the most tasks', () => {
    const { cluster, group, tasks } = setup([['us-east-1a', 1], ['us-east-1b', 1], ['us-east-1b', 2], ['us-east-1c', 1]]);
    const victim = chooseTaskToStop(tasks, [SPREAD_AZ, SPREAD_HOST], group, cluster, createStream(1, 's'));
    expect(victim?.host?.instanceId).toBe('i-0003');
  });

  it('binpack(memory): the task on the instance with the most memory left', () => {
    const { cluster, group, tasks } = setup([['us-east-1a', 3], ['us-east-1b', 1], ['us-east-1c', 2]]);
    const victim = chooseTaskToStop(tasks, [{ type: 'binpack', resource: 'memory' }], group, cluster, createStream(1, 's'));
    expect(victim?.host?.instanceId).toBe('i-0002');
  });

  it('ties are broken at random from the service\'s own stream (same seed, same choice)', () => {
    const { cluster, group, tasks } = setup([['us-east-1a', 2], ['us-east-1b', 2]]);
    const picks = new Set<number>();
    for (let seed = 0; seed < 20; seed++) picks.add(chooseTaskToStop(tasks, [SPREAD_AZ], group, cluster, createStream(seed, 's'))?.id ?? -1);
    expect(picks.size).toBeGreaterThan(1);
    const a = chooseTaskToStop(tasks, [SPREAD_AZ], group, cluster, createStream(7, 's'));
    const b = chooseTaskToStop(tasks, [SPREAD_AZ], group, cluster, createStream(7, 's'));
    expect(a?.id).toBe(b?.id);
  });

  it('prefers tasks that are not RUNNING yet', () => {
    const { cluster, group, tasks } = setup([['us-east-1a', 1], ['us-east-1b', 3]]);
    const young = cluster.createTask(OwnerKind.Service, 0, group, makeTaskDefinition(128, 256), 0);
    cluster.placeTask(young, cluster.host(0), 0);
    expect(chooseTaskToStop([...tasks, young], [SPREAD_AZ, SPREAD_HOST], group, cluster, createStream(1, 's'))).toBe(young);
  });
});
