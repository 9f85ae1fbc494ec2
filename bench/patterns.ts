/**
 * Scenarios that once cost time quadratic in a backlog or a pool, kept in the benchmark as guards:
 * - fargate-scale-in: a FARGATE/FARGATE_SPOT service of 20,000 tasks scaled in to 10 (each victim used
 *   to re-filter, re-count and re-sort the whole pool: 14.6 s; now about 0.3 s);
 * - backfill-backlog: two job streams outrunning five instances for 6 hours with `jobQueue: backfill`
 *   (each capacity change used to walk the whole backlog, about 140,000 tasks: 6 s; now about 0.5 s);
 * - rolling-deployment: a 10,000-task service deployed to a new revision (each of about 40,000 passes
 *   used to walk every task of the service: 9.7 s; now about 0.6 s);
 * - distinct-instance-full: a distinctInstance service wanting 50 more tasks than the 2,000 instances,
 *   retried on every capacity change of a busy batch stream (each failure used to walk every instance
 *   twice, to compare the group's hosts and to find the reason: 17 s; now about 0.6 s);
 * - distinct-instance-binpack: the same with binpack(memory) (each failure walked every instance with
 *   room in free-memory order, all holding the group: 9 s; now about 0.8 s; random and spread(zone)
 *   chains took as long, and took the same fix);
 * - daemon-partial-fit: a DAEMON service too big for the 2,000 smaller instances of a cluster, beside a
 *   busy job stream (every task stop retried the daemon on all 2,000: 24 s for a day, 6 s for these
 *   6 hours; now the daemon is retried on an instance only after a task there changed: about 0.8 s);
 * - member-of-full: a service pinned by memberOf to 20 c5.large instances it has filled, beside 2,000
 *   m5.large instances busy with a job stream (every task stop retried it, walking every m5.large: 5.9 s
 *   for an hour; now it looks at the c5.large instances with room only: about 0.5 s);
 * - host-port-full: a bridge-mode service with static host port 80 wanting 50 more tasks than its 2,000
 *   instances, beside a busy job stream (every retry walked every instance with room: 3.1 s for an
 *   hour; now about 0.5 s);
 * - dense-services: five services of 5,000 tasks each on 2,000 instances (12 or 13 per instance each),
 *   crashing now and then (once every instance held a service, each placement compared every instance
 *   of the zone: 3.2 s for 6 hours; now the instances with the fewest of its tasks are found by count
 *   level: about 0.6 s);
 * - binpack-scale-in: a [spread(zone), binpack(memory)] service of 10,000 tasks scaled in to 10 (each
 *   victim used to be chosen by scanning every task).
 * - asg-scale-in: a mixed-instances group of 12,000 instances scaled in to 100, then 3,000 of the 6,000
 *   instances it relaunched terminated at random (each victim used to be chosen by the termination policy
 *   scanning every instance left, and each random pick spliced the list: 4.3 s; now about 0.55 s).
 * - random-placement: a job stream and a service placed with `random` (the service after spread(zone))
 *   on 4,000 instances for 2 hours (each placement used to list, filter and sort every instance).
 */
