import type { ArrivalSpec } from '../../model/specs.js';
import type { PathPart } from '../issues.js';
import type { ArrivalsInput } from '../schema/job.js';
import type { CompileContext } from './context.js';
import { readCsvColumn } from './csvColumn.js';
import { ms } from './distribution.js';

const RATE_UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "30/h" → mean gap in ms (the rate must be above 0). */
export function rateToMeanGapMs(ctx: CompileContext, text: string, path: readonly PathPart[]): number {
  const [amount, unit] = text.split('/') as [string, keyof typeof RATE_UNIT_MS];
  const rate = Number(amount);
  if (rate <= 0) ctx.issues.add(path, 'the rate must be above 0');
  return rate > 0 ? RATE_UNIT_MS[unit] / rate : Infinity;
}

/** Arrival processes; a trace becomes a list of offsets from the scenario start. */
export function compileArrivals(ctx: CompileContext, input: ArrivalsInput, startMs: number, path: readonly PathPart[]): ArrivalSpec {
  switch (input.type) {
    case 'poisson':
      return { type: 'poisson', meanGapMs: rateToMeanGapMs(ctx, input.rate, [...path, 'rate']) };
    case 'interval': {
      const everyMs = ms(input.every);
      if (everyMs <= 0) ctx.issues.add([...path, 'every'], 'the interval must be above 0');
      return { type: 'interval', everyMs: Math.max(1, everyMs) };
    }
    case 'times':
      return { type: 'times', times: input.at.map(ms).sort((a, b) => a - b) };
    case 'trace':
      return { type: 'times', times: traceTimes(ctx, input, startMs, path) };
  }
}

/** "2023-11-16 18:15:46.6805900" and ISO forms, read as UTC. */
export function parseTimestamp(text: string): number {
  const iso = text.trim().replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1');
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
}

function traceTimes(ctx: CompileContext, input: Extract<ArrivalsInput, { type: 'trace' }>, startMs: number, path: readonly PathPart[]): number[] {
  const cells = readCsvColumn(ctx, input.file, input.column, path);
  if (cells === undefined) return [];
  const raw: number[] = [];
  for (const [row, cell] of cells.entries()) {
    const value = input.timeFormat === 'timestamp' ? parseTimestamp(cell) : Number(cell) * (input.timeFormat === 's' ? 1000 : 1);
    if (!Number.isFinite(value) || (input.timeFormat !== 'timestamp' && value < 0)) {
      ctx.issues.add([...path, 'file'], `${input.file} row ${row + 2}: "${cell}" is not a ${input.timeFormat === 'timestamp' ? 'date-time' : 'non-negative number'}`);
      return [];
    }
    raw.push(value);
  }
  raw.sort((a, b) => a - b);
  const origin = input.timeFormat === 'timestamp' ? (raw[0] as number) : 0;
  const base = input.timeFormat === 'timestamp' ? startMs : 0;
  return raw.map((t) => base + Math.round((t - origin) * input.timeScale));
}
