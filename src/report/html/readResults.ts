import { existsSync, readFileSync } from 'node:fs';
import { forEachLine } from '../lineReader.js';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { SweepDoc } from '../../experiments/sweepDoc.js';
import type { ExplanationLine } from '../explanationText.js';

/**
 * A results folder as plain data for the report: a run (summary.json, timeseries.csv, scaling.csv,
 * timeline.csv, the Spot interruptions from tasks.csv), replications (aggregate.json, with replication
 * 0's run), a comparison (comparison.json) or a sweep (sweep.json).
 */
export type CsvRows = readonly Record<string, string>[];

export interface RunFiles {
  readonly summary: Record<string, unknown>;
  readonly timeseries: CsvRows;
  readonly scaling: CsvRows;
  readonly timeline: CsvRows;
  /** Elapsed seconds of each task stopped by a Spot interruption. */
  readonly interruptions: readonly number[];
  /** The first explained placements (run --explain), and how many there are in all. */
  readonly explanations: readonly ExplanationLine[];
  readonly explanationCount: number;
}

const EXPLANATIONS_SHOWN = 200;

export type ResultsData =
  | { readonly kind: 'run'; readonly run: RunFiles }
  | { readonly kind: 'replications'; readonly aggregate: Record<string, unknown>; readonly run: RunFiles | undefined }
  | { readonly kind: 'sweep'; readonly sweep: SweepDoc }
  | { readonly kind: 'compare'; readonly comparison: Record<string, unknown> };

function csv(file: string): CsvRows {
  if (!existsSync(file)) return [];
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/**
 * Stop times of interrupted tasks, read line by line in chunks (tasks.csv can hold millions of rows, more
 * than one string can). The columns up to stop_code never contain commas, so a plain split finds them;
 * later ones may be quoted.
 */
function interruptions(file: string): number[] {
  if (!existsSync(file)) return [];
  let codeAt = -1;
  let stoppedAt = -1;
  const out: number[] = [];
  forEachLine(file, (line, i) => {
    if (i === 0) {
      const header = line.split(',');
      codeAt = header.indexOf('stop_code');
      stoppedAt = header.indexOf('stopped_s');
      return;
    }
    if (!line.includes('SpotInterruption')) return;
    const cells = line.split(',');
    const stopped = Number(cells[stoppedAt]);
    if (cells[codeAt] === 'SpotInterruption' && Number.isFinite(stopped)) out.push(stopped);
  });
  return out.sort((a, b) => a - b);
}

function explanations(file: string): { explanations: ExplanationLine[]; explanationCount: number } {
  if (!existsSync(file)) return { explanations: [], explanationCount: 0 };
  const shown: ExplanationLine[] = [];
  let count = 0;
  forEachLine(file, (line) => {
    if (line === '') return;
    if (count++ < EXPLANATIONS_SHOWN) shown.push(JSON.parse(line) as ExplanationLine);
  });
  return { explanations: shown, explanationCount: count };
}

export function readRun(dir: string): RunFiles {
  return {
    summary: JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Record<string, unknown>,
    timeseries: csv(join(dir, 'timeseries.csv')),
    scaling: csv(join(dir, 'scaling.csv')),
    timeline: csv(join(dir, 'timeline.csv')),
    interruptions: interruptions(join(dir, 'tasks.csv')),
    ...explanations(join(dir, 'explanations.jsonl')),
  };
}

export function readResults(dir: string): ResultsData {
  if (existsSync(join(dir, 'sweep.json'))) return { kind: 'sweep', sweep: JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')) as SweepDoc };
  if (existsSync(join(dir, 'aggregate.json'))) {
    const first = join(dir, 'replications', '0');
    return {
      kind: 'replications',
      aggregate: JSON.parse(readFileSync(join(dir, 'aggregate.json'), 'utf8')) as Record<string, unknown>,
      run: existsSync(join(first, 'summary.json')) ? readRun(first) : undefined,
    };
  }
  if (existsSync(join(dir, 'comparison.json'))) return { kind: 'compare', comparison: JSON.parse(readFileSync(join(dir, 'comparison.json'), 'utf8')) as Record<string, unknown> };
  if (existsSync(join(dir, 'summary.json'))) return { kind: 'run', run: readRun(dir) };
  throw new Error(`${dir}: no summary.json, aggregate.json, comparison.json or sweep.json — not a fleetsim results folder`);
}
