import { describe, expect, it } from 'vitest';
import { gridPoints, gridSize, parseShard, parseSweepParameter, splitValues } from '../../src/experiments/sweepGrid.js';
import { mergeShards, type SweepDoc } from '../../src/experiments/sweepDoc.js';

const params = [parseSweepParameter('a=1,2,3'), parseSweepParameter('b=x,y')];

describe('sweep grids and shards', () => {
  it('is the cartesian product with the first parameter varying slowest', () => {
    expect(gridSize(params)).toBe(6);
    expect(gridPoints(params).map((p) => p.values.join(''))).toEqual(['1x', '1y', '2x', '2y', '3x', '3y']);
  });

  it('splits values on commas outside brackets, braces and quotes', () => {
    expect(splitValues('[1,2],{"a":1,"b":2},"x,y", 4')).toEqual(['[1,2]', '{"a":1,"b":2}', '"x,y"', '4']);
    expect(() => parseSweepParameter('a=1,,2')).toThrow(/empty value/);
  });

  it('deals points round-robin to shards, which together cover the grid once', () => {
    const shards = [0, 1, 2, 3].map((index) => gridPoints(params, { index, count: 4 }).map((p) => p.index));
    expect(shards).toEqual([[0, 4], [1, 5], [2], [3]]);
  });

  it('reads the shard index from array-job variables when only the count is given', () => {
    expect(parseShard('2/5', {})).toEqual({ index: 2, count: 5 });
    expect(parseShard('4', { AWS_BATCH_JOB_ARRAY_INDEX: '3' })).toEqual({ index: 3, count: 4 });
    expect(parseShard('4', { JOB_COMPLETION_INDEX: '1' })).toEqual({ index: 1, count: 4 });
    expect(parseShard('4', { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1' })).toEqual({ index: 3, count: 4 });
    expect(() => parseShard('4', {})).toThrow(/none of AWS_BATCH_JOB_ARRAY_INDEX/);
    expect(() => parseShard('4/4', {})).toThrow(/from 0 to 3/);
  });

  it('refuses to merge shards of different sweeps, duplicated or missing points', () => {
    const header = { scenario: 's', seed: 1, replications: 2, parameters: params };
    const point = (index: number) => ({ index, values: [], metrics: [] });
    const shard = (index: number, points: number[]): SweepDoc => ({ sweep: header, shard: { index, count: 2 }, points: points.map(point) });
    expect(mergeShards([shard(1, [1, 3, 5]), shard(0, [0, 2, 4])]).points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => mergeShards([shard(0, [0, 2, 4])])).toThrow('grid points missing: 1, 3, 5');
    expect(() => mergeShards([shard(0, [0, 2, 4]), shard(0, [0, 2, 4])])).toThrow('appears in more than one file');
    expect(() => mergeShards([shard(0, [0, 2, 4]), { ...shard(1, [1, 3, 5]), sweep: { ...header, seed: 2 } }])).toThrow('different sweeps');
  });
});
