import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { replicationsReport, sweepReport } from './html/experimentReport.js';
import { readResults } from './html/readResults.js';
import { renderHtml, type ChartAssets } from './html/renderHtml.js';
import type { ReportModel } from './html/reportTypes.js';
import { runReport } from './html/runReport.js';
import { compareReport } from './html/compareReport.js';

/** `fleetsim report <dir>`: reads a results folder (run, replications, comparison or sweep) and writes <dir>/report.html. */
function chartAssets(): ChartAssets {
  const require = createRequire(import.meta.url);
  return {
    js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
    css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
  };
}

export function reportModel(dir: string): ReportModel {
  const data = readResults(dir);
  if (data.kind === 'sweep') return sweepReport(data.sweep);
  if (data.kind === 'replications') return replicationsReport(data.aggregate, data.run);
  if (data.kind === 'compare') return compareReport(data.comparison);
  return runReport(data.run);
}

export function writeReport(dir: string): string {
  const html = renderHtml(reportModel(dir), chartAssets());
  const file = join(dir, 'report.html');
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, html);
  renameSync(temp, file);
  return file;
}
