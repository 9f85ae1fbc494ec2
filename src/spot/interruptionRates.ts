import type { InterruptionSpec, PoolSelectorSpec, SpotSettingsSpec } from '../model/specs.js';
import type { SpotPool } from './spotPool.js';

/**
 * The per-unit interruption hazard of a pool (aws-behaviour.md §7 "Spot Instance Advisor"). The Advisor
 * gives each instance type a bucket of the monthly share of capacity reclaimed (<5%, 5–10%, 10–15%,
 * 15–20%, >20%); fleetsim reads bucket b as a monthly interruption probability p (scenario parameter
 * spot.advisorMonthlyProbability, default the midpoints and 25% for >20%) and turns it into a constant
 * hazard λ = −ln(1 − p) / 30 days, so an instance running a month is interrupted with probability p.
 */
export const MONTH_MS = 30 * 86_400_000;

export function hazardFromMonthlyProbability(p: number): number {
  return -Math.log(1 - p) / MONTH_MS;
}

export function matches(selector: PoolSelectorSpec, pool: SpotPool): boolean {
  if (selector.fargateSpot && pool.kind !== 'fargateSpot') return false;
  if (selector.instanceType !== undefined && selector.instanceType !== pool.instanceType) return false;
  return selector.availabilityZone === undefined || selector.availabilityZone === pool.zone;
}

/** The models that apply to a pool, in scenario order. */
export function modelsFor(settings: SpotSettingsSpec, pool: SpotPool): InterruptionSpec[] {
  return settings.interruptions.filter((m) => matches(m.match, pool));
}

/**
 * Hazard per unit per ms: the Advisor hazard (on by default for EC2 pools whose type has a bucket; the
 * last matching model that says advisorHazard decides) plus every matching model's explicit rate.
 */
export function poolHazard(settings: SpotSettingsSpec, pool: SpotPool, advisorBucket: number | undefined): number {
  const models = modelsFor(settings, pool);
  let advisor = pool.kind === 'ec2';
  for (const m of models) if (m.advisorHazard !== undefined) advisor = m.advisorHazard;
  let hazard = 0;
  if (advisor && advisorBucket !== undefined) hazard += hazardFromMonthlyProbability(settings.advisorMonthlyProbability[advisorBucket] as number);
  for (const m of models) hazard += m.ratePerMs;
  return hazard;
}
