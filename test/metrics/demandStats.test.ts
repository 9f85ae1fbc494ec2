import { describe, expect, it } from 'vitest';
import { ServiceDemandStats } from '../../src/metrics/demandStats.js';

describe('response to demand steps', () => {
  it('times the first larger desired count and the first sample that dropped nothing after each step', () => {
    const stats = new ServiceDemandStats(99.9, [60_000, 600_000]);
    const samples: [number, number, number, number][] = [
      // [time, demand, served, desired]
      [0, 100, 100, 2],
      [60_000, 300, 200, 2], // step 1: dropping
      [90_000, 300, 200, 2],
      [120_000, 300, 200, 4], // scale-out 60 s after the step
      [200_000, 300, 300, 4], // all served 140 s after the step
      [600_000, 500, 500, 4], // step 2: capacity suffices at once; no scale-out follows
      [700_000, 500, 500, 4],
    ];
    for (const [t, demand, served, desired] of samples) stats.record(t, 10_000, demand, served, desired);
    stats.finish(800_000);
    expect(stats.stepResponses).toEqual([
      { scaleOutMs: 60_000, servedMs: 140_000 },
      { scaleOutMs: -1, servedMs: 0 },
    ]);
    expect(stats.overloadDurations.sorted()).toEqual(Float64Array.from([140_000]));
  });
});
