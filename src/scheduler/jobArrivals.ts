import type { Random } from '../engine/rng.js';
import type { JobSpec } from '../model/specs.js';

/**
 * The arrival process of a job stream as a generator of absolute times: Poisson (exponential gaps,
 * the first one after `start`), a fixed interval (the first arrival at `start`), or a list of times.
 * Arrivals outside [start, end] or beyond maxArrivals are dropped.
 */
export class ArrivalProcess {
  private count = 0;
  private last: number;
  private listIndex = 0;

  constructor(private readonly spec: JobSpec, private readonly rng: Random) {
    this.last = spec.startMs;
  }

  /** The next arrival time, or -1 when the stream is done. */
  next(): number {
    if (this.count >= this.spec.maxArrivals) return -1;
    const arrivals = this.spec.arrivals;
    let t: number;
    switch (arrivals.type) {
      case 'poisson':
        t = this.last + Math.round(-arrivals.meanGapMs * Math.log(1 - this.rng()));
        break;
      case 'interval':
        t = this.count === 0 ? this.spec.startMs : this.last + arrivals.everyMs;
        break;
      case 'times': {
        const times = arrivals.times;
        while (this.listIndex < times.length && (times[this.listIndex] as number) < this.spec.startMs) this.listIndex++;
        if (this.listIndex >= times.length) return -1;
        t = times[this.listIndex++] as number;
        break;
      }
    }
    if (t > this.spec.endMs) return -1;
    this.last = t;
    this.count++;
    return t;
  }
}
