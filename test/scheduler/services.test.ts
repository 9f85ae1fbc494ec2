import { describe, expect, it } from 'vitest';
import { compile, run, scenarioJson } from '../support/scenario.js';

/**
 * A DAEMON agent (1 GiB) on two m5.large and a t3.micro that cannot hold it, beside a job stream of a
 * short task every second placed as `placement` says; 2 hours.
 */
function daemonBesideTicks(placement: Record<string, unknown>): ReturnType<typeof compile> {
  return compile(
    scenarioJson({
      duration: '2h',
      autoScalingGroups: [
        { AutoScalingGroupName: 'big', InstanceType: 'm5.large', DesiredCapacity: 2 },
        { AutoScalingGroupName: 'tiny', InstanceType: 't3.micro', DesiredCapacity: 1 },
      ],
      taskDefinitions: [
        { family: 'agent', cpu: '128', memory: '1024', containerDefinitions: [{ name: 'c' }] },
        { family: 'tick', cpu: '128', memory: '128', containerDefinitions: [{ name: 'c' }], imagePullTime: 0, containerStartTime: 0 },
      ],
      services: [{ serviceName: 'agent', taskDefinition: 'agent', schedulingStrategy: 'DAEMON' }],
      jobs: [{ name: 'tick', taskDefinition: 'tick', arrivals: { type: 'interval', every: '1s' }, runTime: '500ms', ...placement }],
    }),
  );
}

