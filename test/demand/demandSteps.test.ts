import { describe, expect, it } from 'vitest';
import { demandSteps } from '../../src/demand/demandSteps.js';
import type { DemandSpec } from '../../src/model/scalingSpecs.js';

const H = 3_600_000;

describe('demand steps (the instants the summary times scale-out from)', () => {
  it('are rises of at least the threshold in a series, repeated when it loops, and spike starts', () => {
    const spec: DemandSpec = {
      profile: { type: 'series', times: [0, 1 * H, 2 * H, 3 * H], rates: [100, 130, 110, 200], periodMs: 4 * H },
      spikes: [{ startMs: 5.5 * H, endMs: 6 * H, multiplier: 3 }],
      noise: { cv: 0.5, everyMs: 60_000 },
    };
    // 100 → 130 (+30%) and 110 → 200 (+82%) are steps, 130 → 110 is not; the loop repeats them every 4 h;
    // the wrap 200 → 100 is a fall; the spike at 5.5 h triples the demand.
    expect(demandSteps(spec, 0, 10 * H, 20)).toEqual([1 * H, 3 * H, 5 * H, 5.5 * H, 7 * H, 9 * H]);
    // A higher threshold keeps only the larger rises.
    expect(demandSteps(spec, 0, 10 * H, 50)).toEqual([3 * H, 5.5 * H, 7 * H]);
  });

  it('are only spike starts for a smooth diurnal curve', () => {
    const spec: DemandSpec = {
      profile: { type: 'diurnal', peakRate: 900, troughRate: 100, peakHour: 14, timeZone: 'UTC', weekendFactor: 1 },
      spikes: [{ startMs: 2 * H, endMs: 3 * H, multiplier: 1.1 }, { startMs: 4 * H, endMs: 5 * H, multiplier: 2 }],
      noise: undefined,
    };
    expect(demandSteps(spec, Date.UTC(2026, 0, 5), 24 * H, 20)).toEqual([4 * H]);
  });
});
