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

/**
 * Local time of day and weekday in one zone, with the UTC offset looked up once per UTC hour: `set`
 * an instant, then read `hourOfDay` and `weekday` (fields, so a call allocates nothing).
 */
export class ZoneClock {
  private hour = Number.NaN;
  /** Local milliseconds since midnight at the start of the cached UTC hour, and that local day's weekday. */
  private msOfDayAtHour = 0;
  private weekdayAtHour = 0;
  /** Local time of day in hours [0, 24) of the instant last set. */
  hourOfDay = 0;
  /** Weekday (0 = Sunday) of the instant last set. */
  weekday = 0;

  constructor(private readonly zone: string) {}

  /** Sets hourOfDay and weekday to those of an instant (integer epoch ms). */
  set(epochMs: number): void {
    const hour = Math.floor(epochMs / 3_600_000);
    if (hour !== this.hour) {
      this.hour = hour;
      const wall = hour * 3_600_000 + offsetMs(hour * 3_600_000, this.zone);
      const day = Math.floor(wall / DAY_MS);
      this.msOfDayAtHour = wall - day * DAY_MS;
      // 1970-01-01 (day 0 of the wall clock) was a Thursday.
      this.weekdayAtHour = (((day + 4) % 7) + 7) % 7;
    }
    // Within a UTC hour the offset holds, so local time advances with the instant (and may pass midnight).
    let msOfDay = this.msOfDayAtHour + (epochMs - this.hour * 3_600_000);
    let weekday = this.weekdayAtHour;
    if (msOfDay >= DAY_MS) {
      msOfDay -= DAY_MS;
      weekday = weekday === 6 ? 0 : weekday + 1;
    }
    this.hourOfDay = msOfDay / 3_600_000;
    this.weekday = weekday;
  }
}
