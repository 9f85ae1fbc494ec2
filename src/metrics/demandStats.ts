import { GrowableFloat64Array } from './growableArray.js';

/**
 * What a service with demand was asked and served: totals, minutes below the SLO (a minute whose
 * served ÷ demand fell under the target share), overload episodes (from the first sample that
 * dropped requests to the next that dropped none), and the response to each demand step: the time to
 * the first sample with a larger desired count than at the step, and to the first sample that
 * dropped nothing. The latest sample is kept for timeseries.csv.
 */
interface StepResponse {
  readonly at: number;
  desiredAtStep: number;
  scaledAt: number;
  servedAt: number;
}
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

  private readonly responses: StepResponse[] = [];
  private nextStep = 0;

  constructor(
    private readonly sloServedPercent: number,
    /** Demand steps (demandSteps.ts), sorted. */
    private readonly steps: readonly number[] = [],
  ) {}

  record(now: number, dtMs: number, demand: number, served: number, desired: number): void {
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
    while (this.nextStep < this.steps.length && (this.steps[this.nextStep] as number) <= now) {
      this.responses.push({ at: this.steps[this.nextStep] as number, desiredAtStep: desired, scaledAt: -1, servedAt: -1 });
      this.nextStep++;
    }
    for (let i = this.responses.length - 1; i >= 0; i--) {
      const r = this.responses[i] as StepResponse;
      if (r.scaledAt >= 0 && r.servedAt >= 0) break;
      if (r.scaledAt < 0 && desired > r.desiredAtStep) r.scaledAt = now;
      if (r.servedAt < 0 && !dropping) r.servedAt = now;
    }
    if (dropping && this.overloadSince < 0) this.overloadSince = now;
    if (!dropping && this.overloadSince >= 0) {
      this.overloadDurations.push(now - this.overloadSince);
      this.overloadSince = -1;
    }
  }

  /** Per demand step: seconds to the first scale-out and to serving all demand (-1: not within the run). */
  get stepResponses(): readonly { readonly scaleOutMs: number; readonly servedMs: number }[] {
    return this.responses.map((r) => ({ scaleOutMs: r.scaledAt < 0 ? -1 : r.scaledAt - r.at, servedMs: r.servedAt < 0 ? -1 : r.servedAt - r.at }));
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
