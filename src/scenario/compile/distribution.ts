import { createSampler, lognormalFromMedianP95, type DistributionSpec, type Sampler } from '../../engine/distributions.js';
import { parseDuration } from '../../engine/time.js';
import type { PathPart } from '../issues.js';
import type { DistributionInput } from '../schema/primitives.js';
import type { CompileContext } from './context.js';
import { readCsvColumn } from './csvColumn.js';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** Durations were checked by the schema; this converts one to integer ms. */
export function ms(value: string | number): number {
  const parsed = parseDuration(value);
  if (parsed === undefined) throw new Error(`unvalidated duration ${String(value)}`);
  return parsed;
}

/** Converts a distribution from scenario input to a sampler, adding issues for inconsistent parameters. */
export function compileDistribution(ctx: CompileContext, input: DistributionInput, path: readonly PathPart[]): Sampler {
  const spec = toSpec(ctx, input, path);
  return createSampler(spec ?? { type: 'constant', value: 0 });
}

function toSpec(ctx: CompileContext, input: DistributionInput, path: readonly PathPart[]): DistributionSpec | undefined {
  if (typeof input === 'string' || typeof input === 'number') return { type: 'constant', value: ms(input) };
  switch (input.type) {
    case 'constant':
      return { type: 'constant', value: ms(input.value) };
    case 'uniform': {
      const min = ms(input.min);
      const max = ms(input.max);
      if (min > max) ctx.issues.add([...path, 'max'], 'max must be at least min');
      return { type: 'uniform', min, max };
    }
    case 'exponential':
      if (ms(input.mean) === 0) ctx.issues.add([...path, 'mean'], 'the mean of an exponential must be above 0');
      return { type: 'exponential', mean: ms(input.mean) };
    case 'normal':
      return { type: 'normal', mean: ms(input.mean), stddev: ms(input.stddev) };
    case 'lognormal':
      return lognormal(ctx, input, path);
    case 'empirical':
      return empirical(ctx, input, path);
  }
}

function lognormal(
  ctx: CompileContext,
  input: { median?: string | number | undefined; p95?: string | number | undefined; mu?: number | undefined; sigma?: number | undefined },
  path: readonly PathPart[],
): DistributionSpec | undefined {
  const byQuantiles = input.median !== undefined || input.p95 !== undefined;
  const byParameters = input.mu !== undefined || input.sigma !== undefined;
  if (byQuantiles === byParameters) {
    ctx.issues.add(path, 'give either median and p95, or mu and sigma');
    return undefined;
  }
  if (byParameters) {
    if (input.mu === undefined || input.sigma === undefined) {
      ctx.issues.add(path, 'mu and sigma go together');
      return undefined;
    }
    return { type: 'lognormal', mu: input.mu, sigma: input.sigma };
  }
  if (input.median === undefined || input.p95 === undefined) {
    ctx.issues.add(path, 'median and p95 go together');
    return undefined;
  }
  const median = ms(input.median);
  const p95 = ms(input.p95);
  if (median <= 0 || p95 <= median) {
    ctx.issues.add([...path, 'p95'], 'need 0 < median < p95');
    return undefined;
  }
  return { type: 'lognormal', ...lognormalFromMedianP95(median, p95) };
}

function empirical(
  ctx: CompileContext,
  input: { values?: (string | number)[] | undefined; file?: string | undefined; column?: string | undefined; unit: 'ms' | 's' | 'm' | 'h' },
  path: readonly PathPart[],
): DistributionSpec | undefined {
  if ((input.values === undefined) === (input.file === undefined)) {
    ctx.issues.add(path, 'give either values or file');
    return undefined;
  }
  if (input.values !== undefined) return { type: 'empirical', values: input.values.map(ms) };
  const cells = readCsvColumn(ctx, input.file as string, input.column, path);
  if (cells === undefined) return undefined;
  const values: number[] = [];
  for (const [row, cell] of cells.entries()) {
    const value = Number(cell);
    if (cell === '' || !Number.isFinite(value) || value < 0) {
      ctx.issues.add([...path, 'file'], `${input.file} row ${row + 2}: "${cell}" is not a non-negative number`);
      return undefined;
    }
    values.push(value * UNIT_MS[input.unit]);
  }
  return { type: 'empirical', values };
}
