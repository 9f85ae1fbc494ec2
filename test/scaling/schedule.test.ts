import { describe, expect, it } from 'vitest';
import { nextFiring, parseSchedule } from '../../src/scaling/schedule.js';
import type { ScheduleSpec } from '../../src/model/scalingSpecs.js';

// Reference: aws-behaviour.md §4 "Scheduled scaling": at(), rate(), cron() with six fields, `?`,
// day-of-week 1–7 = SUN–SAT, IANA Timezone with DST followed.
function firings(expr: string, zone: string, from: string, n: number): string[] {
  const spec = parseSchedule(expr, zone) as ScheduleSpec;
  expect(typeof spec).toBe('object');
  const out: string[] = [];
  let t = Date.parse(from);
  for (let i = 0; i < n; i++) {
    const next = nextFiring(spec, zone, t, Date.parse(from));
    if (next === undefined) break;
    out.push(new Date(next).toISOString());
    t = next;
  }
  return out;
}

describe('schedules', () => {
  it('cron on weekdays only (MON-FRI), skipping the weekend', () => {
    // 2026-03-06 is a Friday.
    expect(firings('cron(0 8 ? * MON-FRI *)', 'UTC', '2026-03-05T12:00:00Z', 3)).toEqual(['2026-03-06T08:00:00.000Z', '2026-03-09T08:00:00.000Z', '2026-03-10T08:00:00.000Z']);
  });

  it('numeric days of the week count from Sunday = 1, with ranges and lists', () => {
    // 2-6 = MON-FRI; 1,7 = SUN,SAT.
    expect(firings('cron(0 8 ? * 2-6 *)', 'UTC', '2026-03-05T12:00:00Z', 2)).toEqual(['2026-03-06T08:00:00.000Z', '2026-03-09T08:00:00.000Z']);
    expect(firings('cron(30 9 ? * 1,7 *)', 'UTC', '2026-03-05T12:00:00Z', 2)).toEqual(['2026-03-07T09:30:00.000Z', '2026-03-08T09:30:00.000Z']);
    expect(firings('cron(0 0/6 1,15 * ? *)', 'UTC', '2026-03-14T20:00:00Z', 3)).toEqual(['2026-03-15T00:00:00.000Z', '2026-03-15T06:00:00.000Z', '2026-03-15T12:00:00.000Z']);
  });

  it('follows DST in a non-UTC zone: 08:00 Berlin is 07:00 UTC in winter and 06:00 UTC in summer', () => {
    // Europe/Berlin switches to CEST on 2026-03-29.
    expect(firings('cron(0 8 * * ? *)', 'Europe/Berlin', '2026-03-27T12:00:00Z', 3)).toEqual(['2026-03-28T07:00:00.000Z', '2026-03-29T06:00:00.000Z', '2026-03-30T06:00:00.000Z']);
  });

  it('honours the year field', () => {
    expect(firings('cron(0 12 1 1 ? 2028)', 'UTC', '2026-03-01T00:00:00Z', 2)).toEqual(['2028-01-01T12:00:00.000Z']);
  });

  it('at() is local time in the zone; rate() counts from the origin', () => {
    expect(firings('at(2026-07-01T09:00:00)', 'Europe/Berlin', '2026-03-01T00:00:00Z', 2)).toEqual(['2026-07-01T07:00:00.000Z']);
    expect(firings('rate(90 minutes)', 'UTC', '2026-03-01T00:00:00Z', 2)).toEqual(['2026-03-01T01:30:00.000Z', '2026-03-01T03:00:00.000Z']);
  });

  it('rejects what AWS rejects', () => {
    expect(parseSchedule('cron(0 8 * * MON *)', 'UTC')).toBe('cron(): exactly one of Day-of-month and Day-of-week must be "?"');
    expect(parseSchedule('cron(0 8 * *)', 'UTC')).toMatch(/6 fields/);
    expect(parseSchedule('rate(1 minutes)', 'UTC')).toBe('write "rate(1 minute)"');
    expect(parseSchedule('every day', 'UTC')).toMatch(/^expected at/);
  });
});
