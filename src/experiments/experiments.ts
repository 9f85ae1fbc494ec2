import { formatIssueLines } from '../scenario/issues.js';
import { aggregate, pairedDifferences, unpairedDifferences, type Difference, type MetricEstimate } from './aggregate.js';
import type { MetricList } from './metricPaths.js';
import { loadOrThrow, loadSource, type RunJob, type ScenarioSource } from './runJob.js';
import { pointResult, type SweepDoc } from './sweepDoc.js';
import { gridPoints, type GridPoint, type Shard, type SweepParameter } from './sweepGrid.js';
import { runJobs } from './workerPool.js';

/**
 * Replications, paired comparisons and sweeps: jobs built from scenario sources, run on the worker
 * pool, summarised. Every replication i of every scenario in one experiment uses the same seed
 * (replicationSeeds.ts, from the first scenario's seed): common random numbers.
 */
export interface ExperimentOptions {
  readonly replications: number;
  readonly workers: number;
  readonly onDone?: (done: number, total: number) => void;
}

/** Problems of every source as "file: path: message" lines (empty when all load). */
export function sourceProblems(sources: readonly ScenarioSource[]): string[] {
  const lines: string[] = [];
  for (const source of sources) {
    const loaded = loadSource(source);
    if (!loaded.ok) lines.push(...formatIssueLines(loaded.issues).map((l) => `${source.file}: ${l}`));
  }
  return [...new Set(lines)];
}

export interface Replications {
  readonly seeds: readonly number[];
  readonly lists: readonly MetricList[];
  readonly estimates: readonly MetricEstimate[];
}

export async function replicate(
  source: ScenarioSource,
  options: ExperimentOptions & { readonly outDir?: (replication: number) => string; readonly tasksCsv: boolean },
): Promise<Replications> {
  const jobs: RunJob[] = Array.from({ length: options.replications }, (_, i) => ({ source, replication: i, outDir: options.outDir?.(i), tasksCsv: options.tasksCsv }));
  const outcomes = await runJobs(jobs, options.workers, options.onDone);
  const lists = outcomes.map((o) => o.metrics);
  return { seeds: outcomes.map((o) => o.seed), lists, estimates: aggregate(lists) };
}

export interface Comparison {
  readonly paired: boolean;
  readonly baseSeeds: readonly number[];
  readonly variantSeeds: readonly number[];
  readonly base: readonly MetricList[];
  readonly variant: readonly MetricList[];
  readonly differences: readonly Difference[];
}

/**
 * Paired: replication i of both sides runs with the same seed (from the base scenario's seed), and the
 * interval is that of the n differences. Unpaired (for contrast): the variant takes replications
 * n … 2n − 1, and Welch's interval of two independent samples.
 */
export async function compareScenarios(base: ScenarioSource, variant: ScenarioSource, options: ExperimentOptions & { readonly paired: boolean }): Promise<Comparison> {
  const baseSeed = loadOrThrow(base).seed;
  const n = options.replications;
  const jobs: RunJob[] = [
    ...Array.from({ length: n }, (_, i) => ({ source: base, replication: i, baseSeed, tasksCsv: false })),
    ...Array.from({ length: n }, (_, i) => ({ source: variant, replication: options.paired ? i : n + i, baseSeed, tasksCsv: false })),
  ];
  const outcomes = await runJobs(jobs, options.workers, options.onDone);
  const b = outcomes.slice(0, n);
  const v = outcomes.slice(n);
  const bl = b.map((o) => o.metrics);
  const vl = v.map((o) => o.metrics);
  return {
    paired: options.paired,
    baseSeeds: b.map((o) => o.seed),
    variantSeeds: v.map((o) => o.seed),
    base: bl,
    variant: vl,
    differences: options.paired ? pairedDifferences(bl, vl) : unpairedDifferences(bl, vl),
  };
}

/** The scenario of one grid point: the base's overrides, then the point's values. */
export function pointSource(source: ScenarioSource, parameters: readonly SweepParameter[], point: GridPoint): ScenarioSource {
  return { ...source, overrides: [...source.overrides, ...parameters.map((p, k) => `${p.path}=${point.values[k] as string}`)] };
}

export async function sweepScenario(
  source: ScenarioSource,
  parameters: readonly SweepParameter[],
  options: ExperimentOptions & { readonly shard: Shard; readonly num: (x: number) => number | null },
): Promise<SweepDoc> {
  const model = loadOrThrow(source);
  const points = gridPoints(parameters, options.shard);
  const n = options.replications;
  const jobs: RunJob[] = points.flatMap((point) => Array.from({ length: n }, (_, i) => ({ source: pointSource(source, parameters, point), replication: i, baseSeed: model.seed, tasksCsv: false })));
  const outcomes = await runJobs(jobs, options.workers, options.onDone);
  const results = points.map((point, k) => pointResult(point.index, point.values, aggregate(outcomes.slice(k * n, (k + 1) * n).map((o) => o.metrics)), options.num));
  const header = { scenario: model.name, seed: model.seed, replications: n, parameters: parameters.map((p) => ({ path: p.path, values: [...p.values] })) };
  return options.shard.count === 1 ? { sweep: header, points: results } : { sweep: header, shard: options.shard, points: results };
}
