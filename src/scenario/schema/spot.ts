import { z } from 'zod';
import { Rate, TraceSource } from './job.js';
import { Distribution, Duration } from './primitives.js';

/**
 * Spot interruption models (aws-behaviour.md §6, §7): per Spot pool (instance type × AZ for EC2 Spot,
 * FARGATE_SPOT × AZ), combinable: a hazard from the Spot Advisor bucket, an explicit rate or mean time to
 * interruption, a CSV trace, reclaim waves and capacity droughts. Every pool draws from its own streams.
 */
export const PoolSelector = z
  .strictObject({
    instanceType: z.string().min(1).optional(),
    availabilityZone: z.string().min(1).optional(),
    capacityProvider: z.literal('FARGATE_SPOT').optional().meta({ description: 'Select the Fargate Spot pools.' }),
  })
  .meta({ description: 'Which Spot pools: all fields given must match; {} matches every pool.' });

export const InterruptionModel = z.strictObject({
  match: PoolSelector.default({}),
  advisorHazard: z.boolean().optional().meta({
    description: 'Use the hazard from the Spot Advisor interruption bucket of the instance type. Default: on for EC2 Spot pools; Fargate Spot has no published rate, so off.',
  }),
  rate: Rate.optional().meta({ description: 'Interruptions per running instance (or Fargate Spot task) per unit of time, e.g. "0.05/d"; adds to the hazard.' }),
  meanTimeToInterruption: Duration.optional().meta({ description: 'Alternative to rate: mean running time before an interruption, e.g. "20d".' }),
  trace: TraceSource.optional().meta({ description: 'Times at which one running unit (chosen at random) of each matched pool is interrupted.' }),
});

export const ReclaimWave = z.strictObject({
  match: PoolSelector.default({}),
  rate: Rate.meta({ description: 'Waves per unit of time, e.g. "1/d".' }),
  fraction: z.number().gt(0).max(1).meta({ description: "Share of the pool's running Spot units reclaimed at once." }),
  correlated: z.boolean().default(false).meta({
    description: 'true: each wave strikes every matched pool of one AZ (chosen at random) at once; false: each matched pool has its own waves.',
  }),
});

export const Drought = z.strictObject({
  match: PoolSelector.default({}),
  rate: Rate.meta({ description: 'Droughts per pool per unit of time.' }),
  duration: Distribution.meta({ description: 'How long the pool cannot launch Spot capacity.' }),
});

export const SPOT_DEFAULTS = {
  advisorMonthlyProbability: [0.025, 0.075, 0.125, 0.175, 0.25],
  fargateSpotStopCode: 'SpotInterruption',
  interruptions: [],
  reclaimWaves: [],
  droughts: [],
} as const;

export const SpotSettings = z.strictObject({
  advisorMonthlyProbability: z
    .array(z.number().min(0).lt(1))
    .length(5)
    .default([...SPOT_DEFAULTS.advisorMonthlyProbability])
    .meta({
      description: 'Monthly interruption probability taken for each Spot Advisor bucket <5%, 5-10%, 10-15%, 15-20%, >20% (default: midpoints, and 25% for >20%).',
    }),
  fargateSpotStopCode: z.enum(['SpotInterruption', 'TerminationNotice']).default('SpotInterruption').meta({
    description: 'stopCode of interrupted Fargate Spot tasks (AWS documents both; which one current events carry is unconfirmed).',
  }),
  interruptions: z.array(InterruptionModel).default([]).meta({ description: 'Interruption models; every one whose match fits a pool applies to it.' }),
  reclaimWaves: z.array(ReclaimWave).default([]),
  droughts: z.array(Drought).default([]),
});

export type PoolSelectorInput = z.infer<typeof PoolSelector>;
export type SpotSettingsInput = z.infer<typeof SpotSettings>;
