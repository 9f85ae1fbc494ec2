import type { DemandSpec } from '../model/scalingSpecs.js';
import { DemandCurve } from './demandCurve.js';

/**
 * The instants at which a service's demand curve, without noise, rises by at least `minRisePercent`
 * at once: steps and trace rows of a series profile (repeated when it loops) and spike starts. A
 * diurnal curve changes smoothly and has steps only where spikes start. Sorted, within the run.
 */
export function demandSteps(spec: DemandSpec, startEpochMs: number, durationMs: number, minRisePercent: number): number[] {
  const candidates = new Set<number>();
  const p = spec.profile;
  if (p.type === 'series') {
    const period = p.periodMs > 0 ? p.periodMs : Infinity;
    for (let base = 0; base < durationMs && base < Infinity; base += period) {
      for (const t of p.times) if (base + t > 0 && base + t < durationMs) candidates.add(base + t);
      if (period === Infinity) break;
    }
  }
  for (const s of spec.spikes) if (s.startMs > 0 && s.startMs < durationMs) candidates.add(s.startMs);
  // A noiseless curve, asked in time order (it keeps a pointer into the series).
  const curve = new DemandCurve({ ...spec, noise: undefined }, startEpochMs, () => 0.5);
  const steps: number[] = [];
  for (const t of [...candidates].sort((a, b) => a - b)) {
    const before = curve.rateAt(t - 1);
    const after = curve.rateAt(t);
    if (after > before * (1 + minRisePercent / 100) && after > 0) steps.push(t);
  }
  return steps;
}
