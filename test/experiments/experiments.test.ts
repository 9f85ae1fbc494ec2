import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { compareScenarios, replicate } from '../../src/experiments/experiments.js';

const ROOT = join(import.meta.dirname, '../..');
const scenario = (name: string) => join(ROOT, 'scenarios', `${name}.json`);
const work = mkdtempSync(join(tmpdir(), 'fleetsim-experiments-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = { stdout: '', stderr: '', stderrIsTty: false, now: () => 0, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  const code = await main(['node', 'fleetsim', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Every file under a folder, by relative path, with its bytes. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = join(entry.parentPath, entry.name);
      out[full.slice(dir.length)] = readFileSync(full, 'utf8');
    }
  }
  return out;
}

describe('replications', () => {
  it('give the same files on one worker thread as on two', async () => {
    const one = join(work, 'w1');
    const two = join(work, 'w2');
    expect((await cli('run', scenario('quickstart'), '--replications', '5', '--workers', '1', '--out', one, '--quiet')).code).toBe(0);
    expect((await cli('run', scenario('quickstart'), '--replications', '5', '--workers', '2', '--out', two, '--quiet')).code).toBe(0);
    const a = tree(one);
    expect(Object.keys(a)).toContain('/aggregate.csv');
    expect(Object.keys(a)).toContain('/replications/4/summary.json');
    expect(tree(two)).toEqual(a);
    // Replication 0 is the plain run of the scenario.
    const single = join(work, 'single');
    await cli('run', scenario('quickstart'), '--out', single, '--quiet');
    expect(readFileSync(join(one, 'replications/0/summary.json'), 'utf8')).toBe(readFileSync(join(single, 'summary.json'), 'utf8'));
  });

  it('narrow the confidence interval roughly as 1/√N', async () => {
    const source = { file: scenario('quickstart'), overrides: [] };
    const few = await replicate(source, { replications: 8, workers: 2, tasksCsv: false });
    const many = await replicate(source, { replications: 32, workers: 2, tasksCsv: false });
    const se = (r: typeof few) => {
      const e = r.estimates.find((x) => x.metric === 'services[web].availability')?.estimate;
      if (e === undefined) throw new Error('metric missing');
      return e.sd / Math.sqrt(e.n);
    };
    // Four times the replications: half the standard error, give or take the noise in 8 sample sds.
    const ratio = se(many) / se(few);
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(0.8);
  });
});

describe('paired what-if comparison', () => {
  it('finds exactly zero difference, with a zero-width interval, between a scenario and itself', async () => {
    const source = { file: scenario('fargate-spot-split'), overrides: [] };
    const result = await compareScenarios(source, source, { replications: 4, workers: 2, paired: true });
    expect(result.differences.length).toBeGreaterThan(20);
    for (const d of result.differences) {
      expect(d.difference.mean, d.metric).toBe(0);
      expect(d.difference.halfWidth, d.metric).toBe(0);
    }
  });

  it('narrows the interval against unpaired runs (batch queue: fifo vs backfill)', async () => {
    const base = { file: scenario('batch-queue'), overrides: [] };
    const variant = { file: scenario('batch-queue'), overrides: ['simulation.jobQueue=backfill'] };
    const halfWidth = async (paired: boolean) => {
      const r = await compareScenarios(base, variant, { replications: 10, workers: 2, paired });
      const metric = r.differences.find((d) => d.metric === 'jobs[etl].waitSeconds.mean');
      if (metric === undefined) throw new Error('metric missing');
      return metric.difference.halfWidth;
    };
    const paired = await halfWidth(true);
    const unpaired = await halfWidth(false);
    expect(paired).toBeLessThan(unpaired * 0.75);
  });

  it('writes comparison.csv from the CLI with --set, and rejects a bad override before running', async () => {
    const out = join(work, 'cmp');
    const ok = await cli('compare', scenario('batch-queue'), '--set', 'simulation.jobQueue=backfill', '--replications', '3', '--out', out);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/variant − base over 3 paired replications/);
    expect(readFileSync(join(out, 'comparison.csv'), 'utf8').split('\n')[0]).toBe('metric,n,base_mean,variant_mean,difference,ci95_low,ci95_high,ci95_half_width,excludes_zero');
    const bad = await cli('compare', scenario('batch-queue'), '--set', 'jobs[nightly].count=2', '--out', join(work, 'bad'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--set jobs\[nightly\]\.count: no item named "nightly" \(items: thumbnails, etl\)/);
    expect(() => readdirSync(join(work, 'bad'))).toThrow();
  });
});

describe('sweeps', () => {
  const grid = ['--set', 'services[web].capacityProviderStrategy[FARGATE_SPOT].weight=0,1,3', '--set', 'services[web].desiredCount=6,10', '--replications', '3'];

  it('write one row per grid point, and shards merged give the same files byte for byte', async () => {
    const whole = join(work, 'sweep');
    expect((await cli('sweep', scenario('fargate-spot-split'), ...grid, '--out', whole, '--quiet')).code).toBe(0);
    const csv = readFileSync(join(whole, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(7);
    expect(csv[0]?.startsWith('point,services[web].capacityProviderStrategy[FARGATE_SPOT].weight,services[web].desiredCount,cost.totalUsd mean,cost.totalUsd ci95,')).toBe(true);
    expect(csv.slice(1).map((row) => row.split(',').slice(0, 3).join(','))).toEqual(['0,0,6', '1,0,10', '2,1,6', '3,1,10', '4,3,6', '5,3,10']);
    const files: string[] = [];
    for (const index of [0, 1, 2, 3]) {
      const dir = join(work, `shard${index}`);
      expect((await cli('sweep', scenario('fargate-spot-split'), ...grid, '--shard', `${index}/4`, '--out', dir, '--quiet')).code).toBe(0);
      files.push(join(dir, `sweep-shard-${index}-of-4.json`));
    }
    const merged = join(work, 'merged');
    expect((await cli('merge', ...files.reverse(), '--out', merged)).code).toBe(0);
    expect(tree(merged)).toEqual(tree(whole));
  });
});
