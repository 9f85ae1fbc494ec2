import { z } from 'zod';
import { CapacityProviderStrategy } from './capacityProviders.js';
import { Demand } from './demand.js';
import { Accepted, Count, Distribution, Duration, Name, PlacementConstraint, PlacementStrategy } from './primitives.js';

/** CreateService input (AWS spelling) plus simulation knobs. See aws-behaviour.md §5 and §9. */

const DeploymentConfiguration = z.strictObject({
  maximumPercent: z.int().min(0).optional().meta({ description: 'Default 200 (REPLICA), 100 (DAEMON).' }),
  minimumHealthyPercent: z.int().min(0).max(100).optional().meta({ description: 'Default 100 (REPLICA), 0 (DAEMON).' }),
  deploymentCircuitBreaker: z
    .strictObject({
      enable: z.boolean(),
      rollback: z.boolean(),
      resetOnHealthyTask: z.boolean().default(true).meta({ description: 'A healthy new task resets the failure count. Default true.' }),
      thresholdConfiguration: z
        .strictObject({ type: z.enum(['COUNT', 'BOUNDED_PERCENT', 'UNBOUNDED_PERCENT']), value: z.int().min(1) })
        .optional()
        .meta({ description: 'Default BOUNDED_PERCENT 50: ceil(0.5 × desired) clamped to [minimum, 200].' }),
    })
    .optional(),
  alarms: Accepted,
  strategy: Accepted,
  bakeTimeInMinutes: Accepted,
  linearConfiguration: Accepted,
  canaryConfiguration: Accepted,
  lifecycleHooks: Accepted,
});

const acceptedServiceFields = Object.fromEntries(
  [
    'cluster', 'platformVersion', 'deploymentController', 'networkConfiguration', 'loadBalancers', 'serviceRegistries',
    'serviceConnectConfiguration', 'volumeConfigurations', 'tags', 'enableECSManagedTags', 'propagateTags',
    'enableExecuteCommand', 'clientToken', 'role', 'availabilityZoneRebalancing', 'monitoring', 'healthCheckGracePeriodSeconds',
  ].map((key) => [key, Accepted]),
);

export const Service = z.strictObject({
  serviceName: Name,
  taskDefinition: z.string().min(1).meta({ description: '"family", "family:revision" or a task definition ARN.' }),
  desiredCount: Count.default(0),
  launchType: z.enum(['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES']).optional(),
  capacityProviderStrategy: CapacityProviderStrategy.optional(),
  schedulingStrategy: z.enum(['REPLICA', 'DAEMON']).default('REPLICA'),
  placementStrategy: z.array(PlacementStrategy).max(5).optional().meta({ description: 'Default: spread by availability zone, then by instance.' }),
  placementConstraints: z.array(PlacementConstraint).max(10).default([]),
  deploymentConfiguration: DeploymentConfiguration.optional(),
  ...acceptedServiceFields,
  demand: Demand.optional().meta({ description: 'Simulation: requests per second over time (the task definition needs `load`).' }),
  healthyAfter: Duration.optional().meta({
    description: 'Simulation: RUNNING → counted healthy in deployments. Default 40s (ECS without health checks), or loadBalancerRegistrationTime with demand.',
  }),
  loadBalancerRegistrationTime: Duration.default('30s').meta({
    description: 'Simulation: RUNNING → in service behind the load balancer (target healthy). Unconfirmed; default 30s.',
  }),
  loadBalancerDeregistrationDelay: Duration.default('300s').meta({
    description: 'Target group deregistration delay (services with demand): a task the scheduler stops leaves the load balancer at once and gets SIGTERM this long after (ELB default 300 s; ELB may finish sooner when connections close).',
  }),
  timeToCrash: Distribution.optional().meta({ description: 'Simulation: each RUNNING task crashes after a draw from this distribution (own random stream); absent = never.' }),
});

export type ServiceInput = z.infer<typeof Service>;
