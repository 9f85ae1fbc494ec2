import type { PoolSelectorSpec, SpotSettingsSpec } from '../../model/specs.js';
import type { PathPart } from '../issues.js';
import type { PoolSelectorInput, SpotSettingsInput } from '../schema/spot.js';
import { compileArrivals, rateToMeanGapMs } from './arrivals.js';
import type { CompileContext } from './context.js';
import { compileDistribution, ms } from './distribution.js';

/** Spot interruption models, waves and droughts, with selectors checked against the scenario. */
export function compileSelector(ctx: CompileContext, input: PoolSelectorInput, zones: readonly string[], path: readonly PathPart[]): PoolSelectorSpec {
  if (input.availabilityZone !== undefined && !zones.includes(input.availabilityZone)) {
    ctx.issues.add([...path, 'availabilityZone'], `"${input.availabilityZone}" is not one of the scenario's availabilityZones`);
  }
  if (input.capacityProvider !== undefined && input.instanceType !== undefined) {
    ctx.issues.add(path, 'a selector names an instance type or FARGATE_SPOT, not both');
  }
  return { instanceType: input.instanceType, availabilityZone: input.availabilityZone, fargateSpot: input.capacityProvider !== undefined };
}

export function compileSpot(ctx: CompileContext, input: SpotSettingsInput, zones: readonly string[]): SpotSettingsSpec {
  return {
    advisorMonthlyProbability: input.advisorMonthlyProbability,
    fargateSpotStopCode: input.fargateSpotStopCode,
    interruptions: input.interruptions.map((m, i) => {
      const path = ['spot', 'interruptions', i];
      if (m.rate !== undefined && m.meanTimeToInterruption !== undefined) ctx.issues.add(path, 'give rate or meanTimeToInterruption, not both');
      let ratePerMs = 0;
      if (m.rate !== undefined) ratePerMs = 1 / rateToMeanGapMs(ctx, m.rate, [...path, 'rate']);
      if (m.meanTimeToInterruption !== undefined) {
        const mean = ms(m.meanTimeToInterruption);
        if (mean <= 0) ctx.issues.add([...path, 'meanTimeToInterruption'], 'must be above 0');
        else ratePerMs = 1 / mean;
      }
      const trace = m.trace === undefined ? undefined : compileArrivals(ctx, m.trace, 0, [...path, 'trace']);
      return {
        match: compileSelector(ctx, m.match, zones, [...path, 'match']),
        advisorHazard: m.advisorHazard,
        ratePerMs,
        traceTimes: trace?.type === 'times' ? trace.times : [],
      };
    }),
    reclaimWaves: input.reclaimWaves.map((w, i) => {
      const path = ['spot', 'reclaimWaves', i];
      return { match: compileSelector(ctx, w.match, zones, [...path, 'match']), meanGapMs: rateToMeanGapMs(ctx, w.rate, [...path, 'rate']), fraction: w.fraction, correlated: w.correlated };
    }),
    droughts: input.droughts.map((d, i) => {
      const path = ['spot', 'droughts', i];
      return {
        match: compileSelector(ctx, d.match, zones, [...path, 'match']),
        meanGapMs: rateToMeanGapMs(ctx, d.rate, [...path, 'rate']),
        duration: compileDistribution(ctx, d.duration, [...path, 'duration']),
      };
    }),
  };
}