export const PATTERNS: Readonly<Record<string, () => unknown>> = {
  'fargate-scale-in': () => ({
    name: 'fargate-scale-in',
    seed: 1,
    duration: '12h',
    taskDefinitions: [
      { family: 'app', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }], requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc' },
    ],
    cluster: { capacityProviders: ['FARGATE', 'FARGATE_SPOT'] },
    services: [
      {
        serviceName: 'web',
        taskDefinition: 'app',
        desiredCount: 20000,
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE', base: 2, weight: 1 },
          { capacityProvider: 'FARGATE_SPOT', weight: 3 },
        ],
      },
    ],
    // The launch rate limit (20 per second after a burst of 100) starts all 20,000 in about 17 minutes.
    events: [{ at: '1h', type: 'setDesiredCount', serviceName: 'web', desiredCount: 10 }],
  }),
  'backfill-backlog': () => ({
    name: 'backfill-backlog',
    seed: 1,
    duration: '6h',
    autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', DesiredCapacity: 5 }],
    taskDefinitions: [
      { family: 'big', cpu: '1024', memory: '4096', containerDefinitions: [{ name: 'c' }] },
      { family: 'small', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }] },
    ],
    jobs: [
      { name: 'big', taskDefinition: 'big', arrivals: { type: 'poisson', rate: '200/m' }, runTime: { type: 'exponential', mean: '2m' } },
      { name: 'small', taskDefinition: 'small', arrivals: { type: 'poisson', rate: '200/m' }, runTime: { type: 'exponential', mean: '1m' } },
    ],
    simulation: { jobQueue: 'backfill' },
  }),
  'rolling-deployment': () => ({
    name: 'rolling-deployment',
    seed: 1,
    duration: '6h',
    autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.4xlarge', DesiredCapacity: 205 }],
    taskDefinitions: [
      { family: 'app', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }] },
      { family: 'app', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }] },
    ],
    services: [{ serviceName: 'web', taskDefinition: 'app:1', desiredCount: 10000, deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 200 } }],
    events: [{ at: '1h', type: 'updateService', serviceName: 'web', taskDefinition: 'app:2' }],
  }),
  'distinct-instance-full': () => distinctInstanceFull('distinct-instance-full', {}),
  'distinct-instance-binpack': () => distinctInstanceFull('distinct-instance-binpack', { placementStrategy: [{ type: 'binpack', field: 'memory' }] }),
  'daemon-partial-fit': () =>
    besideBusyJobs('daemon-partial-fit', '6h', { name: 'j', cpu: '1024', memory: '2048', rate: '20000/h' }, {
      autoScalingGroups: [
        { AutoScalingGroupName: 'big', InstanceType: 'm5.2xlarge', DesiredCapacity: 100 },
        { AutoScalingGroupName: 'small', InstanceType: 'm5.large', DesiredCapacity: 2000 },
      ],
      taskDefinitions: [{ family: 'agent', cpu: '4096', memory: '16000', containerDefinitions: [{ name: 'c' }] }],
      services: [{ serviceName: 'agent', taskDefinition: 'agent', schedulingStrategy: 'DAEMON' }],
    }),
  'member-of-full': () =>
    besideBusyJobs('member-of-full', '1h', { name: 'bulk', cpu: '512', memory: '1024', rate: '20000/h' }, {
      autoScalingGroups: [
        { AutoScalingGroupName: 'many', InstanceType: 'm5.large', DesiredCapacity: 2000 },
        { AutoScalingGroupName: 'few', InstanceType: 'c5.large', DesiredCapacity: 20 },
      ],
      taskDefinitions: [{ family: 'pinned', cpu: '1024', memory: '2048', containerDefinitions: [{ name: 'c' }] }],
      services: [
        { serviceName: 'pinned', taskDefinition: 'pinned', desiredCount: 100, placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type == c5.large' }] },
      ],
    }),
  'host-port-full': () =>
    besideBusyJobs('host-port-full', '1h', { name: 'j', cpu: '1024', memory: '2048', rate: '20000/h' }, {
      autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.2xlarge', DesiredCapacity: 2000 }],
      taskDefinitions: [{ family: 'web', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c', portMappings: [{ containerPort: 80, hostPort: 80 }] }] }],
      services: [{ serviceName: 'web', taskDefinition: 'web', desiredCount: 2050 }],
    }),
  'dense-services': () => ({
    name: 'dense-services',
    seed: 1,
    duration: '6h',
    autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.2xlarge', DesiredCapacity: 2000 }],
    taskDefinitions: [{ family: 'web', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }] }],
    services: Array.from({ length: 5 }, (_, i) => ({ serviceName: `s${i}`, taskDefinition: 'web', desiredCount: 5000, timeToCrash: { type: 'exponential', mean: '1d' } })),
  }),
  'binpack-scale-in': () => ({
    name: 'binpack-scale-in',
    seed: 1,
    duration: '3h',
    autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.4xlarge', DesiredCapacity: 205 }],
    taskDefinitions: [{ family: 'app', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }] }],
    services: [
      {
        serviceName: 'web',
        taskDefinition: 'app',
        desiredCount: 10000,
        placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }],
      },
    ],
    events: [{ at: '1h', type: 'setDesiredCount', serviceName: 'web', desiredCount: 10 }],
  }),
  'asg-scale-in': () => ({
    name: 'asg-scale-in',
    seed: 1,
    duration: '4h',
    autoScalingGroups: [
      {
        AutoScalingGroupName: 'g',
        DesiredCapacity: 12000,
        MaxSize: 12000,
        // Instances come up over 10 minutes, so their billing hours differ (the policy's second step).
        pendingTime: { type: 'uniform', min: '30s', max: '10m' },
        MixedInstancesPolicy: {
          LaunchTemplate: { Overrides: [{ InstanceType: 'm5.large' }, { InstanceType: 'm6i.large' }] },
          InstancesDistribution: { OnDemandPercentageAboveBaseCapacity: 70, SpotAllocationStrategy: 'price-capacity-optimized' },
        },
      },
    ],
    taskDefinitions: [{ family: 'app', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }] }],
    services: [{ serviceName: 'web', taskDefinition: 'app', desiredCount: 100 }],
    events: [
      { at: '1h', type: 'setDesiredCapacity', autoScalingGroupName: 'g', desiredCapacity: 100 },
      { at: '2h', type: 'setDesiredCapacity', autoScalingGroupName: 'g', desiredCapacity: 6000 },
      { at: '3h', type: 'terminateInstances', autoScalingGroupName: 'g', count: 3000 },
    ],
  }),
  'random-placement': () =>
    besideBusyJobs('random-placement', '2h', { name: 'j', cpu: '1024', memory: '2048', rate: '6000/h', placementStrategy: [{ type: 'random' }] }, {
      autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.2xlarge', DesiredCapacity: 4000 }],
      taskDefinitions: [{ family: 'app', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }] }],
      services: [
        {
          serviceName: 'web',
          taskDefinition: 'app',
          desiredCount: 2000,
          placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'random' }],
          timeToCrash: { type: 'exponential', mean: '2h' },
        },
      ],
    }),
};

