import type { AutoScalingGroupSpec, PoolSelectorSpec, SpotSettingsSpec } from '../../model/specs.js';
import type { PathPart } from '../issues.js';
import type { PoolSelectorInput, SpotSettingsInput } from '../schema/spot.js';
import { compileArrivals, rateToMeanGapMs } from './arrivals.js';
import type { CompileContext } from './context.js';
import { compileDistribution, ms } from './distribution.js';

/** What a pool selector may name: the scenario's zones and the instance types some group launches as Spot. */
export interface SpotScope {
  readonly zones: readonly string[];
  readonly spotTypes: readonly string[];
}

export function spotScope(zones: readonly string[], groups: readonly AutoScalingGroupSpec[]): SpotScope {
  const types = groups.filter((g) => g.usesSpot).flatMap((g) => g.instanceTypes.map((t) => t.info.instanceType));
  return { zones, spotTypes: [...new Set(types)].sort() };
}

/** Spot interruption models, waves and droughts, with selectors checked against the scenario. */
export function compileSelector(ctx: CompileContext, input: PoolSelectorInput, scope: SpotScope, path: readonly PathPart[]): PoolSelectorSpec {
  const zones = scope.zones;
  if (input.instanceType !== undefined && !scope.spotTypes.includes(input.instanceType)) {
    const known = scope.spotTypes.length > 0 ? `Spot types: ${scope.spotTypes.join(', ')}` : 'no group has a MixedInstancesPolicy with Spot';
    ctx.issues.add([...path, 'instanceType'], `no Auto Scaling group launches "${input.instanceType}" as Spot (${known})`);
  }
  if (input.availabilityZone !== undefined && !zones.includes(input.availabilityZone)) {
    ctx.issues.add([...path, 'availabilityZone'], `"${input.availabilityZone}" is not one of the scenario's availabilityZones`);
  }
  if (input.capacityProvider !== undefined && input.instanceType !== undefined) {
    ctx.issues.add(path, 'a selector names an instance type or FARGATE_SPOT, not both');
  }
  return { instanceType: input.instanceType, availabilityZone: input.availabilityZone, fargateSpot: input.capacityProvider !== undefined };
}

export function compileSpot(ctx: CompileContext, input: SpotSettingsInput, scope: SpotScope): SpotSettingsSpec {
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
        match: compileSelector(ctx, m.match, scope, [...path, 'match']),
        advisorHazard: m.advisorHazard,
        ratePerMs,
        traceTimes: trace?.type === 'times' ? trace.times : [],
      };
    }),
    reclaimWaves: input.reclaimWaves.map((w, i) => {
      const path = ['spot', 'reclaimWaves', i];
      return { match: compileSelector(ctx, w.match, scope, [...path, 'match']), meanGapMs: rateToMeanGapMs(ctx, w.rate, [...path, 'rate']), fraction: w.fraction, correlated: w.correlated };
    }),
    droughts: input.droughts.map((d, i) => {
      const path = ['spot', 'droughts', i];
      return {
        match: compileSelector(ctx, d.match, scope, [...path, 'match']),
        meanGapMs: rateToMeanGapMs(ctx, d.rate, [...path, 'rate']),
        duration: compileDistribution(ctx, d.duration, [...path, 'duration']),
      };
    }),
  };
}
