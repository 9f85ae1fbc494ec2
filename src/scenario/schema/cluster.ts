import { z } from 'zod';
import { CapacityProviderStrategy } from './capacityProviders.js';
import { Accepted, Attributes, Count, Distribution, Name } from './primitives.js';

/** CreateAutoScalingGroup MixedInstancesPolicy (aws-behaviour.md §7): several instance types, On-Demand and Spot. */
export const InstancesDistribution = z.strictObject({
  OnDemandAllocationStrategy: z.enum(['prioritized', 'lowest-price']).default('prioritized').meta({
    description: 'prioritized: the first override in list order; lowest-price: the cheapest type. Default prioritized.',
  }),
  OnDemandBaseCapacity: Count.default(0).meta({ description: 'Instances that are On-Demand before any Spot. Default 0.' }),
  OnDemandPercentageAboveBaseCapacity: z.int().min(0).max(100).default(100).meta({
    description: 'Percent of the capacity above the base that is On-Demand (0: all Spot). Default 100.',
  }),
  SpotAllocationStrategy: z.enum(['lowest-price', 'capacity-optimized', 'capacity-optimized-prioritized', 'price-capacity-optimized']).default('lowest-price').meta({
    description: 'How Spot pools are chosen (see README "EC2 Spot"). Default lowest-price (the API default).',
  }),
  SpotInstancePools: z.int().min(1).max(20).default(2).meta({ description: 'lowest-price only: the N cheapest pools per AZ share the Spot capacity. Default 2.' }),
  SpotMaxPrice: z.string().optional().meta({ description: 'Only "" (the On-Demand price, the default) is modelled.' }),
});

export const LaunchTemplateOverride = z.strictObject({
  InstanceType: z.string().min(1).meta({ description: 'An instance type of the bundled us-east-1 catalogue.' }),
  WeightedCapacity: z.string().optional().meta({ description: 'Only "1" is modelled (every instance counts one unit of capacity).' }),
  LaunchTemplateSpecification: Accepted,
});

export const MixedInstancesPolicy = z.strictObject({
  LaunchTemplate: z.strictObject({
    LaunchTemplateSpecification: Accepted,
    Overrides: z.array(LaunchTemplateOverride).min(1).max(40).meta({ description: 'The instance types, in priority order (1–40).' }),
  }),
  InstancesDistribution: InstancesDistribution.default(InstancesDistribution.parse({})),
});

/** EC2 capacity: Auto Scaling groups (CreateAutoScalingGroup spelling) plus knobs. */
export const AutoScalingGroup = z.strictObject({
  AutoScalingGroupName: Name,
  InstanceType: z.string().min(1).optional().meta({
    description: 'An instance type of the bundled us-east-1 catalogue (all On-Demand). Give this or MixedInstancesPolicy.',
  }),
  MixedInstancesPolicy: MixedInstancesPolicy.optional(),
  CapacityRebalance: z.boolean().default(false).meta({
    description: 'Capacity Rebalancing: on a rebalance recommendation, launch the replacement Spot instance before the old one goes. Default false.',
  }),
  ecsConfig: z
    .strictObject({
      ECS_ENABLE_SPOT_INSTANCE_DRAINING: z.boolean().default(false).meta({
        description: 'ECS agent setting: a Spot notice puts the instance into DRAINING. Default false (as in AWS).',
      }),
    })
    .default({ ECS_ENABLE_SPOT_INSTANCE_DRAINING: false })
    .meta({ description: "The instances' /etc/ecs/ecs.config settings that fleetsim models." }),
  MinSize: Count.default(0),
  MaxSize: Count.optional().meta({ description: 'Default: DesiredCapacity.' }),
  DesiredCapacity: Count.meta({ description: 'Instances running (and registered) at the scenario start.' }),
  AvailabilityZones: z.array(z.string().min(1)).min(1).optional().meta({ description: "Default: the scenario's availabilityZones." }),
  pendingTime: Distribution.default('10s').meta({ description: 'Simulation: launch to EC2 running (not billed). Unconfirmed; default 10s.' }),
  bootTime: Distribution.default('60s').meta({
    description: 'Simulation: launch to ECS registration (ACTIVE); at least pendingTime. Unconfirmed; default 60s.',
  }),
  agentMemoryReserve: z.int().min(0).default(256).meta({
    description: 'Simulation: MiB the OS and ECS agent keep (registered memory = instance memory − this). Default 256.',
  }),
  attributes: Attributes.default({}),
});

export const Cluster = z.strictObject({
  clusterName: Name.default('default'),
  awsvpcTrunking: z.boolean().default(false).meta({ description: 'awsvpcTrunking account setting: tasks use branch ENIs.' }),
  agentVersion: z.string().default('1.89.0').meta({ description: 'Value of the agentVersion query subject.' }),
  capacityProviders: z.array(z.string().min(1)).max(20).default([]).meta({
    description: 'Providers associated with the cluster (PutClusterCapacityProviders): names from capacityProviders, "FARGATE", "FARGATE_SPOT".',
  }),
  defaultCapacityProviderStrategy: CapacityProviderStrategy.optional().meta({
    description: 'Used by services and jobs that give neither launchType nor capacityProviderStrategy.',
  }),
});

export type AutoScalingGroupInput = z.infer<typeof AutoScalingGroup>;
