import { describe, expect, it } from 'vitest';
import type { StepPolicySpec } from '../../src/model/scalingSpecs.js';
import { pickStep, roundPercentChange, stepChange } from '../../src/scaling/stepScaling.js';

// Reference: aws-behaviour.md §4 "Step scaling" (bounds relative to the threshold, PercentChangeInCapacity
// rounding, MinAdjustmentMagnitude, the worked example threshold 50 / capacity 10).
const policy = (over: Partial<StepPolicySpec> = {}): StepPolicySpec => ({
  kind: 'step', name: 'p', service: 0, adjustmentType: 'PercentChangeInCapacity', minAdjustmentMagnitude: undefined, cooldownMs: 300_000, aggregation: 'Average',
  steps: [
    { lower: 0, upper: 10, adjustment: 0 },
    { lower: 10, upper: 20, adjustment: 10 },
    { lower: 20, upper: undefined, adjustment: 30 },
  ],
  ...over,
});

describe('step scaling', () => {
  it("reproduces AWS's worked example: threshold 50, capacity 10; metric 60 → 11, then metric 70 → 14", () => {
    const p = policy();
    const first = pickStep(p.steps, 50, 60);
    expect(first?.adjustment).toBe(10);
    const after = 10 + stepChange(p, first as never, 10);
    expect(after).toBe(11);
    const second = pickStep(p.steps, 50, 70);
    expect(after + stepChange(p, second as never, after)).toBe(14);
  });

  it('above the threshold the lower bound is inclusive; below it the upper bound is', () => {
    const steps = [
      { lower: undefined, upper: -10, adjustment: -2 },
      { lower: -10, upper: 0, adjustment: -1 },
      { lower: 0, upper: 10, adjustment: 1 },
      { lower: 10, upper: undefined, adjustment: 2 },
    ];
    expect(pickStep(steps, 50, 60)?.adjustment).toBe(2);
    expect(pickStep(steps, 50, 50)?.adjustment).toBe(1);
    // 40 is 10 below: below the threshold the upper bound is inclusive, so (−∞, −10] holds it.
    expect(pickStep(steps, 50, 40)?.adjustment).toBe(-2);
    expect(pickStep(steps, 50, 40.1)?.adjustment).toBe(-1);
  });

  it('rounds PercentChangeInCapacity like AWS: 12.7 → 12, 0.5 → 1, −0.5 → −1, −6.67 → −6', () => {
    expect([12.7, 0.5, -0.5, -6.67, 0].map(roundPercentChange)).toEqual([12, 1, -1, -6, 0]);
  });

  it('MinAdjustmentMagnitude raises 25% of 4 (= 1) to 2', () => {
    const p = policy({ minAdjustmentMagnitude: 2, steps: [{ lower: 0, upper: undefined, adjustment: 25 }] });
    expect(stepChange(p, p.steps[0] as never, 4)).toBe(2);
  });

  it('ExactCapacity sets the capacity; ChangeInCapacity adds', () => {
    const exact = policy({ adjustmentType: 'ExactCapacity', steps: [{ lower: 0, upper: undefined, adjustment: 7 }] });
    expect(stepChange(exact, exact.steps[0] as never, 10)).toBe(-3);
    const change = policy({ adjustmentType: 'ChangeInCapacity', steps: [{ lower: 0, upper: undefined, adjustment: 3 }] });
    expect(stepChange(change, change.steps[0] as never, 10)).toBe(3);
  });
});
