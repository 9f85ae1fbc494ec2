import { z } from 'zod';
import { Count, Duration, PositiveCount } from './primitives.js';
import { PoolSelector } from './spot.js';

/** The scenario timeline: changes applied at given offsets from the start. */
export const TimelineEvent = z.discriminatedUnion('type', [
  z
    .strictObject({ type: z.literal('setDesiredCount'), at: Duration, serviceName: z.string(), desiredCount: Count })
    .meta({ description: 'UpdateService desiredCount.' }),
  z
    .strictObject({
      type: z.literal('updateService'),
      at: Duration,
      serviceName: z.string(),
      taskDefinition: z.string().min(1).optional().meta({ description: 'A new revision ("family:revision"): starts a rolling deployment.' }),
      desiredCount: Count.optional(),
    })
    .meta({ description: 'UpdateService: a new task definition (a rolling deployment) and/or desiredCount.' }),
  z
    .strictObject({
      type: z.literal('terminateInstances'),
      at: Duration,
      instanceIds: z.array(z.string().regex(/^i-\d{4,}$/, { error: 'expected an instance id like "i-0003"' })).min(1).optional(),
      autoScalingGroupName: z.string().optional(),
      count: PositiveCount.optional(),
    })
    .meta({ description: 'Instances fail (tasks on them are lost); their group replaces them. Give instanceIds, or a group and a count.' }),
  z
    .strictObject({ type: z.literal('failAvailabilityZone'), at: Duration, availabilityZone: z.string(), duration: Duration })
    .meta({ description: "An AZ outage: its instances are lost and nothing launches there until it ends." }),
  z
    .strictObject({ type: z.literal('setDesiredCapacity'), at: Duration, autoScalingGroupName: z.string(), desiredCapacity: Count })
    .meta({ description: 'SetDesiredCapacity: add or remove instances (removal follows the default termination policy).' }),
  z
    .strictObject({ type: z.literal('reclaimWave'), at: Duration, match: PoolSelector.default({}), fraction: z.number().gt(0).max(1) })
    .meta({ description: "A Spot reclaim wave: this share of each matched pool's running Spot units gets the 2-minute notice at once." }),
  z
    .strictObject({ type: z.literal('spotDrought'), at: Duration, match: PoolSelector.default({}), duration: Duration })
    .meta({ description: 'The matched Spot pools cannot launch Spot capacity for this long.' }),
]);

export type TimelineEventInput = z.infer<typeof TimelineEvent>;
