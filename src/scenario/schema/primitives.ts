import { z } from 'zod';
import { DURATION_PATTERN } from '../../engine/time.js';

/** Shared building blocks of the scenario schema. */
const DURATION_HINT = 'expected a duration such as "250ms", "90s", "5m", "2h", "30d" or a whole number of milliseconds';

export const Duration = z
  .union([
    z.string().regex(DURATION_PATTERN, { error: DURATION_HINT }),
    z.int({ error: DURATION_HINT }).min(0, { error: 'a duration cannot be negative' }),
  ], { error: DURATION_HINT })
  .meta({ description: 'A duration: "250ms", "90s", "5m", "2h", "30d" (parts combine: "1h30m") or integer milliseconds.' });

export const Count = z.int({ error: 'expected a whole number' }).min(0, { error: 'expected a whole number >= 0' });
export const PositiveCount = z.int({ error: 'expected a whole number' }).min(1, { error: 'expected a whole number >= 1' });

export const Name = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(255, { error: 'must have at most 255 characters' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, { error: 'use letters, digits, "-", "_", "." and ":" (starting with a letter or digit)' });

const DistributionObject = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant'), value: Duration }),
  z.strictObject({ type: z.literal('uniform'), min: Duration, max: Duration }),
  z.strictObject({ type: z.literal('exponential'), mean: Duration }),
  z.strictObject({ type: z.literal('normal'), mean: Duration, stddev: Duration }).meta({ description: 'Normal, truncated at 0 (negative draws are redrawn).' }),
  z
    .strictObject({
      type: z.literal('lognormal'),
      median: Duration.optional(),
      p95: Duration.optional(),
      mu: z.number().optional().meta({ description: 'Mean of ln(milliseconds).' }),
      sigma: z.number().positive().optional().meta({ description: 'Standard deviation of ln(milliseconds).' }),
    })
    .meta({ description: 'Lognormal, by median and p95, or by mu and sigma of ln(ms).' }),
  z
    .strictObject({
      type: z.literal('empirical'),
      values: z.array(Duration).min(1).optional(),
      file: z.string().min(1).optional().meta({ description: 'CSV file, relative to the scenario file.' }),
      column: z.string().min(1).optional().meta({ description: 'CSV column name (default: the first column).' }),
      unit: z.enum(['ms', 's', 'm', 'h']).default('s').meta({ description: 'Unit of the numbers in the CSV column.' }),
    })
    .meta({ description: 'Uniform draw from listed values or from a CSV column.' }),
]);

export const Distribution = z
  .union([Duration, DistributionObject], {
    error: 'expected a duration such as "90s", or a distribution such as {"type": "exponential", "mean": "5m"}',
  })
  .meta({ description: 'A duration distribution: a plain duration (constant), or {"type": "constant"|"uniform"|"exponential"|"normal"|"lognormal"|"empirical", …}.' });

export type DistributionInput = z.infer<typeof Distribution>;

export const Attributes = z
  .record(z.string().min(1).max(128), z.string().min(1).max(128))
  .meta({ description: 'Custom container instance attributes (name and value 1–128 characters).' });

export const PlacementStrategy = z.strictObject({
  type: z.enum(['random', 'spread', 'binpack']),
  field: z.string().optional().meta({ description: 'binpack: cpu|memory; spread: instanceId|host|attribute:<name>; random: none.' }),
});

export const PlacementConstraint = z.strictObject({
  type: z.enum(['distinctInstance', 'memberOf']),
  expression: z.string().max(2000).optional().meta({ description: 'Cluster query language expression (memberOf only).' }),
});

export type PlacementStrategyInput = z.infer<typeof PlacementStrategy>;
export type PlacementConstraintInput = z.infer<typeof PlacementConstraint>;

/** Fields of real AWS request shapes that are accepted so pasted JSON validates, and not modelled. */
export const Accepted = z.unknown().optional().meta({ description: 'Accepted for AWS compatibility; not modelled.' });
