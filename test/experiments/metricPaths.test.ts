import { describe, expect, it } from 'vitest';
import { flattenMetrics } from '../../src/experiments/metricPaths.js';
import { replicationSeed } from '../../src/experiments/replicationSeeds.js';

describe('summary metrics as paths', () => {
  it('names array items, skips the scenario section and non-numbers', () => {
    const summary = { scenario: { seed: 4 }, cost: { totalUsd: 2, byPool: [{ pool: 'g/m5/us-east-1a', costUsd: 1 }] }, services: [{ serviceName: 'web', availability: 0.99, tasks: { started: 3 } }], flags: { ok: true }, list: [5] };
    expect(flattenMetrics(summary)).toEqual([
      ['cost.totalUsd', 2],
      ['cost.byPool[g/m5/us-east-1a].costUsd', 1],
      ['services[web].availability', 0.99],
      ['services[web].tasks.started', 3],
      ['list[0]', 5],
    ]);
  });
});

describe('replication seeds', () => {
  it('keep the scenario seed for replication 0 and derive the rest from (seed, index) alone', () => {
    expect(replicationSeed(42, 0)).toBe(42);
    expect(replicationSeed(42, 1)).toBe(replicationSeed(42, 1));
    expect(replicationSeed(42, 1)).not.toBe(replicationSeed(43, 1));
    const seeds = new Set(Array.from({ length: 100 }, (_, i) => replicationSeed(42, i)));
    expect(seeds.size).toBe(100);
  });
});
