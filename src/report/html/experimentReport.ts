import { isHeadline } from '../../experiments/metricPaths.js';
import type { MetricRow, SweepDoc } from '../../experiments/sweepDoc.js';
import type { RunFiles } from './readResults.js';
import type { Card, Chart, ReportModel, Series, Table } from './reportTypes.js';
import { runCharts, runTables } from './runReport.js';

/**
 * Reports of replications (mean ± 95% CI cards, replication 0's charts) and of sweeps (each headline
 * metric against the first swept parameter with CI bars, one line per combination of the others; cost
 * against availability per grid point; the grid as a table). Pure.
 */
type Json = Record<string, unknown>;

/** A figure for the page: 5 significant digits, whole numbers from 1,000 up, n/a when undefined. */
export function show(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  return Math.abs(x) >= 1000 ? x.toFixed(0) : Number(x.toPrecision(5)).toString();
}

export function replicationsReport(aggregate: Json, run: RunFiles | undefined): ReportModel {
  const metrics = (Array.isArray(aggregate.metrics) ? aggregate.metrics : []) as (MetricRow & Json)[];
  const cards: Card[] = metrics
    .filter((m) => isHeadline(m.metric) && m.mean !== null)
    .map((m) => ({ label: m.metric, metric: m.metric, value: m.mean as number, text: show(m.mean), note: m.halfWidth === null ? `n = ${m.n}` : `± ${show(m.halfWidth)} (95% CI, n = ${m.n})` }));
  const charts = run === undefined ? [] : runCharts(run).map((c) => ({ ...c, title: `${c.title} (replication 0)` }));
  const table: Table = { id: 'aggregate', title: 'Every metric: mean and 95% confidence interval', columns: ['metric', 'n', 'mean', 'sd', 'ci95 low', 'ci95 high'], rows: metrics.map((m) => [m.metric, m.n, show(m.mean), show(m.sd), show(m.low), show(m.high)]) };
  const runTablesList = run === undefined ? [] : runTables(run, charts[0]?.markers ?? []);
  return {
    title: `fleetsim: ${String(aggregate.scenario)} × ${String(aggregate.replications)} replications`,
    subtitle: `seeds ${(aggregate.seeds as number[]).join(', ')}; figures are means with 95% Student-t confidence intervals`,
    cards,
    charts,
    tables: [table, ...runTablesList],
  };
}

function numeric(values: readonly string[]): number[] | undefined {
  const nums = values.map(Number);
  return nums.every(Number.isFinite) ? nums : undefined;
}

export function sweepReport(doc: SweepDoc): ReportModel {
  const params = doc.sweep.parameters;
  const first = params[0];
  if (first === undefined) throw new Error('sweep without parameters');
  const xs = numeric(first.values) ?? first.values.map((_, i) => i);
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const rowOf = (point: (typeof doc.points)[number], metric: string) => point.metrics.find((m) => m.metric === metric);
  // Points grouped by the values of the other parameters (one line each), indexed by the first parameter's value.
  const groups = new Map<string, Map<string, (typeof doc.points)[number]>>();
  for (const p of doc.points) {
    const key = p.values.slice(1).map((v, k) => `${params[k + 1]?.path ?? ''}=${v}`).join(', ');
    if (!groups.has(key)) groups.set(key, new Map());
    groups.get(key)?.set(p.values[0] as string, p);
  }
  const metrics = [...new Set(doc.points.flatMap((p) => p.metrics.map((m) => m.metric)))].filter(isHeadline);
  const charts: Chart[] = metrics.map((metric, c) => ({
    id: `sweep-${c}`,
    title: `${metric} against ${first.path}`,
    time: false,
    xLabel: first.path,
    yLabel: metric,
    x: order.map(([x]) => x),
    series: [...groups].map(([key, points]): Series => {
      const rows = order.map(([, i]) => {
        const p = points.get(first.values[i] as string);
        return p === undefined ? undefined : rowOf(p, metric);
      });
      return { label: key === '' ? 'mean' : key, style: 'line', values: rows.map((r) => r?.mean ?? null), low: rows.map((r) => r?.low ?? r?.mean ?? null), high: rows.map((r) => r?.high ?? r?.mean ?? null) };
    }),
    markers: [],
  }));
  const availability = metrics.find((m) => /availability$/.test(m));
  if (availability !== undefined) {
    const pts = doc.points
      .map((p) => ({ cost: rowOf(p, 'cost.totalUsd')?.mean ?? null, avail: rowOf(p, availability)?.mean ?? null, label: p.values.join(', ') }))
      .filter((p): p is { cost: number; avail: number; label: string } => p.cost !== null && p.avail !== null)
      .sort((a, b) => a.cost - b.cost);
    charts.push({ id: 'sweep-scatter', title: `Cost against ${availability}, one dot per grid point`, time: false, xLabel: 'cost.totalUsd (USD)', yLabel: availability, x: pts.map((p) => p.cost), series: [{ label: 'grid point', style: 'points', values: pts.map((p) => p.avail) }], markers: [] });
  }
  const table: Table = {
    id: 'grid',
    title: 'Grid points (mean ± 95% CI half-width)',
    columns: ['point', ...params.map((p) => p.path), ...metrics],
    rows: doc.points.map((p) => [p.index, ...p.values, ...metrics.map((m) => {
      const r = rowOf(p, m);
      return r === undefined ? '' : `${show(r.mean)} ± ${show(r.halfWidth)}`;
    })]),
  };
  return {
    title: `fleetsim sweep: ${doc.sweep.scenario}`,
    subtitle: `${doc.points.length} grid points × ${doc.sweep.replications} replications (seed ${doc.sweep.seed}); parameters ${params.map((p) => `${p.path} ∈ {${p.values.join(', ')}}`).join('; ')}`,
    cards: [],
    charts,
    tables: [table],
  };
}
