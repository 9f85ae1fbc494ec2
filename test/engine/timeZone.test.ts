import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wallClockMs, ZoneClock } from '../../src/engine/timeZone.js';

const DAY = 86_400_000;

/** The reference: local wall time straight from the platform's zone data, one lookup per instant. */
function reference(epochMs: number, zone: string): { hourOfDay: number; weekday: number } {
  const wall = wallClockMs(epochMs, zone);
  return { hourOfDay: (((wall % DAY) + DAY) % DAY) / 3_600_000, weekday: new Date(wall).getUTCDay() };
}

describe('ZoneClock (diurnal demand: local time of day and weekday, aws-behaviour.md §4 scheduled times)', () => {
  // Whole-hour, half-hour and 45-minute offsets, DST in both hemispheres, and Lord Howe's 30-minute DST.
  const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kolkata'];

  it('equals a fresh zone lookup at every instant, instants moving forward as the simulator asks', () => {
    const start = Date.UTC(2026, 2, 20);
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(fc.integer({ min: 0, max: 4 * 3_600_000 }), { minLength: 1, maxLength: 60 }), (zone, steps) => {
        const clock = new ZoneClock(zone);
        let t = start;
        for (const step of steps) {
          t += step;
          clock.set(t);
          const want = reference(t, zone);
          if (clock.hourOfDay !== want.hourOfDay || clock.weekday !== want.weekday) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('passes local midnight inside a UTC hour (Kathmandu, UTC+5:45) with the next weekday', () => {
    const clock = new ZoneClock('Asia/Kathmandu');
    // Friday 2026-01-02 18:14:59.999 UTC is 23:59:59.999 local; a millisecond later it is Saturday 00:00.
    clock.set(Date.UTC(2026, 0, 2, 18, 14, 59, 999));
    expect(clock.weekday).toBe(5);
    expect(clock.hourOfDay).toBeCloseTo(24, 5);
    clock.set(Date.UTC(2026, 0, 2, 18, 15));
    expect(clock.weekday).toBe(6);
    expect(clock.hourOfDay).toBe(0);
  });

  it('follows the DST change in Europe/Berlin (UTC+1 → UTC+2 on 2026-03-29)', () => {
    const clock = new ZoneClock('Europe/Berlin');
    clock.set(Date.UTC(2026, 2, 29, 0, 30));
    expect(clock.hourOfDay).toBe(1.5);
    clock.set(Date.UTC(2026, 2, 29, 1, 30));
    expect(clock.hourOfDay).toBe(3.5);
  });
});
