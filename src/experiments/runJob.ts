import { formatIssueLines } from '../scenario/issues.js';
import { loadScenarioFile, type LoadResult } from '../scenario/load.js';
import { parseOverride } from '../scenario/overrides.js';
import type { ScenarioModel } from '../model/specs.js';
import { runToDirectory } from '../report/writeRun.js';
import { simulate } from '../sim/simulate.js';
import { flattenMetrics, type MetricList } from './metricPaths.js';
import { replicationSeed } from './replicationSeeds.js';

/**
 * One simulation run of an experiment, described by plain data so it can cross to a worker thread:
 * which scenario (file, --set overrides, --seed, --duration), which replication, and where to write
 * its outputs (nothing but the summary's metrics comes back).
 */
export interface ScenarioSource {
  readonly file: string;
  /** `path=value` texts, applied in order. */
  readonly overrides: readonly string[];
  readonly seed?: number | undefined;
  readonly duration?: string | undefined;
}

export interface RunJob {
  readonly source: ScenarioSource;
  readonly replication: number;
  /** The seed replications derive from; default the scenario's own. A comparison passes the base's seed to both sides. */
  readonly baseSeed?: number | undefined;
  /** Folder for this run's full outputs (summary.json, timeseries.csv …); none: summary only. */
  readonly outDir?: string | undefined;
  readonly tasksCsv: boolean;
}

export interface RunOutcome {
  readonly seed: number;
  readonly events: number;
  readonly metrics: MetricList;
}

export function loadSource(source: ScenarioSource): LoadResult {
  return loadScenarioFile(source.file, { seed: source.seed, duration: source.duration, overrides: source.overrides.map(parseOverride) });
}

/** Loads, or throws with the scenario's problems (callers validate every source before starting runs). */
export function loadOrThrow(source: ScenarioSource): ScenarioModel {
  const loaded = loadSource(source);
  if (!loaded.ok) throw new Error(formatIssueLines(loaded.issues).join('\n'));
  return loaded.scenario;
}

export function runJob(job: RunJob): RunOutcome {
  const model = loadOrThrow(job.source);
  const seed = replicationSeed(job.baseSeed ?? model.seed, job.replication);
  const seeded: ScenarioModel = { ...model, seed };
  const result = job.outDir === undefined ? simulate(seeded) : runToDirectory(seeded, job.outDir, { tasksCsv: job.tasksCsv });
  return { seed, events: result.run.events, metrics: flattenMetrics(result.summary) };
}
