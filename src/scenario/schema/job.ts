import { z } from 'zod';
import { CapacityProviderStrategy } from './capacityProviders.js';
import { Distribution, Duration, Name, PlacementConstraint, PlacementStrategy, PositiveCount } from './primitives.js';

/** Streams of RunTask calls (batch work) with an arrival process; simulation-only apart from RunTask fields. */
export const Rate = z
  .string()
  .regex(/^\d+(\.\d+)?\/(s|m|h|d)$/, { error: 'expected a rate such as "30/h", "2/m" or "0.5/s"' })
  .meta({ description: 'Events per second (s), minute (m), hour (h) or day (d): "30/h".' });

/** A CSV column of times (arrivals, interruptions). */
export const TraceSource = z.strictObject({
  type: z.literal('trace'),
  file: z.string().min(1).meta({ description: 'CSV file, relative to the scenario file.' }),
  column: z.string().min(1).optional().meta({ description: 'Column with times (default: the first column).' }),
  timeFormat: z.enum(['timestamp', 's', 'ms']).default('timestamp').meta({
    description: 'timestamp: date-times (UTC), replayed relative to the first row; s / ms: offsets from the scenario start.',
  }),
  timeScale: z.number().positive().default(1).meta({ description: 'Multiply trace gaps by this (0.5 = twice as fast).' }),
});

export const Arrivals = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('poisson'), rate: Rate }).meta({ description: 'Poisson process.' }),
  z.strictObject({ type: z.literal('interval'), every: Duration }).meta({ description: 'One arrival every `every`, the first at `start`.' }),
  z.strictObject({ type: z.literal('times'), at: z.array(Duration).min(1) }).meta({ description: 'Arrivals at listed offsets from the scenario start.' }),
  TraceSource.meta({ description: 'Arrival times from a CSV trace.' }),
]);

export const Job = z.strictObject({
  name: Name,
  taskDefinition: z.string().min(1),
  arrivals: Arrivals,
  start: Duration.default(0).meta({ description: 'No arrivals before this offset.' }),
  end: Duration.optional().meta({ description: 'No arrivals after this offset (default: the scenario end).' }),
  maxArrivals: PositiveCount.optional().meta({ description: 'Stop after this many RunTask calls.' }),
  count: z.int().min(1).max(10).default(1).meta({ description: 'Tasks per RunTask call (AWS allows 1–10).' }),
  runTime: Distribution.meta({ description: 'How long each task runs once RUNNING.' }),
  group: z.string().min(1).max(255).optional().meta({ description: 'Task group; default "family:<task definition family>".' }),
  launchType: z.enum(['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES']).optional(),
  capacityProviderStrategy: CapacityProviderStrategy.optional(),
  placementStrategy: z.array(PlacementStrategy).max(5).optional().meta({ description: 'RunTask default is unconfirmed by AWS; fleetsim default: none (lowest instance).' }),
  placementConstraints: z.array(PlacementConstraint).max(10).default([]),
});

export type JobInput = z.infer<typeof Job>;
export type ArrivalsInput = z.infer<typeof Arrivals>;
