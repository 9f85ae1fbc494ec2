import type { Comparison } from '../model/scalingSpecs.js';

/**
 * CloudWatch alarm evaluation, "M out of N" (aws-behaviour.md §4): the alarm is in ALARM when at least
 * DatapointsToAlarm of the last EvaluationPeriods datapoints breach. Missing datapoints follow
 * TreatMissingData: `breaching` / `notBreaching` count them as such; `missing` and `ignore` evaluate the
 * datapoints present (none present: INSUFFICIENT_DATA, and nothing scales).
 */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export function breaches(value: number, threshold: number, comparison: Comparison): boolean {
  switch (comparison) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

/** `datapoints`: the last N values, oldest first (undefined = missing); fewer than N so far = insufficient. */
export function evaluateAlarm(
  datapoints: readonly (number | undefined)[],
  evaluationPeriods: number,
  datapointsToAlarm: number,
  threshold: number,
  comparison: Comparison,
  treatMissingData: 'missing' | 'notBreaching' | 'breaching' | 'ignore' = 'missing',
): AlarmState {
  if (datapoints.length < evaluationPeriods) return 'INSUFFICIENT_DATA';
  let breaching = 0;
  let present = 0;
  for (let i = datapoints.length - evaluationPeriods; i < datapoints.length; i++) {
    const v = datapoints[i];
    if (v === undefined) {
      if (treatMissingData === 'breaching') breaching++;
      continue;
    }
    present++;
    if (breaches(v, threshold, comparison)) breaching++;
  }
  if (present === 0 && (treatMissingData === 'missing' || treatMissingData === 'ignore')) return 'INSUFFICIENT_DATA';
  return breaching >= datapointsToAlarm ? 'ALARM' : 'OK';
}
