import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Difference, MetricEstimate } from '../experiments/aggregate.js';
import { metricUnion } from '../experiments/aggregate.js';
import type { MetricList } from '../experiments/metricPaths.js';
import type { Estimate } from '../experiments/statistics.js';
import { excludesZero } from '../experiments/statistics.js';

/**
 * Files of replications and comparisons. Numbers keep 10 significant digits (NaN — an interval from a
 * single run — is empty in CSV and null in JSON), rows and columns in a fixed order.
 */
export function num(x: number): number | null {
  return Number.isFinite(x) ? Number(x.toPrecision(10)) : null;
}

function cell(x: number | undefined): string | number {
  if (x === undefined) return '';
  const n = num(x);
  return n === null ? '' : n;
}

export function estimateJson(e: Estimate): Record<string, number | null> {
  return { n: e.n, mean: num(e.mean), sd: num(e.sd), low: num(e.low), high: num(e.high), halfWidth: num(e.halfWidth) };
}

function writeCsv(file: string, rows: (string | number)[][]): void {
  writeFileSync(file, stringify(rows));
}

/** replications.csv: one row per replication (its seed, then every metric). */
export function writeReplicationsCsv(file: string, seeds: readonly number[], lists: readonly MetricList[]): void {
  const metrics = metricUnion(lists);
  const rows: (string | number)[][] = [['replication', 'seed', ...metrics]];
  lists.forEach((list, i) => {
    const m = new Map(list);
    rows.push([i, seeds[i] as number, ...metrics.map((k) => cell(m.get(k)))]);
  });
  writeCsv(file, rows);
}

/** aggregate.csv and aggregate.json: mean, sd and 95% confidence interval per metric. */
export function writeAggregate(dir: (file: string) => string, header: Record<string, unknown>, estimates: readonly MetricEstimate[]): void {
  const rows: (string | number)[][] = [['metric', 'n', 'mean', 'sd', 'ci95_low', 'ci95_high', 'ci95_half_width']];
  for (const { metric, estimate: e } of estimates) rows.push([metric, e.n, cell(e.mean), cell(e.sd), cell(e.low), cell(e.high), cell(e.halfWidth)]);
  writeCsv(dir('aggregate.csv'), rows);
  const json = { ...header, confidence: 0.95, metrics: estimates.map(({ metric, estimate }) => ({ metric, ...estimateJson(estimate) })) };
  writeFileSync(dir('aggregate.json'), `${JSON.stringify(json, null, 2)}\n`);
}

/** comparison.csv and comparison.json: per metric, both means and the difference (variant − base) with its interval. */
export function writeComparison(dir: (file: string) => string, header: Record<string, unknown>, differences: readonly Difference[]): void {
  const rows: (string | number)[][] = [['metric', 'n', 'base_mean', 'variant_mean', 'difference', 'ci95_low', 'ci95_high', 'ci95_half_width', 'excludes_zero']];
  for (const d of differences) {
    const e = d.difference;
    rows.push([d.metric, e.n, cell(d.base.mean), cell(d.variant.mean), cell(e.mean), cell(e.low), cell(e.high), cell(e.halfWidth), excludesZero(e) ? 'yes' : 'no']);
  }
  writeCsv(dir('comparison.csv'), rows);
  const json = {
    ...header,
    confidence: 0.95,
    metrics: differences.map((d) => ({ metric: d.metric, base: estimateJson(d.base), variant: estimateJson(d.variant), difference: estimateJson(d.difference), excludesZero: excludesZero(d.difference) })),
  };
  writeFileSync(dir('comparison.json'), `${JSON.stringify(json, null, 2)}\n`);
}
