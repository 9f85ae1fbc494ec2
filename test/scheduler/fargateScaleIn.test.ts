import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/rng.js';
import { OwnerKind, TaskState, type Task } from '../../src/model/task.js';
import { chooseFargateTaskToStop, FargateStopChooser } from '../../src/scheduler/fargateScaleIn.js';
import { makeCluster, makeTaskDefinition } from '../support/builders.js';

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c', ''];

/** Fargate tasks with the given (zone index, state: 0 PROVISIONING, 1 PENDING, 2 RUNNING, 3 STOPPING) pairs. */
function fargateTasks(specs: readonly (readonly [number, number])[]): Task[] {
  const cluster = makeCluster([[]]);
  const group = cluster.groups.intern('service:web');
  const td = makeTaskDefinition(256, 512);
  return specs.map(([zone, state]) => {
    const t = cluster.createTask(OwnerKind.Service, 0, group, td, 0);
    cluster.placeFargateTask(t, 0, 0);
    t.zone = ZONES[zone] as string;
    if (state >= 1) cluster.setTaskState(t, TaskState.Pending, 0);
    if (state >= 2) cluster.setTaskState(t, TaskState.Running, 0);
    if (state >= 3) cluster.setTaskState(t, TaskState.Stopping, 0);
    return t;
  });
}

// Reference: aws-behaviour.md §5 (scale-in stops tasks in the AZs with the most tasks).
describe('Fargate scale-in choice', () => {
  it('prefers tasks not yet RUNNING, then the zone with the most of them', () => {
    const tasks = fargateTasks([[0, 2], [0, 2], [0, 2], [1, 1], [2, 0], [2, 1]]);
    for (let seed = 0; seed < 10; seed++) expect(chooseFargateTaskToStop(tasks, createStream(seed, 's'))?.zone).toBe('us-east-1c');
    const running = fargateTasks([[0, 2], [0, 2], [1, 2], [2, 3], [2, 3], [2, 3]]);
    for (let seed = 0; seed < 10; seed++) expect(chooseFargateTaskToStop(running, createStream(seed, 's'))?.zone).toBe('us-east-1a');
  });

  it('the chooser makes exactly the choices of chooseFargateTaskToStop over the tasks left (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(3), fc.nat(3)), { minLength: 0, maxLength: 60 }),
        fc.nat(1000),
        fc.boolean(),
        fc.boolean(),
        (specs, seed, withUnzoned, filtered) => {
          // Tasks still waiting for capacity have no zone: the chooser then scans.
          const tasks = fargateTasks(specs.map(([z, s]) => [withUnzoned ? z : z % 3, s] as const));
          const include = filtered ? (t: Task) => t.id % 5 !== 0 : undefined;
          const chooser = new FargateStopChooser(tasks, createStream(seed, 's'), include);
          const rng = createStream(seed, 's');
          const left = new Set(tasks.filter((t) => include === undefined || include(t)));
          for (let k = 0; k <= tasks.length; k++) {
            const want = chooseFargateTaskToStop(left, rng);
            const got = chooser.next();
            expect(got?.id, `choice ${k}`).toBe(want?.id);
            if (got === undefined) break;
            left.delete(got);
          }
        },
      ),
      { seed: 3, numRuns: 500 },
    );
  });
});
