import { isTimeZone } from '../../engine/timeZone.js';
import type { DemandProfileSpec, DemandSpec, LoadModelSpec } from '../../model/scalingSpecs.js';
import type { PathPart } from '../issues.js';
import type { DemandInput, LoadModelInput } from '../schema/demand.js';
import type { CompileContext } from './context.js';
import { readCsvColumn } from './csvColumn.js';
import { ms } from './distribution.js';
import { parseTimestamp } from './arrivals.js';

/** Demand profiles: constants and sinusoids stay formulas; steps and traces become piecewise series. */
export function compileDemand(ctx: CompileContext, input: DemandInput, path: readonly PathPart[]): DemandSpec {
  const spikes = input.spikes.map((s, i) => {
    const startMs = ms(s.at);
    const length = ms(s.duration);
    if (length <= 0) ctx.issues.add([...path, 'spikes', i, 'duration'], 'must be above 0');
    return { startMs, endMs: startMs + length, multiplier: s.multiplier };
  });
  const everyMs = input.noise === undefined ? 0 : ms(input.noise.every);
  if (input.noise !== undefined && everyMs <= 0) ctx.issues.add([...path, 'noise', 'every'], 'must be above 0');
  const noise = input.noise === undefined ? undefined : { cv: input.noise.cv, everyMs: Math.max(1, everyMs) };
  return { profile: compileProfile(ctx, input, path), spikes, noise };
}

function compileProfile(ctx: CompileContext, input: DemandInput, path: readonly PathPart[]): DemandProfileSpec {
  switch (input.type) {
    case 'constant':
      return { type: 'constant', rate: input.rate };
    case 'diurnal':
      if (!isTimeZone(input.timeZone)) ctx.issues.add([...path, 'timeZone'], `"${input.timeZone}" is not an IANA time zone (e.g. "Europe/Berlin")`);
      if (input.troughRate > input.peakRate) ctx.issues.add([...path, 'troughRate'], 'must be at most peakRate');
      return { type: 'diurnal', peakRate: input.peakRate, troughRate: input.troughRate, peakHour: input.peakHour, timeZone: input.timeZone, weekendFactor: input.weekendFactor };
    case 'steps': {
      const steps = input.steps.map((s) => ({ at: ms(s.at), rate: s.rate })).sort((a, b) => a.at - b.at);
      const times = steps.map((s) => s.at);
      times[0] = 0;
      return { type: 'series', times, rates: steps.map((s) => s.rate), periodMs: 0 };
    }
    case 'trace':
      return traceProfile(ctx, input, path);
  }
}

function traceProfile(ctx: CompileContext, input: Extract<DemandInput, { type: 'trace' }>, path: readonly PathPart[]): DemandProfileSpec {
  const empty: DemandProfileSpec = { type: 'constant', rate: 0 };
  const cells = readCsvColumn(ctx, input.file, input.timeColumn, path);
  if (cells === undefined) return empty;
  const stamps = cells.map(parseTimestamp);
  const bad = stamps.findIndex((t) => !Number.isFinite(t));
  if (bad >= 0) {
    ctx.issues.add([...path, 'file'], `${input.file} row ${bad + 2}: "${cells[bad]}" is not a date-time`);
    return empty;
  }
  const origin = Math.min(...stamps);
  if (input.format === 'requests') {
    const windowMs = ms(input.resample);
    if (windowMs <= 0) {
      ctx.issues.add([...path, 'resample'], 'must be above 0');
      return empty;
    }
    const windows = Math.floor((Math.max(...stamps) - origin) / windowMs) + 1;
    const counts = new Array<number>(windows).fill(0);
    for (const t of stamps) counts[Math.floor((t - origin) / windowMs)]++;
    const times = counts.map((_, i) => i * windowMs);
    const rates = counts.map((n) => (n * 1000 * input.scale) / windowMs);
    // Without loop the demand is 0 once the trace ends.
    if (!input.loop) {
      times.push(windows * windowMs);
      rates.push(0);
    }
    return { type: 'series', times, rates, periodMs: input.loop ? windows * windowMs : 0 };
  }
  const rateCells = readCsvColumn(ctx, input.file, input.rateColumn ?? secondColumn(ctx, input.file, path), [...path]);
  if (rateCells === undefined) return empty;
  const rows = stamps.map((t, i) => ({ t: t - origin, rate: Number(rateCells[i]) })).sort((a, b) => a.t - b.t);
  const badRate = rows.findIndex((r) => !Number.isFinite(r.rate) || r.rate < 0);
  if (badRate >= 0) {
    ctx.issues.add([...path, 'file'], `${input.file}: a rate is not a non-negative number`);
    return empty;
  }
  const last = rows[rows.length - 1]?.t ?? 0;
  const gap = rows.length > 1 ? last / (rows.length - 1) : 60_000;
  const times = rows.map((r) => r.t);
  const rates = rows.map((r) => r.rate * input.scale);
  if (!input.loop) {
    times.push(last + gap);
    rates.push(0);
  }
  return { type: 'series', times, rates, periodMs: input.loop ? last + gap : 0 };
}

function secondColumn(ctx: CompileContext, file: string, path: readonly PathPart[]): string | undefined {
  const header = ctx.readText(file, [...path, 'file'])?.split(/\r?\n/, 1)[0]?.split(',');
  return header?.[1]?.trim();
}

export function compileLoadModel(input: LoadModelInput | undefined): LoadModelSpec | undefined {
  return input === undefined ? undefined : { requestsPerSecond: input.requestsPerSecond, idleCpuPercent: input.idleCpuPercent, memoryPercent: input.memoryPercent };
}
