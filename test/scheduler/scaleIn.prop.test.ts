import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/rng.js';
import type { Host } from '../../src/model/host.js';
import type { StrategySpec, TaskDefinitionSpec } from '../../src/model/specs.js';
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
  [{ type: 'binpack', resource: 'memory' }],
  [SPREAD_AZ, { type: 'binpack', resource: 'cpu' }, { type: 'random' }],
  // Not indexed (the scan serves them): checks that the choice of path does not matter.
  [SPREAD_HOST, SPREAD_AZ],
  [{ type: 'binpack', resource: 'memory' }, SPREAD_HOST],
];
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
type Cluster = ReturnType<typeof makeCluster>;

/** Tasks of the group placed on the host, one per state (0 PROVISIONING, 1 PENDING, 2 RUNNING). */
function placeInStates(cluster: Cluster, host: Host, group: number, td: TaskDefinitionSpec, states: readonly number[]): Task[] {
  return states.map((state) => {
    const t = cluster.createTask(OwnerKind.Service, 0, group, td, 0);
    cluster.placeTask(t, host, 0);
    if (state >= 1) cluster.setTaskState(t, TaskState.Pending, 0);
    if (state >= 2) cluster.setTaskState(t, TaskState.Running, 0);
    return t;
  });
}

/**
 * Stops a scale-in victim as the lifecycle does and returns the host it ran on: a RUNNING victim may
 * stay RUNNING (deregistration delay) and so still count, or go STOPPING; one not yet RUNNING is
 * STOPPED at once (its host cleared).
 */
function stopAsLifecycle(cluster: Cluster, task: Task, leaveCounted: boolean): Host | undefined {
  const host = task.host;
  if (task.state < TaskState.Running) cluster.stopTask(task, 0, 'ServiceSchedulerInitiated', 'scaled in');
  else if (!leaveCounted) cluster.setTaskState(task, TaskState.Stopping, 0);
  return host;
}

/** The default chain's choice by definition: not-RUNNING first, most group tasks in the zone, then on the instance, ties by id at random. */
function bruteForcePick(candidates: Task[], cluster: Cluster, group: number, draws: () => number): Task | undefined {
  const pending = candidates.filter((t) => t.state < TaskState.Running);
  const pool = pending.length > 0 ? pending : candidates;
  const key = (t: Task) => [cluster.groupCountByAttribute(group, 'ecs.availability-zone', t.host?.availabilityZone as string), t.host?.groupCount(group) as number];
  let best: number[] | undefined;
  for (const t of pool) {
    const kk = key(t);
    if (best === undefined || kk[0]! > best[0]! || (kk[0] === best[0] && kk[1]! > best[1]!)) best = kk;
  }
  const ties = pool.filter((t) => best !== undefined && key(t)[0] === best[0] && key(t)[1] === best[1]).sort((a, b) => a.id - b.id);
  return ties.length === 0 ? undefined : ties[Math.floor(draws() * ties.length)];
}

describe('scale-in: the bucketed index chooses exactly what the scan over every task chooses (property)', () => {
  it('for random layouts, task states, chains and seeds, over whole scale-in sequences', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(2), fc.nat(3), fc.array(fc.nat(2), { minLength: 0, maxLength: 5 })), { minLength: 1, maxLength: 25, size: 'max' }),
        fc.nat(CHAINS.length - 1),
        fc.nat(1000),
        fc.nat(40),
        fc.nat(7),
        (hosts, chainIndex, seed, stops, how) => {
          const chain = CHAINS[chainIndex] as StrategySpec[];
          const cluster = makeCluster([chain], ['ecs.availability-zone', 'rack']);
          const group = cluster.groups.intern('service:web');
          const other = cluster.groups.intern('service:other');
          const td = makeTaskDefinition(64, 128);
          const tasks: Task[] = [];
          for (const [zone, rack, states] of hosts) {
            // Some instances busier than others (binpack keys differ), some alike (ties).
            const busy = makeTaskDefinition(256 * (zone + rack), 512 * ((zone * rack) % 3));
            const host = addActiveHost(cluster, { ...makeGroup('m5.xlarge'), attributes: rack === 3 ? [] : [['rack', `r${rack}`]] }, ZONES[zone] as string);
            // A task of another group on some hosts: it must not count.
            if (rack === 0) cluster.placeTask(cluster.createTask(OwnerKind.Service, 1, other, td, 0), host, 0);
            if (rack === 1) cluster.placeTask(cluster.createTask(OwnerKind.Service, 1, other, busy, 0), host, 0);
            tasks.push(...placeInStates(cluster, host, group, td, states));
          }
          const indexed = new StopChooser(tasks, chain, group, cluster, createStream(seed, 's'), { indexed: true });
          const scan = new StopChooser(tasks, chain, group, cluster, createStream(seed, 's'), { indexed: false });
          for (let k = 0; k < stops; k++) {
            const a = indexed.next();
            const b = scan.next();
            expect(a?.id, `choice ${k}, chain ${JSON.stringify(chain)}`).toBe(b?.id);
            if (a === undefined) break;
            // As the lifecycle stops victims: not yet RUNNING ones STOPPED at once (freeing what they
            // held), RUNNING ones deregistering (still counted) or STOPPING.
            const host = stopAsLifecycle(cluster, a, ((how >> (k % 3)) & 1) === 1);
            indexed.stopped(a, host);
            scan.stopped(a, host);
          }
        },
      ),
      { seed: 99, numRuns: 400 },
    );
  });
});

