import type { Card, ReportModel, Table } from './reportTypes.js';
import { isHeadline } from '../../experiments/metricPaths.js';
import { show } from './experimentReport.js';

/**
 * The report of a paired (or unpaired) comparison: a card per headline metric with the mean difference
 * (variant − base) and its 95% interval, and every metric in a table with both means. Pure.
 */
type Json = Record<string, unknown>;
interface Side {
  readonly n: number;
  readonly mean: number | null;
  readonly low: number | null;
  readonly high: number | null;
}
interface Row {
  readonly metric: string;
  readonly base: Side;
  readonly variant: Side;
  readonly difference: Side;
  readonly excludesZero: boolean;
}

export function compareReport(doc: Json): ReportModel {
  const rows = (Array.isArray(doc.metrics) ? doc.metrics : []) as Row[];
  const cards: Card[] = rows
    .filter((r) => isHeadline(r.metric) && r.difference.mean !== null)
    .map((r) => ({
      label: `${r.metric}: variant − base`,
      metric: r.metric,
      value: r.difference.mean as number,
      text: show(r.difference.mean),
      note: `95% CI [${show(r.difference.low)}, ${show(r.difference.high)}]${r.excludesZero ? ', excludes 0' : ''}; ${show(r.base.mean)} → ${show(r.variant.mean)}`,
    }));
  const table: Table = {
    id: 'comparison',
    title: 'Every metric: base, variant and the difference with its 95% confidence interval',
    columns: ['metric', 'n', 'base mean', 'variant mean', 'difference', 'ci95 low', 'ci95 high', 'excludes 0'],
    rows: rows.map((r) => [r.metric, r.difference.n, show(r.base.mean), show(r.variant.mean), show(r.difference.mean), show(r.difference.low), show(r.difference.high), r.excludesZero ? 'yes' : 'no']),
  };
  const overrides = Array.isArray(doc.overrides) && doc.overrides.length > 0 ? ` with ${(doc.overrides as string[]).join(' ')}` : '';
  return {
    title: `fleetsim compare: ${String(doc.base)} vs ${String(doc.variant)}${overrides}`,
    subtitle: `${String(doc.replications)} ${doc.paired === true ? 'paired replications (common random numbers: replication i of both sides uses the same seed)' : 'unpaired replications (Welch intervals)'}`,
    cards,
    charts: [],
    tables: [table],
  };
}
