import type { MetricEstimate } from './aggregate.js';
import type { Shard, SweepParameter } from './sweepGrid.js';
import { gridSize } from './sweepGrid.js';

/**
 * What a sweep (or one shard of it) produced: the grid, and per grid point its parameter values and
 * every metric's estimate over the replications. sweep.json is this document; shards write it with
 * `shard` set and only their points, and merging shards gives the same document a single run gives.
 */
export interface MetricRow {
  readonly metric: string;
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly halfWidth: number | null;
}

export interface PointResult {
  readonly index: number;
  readonly values: readonly string[];
  readonly metrics: readonly MetricRow[];
}

export interface SweepHeader {
  readonly scenario: string;
  readonly seed: number;
  readonly replications: number;
  readonly parameters: readonly SweepParameter[];
}

export interface SweepDoc {
  readonly sweep: SweepHeader;
  readonly shard?: Shard;
  readonly points: readonly PointResult[];
}

export function pointResult(index: number, values: readonly string[], estimates: readonly MetricEstimate[], num: (x: number) => number | null): PointResult {
  return {
    index,
    values: [...values],
    metrics: estimates.map(({ metric, estimate: e }) => ({ metric, n: e.n, mean: num(e.mean), sd: num(e.sd), low: num(e.low), high: num(e.high), halfWidth: num(e.halfWidth) })),
  };
}

function sameHeader(a: SweepHeader, b: SweepHeader): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Shards of one sweep → the whole sweep's document (every point exactly once, in point order). */
export function mergeShards(docs: readonly SweepDoc[]): SweepDoc {
  const first = docs[0];
  if (first === undefined) throw new Error('nothing to merge');
  const points = new Map<number, PointResult>();
  for (const doc of docs) {
    if (!sameHeader(doc.sweep, first.sweep)) throw new Error('the files come from different sweeps (scenario, seed, replications or parameters differ)');
    for (const p of doc.points) {
      if (points.has(p.index)) throw new Error(`grid point ${p.index} appears in more than one file`);
      points.set(p.index, p);
    }
  }
  const size = gridSize(first.sweep.parameters);
  const missing = Array.from({ length: size }, (_, i) => i).filter((i) => !points.has(i));
  if (missing.length > 0) throw new Error(`grid points missing: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ' …' : ''} (${missing.length} of ${size}); merge every shard`);
  return { sweep: first.sweep, points: [...points.keys()].sort((a, b) => a - b).map((i) => points.get(i) as PointResult) };
}

/** Metric names over all points, in order of first appearance. */
export function sweepMetrics(doc: SweepDoc): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of doc.points) {
    for (const m of p.metrics) {
      if (!seen.has(m.metric)) {
        seen.add(m.metric);
        out.push(m.metric);
      }
    }
  }
  return out;
}
