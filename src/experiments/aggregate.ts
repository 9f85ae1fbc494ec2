import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { MetricList } from './metricPaths.js';
import { CONFIDENCE, estimate, type Estimate } from './statistics.js';

/**
 * Replications → estimates per metric. A metric absent from some replications (a Spot pool that never
 * launched, a service with no placement failures) is estimated over those that have it; `n` says how many.
 */
export interface MetricEstimate {
  readonly metric: string;
  readonly estimate: Estimate;
}

/** Metric paths of all lists, in order of first appearance. */
export function metricUnion(lists: readonly MetricList[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const [path] of list) {
      if (!seen.has(path)) {
        seen.add(path);
        out.push(path);
      }
    }
  }
  return out;
}

/** Per list, a map from metric to value (lookups by path without rescanning). */
function indexed(lists: readonly MetricList[]): Map<string, number>[] {
  return lists.map((list) => new Map(list));
}

export function aggregate(lists: readonly MetricList[]): MetricEstimate[] {
  const maps = indexed(lists);
  return metricUnion(lists).map((metric) => ({
    metric,
    estimate: estimate(maps.map((m) => m.get(metric)).filter((v): v is number => v !== undefined)),
  }));
}

export interface Difference {
  readonly metric: string;
  readonly base: Estimate;
  readonly variant: Estimate;
  /** Variant − base: paired (replication i with replication i), or Welch's unpaired interval. */
  readonly difference: Estimate;
}

/** Paired differences over the replications where both sides have the metric. */
export function pairedDifferences(base: readonly MetricList[], variant: readonly MetricList[]): Difference[] {
  if (base.length !== variant.length) throw new Error('paired comparison needs as many replications on each side');
  const b = indexed(base);
  const v = indexed(variant);
  return metricUnion([...base, ...variant]).map((metric) => {
    const diffs: number[] = [];
    for (let i = 0; i < b.length; i++) {
      const x = b[i]?.get(metric);
      const y = v[i]?.get(metric);
      if (x !== undefined && y !== undefined) diffs.push(y - x);
    }
    return { metric, base: column(b, metric), variant: column(v, metric), difference: estimate(diffs) };
  });
}

/** Differences of independent samples (Welch–Satterthwaite degrees of freedom): what pairing is measured against. */
export function unpairedDifferences(base: readonly MetricList[], variant: readonly MetricList[]): Difference[] {
  const b = indexed(base);
  const v = indexed(variant);
  return metricUnion([...base, ...variant]).map((metric) => {
    const eb = column(b, metric);
    const ev = column(v, metric);
    return { metric, base: eb, variant: ev, difference: welch(eb, ev) };
  });
}

function column(maps: readonly Map<string, number>[], metric: string): Estimate {
  return estimate(maps.map((m) => m.get(metric)).filter((x): x is number => x !== undefined));
}

function welch(a: Estimate, b: Estimate): Estimate {
  const mean = b.mean - a.mean;
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se = Math.sqrt(va + vb);
  let halfWidth = NaN;
  if (a.n > 1 && b.n > 1) {
    if (se === 0) halfWidth = 0;
    else {
      const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
      halfWidth = tQuantile(1 - (1 - CONFIDENCE) / 2, df) * se;
    }
  }
  return { n: Math.min(a.n, b.n), mean, sd: NaN, halfWidth, low: mean - halfWidth, high: mean + halfWidth };
}
