import { GrowableFloat64Array } from './growableArray.js';

/**
 * What a service with demand was asked and served: totals, minutes below the SLO (a minute whose
 * served ÷ demand fell under the target share), and overload episodes (from the first sample that
 * dropped requests to the next that dropped none). The latest sample is kept for timeseries.csv.
 */
export class ServiceDemandStats {
  demandRequests = 0;
  servedRequests = 0;
  minutesBelowSlo = 0;
  readonly overloadDurations = new GrowableFloat64Array();
  private overloadSince = -1;
  private minute = 0;
  private minuteDemand = 0;
  private minuteServed = 0;
  demandRate = 0;
  servedRate = 0;
  cpuPercent = 0;
  memoryPercent = 0;

  constructor(private readonly sloServedPercent: number) {}

  record(now: number, dtMs: number, demand: number, served: number): void {
    const minute = Math.floor(now / 60_000);
    if (minute !== this.minute) {
      this.closeMinute();
      this.minute = minute;
    }
    const seconds = dtMs / 1000;
    this.demandRequests += demand * seconds;
    this.servedRequests += served * seconds;
    this.minuteDemand += demand * seconds;
    this.minuteServed += served * seconds;
    this.demandRate = demand;
    this.servedRate = served;
    const dropping = served < demand - 1e-9;
    if (dropping && this.overloadSince < 0) this.overloadSince = now;
    if (!dropping && this.overloadSince >= 0) {
      this.overloadDurations.push(now - this.overloadSince);
      this.overloadSince = -1;
    }
  }

  /** Closes the last minute and any open overload episode at the end of the run. */
  finish(end: number): void {
    this.closeMinute();
    if (this.overloadSince >= 0) {
      this.overloadDurations.push(end - this.overloadSince);
      this.overloadSince = -1;
    }
  }

  private closeMinute(): void {
    if (this.minuteDemand > 0 && (100 * this.minuteServed) / this.minuteDemand < this.sloServedPercent) this.minutesBelowSlo++;
    this.minuteDemand = 0;
    this.minuteServed = 0;
  }
}
