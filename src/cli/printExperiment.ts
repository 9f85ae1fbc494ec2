import type { MetricEstimate } from '../experiments/aggregate.js';
import type { Comparison } from '../experiments/experiments.js';
import { excludesZero, type Estimate } from '../experiments/statistics.js';
import { isHeadline } from '../experiments/metricPaths.js';

/** Terminal reports of replications and comparisons: the headline metrics; the files hold all of them. */

function show(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return Math.abs(x) >= 1000 ? x.toFixed(0) : Number(x.toPrecision(6)).toString();
}

function withInterval(e: Estimate): string {
  return Number.isFinite(e.halfWidth) ? `${show(e.mean)} ± ${show(e.halfWidth)}` : show(e.mean);
}

export function formatEstimates(name: string, replications: number, estimates: readonly MetricEstimate[], outDir: string): string {
  const lines = [`${name}: ${replications} replications, mean ± 95% CI half-width`];
  for (const { metric, estimate } of estimates) if (isHeadline(metric)) lines.push(`  ${metric.padEnd(44)} ${withInterval(estimate)}`);
  lines.push(`  all ${estimates.length} metrics: ${outDir}/aggregate.csv`);
  return lines.join('\n');
}

export function formatComparison(result: Comparison, outDir: string): string {
  const n = result.base.length;
  const lines = [`variant − base over ${n} ${result.paired ? 'paired' : 'unpaired'} replications, mean difference [95% CI]`];
  for (const d of result.differences) {
    if (!isHeadline(d.metric)) continue;
    const e = d.difference;
    const ci = Number.isFinite(e.halfWidth) ? ` [${show(e.low)}, ${show(e.high)}]` : '';
    lines.push(`  ${d.metric.padEnd(44)} ${show(d.base.mean)} → ${show(d.variant.mean)}: ${show(e.mean)}${ci}${excludesZero(e) ? '  *' : ''}`);
  }
  const significant = result.differences.filter((d) => excludesZero(d.difference)).length;
  lines.push(`  * interval excludes zero; ${significant} of ${result.differences.length} metrics do: ${outDir}/comparison.csv`);
  return lines.join('\n');
}
