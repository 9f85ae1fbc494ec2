import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/engine/rng.js';
import { OwnerKind } from '../../src/model/task.js';
import type { StrategySpec } from '../../src/model/specs.js';
import { placeTask } from '../../src/placement/place.js';
import { diagnoseFailure } from '../../src/placement/diagnose.js';
import { firstFailingStage } from '../../src/placement/feasibility.js';
import { STAGE_REASONS } from '../../src/placement/types.js';
import { hostsOf, placeByScan, randomPosition } from '../../src/placement/scan.js';
import { explainPlacement } from '../../src/placement/explain.js';
import { addActiveHost, makeCluster, makeGroup, makeRequest, makeTaskDefinition } from '../support/builders.js';

const STRATEGIES: StrategySpec[] = [
  { type: 'binpack', resource: 'memory' },
  { type: 'binpack', resource: 'cpu' },
  { type: 'spread', field: 'instanceId' },
  { type: 'spread', field: 'attribute', attribute: 'ecs.availability-zone' },
  { type: 'spread', field: 'attribute', attribute: 'rack' },
  { type: 'random' },
];
const TYPES = ['t3.medium', 'm5.large', 'c5.xlarge', 'r5.large', 'm6g.large'];
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const MEMBER_OF = ['attribute:ecs.instance-type =~ m.*', 'not(task:group == g1)', 'runningTasksCount < 3', 'attribute:rack in [r1, r2]'];

const chainArb = fc.array(fc.integer({ min: 0, max: STRATEGIES.length - 1 }), { maxLength: 3 }).map((ix) => ix.map((i) => STRATEGIES[i] as StrategySpec));

describe('indexed placement equals the brute-force scan (property)', () => {
  it('returns the same host for random clusters, strategy chains and constraints', () => {
    fc.assert(
      fc.property(
        fc.array(chainArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 3 })), { minLength: 0, maxLength: 150, size: 'max' }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 99 })), { maxLength: 400, size: 'max' }),
        fc.boolean(),
        (chains, hostSpecs, requests, randomTieBreak) => {
          const cluster = makeCluster(chains, ['ecs.availability-zone', 'rack'], randomTieBreak);
          const groups = TYPES.map((t) => makeGroup(t));
          const addHost = ([type, zone, rack]: readonly [number, number, number]) => {
            const g = groups[type] as ReturnType<typeof makeGroup>;
            const withRack = rack === 3 ? g : { ...g, attributes: [['rack', `r${rack}`]] as [string, string][] };
            return addActiveHost(cluster, withRack, ZONES[zone] as string);
          };
          const hosts = hostSpecs.map(addHost);
          const groupIds = [0, 1, 2, 3].map((g) => cluster.groups.intern(`g${g}`));
          const sizes = [[256, 512], [1024, 2048], [512, 3000], [2048, 1024]] as const;
          const placed: ReturnType<typeof cluster.createTask>[] = [];
          for (const [groupIndex, sizeIndex, chainIndex, flags] of requests) {
            if (flags % 4 === 1 && placed.length > 0) {
              const victim = placed.splice(flags % placed.length, 1)[0] as (typeof placed)[number];
              cluster.stopTask(victim, 0, 'UserInitiated', 'test');
            }
            // Hosts also join, and drain (their tasks stay and still count), while tasks are placed.
            if (flags % 13 === 6) hosts.push(addHost([flags % 5, flags % 3, flags % 4]));
            if (flags % 17 === 8 && hosts.length > 0) cluster.drainHost(hosts[flags % hosts.length] as (typeof hosts)[number], 0);
            const [cpu, mem] = sizes[sizeIndex % sizes.length] as readonly [number, number];
            // Some tasks hold a static host port (one of two) or an ENI (awsvpc), so those stages filter too.
            const extra = flags % 6 === 2 ? { hostPorts: [{ port: 80 + (flags % 2), protocol: 'tcp' as const }] } : flags % 6 === 4 ? { usesEni: true, networkMode: 'awsvpc' as const } : {};
            const td = makeTaskDefinition(cpu, mem, extra);
            const chain = chains[chainIndex % chains.length] as StrategySpec[];
            const request = makeRequest(td, groupIds[groupIndex] as number, chain, {
              distinctInstance: flags % 5 === 0,
              memberOf: flags % 7 === 0 ? [MEMBER_OF[flags % MEMBER_OF.length] as string] : [],
            });
            const seed = `r${flags}`;
            const indexed = placeTask(request, cluster, randomTieBreak, createStream(1, seed));
            const scanned = placeByScan(hostsOf(cluster.index.all.any, cluster), request, cluster, randomTieBreak, createStream(1, seed));
            expect(indexed?.instanceId, `chain ${JSON.stringify(chain)}`).toBe(scanned?.instanceId);
            if (indexed !== undefined && randomPosition(chain, randomTieBreak) < 0) {
              // The explanation ranks the chosen host first and counts every host once.
              const e = explainPlacement(request, cluster, indexed, randomTieBreak);
              expect(e.ranking[0]?.instanceId).toBe(indexed.instanceId);
              expect(e.feasible + e.removed.reduce((n, [, k]) => n + k, 0)).toBe(e.hostsConsidered);
            }
            if (indexed === undefined) {
              // The reported reason: the latest stage at which any host dropped out (no hosts: none registered).
              const stages = hostsOf(cluster.index.all.any, cluster).map((h) => firstFailingStage(h, request));
              expect(diagnoseFailure(request, cluster)).toBe(STAGE_REASONS[stages.length === 0 ? 0 : Math.max(...stages)]);
            }
            if (indexed !== undefined) {
              const task = cluster.createTask(OwnerKind.Job, 0, request.group, td, 0);
              cluster.placeTask(task, indexed, 0);
              placed.push(task);
            }
          }
        },
      ),
      { seed: 4242, numRuns: 200 },
    );
  });
});
