import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterObserver } from '../../src/model/clusterState.js';
import { HostStatus, type Host } from '../../src/model/host.js';
import type { Task } from '../../src/model/task.js';
import { compile, run } from '../support/scenario.js';

/** Safety invariants over random scenarios (fast-check, fixed seed). */
const TYPES = ['m5.large', 'c5.xlarge', 'r5.large', 'm5.2xlarge'];
const STRATEGY_CHOICES = [
  [],
  [{ type: 'binpack', field: 'memory' }],
  [{ type: 'binpack', field: 'cpu' }],
  [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }],
  [{ type: 'spread', field: 'instanceId' }],
  [{ type: 'random' }],
];

const scenarioArb = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  groups: fc.array(
    fc.record({
      type: fc.constantFrom(...TYPES),
      desired: fc.integer({ min: 0, max: 5 }),
      spotPercent: fc.constantFrom(0, 50, 100),
      draining: fc.boolean(),
      rebalance: fc.boolean(),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  tds: fc.array(fc.record({ cpu: fc.integer({ min: 0, max: 1024 }), mem: fc.integer({ min: 64, max: 3000 }), awsvpc: fc.boolean(), port: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  services: fc.array(
    fc.record({ td: fc.nat(), desired: fc.integer({ min: 0, max: 12 }), strategy: fc.nat(), distinct: fc.boolean(), crash: fc.boolean(), daemon: fc.boolean() }),
    { maxLength: 3 },
  ),
  jobs: fc.array(fc.record({ td: fc.nat(), perHour: fc.integer({ min: 1, max: 120 }), strategy: fc.nat(), minutes: fc.integer({ min: 1, max: 60 }) }), { maxLength: 2 }),
  events: fc.array(
    fc.record({ at: fc.integer({ min: 0, max: 119 }), kind: fc.integer({ min: 0, max: 5 }), n: fc.integer({ min: 0, max: 8 }), target: fc.nat() }),
    { maxLength: 5 },
  ),
});

type Spec = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function toScenario(spec: Spec): unknown {
  const groups = spec.groups.map((g, i) => ({
    AutoScalingGroupName: `g${i}`,
    MinSize: 0,
    MaxSize: 10,
    DesiredCapacity: g.desired,
    ...(g.spotPercent === 0
      ? { InstanceType: g.type }
      : {
          MixedInstancesPolicy: {
            LaunchTemplate: { Overrides: [{ InstanceType: g.type }, { InstanceType: 'm5.large' === g.type ? 'm6i.large' : 'm5.large' }] },
            InstancesDistribution: { OnDemandPercentageAboveBaseCapacity: 100 - g.spotPercent, SpotAllocationStrategy: 'price-capacity-optimized' },
          },
          CapacityRebalance: g.rebalance,
          ecsConfig: { ECS_ENABLE_SPOT_INSTANCE_DRAINING: g.draining },
        }),
  }));
  const services = spec.services.map((s, i) => ({
    serviceName: `s${i}`,
    taskDefinition: `td${s.td % spec.tds.length}`,
    desiredCount: s.desired,
    ...(s.daemon ? { schedulingStrategy: 'DAEMON' } : { placementStrategy: STRATEGY_CHOICES[s.strategy % STRATEGY_CHOICES.length] }),
    placementConstraints: s.distinct ? [{ type: 'distinctInstance' }] : [],
    ...(s.crash ? { timeToCrash: { type: 'exponential', mean: '20m' } } : {}),
  }));
  const events = spec.events.flatMap((e) => {
    const at = `${e.at}m`;
    const group = `g${e.target % groups.length}`;
    if (e.kind === 0 && services.length > 0) {
      const svc = services[e.target % services.length] as { serviceName: string; schedulingStrategy?: string };
      return svc.schedulingStrategy === 'DAEMON' ? [] : [{ at, type: 'setDesiredCount', serviceName: svc.serviceName, desiredCount: e.n }];
    }
    if (e.kind === 1) return [{ at, type: 'setDesiredCapacity', autoScalingGroupName: group, desiredCapacity: Math.min(10, e.n) }];
    if (e.kind === 2) return [{ at, type: 'terminateInstances', autoScalingGroupName: group, count: 1 + (e.n % 3) }];
    if (e.kind === 4) return [{ at, type: 'reclaimWave', fraction: (1 + e.n) / 9 }];
    if (e.kind === 5) return [{ at, type: 'spotDrought', match: { availabilityZone: ['us-east-1a', 'us-east-1b', 'us-east-1c'][e.n % 3] }, duration: `${5 + e.n * 5}m` }];
    return [{ at, type: 'failAvailabilityZone', availabilityZone: ['us-east-1a', 'us-east-1b', 'us-east-1c'][e.n % 3], duration: `${5 + e.n * 5}m` }];
  });
  return {
    name: 'prop',
    seed: spec.seed,
    duration: '2h',
    sampleInterval: '1m',
    autoScalingGroups: groups,
    taskDefinitions: spec.tds.map((t, i) => ({
      family: `td${i}`,
      cpu: String(t.cpu || 0) === '0' ? undefined : String(t.cpu),
      memory: String(t.mem),
      networkMode: t.awsvpc ? 'awsvpc' : 'bridge',
      containerDefinitions: [{ name: 'c', cpu: t.cpu, portMappings: t.port && !t.awsvpc ? [{ containerPort: 80, hostPort: 8080 }] : [] }],
    })),
    services,
    spot: { interruptions: [{ rate: '2/d' }] },
    jobs: spec.jobs.map((j, i) => ({
      name: `j${i}`,
      taskDefinition: `td${j.td % spec.tds.length}`,
      arrivals: { type: 'poisson', rate: `${j.perHour}/h` },
      runTime: { type: 'exponential', mean: `${j.minutes}m` },
      placementStrategy: STRATEGY_CHOICES[j.strategy % STRATEGY_CHOICES.length],
    })),
    events,
  };
}

/** Checks every placement against what the host can hold, with its own bookkeeping. */
class Auditor implements ClusterObserver {
  readonly ports = new Map<Host, Map<number, number>>();
  readonly terminated = new Set<string>();
  problems: string[] = [];

  taskPlaced(task: Task): void {
    const h = task.host as Host;
    if (h.status !== HostStatus.Active) this.problems.push(`task ${task.id} placed on ${h.instanceId} in status ${h.status}`);
    if (h.cpuFree < 0 || h.memFree < 0 || h.eniFree < 0) this.problems.push(`${h.instanceId} over-committed: cpu ${h.cpuFree} mem ${h.memFree} eni ${h.eniFree}`);
    const used = this.ports.get(h) ?? new Map<number, number>();
    this.ports.set(h, used);
    for (const p of task.taskDefinition.hostPorts) {
      const n = (used.get(p.port) ?? 0) + 1;
      if (n > 1) this.problems.push(`${h.instanceId} port ${p.port} bound twice`);
      used.set(p.port, n);
    }
  }

  taskStateChanged(task: Task): void {
    if (task.host?.status === HostStatus.Terminated) this.problems.push(`task ${task.id} changed state on terminated ${task.host.instanceId}`);
  }

  hostTerminated(host: Host): void {
    if (host.taskCount > 0) this.problems.push(`${host.instanceId} terminated with ${host.taskCount} tasks`);
    this.terminated.add(host.instanceId);
  }

  taskStopped(task: Task): void {
    const used = task.host === undefined ? undefined : this.ports.get(task.host);
    for (const p of task.taskDefinition.hostPorts) used?.set(p.port, (used.get(p.port) ?? 1) - 1);
  }
}

describe('simulation invariants (property)', () => {
  let interruptedTasks = 0;
  it('no over-commitment, no task on a terminated instance, every task accounted for, cost never decreases, same seed same output', () => {
    fc.assert(
      fc.property(scenarioArb, (spec) => {
        const model = compile(toScenario(spec));
        const auditor = new Auditor();
        const result = run(model, { observers: [auditor] });
        expect(auditor.problems).toEqual([]);
        // No task is left on a terminated instance.
        const live = new Set(result.unfinished.map((t) => t.instanceId).filter((id) => id !== ''));
        for (const id of live) expect(auditor.terminated.has(id)).toBe(false);
        expect(result.finished.length + result.unfinished.length).toBe(result.summary.simulation.tasksCreated);
        for (const s of result.summary.services) {
          expect(s.tasks.started).toBe(s.tasks.stopped + result.unfinished.filter((t) => t.owner === s.serviceName).length);
        }
        for (let i = 1; i < result.samples.length; i++) {
          expect(result.samples[i]?.costSoFar).toBeGreaterThanOrEqual(result.samples[i - 1]?.costSoFar as number);
        }
        interruptedTasks += result.summary.spot.tasksInterrupted;
        const again = run(compile(toScenario(spec)));
        expect(JSON.stringify(again.summary)).toBe(JSON.stringify(result.summary));
        expect(JSON.stringify(again.samples)).toBe(JSON.stringify(result.samples));
      }),
      { seed: 20261122, numRuns: 60 },
    );
    // The generated scenarios do exercise Spot interruptions.
    expect(interruptedTasks).toBeGreaterThan(0);
  });
});
