import type { Random } from './rng.js';

/**
 * Distributions of non-negative quantities (durations in ms, in this project). Specs are already
 * normalised (lognormal given by mu/sigma, empirical by its values); scenario/ converts user input.
 * Samples are rounded to integers: the clock is integer milliseconds.
 */
export type DistributionSpec =
  | { readonly type: 'constant'; readonly value: number }
  | { readonly type: 'uniform'; readonly min: number; readonly max: number }
  | { readonly type: 'exponential'; readonly mean: number }
  | { readonly type: 'normal'; readonly mean: number; readonly stddev: number }
  | { readonly type: 'lognormal'; readonly mu: number; readonly sigma: number }
  | { readonly type: 'empirical'; readonly values: readonly number[] };

export interface Sampler {
  /** One integer draw (>= 0). Constant samplers never call `rng`. */
  sample(rng: Random): number;
  /** The distribution's mean (before rounding), for documentation and sanity checks. */
  readonly mean: number;
  /** Set for exponential distributions (memoryless: superposable into one Poisson process). */
  readonly exponential?: boolean;
}

/** z such that P(Z <= z) = 0.95 for a standard normal. */
export const Z95 = 1.6448536269514722;
const MAX_REJECTIONS = 64;

export function lognormalFromMedianP95(median: number, p95: number): { mu: number; sigma: number } {
  const mu = Math.log(median);
  return { mu, sigma: (Math.log(p95) - mu) / Z95 };
}

/** A standard normal draw by Box–Muller (two uniforms per draw; no cached spare, so draws stay aligned). */
export function standardNormal(rng: Random): number {
  let u = rng();
  while (u <= Number.MIN_VALUE) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export function createSampler(spec: DistributionSpec): Sampler {
  switch (spec.type) {
    case 'constant': {
      const value = Math.max(0, Math.round(spec.value));
      return { mean: spec.value, sample: () => value };
    }
    case 'uniform': {
      const { min, max } = spec;
      return { mean: (min + max) / 2, sample: (rng) => Math.round(min + (max - min) * rng()) };
    }
    case 'exponential': {
      const mean = spec.mean;
      return { mean, exponential: true, sample: (rng) => Math.round(-mean * Math.log(1 - rng())) };
    }
    case 'normal': {
      const { mean, stddev } = spec;
      return {
        mean,
        sample: (rng) => {
          for (let i = 0; i < MAX_REJECTIONS; i++) {
            const x = mean + stddev * standardNormal(rng);
            if (x >= 0) return Math.round(x);
          }
          return 0;
        },
      };
    }
    case 'lognormal': {
      const { mu, sigma } = spec;
      return { mean: Math.exp(mu + (sigma * sigma) / 2), sample: (rng) => Math.round(Math.exp(mu + sigma * standardNormal(rng))) };
    }
    case 'empirical': {
      const values = spec.values.map((v) => Math.max(0, Math.round(v)));
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return { mean, sample: (rng) => values[Math.floor(rng() * values.length)] as number };
    }
  }
}
