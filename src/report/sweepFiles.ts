import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { sweepMetrics, type SweepDoc } from '../experiments/sweepDoc.js';

/**
 * sweep.csv (one row per grid point: the point, the parameters, then each metric's mean and 95% CI
 * half-width) and sweep.json (the whole document); shard files are sweep.json documents of one shard.
 */
export function writeSweep(path: (file: string) => string, doc: SweepDoc): void {
  const metrics = sweepMetrics(doc);
  const header = ['point', ...doc.sweep.parameters.map((p) => p.path), ...metrics.flatMap((m) => [`${m} mean`, `${m} ci95`])];
  const rows: (string | number)[][] = [header];
  for (const point of doc.points) {
    const byMetric = new Map(point.metrics.map((m) => [m.metric, m]));
    const cells = metrics.flatMap((m) => {
      const row = byMetric.get(m);
      return [row?.mean ?? '', row?.halfWidth ?? ''];
    });
    rows.push([point.index, ...point.values, ...cells]);
  }
  writeFileSync(path('sweep.csv'), stringify(rows));
  writeSweepJson(path('sweep.json'), doc);
}

export function shardFileName(index: number, count: number): string {
  return `sweep-shard-${index}-of-${count}.json`;
}

export function writeSweepJson(file: string, doc: SweepDoc): void {
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
}

export function readSweepJson(file: string): SweepDoc {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as SweepDoc;
  if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.points) || typeof doc.sweep !== 'object') throw new Error(`${file}: not a sweep or shard file`);
  return doc;
}
