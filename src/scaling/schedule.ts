import { Cron } from 'croner';
import { zonedToEpoch } from '../engine/timeZone.js';
import type { ScheduleSpec } from '../model/scalingSpecs.js';

/**
 * Application Auto Scaling schedules (aws-behaviour.md §4 "Scheduled scaling"): at(), rate() and
 * cron() with AWS's six fields (Minutes Hours Day-of-month Month Day-of-week Year; `?` in one of the
 * day fields; day-of-week 1–7 = SUN–SAT). cron() runs through croner, which follows the time zone's DST.
 */
const RATE_UNITS: Readonly<Record<string, number>> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/** Parses a Schedule expression; a string is the problem found. */
export function parseSchedule(text: string, timeZone: string): ScheduleSpec | string {
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(text);
  if (at !== null) {
    const [y, mo, d, h, mi, s] = at.slice(1).map(Number) as [number, number, number, number, number, number];
    return { type: 'at', epochMs: zonedToEpoch(Date.UTC(y, mo - 1, d, h, mi, s), timeZone) };
  }
  const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(text);
  if (rate !== null) {
    const n = Number(rate[1]);
    const unit = rate[2] as string;
    if (n < 1) return 'rate() needs a value of at least 1';
    if ((n === 1) !== !unit.endsWith('s')) return n === 1 ? `write "rate(1 ${unit.replace(/s$/, '')})"` : `write "rate(${n} ${unit}s)"`;
    return { type: 'rate', everyMs: n * (RATE_UNITS[unit] as number) };
  }
  const cron = /^cron\((.*)\)$/.exec(text);
  if (cron !== null) return parseCron((cron[1] as string).trim(), timeZone);
  return 'expected at(yyyy-mm-ddThh:mm:ss), rate(<n> minute|minutes|hour|hours|day|days) or cron(<6 fields>)';
}

function parseCron(body: string, timeZone: string): ScheduleSpec | string {
  const fields = body.split(/\s+/);
  if (fields.length !== 6) return `cron() needs 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), got ${fields.length}`;
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) return 'cron(): exactly one of Day-of-month and Day-of-week must be "?"';
  if (/W/i.test(dom)) return 'cron(): "W" (nearest weekday) is not supported';
  // AWS numbers days of the week 1–7 from Sunday; croner 0–6.
  const weekday = dow === '?' ? '*' : dow.replace(/(^|[,-])([1-7])(?=$|[,\-#/L])/gi, (_m, sep: string, d: string) => `${sep}${Number(d) - 1}`);
  // AWS writes "start/step" (e.g. 0/15); croner wants "start-max/step".
  const stepFrom = (field: string, max: number) => field.split(',').map((part) => part.replace(/^(\d+)\/(\d+)$/, `$1-${max}/$2`)).join(',');
  const pattern = `0 ${stepFrom(min, 59)} ${stepFrom(hour, 23)} ${dom === '?' ? '*' : stepFrom(dom, 31)} ${stepFrom(month, 12)} ${stepFrom(weekday, 6)}`;
  try {
    new Cron(pattern, { paused: true, timezone: timeZone });
  } catch (error) {
    return `cron(): ${(error as Error).message}`;
  }
  const years = parseYears(year);
  return typeof years === 'string' ? years : { type: 'cron', pattern, years };
}

function parseYears(field: string): (readonly [number, number])[] | undefined | string {
  if (field === '*' || field === '?') return undefined;
  const out: [number, number][] = [];
  for (const part of field.split(',')) {
    const m = /^(\d{4})(?:-(\d{4}))?$/.exec(part);
    if (m === null) return `cron(): year field "${field}" must be *, a year, a range or a list`;
    out.push([Number(m[1]), Number(m[2] ?? m[1])]);
  }
  return out;
}

const crons = new Map<string, Cron>();

/**
 * The first firing strictly after `afterEpochMs`, or undefined when there is none. rate() fires at
 * origin + k × rate (k ≥ 1), the origin being StartTime or the scenario start.
 */
export function nextFiring(schedule: ScheduleSpec, timeZone: string, afterEpochMs: number, originEpochMs: number): number | undefined {
  switch (schedule.type) {
    case 'at':
      return schedule.epochMs > afterEpochMs ? schedule.epochMs : undefined;
    case 'rate': {
      const k = Math.floor((afterEpochMs - originEpochMs) / schedule.everyMs) + 1;
      return originEpochMs + Math.max(1, k) * schedule.everyMs;
    }
    case 'cron': {
      const key = `${schedule.pattern}|${timeZone}`;
      let cron = crons.get(key);
      if (cron === undefined) {
        cron = new Cron(schedule.pattern, { paused: true, timezone: timeZone });
        crons.set(key, cron);
      }
      let from = new Date(afterEpochMs);
      for (let guard = 0; guard < 100_000; guard++) {
        const next = cron.nextRun(from);
        if (next === null) return undefined;
        const year = next.getUTCFullYear();
        if (schedule.years === undefined || schedule.years.some(([a, b]) => year >= a && year <= b)) return next.getTime();
        if (schedule.years.every(([, b]) => year > b)) return undefined;
        from = next;
      }
      return undefined;
    }
  }
}
