import { describe, expect, it } from 'vitest';
import { hazardFromMonthlyProbability, matches, MONTH_MS, poolHazard } from '../../src/spot/interruptionRates.js';
import { SpotPool } from '../../src/spot/spotPool.js';
import type { SpotSettingsSpec } from '../../src/model/specs.js';

const owner = { interrupt: () => undefined, capacityReturned: () => undefined };
const ec2 = new SpotPool(0, 'm5.large/us-east-1a', 'ec2', 'us-east-1a', 'm5.large', owner);
const fargate = new SpotPool(1, 'FARGATE_SPOT/us-east-1b', 'fargateSpot', 'us-east-1b', undefined, owner);
const any = { instanceType: undefined, availabilityZone: undefined, fargateSpot: false };

function settings(interruptions: SpotSettingsSpec['interruptions'] = []): SpotSettingsSpec {
  return { advisorMonthlyProbability: [0.025, 0.075, 0.125, 0.175, 0.25], fargateSpotStopCode: 'SpotInterruption', interruptions, reclaimWaves: [], droughts: [] };
}

// Reference: aws-behaviour.md §7 "Spot Instance Advisor" (buckets of the monthly share reclaimed).
describe('Spot interruption rates', () => {
  it('a bucket read as monthly probability p gives P(interrupted within 30 days) = p', () => {
    for (const p of [0.025, 0.175, 0.25]) expect(1 - Math.exp(-hazardFromMonthlyProbability(p) * MONTH_MS)).toBeCloseTo(p, 12);
  });

  it('EC2 pools use the Advisor hazard by default, Fargate Spot pools none; explicit rates add', () => {
    expect(poolHazard(settings(), ec2, 3)).toBeCloseTo(hazardFromMonthlyProbability(0.175), 20);
    expect(poolHazard(settings(), fargate, undefined)).toBe(0);
    const rate = 1 / 86_400_000;
    const withRate = settings([{ match: { ...any, fargateSpot: true }, advisorHazard: undefined, ratePerMs: rate, traceTimes: [] }]);
    expect(poolHazard(withRate, fargate, undefined)).toBe(rate);
    expect(poolHazard(withRate, ec2, 3)).toBeCloseTo(hazardFromMonthlyProbability(0.175), 20);
    const off = settings([{ match: any, advisorHazard: false, ratePerMs: 0, traceTimes: [] }]);
    expect(poolHazard(off, ec2, 3)).toBe(0);
  });

  it('selectors match by instance type, zone and FARGATE_SPOT', () => {
    expect(matches(any, ec2) && matches(any, fargate)).toBe(true);
    expect(matches({ ...any, fargateSpot: true }, ec2)).toBe(false);
    expect(matches({ ...any, instanceType: 'm5.large' }, fargate)).toBe(false);
    expect(matches({ ...any, instanceType: 'm5.large', availabilityZone: 'us-east-1a' }, ec2)).toBe(true);
    expect(matches({ ...any, availabilityZone: 'us-east-1a' }, fargate)).toBe(false);
  });
});
