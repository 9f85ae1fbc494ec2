import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { scenarioJson } from '../support/scenario.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const load = (json: unknown) => loadScenarioText(JSON.stringify(json), { baseDir: FIXTURES });

describe('CSV inputs (trace arrivals, empirical distributions)', () => {
  it('a timestamp trace replays relative to its first row, from the job start', () => {
    const result = load(
      scenarioJson({ jobs: [{ name: 'j', taskDefinition: 'app', start: '1m', arrivals: { type: 'trace', file: 'trace.csv', column: 'when' }, runTime: '1s' }] }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const arrivals = result.scenario.jobs[0]?.arrivals;
    expect(arrivals).toEqual({ type: 'times', times: [60_000, 64_315, 120_000] });
  });

  it('a trace in seconds is read as offsets, and timeScale stretches timestamp gaps', () => {
    const seconds = load(scenarioJson({ jobs: [{ name: 'j', taskDefinition: 'app', arrivals: { type: 'trace', file: 'durations.csv', timeFormat: 's' }, runTime: '1s' }] }));
    expect(seconds.ok && seconds.scenario.jobs[0]?.arrivals).toEqual({ type: 'times', times: [10_000, 20_000, 30_000] });
    const scaled = load(scenarioJson({ jobs: [{ name: 'j', taskDefinition: 'app', arrivals: { type: 'trace', file: 'trace.csv', column: 'when', timeScale: 2 }, runTime: '1s' }] }));
    expect(scaled.ok && scaled.scenario.jobs[0]?.arrivals).toEqual({ type: 'times', times: [0, 8_630, 120_000] });
  });

  it('an empirical distribution draws only the CSV column values (in the given unit)', () => {
    const result = load(scenarioJson({ jobs: [{ name: 'j', taskDefinition: 'app', arrivals: { type: 'interval', every: '1m' }, runTime: { type: 'empirical', file: 'durations.csv', column: 'seconds', unit: 's' } }] }));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const sampler = result.scenario.jobs[0]?.runTime;
    let seed = 1;
    const rng = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const draws = new Set(Array.from({ length: 100 }, () => sampler?.sample(rng)));
    expect(draws).toEqual(new Set([10_000, 20_000, 30_000]));
  });

  it('missing files, columns and bad cells are path: message problems', () => {
    const missing = load(scenarioJson({ jobs: [{ name: 'j', taskDefinition: 'app', arrivals: { type: 'trace', file: 'nope.csv' }, runTime: '1s' }] }));
    expect(!missing.ok && missing.issues[0]).toEqual({ path: 'jobs[0].arrivals.file', message: 'cannot read nope.csv: ENOENT' });
    const column = load(scenarioJson({ jobs: [{ name: 'j', taskDefinition: 'app', arrivals: { type: 'trace', file: 'trace.csv', column: 'time' }, runTime: '1s' }] }));
    expect(!column.ok && column.issues[0]?.message).toBe('trace.csv has no column "time" (columns: when, size)');
    const cells = load(scenarioJson({ jobs: [{ name: 'j', taskDefinition: 'app', arrivals: { type: 'trace', file: 'trace.csv', column: 'when', timeFormat: 'ms' }, runTime: '1s' }] }));
    expect(!cells.ok && cells.issues[0]?.message).toMatch(/^trace\.csv row 2: "2023-11-16 18:15:46\.6805900" is not a non-negative number$/);
  });
});