describe('scale-in with victims that still count (deregistering behind a load balancer) or are already STOPPED', () => {
  it('chooses as a brute-force pick over live counts: pending first, most tasks per zone, then per instance, ties by id', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(2), fc.array(fc.nat(2), { minLength: 0, maxLength: 4 })), { minLength: 1, maxLength: 20, size: 'max' }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.nat(1000),
        (hosts, leaveCounted, seed) => {
          const chain = [SPREAD_AZ, SPREAD_HOST];
          const cluster = makeCluster([chain], ['ecs.availability-zone']);
          const group = cluster.groups.intern('service:web');
          const td = makeTaskDefinition(64, 128);
          const tasks: Task[] = [];
          for (const [zone, states] of hosts) {
            const host = addActiveHost(cluster, makeGroup('m5.xlarge'), ZONES[zone] as string);
            tasks.push(...placeInStates(cluster, host, group, td, states));
          }
          for (const indexed of [true, false]) {
            const chooser = new StopChooser(tasks, chain, group, cluster, createStream(seed, 's'), { indexed });
            const draws = createStream(seed, 's');
            const left = new Set(tasks.filter((t) => t.state < TaskState.Stopping));
            for (let k = 0; k < 40; k++) {
              const want = bruteForcePick([...left], cluster, group, draws);
              const got = chooser.next();
              expect(got?.id, `indexed ${indexed}, choice ${k}`).toBe(want?.id);
              if (got === undefined) break;
              left.delete(got);
              chooser.stopped(got, stopAsLifecycle(cluster, got, leaveCounted[k] === true));
            }
          }
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('scale-in over two capacity provider pools of one service (disjoint instances)', () => {
  it('each pool chooses by live zone counts, the other pool\'s victims included (stoppedElsewhere)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(2), fc.array(fc.nat(2), { minLength: 0, maxLength: 4 })), { minLength: 2, maxLength: 20, size: 'max' }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.nat(1000),
        (hosts, fromB, leaveCounted, seed) => {
          const chain = [SPREAD_AZ, SPREAD_HOST];
          const cluster = makeCluster([chain], ['ecs.availability-zone']);
          const group = cluster.groups.intern('service:web');
          const td = makeTaskDefinition(64, 128);
          const pools: Task[][] = [[], []];
          hosts.forEach(([zone, states], h) => {
            const host = addActiveHost(cluster, makeGroup('m5.xlarge'), ZONES[zone] as string);
            (pools[h % 2] as Task[]).push(...placeInStates(cluster, host, group, td, states));
          });
          const choosers = pools.map((tasks, p) => new StopChooser(tasks, chain, group, cluster, createStream(seed, `s${p}`)));
          const draws = [createStream(seed, 's0'), createStream(seed, 's1')];
          const left = pools.map((tasks) => new Set(tasks));
          for (let k = 0; k < 40; k++) {
            const p = fromB[k] ? 1 : 0;
            const want = bruteForcePick([...(left[p] as Set<Task>)], cluster, group, draws[p] as () => number);
            const got = (choosers[p] as StopChooser).next();
            expect(got?.id, `pool ${p}, choice ${k}`).toBe(want?.id);
            if (got === undefined) continue;
            (left[p] as Set<Task>).delete(got);
            const host = stopAsLifecycle(cluster, got, leaveCounted[k] === true);
            (choosers[p] as StopChooser).stopped(got, host);
            (choosers[1 - p] as StopChooser).stoppedElsewhere(got, host);
          }
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
});
