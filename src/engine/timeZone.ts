/**
 * Wall-clock time in an IANA time zone (DST followed), through the platform's Intl data. Used by
 * diurnal demand and scheduled scaling; results per hour are cached since offsets change on the hour.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** The local wall-clock time of an instant in a zone, expressed as if it were UTC (epoch ms). */
export function wallClockMs(epochMs: number, zone: string): number {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) + ((epochMs % 1000) + 1000) % 1000;
}

/** UTC offset of a zone at an instant, ms (local − UTC). */
export function offsetMs(epochMs: number, zone: string): number {
  return wallClockMs(epochMs, zone) - epochMs;
}

/** The instant a local wall-clock time (given as if UTC) names in a zone; in a DST gap, the time after it. */
export function zonedToEpoch(wallMs: number, zone: string): number {
  let guess = wallMs - offsetMs(wallMs, zone);
  guess = wallMs - offsetMs(guess, zone);
  return guess;
}

const DAY_MS = 86_400_000;

/** Local time of day and weekday in one zone, with the UTC offset looked up once per UTC hour. */
export class ZoneClock {
  private hour = Number.NaN;
  private offset = 0;

  constructor(private readonly zone: string) {}

  /** Local time of day in hours [0, 24) and weekday (0 = Sunday) of an instant. */
  at(epochMs: number): { hourOfDay: number; weekday: number } {
    const hour = Math.floor(epochMs / 3_600_000);
    if (hour !== this.hour) {
      this.hour = hour;
      this.offset = offsetMs(hour * 3_600_000, this.zone);
    }
    const wall = epochMs + this.offset;
    // 1970-01-01 (day 0 of the wall clock) was a Thursday.
    return { hourOfDay: (((wall % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000, weekday: (((Math.floor(wall / DAY_MS) + 4) % 7) + 7) % 7 };
  }
}
