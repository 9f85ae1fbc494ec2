import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { runToDirectory } from '../../src/report/writeRun.js';

/**
 * Golden runs: every bundled scenario's outputs must equal the committed expected files, byte for
 * byte, and two runs in one process must agree. UPDATE_GOLDEN=1 rewrites the expected files.
 */
const SCENARIOS = join(import.meta.dirname, '../../scenarios');
const EXPECTED = join(import.meta.dirname, 'expected');
const FILES = ['summary.json', 'timeseries.csv', 'tasks.csv', 'scaling.csv'];
const work = mkdtempSync(join(tmpdir(), 'fleetsim-golden-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runInto(file: string, dir: string, seed?: number): Record<string, string> {
  const loaded = loadScenarioFile(file, { seed });
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  runToDirectory(loaded.scenario, dir);
  // scaling.csv exists only for scenarios with scalable targets.
  return Object.fromEntries(FILES.map((f) => [f, existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '']));
}

const scenarios = readdirSync(SCENARIOS).filter((f) => f.endsWith('.json')).sort();

describe('golden scenario outputs', () => {
  it('bundles the quickstart and at least three teaching scenarios', () => {
    expect(scenarios).toContain('quickstart.json');
    expect(scenarios.length).toBeGreaterThanOrEqual(4);
  });

  for (const file of scenarios) {
    const name = file.replace(/\.json$/, '');
    it(`${name}: byte-identical across runs and equal to the expected files`, () => {
      const first = runInto(join(SCENARIOS, file), join(work, `${name}-1`));
      const second = runInto(join(SCENARIOS, file), join(work, `${name}-2`));
      for (const f of FILES) expect(second[f], `${name}/${f} differs between two runs`).toBe(first[f]);
      const expectedDir = join(EXPECTED, name);
      if (process.env.UPDATE_GOLDEN === '1') {
        mkdirSync(expectedDir, { recursive: true });
        for (const f of FILES) if (first[f] !== '') writeFileSync(join(expectedDir, f), first[f] as string);
      }
      expect(existsSync(expectedDir), `no expected outputs for ${name}: run UPDATE_GOLDEN=1 npm test`).toBe(true);
      for (const f of FILES) {
        const expected = existsSync(join(expectedDir, f)) ? readFileSync(join(expectedDir, f), 'utf8') : '';
        expect(first[f], `${name}/${f} differs from test/golden/expected`).toBe(expected);
      }
    });
  }

  it('a different seed changes the outputs', () => {
    const base = runInto(join(SCENARIOS, 'quickstart.json'), join(work, 'seed-a'));
    const other = runInto(join(SCENARIOS, 'quickstart.json'), join(work, 'seed-b'), 43);
    expect(other['tasks.csv']).not.toBe(base['tasks.csv']);
    expect(other['summary.json']).not.toBe(base['summary.json']);
  });
});
