import type { RunFiles } from './readResults.js';
import type { Card, Chart, Marker, ReportModel, Series, Table } from './reportTypes.js';
import { filterSentence, levelSentences } from '../explanationText.js';

/**
 * The report of one run: figure cards from summary.json, charts over time from timeseries.csv, markers
 * for Spot interruptions, scaling actions, deployments and timeline events, and tables of why tasks
 * waited and of the marked events. Pure.
 */
type Json = Record<string, unknown>;
const MAX_MARKERS_PER_KIND = 150;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});

function money(x: number): string {
  return `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function percent(x: number, digits = 3): string {
  return `${(x * 100).toFixed(digits)}%`;
}

export function summaryCards(summary: Json): Card[] {
  const cost = obj(summary.cost);
  const cards: Card[] = [{ label: 'Total cost', metric: 'cost.totalUsd', value: num(cost.totalUsd), text: money(num(cost.totalUsd)), note: `${num(cost.instanceHours).toFixed(1)} instance-hours` }];
  if (num(cost.spotSavingsUsd) > 0) cards.push({ label: 'Saved by Spot', metric: 'cost.spotSavingsUsd', value: num(cost.spotSavingsUsd), text: money(num(cost.spotSavingsUsd)) });
  for (const svc of list(summary.services)) {
    const name = String(svc.serviceName);
    cards.push({ label: `${name} availability`, metric: `services[${name}].availability`, value: num(svc.availability), text: percent(num(svc.availability)), note: `${num(svc.taskSecondsShort).toFixed(0)} task-seconds short` });
    const demand = svc.demand === undefined ? undefined : obj(svc.demand);
    if (demand !== undefined) cards.push({ label: `${name} demand served`, metric: `services[${name}].demand.servedShare`, value: num(demand.servedShare), text: percent(num(demand.servedShare)) });
  }
  for (const job of list(summary.jobs)) {
    const wait = obj(job.waitSeconds);
    cards.push({ label: `${String(job.name)} wait p95`, metric: `jobs[${String(job.name)}].waitSeconds.p95`, value: num(wait.p95), text: `${num(wait.p95).toFixed(1)} s`, note: `${num(job.tasksCompleted)} tasks completed` });
  }
  const spot = obj(summary.spot);
  cards.push({ label: 'Spot interruptions', metric: 'spot.interruptions', value: num(spot.interruptions), text: String(num(spot.interruptions)), note: `${num(spot.tasksInterrupted)} tasks interrupted` });
  return cards;
}

function columns(rows: RunFiles['timeseries']): string[] {
  return rows.length === 0 ? [] : Object.keys(rows[0] as Record<string, string>);
}

function seriesOf(rows: RunFiles['timeseries'], column: string, label: string, style: Series['style'] = 'line', scale = 1): Series {
  return { label, style, values: rows.map((r) => (r[column] === undefined || r[column] === '' ? null : Number(r[column]) * scale)) };
}

/** At most MAX_MARKERS_PER_KIND markers of a kind: beyond that, events in the same sample interval share one. */
function bucketed(times: readonly number[], kind: Marker['kind'], label: (n: number) => string, bucket: number): Marker[] {
  if (times.length <= MAX_MARKERS_PER_KIND) return times.map((x) => ({ x, kind, label: label(1) }));
  const counts = new Map<number, number>();
  for (const t of times) {
    const b = Math.floor(t / bucket) * bucket;
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return [...counts].map(([x, n]) => ({ x, kind, label: label(n) }));
}

export function runMarkers(run: RunFiles, startSeconds: number, sampleSeconds: number): Marker[] {
  const markers: Marker[] = [];
  markers.push(...bucketed(run.interruptions.map((s) => startSeconds + s), 'interruption', (n) => (n === 1 ? 'Spot interruption' : `${n} Spot interruptions`), sampleSeconds));
  const actions = run.scaling.filter((r) => r.from !== r.to);
  for (const r of actions.slice(0, MAX_MARKERS_PER_KIND)) markers.push({ x: startSeconds + Number(r.elapsed_s), kind: 'scaling', label: `${r.target}: ${r.from} → ${r.to} (${r.source})` });
  for (const svc of list(run.summary.services)) {
    for (const d of list(svc.deployments)) markers.push({ x: startSeconds + num(d.startedSeconds), kind: 'deployment', label: `${String(svc.serviceName)}: deploy ${String(d.taskDefinition)}${d.rollback === true ? ' (rollback)' : ''} ${String(d.state)}` });
  }
  for (const r of run.timeline) markers.push({ x: startSeconds + Number(r.elapsed_s), kind: 'timeline', label: `${r.type} ${r.target}: ${r.detail}` });
  return markers.sort((a, b) => a.x - b.x || a.kind.localeCompare(b.kind));
}

export function runCharts(run: RunFiles, idPrefix = ''): Chart[] {
  const rows = run.timeseries;
  const cols = columns(rows);
  const scenario = obj(run.summary.scenario);
  const start = Date.parse(String(scenario.start)) / 1000;
  const x = rows.map((r) => start + Number(r.elapsed_s));
  const markers = runMarkers(run, start, num(scenario.sampleIntervalSeconds));
  const chart = (id: string, title: string, yLabel: string, series: Series[]): Chart => ({ id: `${idPrefix}${id}`, title, time: true, xLabel: 'time (UTC)', yLabel, x, series, markers });
  const charts: Chart[] = [];
  const services = list(run.summary.services).map((s) => String(s.serviceName));
  for (const name of services) {
    const p = `service.${name}.`;
    charts.push(chart(`tasks-${name}`, `${name}: tasks`, 'tasks', [seriesOf(rows, `${p}desired`, 'desired', 'step'), seriesOf(rows, `${p}running`, 'running'), seriesOf(rows, `${p}pending`, 'pending')]));
    if (cols.includes(`${p}demand_rps`)) {
      charts.push(chart(`demand-${name}`, `${name}: demand and capacity`, 'requests/s', [seriesOf(rows, `${p}demand_rps`, 'demand'), seriesOf(rows, `${p}served_rps`, 'served'), seriesOf(rows, `${p}dropped_rps`, 'dropped')]));
    }
  }
  const providers = cols.filter((c) => /^provider\..+\.instances$/.test(c));
  charts.push(
    chart('hosts', 'Instances by provider and purchase option', 'instances', [
      seriesOf(rows, 'instances_active', 'active'),
      seriesOf(rows, 'instances_spot', 'of which Spot'),
      seriesOf(rows, 'instances_in_use', 'in use'),
      ...providers.map((c) => seriesOf(rows, c, c.slice('provider.'.length, -'.instances'.length))),
      seriesOf(rows, 'fargate_tasks', 'Fargate tasks'),
    ]),
  );
  charts.push(chart('reservation', 'CPU and memory reservation', '% of registered', [seriesOf(rows, 'cpu_reservation_pct', 'cpu'), seriesOf(rows, 'memory_reservation_pct', 'memory')]));
  charts.push(chart('cost', 'Cumulative cost', 'USD', [seriesOf(rows, 'cost_usd', 'cost so far')]));
  return charts;
}

export function runTables(run: RunFiles, markers: readonly Marker[]): Table[] {
  const failures: (string | number)[][] = [];
  for (const svc of list(run.summary.services)) for (const [reason, n] of Object.entries(obj(svc.placementFailures))) failures.push(['service', String(svc.serviceName), reason, num(n)]);
  for (const job of list(run.summary.jobs)) for (const [reason, n] of Object.entries(obj(job.placementFailures))) failures.push(['job', String(job.name), reason, num(n)]);
  const shown = markers.slice(0, 300);
  const explained: Table[] =
    run.explanationCount === 0
      ? []
      : [
          {
            id: 'explanations',
            title: 'Why tasks went where they went (run --explain)',
            columns: ['task', 'time (UTC)', 'owner', 'instance', 'filters', 'strategies'],
            rows: run.explanations.map((e) => [e.taskId, e.time, `${e.ownerType} ${e.owner}`, `${e.instanceId} (${e.zone})`, filterSentence(e).replace(/^filters: /, ''), levelSentences(e).join(' · ')]),
            note: `${run.explanations.length < run.explanationCount ? `first ${run.explanations.length} of ${run.explanationCount}; ` : ''}one decision in full: fleetsim explain <results-dir> <task id>`,
          },
        ];
  return [
    ...explained,
    { id: 'waits', title: 'Why tasks waited (placement failures)', columns: ['kind', 'name', 'reason', 'attempts'], rows: failures, note: failures.length === 0 ? 'Every placement succeeded at the first attempt.' : 'Failed placement attempts by reason (at most one per service per capacity change).' },
    { id: 'events', title: 'Marked events', columns: ['time (UTC)', 'kind', 'what'], rows: shown.map((m) => [new Date(m.x * 1000).toISOString().replace('.000Z', 'Z'), m.kind, m.label]), note: markers.length > shown.length ? `first ${shown.length} of ${markers.length}` : undefined },
  ];
}

export function runReport(run: RunFiles): ReportModel {
  const scenario = obj(run.summary.scenario);
  const charts = runCharts(run);
  const markers = charts[0]?.markers ?? [];
  return {
    title: `fleetsim: ${String(scenario.name)}`,
    subtitle: `${String(scenario.description ?? '')} — seed ${String(scenario.seed)}, ${(num(scenario.durationSeconds) / 3600).toFixed(1)} h from ${String(scenario.start)}`,
    cards: summaryCards(run.summary),
    charts,
    tables: runTables(run, markers),
  };
}
