import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seconds } from '../../src/report/tasksCsv.js';

describe('tasks.csv times', () => {
  it('write seconds with three decimals exactly as toFixed(3) does, for whole and fractional milliseconds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(5_000_000_000), fc.integer({ min: 0, max: 2000 }), fc.double({ min: 0, max: 1e7, noNaN: true })), (ms) => {
        expect(seconds(ms)).toBe((ms / 1000).toFixed(3));
      }),
      { numRuns: 2000 },
    );
    expect(seconds(-1)).toBe('');
    expect(seconds(0)).toBe('0.000');
    expect(seconds(1005)).toBe('1.005');
  });
});
