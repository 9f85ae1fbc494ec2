import { z } from 'zod';
import { Duration } from './primitives.js';

/**
 * Simulation: a service's request demand (requests per second over time) and what one task serves.
 * Not an AWS object; see README "Autoscaling and deployments".
 */
const Rps = z.number().min(0).meta({ description: 'Requests per second.' });

const Spike = z.strictObject({
  at: Duration,
  duration: Duration,
  multiplier: z.number().min(0).meta({ description: 'Demand is multiplied by this while the spike lasts.' }),
});

const Noise = z.strictObject({
  cv: z.number().min(0).max(2).meta({ description: 'Coefficient of variation of a lognormal factor with mean 1.' }),
  every: Duration.default('1m').meta({ description: 'A new factor is drawn this often (own random stream). Default 1m.' }),
});

const common = {
  spikes: z.array(Spike).default([]),
  noise: Noise.optional(),
};

export const Demand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant'), rate: Rps, ...common }),
  z
    .strictObject({
      type: z.literal('diurnal'),
      peakRate: Rps,
      troughRate: Rps,
      peakHour: z.number().min(0).lt(24).default(14).meta({ description: 'Hour of the daily peak, in timeZone. Default 14.' }),
      timeZone: z.string().default('UTC').meta({ description: 'IANA time zone of peakHour and of weekends. Default UTC.' }),
      weekendFactor: z.number().min(0).default(1).meta({ description: 'Saturday and Sunday demand is multiplied by this. Default 1.' }),
      ...common,
    })
    .meta({ description: 'A daily sinusoid between troughRate and peakRate, highest at peakHour.' }),
  z
    .strictObject({
      type: z.literal('steps'),
      steps: z.array(z.strictObject({ at: Duration, rate: Rps })).min(1),
      ...common,
    })
    .meta({ description: 'Piecewise constant: each step holds from its time until the next (the first also before it).' }),
  z
    .strictObject({
      type: z.literal('trace'),
      file: z.string().min(1).meta({ description: 'CSV file, relative to the scenario file.' }),
      format: z.enum(['requests', 'rates']).meta({
        description: 'requests: one row per request with a timestamp; rates: rows of timestamp,rate.',
      }),
      timeColumn: z.string().min(1).optional().meta({ description: 'Column with the timestamps (default: the first).' }),
      rateColumn: z.string().min(1).optional().meta({ description: 'rates: column with requests per second (default: the second).' }),
      resample: Duration.default('1m').meta({ description: 'requests: counted per window of this length. Default 1m.' }),
      scale: z.number().min(0).default(1).meta({ description: 'Demand is multiplied by this. Default 1.' }),
      loop: z.boolean().default(true).meta({ description: 'Replay the trace again when it ends. Default true.' }),
      ...common,
    })
    .meta({ description: 'A recorded trace, replayed from the scenario start.' }),
]);

export const LoadModel = z
  .strictObject({
    requestsPerSecond: z.number().gt(0).meta({ description: 'Requests per second one task serves at 100% CPU.' }),
    idleCpuPercent: z.number().min(0).max(100).default(5).meta({ description: 'CPU use of an idle task, percent of its CPU. Default 5.' }),
    memoryPercent: z.number().min(0).max(100).default(40).meta({ description: 'Memory use, percent of its memory (constant). Default 40.' }),
  })
  .meta({ description: 'Simulation: what one task of this definition serves (for services with demand).' });

export type DemandInput = z.infer<typeof Demand>;
export type LoadModelInput = z.infer<typeof LoadModel>;