function distinctInstanceFull(name: string, strategy: Record<string, unknown>): unknown {
  return besideBusyJobs(name, '1d', { name: 'j', cpu: '1024', memory: '2048', rate: '4000/h' }, {
    autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.2xlarge', DesiredCapacity: 2000 }],
    taskDefinitions: [{ family: 'app', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }] }],
    services: [{ serviceName: 'web', taskDefinition: 'app', desiredCount: 2050, placementConstraints: [{ type: 'distinctInstance' }], ...strategy }],
  });
}

/**
 * A scenario whose services share the cluster with a busy job stream (task family `job`, Poisson
 * arrivals at `rate`, exponential run times of mean 20 minutes): every job start and stop is a capacity
 * change the services' failed placements are retried on.
 */
function besideBusyJobs(
  name: string,
  duration: string,
  job: { readonly name: string; readonly cpu: string; readonly memory: string; readonly rate: string; readonly placementStrategy?: unknown[] },
  rest: { readonly autoScalingGroups: unknown[]; readonly taskDefinitions: unknown[]; readonly services: unknown[] },
): unknown {
  return {
    name,
    seed: 1,
    duration,
    autoScalingGroups: rest.autoScalingGroups,
    taskDefinitions: [...rest.taskDefinitions, { family: 'job', cpu: job.cpu, memory: job.memory, containerDefinitions: [{ name: 'c' }] }],
    services: rest.services,
    jobs: [
      {
        name: job.name,
        taskDefinition: 'job',
        arrivals: { type: 'poisson', rate: job.rate },
        runTime: { type: 'exponential', mean: '20m' },
        ...(job.placementStrategy !== undefined ? { placementStrategy: job.placementStrategy } : {}),
      },
    ],
  };
}
