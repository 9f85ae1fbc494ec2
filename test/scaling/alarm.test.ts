import { describe, expect, it } from 'vitest';
import { evaluateAlarm } from '../../src/scaling/alarm.js';
import { combineProposals, trackedCapacity } from '../../src/scaling/targetTracking.js';

// Reference: aws-behaviour.md §4 (alarms M of N; target tracking formula and multiple policies).
describe('CloudWatch alarms', () => {
  it('needs DatapointsToAlarm breaching datapoints among the last EvaluationPeriods', () => {
    expect(evaluateAlarm([60, 40, 60], 3, 2, 50, 'GreaterThanThreshold')).toBe('ALARM');
    expect(evaluateAlarm([60, 40, 40], 3, 2, 50, 'GreaterThanThreshold')).toBe('OK');
    expect(evaluateAlarm([60, 60], 3, 2, 50, 'GreaterThanThreshold')).toBe('INSUFFICIENT_DATA');
    expect(evaluateAlarm([50, 50, 50], 3, 3, 50, 'GreaterThanThreshold')).toBe('OK');
    expect(evaluateAlarm([50, 50, 50], 3, 3, 50, 'GreaterThanOrEqualToThreshold')).toBe('ALARM');
  });

  it('treats missing data as told', () => {
    const window = [undefined, undefined, 60];
    expect(evaluateAlarm(window, 3, 2, 50, 'GreaterThanThreshold', 'missing')).toBe('OK');
    expect(evaluateAlarm(window, 3, 2, 50, 'GreaterThanThreshold', 'breaching')).toBe('ALARM');
    expect(evaluateAlarm([undefined, undefined, undefined], 3, 1, 50, 'GreaterThanThreshold', 'missing')).toBe('INSUFFICIENT_DATA');
  });
});

describe('target tracking', () => {
  it('asks for ceil(running × metric ÷ target) from the RUNNING count', () => {
    expect(trackedCapacity(10, 75, 50)).toBe(15);
    expect(trackedCapacity(10, 51, 50)).toBe(11);
    expect(trackedCapacity(10, 30, 50)).toBe(6);
    expect(trackedCapacity(3, 50, 50)).toBe(3);
  });

  it('scales out if any policy wants to (largest wins), in only if all with scale-in enabled want to', () => {
    const out = { capacity: 30, direction: 'out' as const, canScaleIn: true };
    const smallOut = { capacity: 13, direction: 'out' as const, canScaleIn: true };
    const wantsIn = { capacity: 6, direction: 'in' as const, canScaleIn: true };
    const quiet = { capacity: undefined, direction: 'none' as const, canScaleIn: true };
    expect(combineProposals([smallOut, out], 10)).toBe(30);
    expect(combineProposals([wantsIn, out], 10)).toBe(30);
    // Two policies, only one wants to scale in: no scale-in.
    expect(combineProposals([wantsIn, quiet], 10)).toBeUndefined();
    expect(combineProposals([wantsIn, { ...wantsIn, capacity: 8 }], 10)).toBe(8);
    // A policy with DisableScaleIn does not vote.
    expect(combineProposals([wantsIn, { ...quiet, canScaleIn: false }], 10)).toBe(6);
  });
});