// Reference: aws-behaviour.md §5 "ECS service scheduler" and §8 "Task lifecycle".
describe('service scheduler', () => {
  it('keeps desiredCount: crashed tasks are replaced', () => {
    const model = compile(
      scenarioJson({
        duration: '6h',
        services: [{ serviceName: 'web', taskDefinition: 'app', desiredCount: 4, timeToCrash: { type: 'exponential', mean: '1h' } }],
      }),
    );
    const result = run(model);
    const web = result.summary.services[0];
    expect(web?.tasks.crashed).toBeGreaterThan(5);
    expect(web?.tasks.started).toBe((web?.tasks.crashed ?? 0) + 4);
    expect(web?.runningAtEnd).toBeLessThanOrEqual(4);
    expect(web?.availability).toBeLessThan(1);
  });

  it('tasks follow PROVISIONING → PENDING → RUNNING with ENI attach (awsvpc), pull and start times', () => {
    const model = compile(
      scenarioJson({
        taskDefinitions: [
          {
            family: 'app', cpu: '256', memory: '512', networkMode: 'awsvpc', containerDefinitions: [{ name: 'c' }],
            imagePullTime: '20s', containerStartTime: '3s',
          },
        ],
        services: [{ serviceName: 'web', taskDefinition: 'app', desiredCount: 1 }],
        simulation: { eniAttachTime: '7s' },
      }),
    );
    const task = run(model).unfinished[0];
    expect(task?.placedAt).toBe(0);
    expect(task?.startedAt).toBe(7_000 + 20_000 + 3_000);
  });

  it('scale-in sends SIGTERM; a task that ignores it is killed at stopTimeout (§8)', () => {
    const model = compile(
      scenarioJson({
        taskDefinitions: [
          { family: 'app', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c', stopTimeout: 10 }], imagePullTime: 0, containerStartTime: 0, shutdownTime: '1h' },
        ],
        services: [{ serviceName: 'web', taskDefinition: 'app', desiredCount: 2 }],
        events: [{ at: '10m', type: 'setDesiredCount', serviceName: 'web', desiredCount: 1 }],
      }),
    );
    const stopped = run(model).finished[0];
    expect(stopped?.stoppingAt).toBe(600_000);
    expect(stopped?.stoppedAt).toBe(610_000);
    expect(stopped?.stopCode).toBe('ServiceSchedulerInitiated');
  });

  it('DAEMON runs one task on every instance, including instances that join later (§5)', () => {
    const model = compile(
      scenarioJson({
        autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', MaxSize: 5, DesiredCapacity: 2 }],
        services: [{ serviceName: 'agent', taskDefinition: 'app', schedulingStrategy: 'DAEMON' }],
        events: [{ at: '10m', type: 'setDesiredCapacity', autoScalingGroupName: 'g', desiredCapacity: 5 }],
      }),
    );
    const result = run(model);
    const agent = result.summary.services[0];
    expect(agent?.desiredAtEnd).toBe(5);
    expect(agent?.runningAtEnd).toBe(5);
    expect(new Set(result.unfinished.map((t) => t.instanceId)).size).toBe(5);
  });

  it('tasks lost with a terminated instance are replaced elsewhere; an AZ outage moves them out', () => {
    const model = compile(
      scenarioJson({
        duration: '2h',
        autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', DesiredCapacity: 3 }],
        services: [{ serviceName: 'web', taskDefinition: 'app', desiredCount: 6 }],
        events: [{ at: '30m', type: 'failAvailabilityZone', availabilityZone: 'us-east-1a', duration: '1h' }],
      }),
    );
    const result = run(model);
    const web = result.summary.services[0];
    expect(web?.tasks.lostWithHost).toBe(2);
    expect(web?.runningAtEnd).toBe(6);
    const during = result.samples.find((s) => s.timeMs === 45 * 60_000);
    expect(during?.instancesActive).toBe(3); // the replacement launched in another zone
    expect(result.finished.filter((t) => t.stopCode === 'InfrastructureHealth').every((t) => t.zone === 'us-east-1a')).toBe(true);
  });

  it('a service launches at most serviceLaunchRatePerMinute tasks a minute (§5 rate quota)', () => {
    const model = compile(
      scenarioJson({
        autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.24xlarge', DesiredCapacity: 4 }],
        taskDefinitions: [{ family: 'app', cpu: '16', memory: '64', containerDefinitions: [{ name: 'c' }] }],
        services: [{ serviceName: 'web', taskDefinition: 'app', desiredCount: 1200 }],
        simulation: { serviceLaunchRatePerMinute: 500 },
      }),
    );
    const result = run(model);
    const placedBy = (ms: number) => result.unfinished.filter((t) => t.placedAt <= ms).length;
    expect(placedBy(0)).toBe(500);
    expect(placedBy(59_999)).toBeLessThan(1000);
    expect(placedBy(60_000)).toBe(1000);
    expect(placedBy(120_000)).toBe(1200);
  });

  it('records why tasks could not be placed', () => {
    const model = compile(
      scenarioJson({
        autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', DesiredCapacity: 2 }],
        services: [{ serviceName: 'db', taskDefinition: 'app', desiredCount: 3, placementConstraints: [{ type: 'distinctInstance' }] }],
      }),
    );
    const db = run(model).summary.services[0];
    expect(db?.runningAtEnd).toBe(2);
    expect(db?.placementFailures).toEqual({ DISTINCT_INSTANCE: 1 });
    expect(db?.taskSecondsShort).toBeGreaterThan(3500);
  });

  it('a DAEMON task that does not fit an instance waits there, retried only when capacity changes', () => {
    const result = run(daemonBesideTicks({ placementStrategy: [{ type: 'binpack', field: 'memory' }] }));
    const agent = result.summary.services[0];
    expect(agent?.desiredAtEnd).toBe(3);
    expect(agent?.runningAtEnd).toBe(2);
    const failures = agent?.placementFailures['RESOURCE:MEMORY'] ?? 0;
    // About one retry per job task that ended (each frees capacity), not one per placement pass.
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThanOrEqual((result.summary.jobs[0]?.tasksCompleted ?? 0) + 3);
  });

  it('a DAEMON that an instance type cannot hold is not retried there when tasks come and go elsewhere', () => {
    const result = run(daemonBesideTicks({ placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type == m5.large' }] }));
    const agent = result.summary.services[0];
    expect(result.summary.jobs[0]?.tasksCompleted).toBeGreaterThan(7000);
    expect(agent?.runningAtEnd).toBe(2);
    // Tried once when the t3.micro joined; nothing changed on it after that, so no retry.
    expect(agent?.placementFailures).toEqual({ 'RESOURCE:MEMORY': 1 });
  });

  it('crash rates match timeToCrash: about running-task-hours / mean crashes, exponential or not', () => {
    const crashes = (timeToCrash: unknown) => {
      const model = compile(
        scenarioJson({
          duration: '100h',
          taskDefinitions: [{ family: 'app', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }], imagePullTime: 0, containerStartTime: 0 }],
          services: [{ serviceName: 'web', taskDefinition: 'app', desiredCount: 10, timeToCrash: timeToCrash as never }],
        }),
      );
      return run(model).summary.services[0]?.tasks.crashed ?? 0;
    };
    // 10 tasks × 100 h / 1 h mean ≈ 1,000 crashes (replacements start at once: no pull time).
    expect(crashes({ type: 'exponential', mean: '1h' })).toBeGreaterThan(900);
    expect(crashes({ type: 'exponential', mean: '1h' })).toBeLessThan(1100);
    expect(crashes({ type: 'uniform', min: '30m', max: '90m' })).toBeGreaterThan(950);
    expect(crashes({ type: 'uniform', min: '30m', max: '90m' })).toBeLessThan(1050);
  });
});
