import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quantile } from '../../src/metrics/growableArray.js';
import { WaitSamples } from '../../src/metrics/waitSamples.js';

describe('WaitSamples', () => {
  it('gives exactly the statistics of the full sorted list (nearest-rank quantiles, ascending-order mean)', () => {
    const wait = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 5_000_000 }));
    fc.assert(
      fc.property(fc.array(wait, { maxLength: 300 }), (waits) => {
        const samples = new WaitSamples();
        for (const w of waits) samples.push(w);
        const sorted = Float64Array.from(waits).sort();
        let sum = 0;
        for (const v of sorted) sum += v;
        expect(samples.statistics()).toEqual({
          placed: waits.length,
          mean: waits.length === 0 ? 0 : sum / waits.length,
          p50: quantile(sorted, 0.5),
          p95: quantile(sorted, 0.95),
          p99: quantile(sorted, 0.99),
          max: sorted.length > 0 ? sorted[sorted.length - 1] : 0,
        });
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });

  it('keeps only the waits that were not zero in memory', () => {
    const samples = new WaitSamples();
    for (let i = 0; i < 1_000_000; i++) samples.push(i % 100_000 === 0 ? 1500 : 0);
    expect(samples.length).toBe(1_000_000);
    expect(samples.stored).toBe(10);
    expect(samples.statistics()).toMatchObject({ p50: 0, p99: 0, max: 1500, mean: 0.015 });
  });
});
