import { describe, expect, it } from 'vitest';
import { formatSeconds, humanDuration, parseDuration } from '../../src/engine/time.js';

describe('parseDuration', () => {
  it('reads the documented units and combinations', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('30d')).toBe(2_592_000_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration(1234)).toBe(1234);
  });

  it('rejects malformed text, negative and fractional milliseconds', () => {
    for (const bad of ['', '5', '5 minutes', '-5s', 's', '5x', '1h 30m']) expect(parseDuration(bad)).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(1.5)).toBeUndefined();
  });

  it('formats seconds and human durations', () => {
    expect(formatSeconds(1234)).toBe('1.234');
    expect(humanDuration(90_061_000)).toBe('1d 1h');
    expect(humanDuration(45_000)).toBe('45s');
  });
});
