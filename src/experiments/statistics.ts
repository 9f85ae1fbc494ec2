import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * Sample statistics for replications: mean, standard deviation (n − 1) and the 95% confidence
 * interval of the mean by Student's t (two-sided, n − 1 degrees of freedom). With one value the
 * interval is undefined (NaN half-width); with identical values it has zero width.
 */
export interface Estimate {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  /** Half the width of the 95% confidence interval of the mean. */
  readonly halfWidth: number;
  readonly low: number;
  readonly high: number;
}

export const CONFIDENCE = 0.95;

export function estimate(values: readonly number[]): Estimate {
  const n = values.length;
  if (n === 0) return { n, mean: NaN, sd: NaN, halfWidth: NaN, low: NaN, high: NaN };
  // Shifted by the first value, so n equal values give exactly that mean and a zero spread.
  const shift = values[0] as number;
  let sum = 0;
  for (const v of values) sum += v - shift;
  const offset = sum / n;
  const mean = shift + offset;
  let squares = 0;
  for (const v of values) squares += (v - shift - offset) * (v - shift - offset);
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : NaN;
  const halfWidth = n > 1 ? (sd === 0 ? 0 : tQuantile(1 - (1 - CONFIDENCE) / 2, n - 1) * (sd / Math.sqrt(n))) : NaN;
  return { n, mean, sd, halfWidth, low: mean - halfWidth, high: mean + halfWidth };
}

/** Whether a confidence interval lies entirely on one side of zero. */
export function excludesZero(e: Estimate): boolean {
  return e.low > 0 || e.high < 0;
}
