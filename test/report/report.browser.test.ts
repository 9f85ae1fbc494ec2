import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { flattenMetrics } from '../../src/experiments/metricPaths.js';

/**
 * The HTML report in a real browser: headless Chromium (Debian `chromium`; `.ci/run` installs it, or set
 * FLEETSIM_CHROMIUM) opens report.html from disk and we check that it runs without console errors, that
 * every chart is drawn and not blank, and that the figures on the cards are those of summary.json.
 */
const ROOT = join(import.meta.dirname, '../..');
const CHROMIUM = process.env.FLEETSIM_CHROMIUM ?? '/usr/bin/chromium';
const work = mkdtempSync(join(tmpdir(), 'fleetsim-report-'));
let browser: Browser;

async function cli(...args: string[]): Promise<number> {
  const io = { stderrIsTty: false, now: () => 0, out: () => undefined, err: (t: string) => void process.stderr.write(t) };
  return main(['node', 'fleetsim', ...args], io);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install the Debian package (apt-get install chromium) or set FLEETSIM_CHROMIUM`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

interface Opened {
  errors: string[];
  charts: { id: string; points: number; inked: number }[];
  expectedCharts: number;
  cards: { metric: string; value: number }[];
}

async function open(dir: string, screenshot?: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) errors.push(`fetched ${r.url()}`);
  });
  await page.goto(`file://${join(dir, 'report.html')}`);
  await page.waitForLoadState('load');
  const result = await page.evaluate(() => {
    const charts = [...document.querySelectorAll<HTMLElement>('.chart')].map((el) => {
      // Non-background pixels on the chart's canvas: axes alone are drawn too, so count coloured ones (series, markers).
      const canvas = el.querySelector('canvas');
      let inked = 0;
      if (canvas !== null) {
        const data = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b, a] = [data[i] as number, data[i + 1] as number, data[i + 2] as number, data[i + 3] as number];
          if (a > 0 && (Math.abs(r - g) > 40 || Math.abs(g - b) > 40)) inked++;
        }
      }
      return { id: el.id, points: Number(el.getAttribute('data-rendered') ?? '0'), inked };
    });
    const expected = (JSON.parse((document.getElementById('report-data') as HTMLElement).textContent ?? '{}') as { charts: unknown[] }).charts.length;
    const cards = [...document.querySelectorAll<HTMLElement>('.card')].map((c) => ({ metric: c.dataset.metric ?? '', value: Number(c.dataset.value) }));
    return { charts, expected, cards };
  });
  if (screenshot !== undefined) await page.screenshot({ path: screenshot, fullPage: true });
  await page.close();
  return { errors, charts: result.charts, expectedCharts: result.expected, cards: result.cards };
}

function expectChartsDrawn(opened: Opened): void {
  expect(opened.errors).toEqual([]);
  expect(opened.charts.length).toBe(opened.expectedCharts);
  expect(opened.charts.length).toBeGreaterThan(0);
  for (const chart of opened.charts) {
    expect(chart.points, `${chart.id} plots values`).toBeGreaterThan(0);
    expect(chart.inked, `${chart.id} is drawn`).toBeGreaterThan(50);
  }
}

describe('HTML report in headless Chromium', () => {
  it('shows a run: charts drawn, no console errors, nothing fetched, card figures equal summary.json', async () => {
    const dir = join(work, 'spot');
    expect(await cli('run', join(ROOT, 'scenarios/fargate-spot-split.json'), '--out', dir, '--report', '--quiet')).toBe(0);
    mkdirSync(join(ROOT, 'results'), { recursive: true });
    const opened = await open(dir, join(ROOT, 'results/report-screenshot.png'));
    expectChartsDrawn(opened);
    const summary = new Map(flattenMetrics(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))));
    expect(opened.cards.length).toBeGreaterThanOrEqual(4);
    for (const card of opened.cards) expect(card.value, card.metric).toBe(summary.get(card.metric));
    expect(existsSync(join(ROOT, 'results/report-screenshot.png'))).toBe(true);
  });

  it('shows a sweep: metric against the parameter with CI bars, and the cost/availability scatter', async () => {
    const dir = join(work, 'sweep');
    const code = await cli('sweep', join(ROOT, 'scenarios/fargate-spot-split.json'), '--set', 'services[web].capacityProviderStrategy[FARGATE_SPOT].weight=0,1,3', '--replications', '2', '--out', dir, '--report', '--quiet');
    expect(code).toBe(0);
    const opened = await open(dir, join(ROOT, 'results/report-sweep-screenshot.png'));
    expectChartsDrawn(opened);
    expect(opened.charts.map((c) => c.id)).toContain('chart-sweep-scatter');
  });

  it('shows placement explanations as a table for a run with --explain', async () => {
    const dir = join(work, 'explained');
    expect(await cli('run', join(ROOT, 'scenarios/quickstart.json'), '--explain', 'reports', '--out', dir, '--report', '--quiet')).toBe(0);
    const opened = await open(dir);
    expectChartsDrawn(opened);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('id="table-explanations"');
    expect(html).toMatch(/binpack\(memory\): i-\d+ has \d+ MiB left after placement, the least of \d+ candidates/);
  });

  it('shows a comparison: cards are the mean differences of comparison.json', async () => {
    const dir = join(work, 'compare');
    const code = await cli('compare', join(ROOT, 'scenarios/batch-queue.json'), '--set', 'simulation.jobQueue=backfill', '--replications', '3', '--out', dir, '--report', '--quiet');
    expect(code).toBe(0);
    const opened = await open(dir);
    expect(opened.errors).toEqual([]);
    const doc = JSON.parse(readFileSync(join(dir, 'comparison.json'), 'utf8')) as { metrics: { metric: string; difference: { mean: number } }[] };
    const differences = new Map(doc.metrics.map((m) => [m.metric, m.difference.mean]));
    expect(opened.cards.map((c) => c.metric)).toContain('jobs[etl].waitSeconds.mean');
    for (const card of opened.cards) expect(card.value, card.metric).toBe(differences.get(card.metric));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('id="table-comparison"');
  });

  it('shows replications: cards are the aggregate means', async () => {
    const dir = join(work, 'reps');
    expect(await cli('run', join(ROOT, 'scenarios/quickstart.json'), '--replications', '3', '--out', dir, '--report', '--quiet')).toBe(0);
    const opened = await open(dir);
    expectChartsDrawn(opened);
    const aggregate = JSON.parse(readFileSync(join(dir, 'aggregate.json'), 'utf8')) as { metrics: { metric: string; mean: number }[] };
    const means = new Map(aggregate.metrics.map((m) => [m.metric, m.mean]));
    expect(opened.cards.length).toBeGreaterThan(2);
    for (const card of opened.cards) expect(card.value, card.metric).toBe(means.get(card.metric));
  });
});
