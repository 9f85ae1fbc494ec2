import type { StepPolicySpec, StepSpec } from '../model/scalingSpecs.js';

/**
 * Step scaling (aws-behaviour.md §4): the step whose bounds (offsets from the alarm threshold) hold the
 * aggregated metric — above the threshold the lower bound is inclusive and the upper exclusive, below
 * it the reverse — and the capacity change it asks for.
 */
export function pickStep(steps: readonly StepSpec[], threshold: number, value: number): StepSpec | undefined {
  const offset = value - threshold;
  const above = value >= threshold;
  return steps.find((s) => {
    const lower = s.lower ?? -Infinity;
    const upper = s.upper ?? Infinity;
    return above ? offset >= lower && offset < upper : offset > lower && offset <= upper;
  });
}

/** PercentChangeInCapacity rounding: >1 down, (0,1) → 1, (−1,0) → −1, < −1 toward zero (12.7 → 12, −6.67 → −6). */
export function roundPercentChange(delta: number): number {
  if (delta === 0) return 0;
  if (delta > 1) return Math.floor(delta + 1e-9);
  if (delta > 0) return 1;
  if (delta > -1) return -1;
  return Math.ceil(delta - 1e-9);
}

/** The change in capacity a step asks for at `capacity` (ExactCapacity: the target minus capacity). */
export function stepChange(policy: StepPolicySpec, step: StepSpec, capacity: number): number {
  switch (policy.adjustmentType) {
    case 'ChangeInCapacity':
      return step.adjustment;
    case 'ExactCapacity':
      return step.adjustment - capacity;
    case 'PercentChangeInCapacity': {
      let delta = roundPercentChange((capacity * step.adjustment) / 100);
      const min = policy.minAdjustmentMagnitude;
      if (min !== undefined && delta !== 0 && Math.abs(delta) < min) delta = Math.sign(delta) * min;
      return delta;
    }
  }
}
