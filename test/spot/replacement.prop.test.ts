import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../../src/model/host.js';
import { compile, run } from '../support/scenario.js';

// Reference: aws-behaviour.md §5 (REPLICA replaces any task that stops) and §7 (Spot notices, draining,
// Capacity Rebalancing). Property: every interrupted service task is matched by a distinct task of its
// service placed at or after its notice, unless the service was scaled in after that notice.
const arb = fc.record({
  seed: fc.integer({ min: 0, max: 10_000 }),
  desired: fc.integer({ min: 1, max: 8 }),
  draining: fc.boolean(),
  rebalance: fc.boolean(),
  strategy: fc.constantFrom('lowest-price', 'capacity-optimized', 'price-capacity-optimized'),
  events: fc.array(
    fc.record({ at: fc.integer({ min: 1, max: 100 }), kind: fc.integer({ min: 0, max: 2 }), n: fc.integer({ min: 0, max: 8 }) }),
    { maxLength: 6 },
  ),
});

type Spec = typeof arb extends fc.Arbitrary<infer T> ? T : never;
const TYPES = ['m5.large', 'm6i.large', 'm7a.large'];

function scenario(spec: Spec) {
  return {
    name: 'replacement',
    seed: spec.seed,
    duration: '3h',
    autoScalingGroups: [
      {
        AutoScalingGroupName: 'g',
        MinSize: 0,
        MaxSize: 20,
        DesiredCapacity: 6,
        CapacityRebalance: spec.rebalance,
        ecsConfig: { ECS_ENABLE_SPOT_INSTANCE_DRAINING: spec.draining },
        MixedInstancesPolicy: {
          LaunchTemplate: { Overrides: TYPES.map((InstanceType) => ({ InstanceType })) },
          // Two On-Demand instances hold every task (8 × 256 CPU units each), whatever Spot does.
          InstancesDistribution: { OnDemandBaseCapacity: 2, OnDemandPercentageAboveBaseCapacity: 0, SpotAllocationStrategy: spec.strategy },
        },
      },
    ],
    taskDefinitions: [{ family: 'web', cpu: '256', memory: '512', containerDefinitions: [{ name: 'web' }], shutdownTime: '20s' }],
    services: [{ serviceName: 'web', taskDefinition: 'web', desiredCount: spec.desired, placementStrategy: [{ type: 'spread', field: 'instanceId' }] }],
    spot: { interruptions: [{ rate: '4/d' }] },
    events: spec.events.map((e) => {
      const at = `${e.at}m`;
      if (e.kind === 0) return { at, type: 'reclaimWave', fraction: (1 + e.n) / 9 };
      if (e.kind === 1) return { at, type: 'spotDrought', match: { instanceType: TYPES[e.n % 3] }, duration: `${10 + 5 * e.n}m` };
      return { at, type: 'setDesiredCount', serviceName: 'web', desiredCount: e.n };
    }),
  };
}

describe('Spot replacement (property)', () => {
  it('every interrupted service task is replaced unless the service scaled in', () => {
    let interrupted = 0;
    fc.assert(
      fc.property(arb, (spec) => {
        const hosts = new Map<string, Host>();
        const result = run(compile(scenario(spec)), { observers: [{ hostRunning: (h: Host) => void hosts.set(h.instanceId, h) }] });
        const tasks = [...result.finished, ...result.unfinished];
        const notices = tasks
          .filter((t) => t.interrupted)
          .map((t) => (hosts.get(t.instanceId) as Host).interruptedAt)
          .sort((a, b) => a - b);
        interrupted += notices.length;
        const placed = tasks.map((t) => t.placedAt).sort((a, b) => a - b);
        const lastScaleIn = Math.max(-1, ...spec.events.filter((e) => e.kind === 2).map((e) => e.at * 60_000));
        let next = 0;
        for (const notice of notices) {
          while (next < placed.length && (placed[next] as number) < notice) next++;
          if (next < placed.length) next++;
          else expect(notice, `interruption at ${notice} ms not replaced`).toBeLessThanOrEqual(lastScaleIn);
        }
        const desiredAtEnd = result.summary.services[0]?.desiredAtEnd;
        expect(result.summary.services[0]?.runningAtEnd).toBe(desiredAtEnd);
      }),
      { seed: 20261122, numRuns: 80 },
    );
    expect(interrupted).toBeGreaterThan(20);
  });
});
