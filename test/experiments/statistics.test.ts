import { describe, expect, it } from 'vitest';
import { estimate, excludesZero } from '../../src/experiments/statistics.js';
import { pairedDifferences, unpairedDifferences, aggregate } from '../../src/experiments/aggregate.js';

describe('estimates with Student-t 95% confidence intervals', () => {
  it('computes mean, sample sd and t(0.975, n−1) · sd/√n', () => {
    const e = estimate([1, 2, 3, 4]);
    expect(e.mean).toBe(2.5);
    expect(e.sd).toBeCloseTo(1.2909944, 6);
    // t(0.975, 3) = 3.182446
    expect(e.halfWidth).toBeCloseTo(3.182446 * (1.2909944 / 2), 5);
    expect(e.low).toBeCloseTo(2.5 - e.halfWidth, 12);
  });

  it('gives equal values exactly their value and a zero-width interval, one value no interval', () => {
    const same = estimate([9.215467, 9.215467, 9.215467]);
    expect(same.mean).toBe(9.215467);
    expect(same.sd).toBe(0);
    expect(same.halfWidth).toBe(0);
    expect(excludesZero(same)).toBe(true);
    expect(Number.isNaN(estimate([3]).halfWidth)).toBe(true);
  });

  it('pairs replication i with replication i; Welch for independent samples', () => {
    const base = [[['m', 10]], [['m', 20]], [['m', 30]]] as [string, number][][];
    const variant = [[['m', 11]], [['m', 21]], [['m', 31]]] as [string, number][][];
    const [paired] = pairedDifferences(base, variant);
    expect(paired?.difference.mean).toBe(1);
    expect(paired?.difference.halfWidth).toBe(0);
    const [unpaired] = unpairedDifferences(base, variant);
    expect(unpaired?.difference.mean).toBe(1);
    // Two samples with sd 10 and n 3: se = √(100/3 + 100/3), df = 4, t = 2.776445.
    expect(unpaired?.difference.halfWidth).toBeCloseTo(2.776445 * Math.sqrt(200 / 3), 4);
  });

  it('estimates a metric over the replications that have it, in order of first appearance', () => {
    const rows = aggregate([[['a', 1]], [['b', 5], ['a', 3]]]);
    expect(rows.map((r) => [r.metric, r.estimate.n, r.estimate.mean])).toEqual([['a', 2, 2], ['b', 1, 5]]);
  });
});
