import { z } from 'zod';
import { CapacityProviderStrategy } from './capacityProviders.js';
import { Attributes, Count, Distribution, Name } from './primitives.js';

/** EC2 capacity: Auto Scaling groups of one instance type (CreateAutoScalingGroup spelling) plus knobs. */
export const AutoScalingGroup = z.strictObject({
  AutoScalingGroupName: Name,
  InstanceType: z.string().min(1).meta({ description: 'An instance type of the bundled us-east-1 catalogue.' }),
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
