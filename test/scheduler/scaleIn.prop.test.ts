import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/rng.js';
import type { StrategySpec } from '../../src/model/specs.js';
import { OwnerKind, TaskState, type Task } from '../../src/model/task.js';
import { StopChooser } from '../../src/scheduler/scaleIn.js';
import { addActiveHost, makeCluster, makeGroup, makeTaskDefinition } from '../support/builders.js';

const SPREAD_AZ: StrategySpec = { type: 'spread', field: 'attribute', attribute: 'ecs.availability-zone' };
const SPREAD_RACK: StrategySpec = { type: 'spread', field: 'attribute', attribute: 'rack' };
const SPREAD_HOST: StrategySpec = { type: 'spread', field: 'instanceId' };
const CHAINS: StrategySpec[][] = [
  [],
  [SPREAD_AZ],
  [SPREAD_HOST],
  [SPREAD_AZ, SPREAD_HOST],
  [SPREAD_RACK, SPREAD_HOST, { type: 'random' }],
  [{ type: 'random' }],
  // Not indexed (the scan serves them): checks that the choice of path does not matter.
  [SPREAD_HOST, SPREAD_AZ],
  [{ type: 'binpack', resource: 'memory' }],
];
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

describe('scale-in: the bucketed index chooses exactly what the scan over every task chooses (property)', () => {
  it('for random layouts, task states, chains and seeds, over whole scale-in sequences', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(2), fc.nat(3), fc.array(fc.nat(2), { minLength: 0, maxLength: 5 })), { minLength: 1, maxLength: 25, size: 'max' }),
        fc.nat(CHAINS.length - 1),
        fc.nat(1000),
        fc.nat(40),
        (hosts, chainIndex, seed, stops) => {
          const chain = CHAINS[chainIndex] as StrategySpec[];
          const cluster = makeCluster([chain], ['ecs.availability-zone', 'rack']);
          const group = cluster.groups.intern('service:web');
          const other = cluster.groups.intern('service:other');
          const td = makeTaskDefinition(64, 128);
          const tasks: Task[] = [];
          for (const [zone, rack, states] of hosts) {
            const host = addActiveHost(cluster, { ...makeGroup('m5.xlarge'), attributes: rack === 3 ? [] : [['rack', `r${rack}`]] }, ZONES[zone] as string);
            // A task of another group on some hosts: it must not count.
            if (rack === 0) cluster.placeTask(cluster.createTask(OwnerKind.Service, 1, other, td, 0), host, 0);
            for (const state of states) {
              const t = cluster.createTask(OwnerKind.Service, 0, group, td, 0);
              cluster.placeTask(t, host, 0);
              if (state >= 1) cluster.setTaskState(t, TaskState.Pending, 0);
              if (state >= 2) cluster.setTaskState(t, TaskState.Running, 0);
              tasks.push(t);
            }
          }
          const indexed = new StopChooser(tasks, chain, group, cluster, createStream(seed, 's'), { indexed: true });
          const scan = new StopChooser(tasks, chain, group, cluster, createStream(seed, 's'), { indexed: false });
          for (let k = 0; k < stops; k++) {
            const a = indexed.next();
            const b = scan.next();
            expect(a?.id, `choice ${k}, chain ${JSON.stringify(chain)}`).toBe(b?.id);
            if (a === undefined) break;
            cluster.setTaskState(a, TaskState.Stopping, 0);
            indexed.stopped(a);
            scan.stopped(a);
          }
        },
      ),
      { seed: 99, numRuns: 400 },
    );
  });
});
