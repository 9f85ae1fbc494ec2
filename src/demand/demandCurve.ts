import { standardNormal } from '../engine/distributions.js';
import type { Random } from '../engine/rng.js';
import { ZoneClock } from '../engine/timeZone.js';
import type { DemandProfileSpec, DemandSpec } from '../model/scalingSpecs.js';

/**
 * A service's demand in requests per second at simulated time t (ms from the start):
 * profile × active spikes × noise. Noise is a lognormal factor with mean 1 and the given coefficient
 * of variation, redrawn every `noise.everyMs` from the service's own stream; ask in time order.
 */
export class DemandCurve {
  private readonly clock: ZoneClock | undefined;
  private noiseWindow = -1;
  private noiseFactor = 1;
  private readonly sigma: number;
  private readonly mu: number;
  /** Cursor into a series profile (times ascend; callers move forward in time). */
  private seriesAt = 0;

  constructor(
    private readonly spec: DemandSpec,
    private readonly startEpochMs: number,
    private readonly noiseStream: Random,
  ) {
    this.clock = spec.profile.type === 'diurnal' ? new ZoneClock(spec.profile.timeZone) : undefined;
    const cv = spec.noise?.cv ?? 0;
    this.sigma = Math.sqrt(Math.log(1 + cv * cv));
    this.mu = -0.5 * this.sigma * this.sigma;
  }

  rateAt(t: number): number {
    let rate = this.base(this.spec.profile, t);
    for (const s of this.spec.spikes) if (t >= s.startMs && t < s.endMs) rate *= s.multiplier;
    const noise = this.spec.noise;
    if (noise !== undefined && noise.cv > 0) {
      const window = Math.floor(t / noise.everyMs);
      while (this.noiseWindow < window) {
        this.noiseWindow++;
        this.noiseFactor = Math.exp(this.mu + this.sigma * standardNormal(this.noiseStream));
      }
      rate *= this.noiseFactor;
    }
    return rate;
  }

  private base(p: DemandProfileSpec, t: number): number {
    switch (p.type) {
      case 'constant':
        return p.rate;
      case 'diurnal': {
        const clock = this.clock as ZoneClock;
        clock.set(this.startEpochMs + t);
        const phase = (2 * Math.PI * (clock.hourOfDay - p.peakHour)) / 24;
        const rate = p.troughRate + ((p.peakRate - p.troughRate) * (1 + Math.cos(phase))) / 2;
        return clock.weekday === 0 || clock.weekday === 6 ? rate * p.weekendFactor : rate;
      }
      case 'series': {
        if (p.periodMs <= 0 && t >= (p.times[p.times.length - 1] as number) && p.times.length > 0) return p.rates[p.rates.length - 1] as number;
        const local = p.periodMs > 0 ? t % p.periodMs : t;
        if (local < (p.times[this.seriesAt] as number)) this.seriesAt = 0;
        while (this.seriesAt + 1 < p.times.length && (p.times[this.seriesAt + 1] as number) <= local) this.seriesAt++;
        return p.rates[this.seriesAt] as number;
      }
    }
  }
}
