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
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

const WEEKDAYS: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export interface LocalTime {
  /** Local wall-clock time expressed as if it were UTC (epoch ms). */
  readonly wallMs: number;
  /** 0 = Sunday. */
  readonly weekday: number;
}

/** The local wall-clock time of an instant in a zone. */
export function localTime(epochMs: number, zone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  const wallMs = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) + (epochMs % 1000 + 1000) % 1000;
  return { wallMs, weekday: WEEKDAYS[parts.weekday as string] ?? 0 };
}

/** UTC offset of a zone at an instant, ms (local − UTC). */
export function offsetMs(epochMs: number, zone: string): number {
  return localTime(epochMs, zone).wallMs - epochMs;
}

/** The instant a local wall-clock time (given as if UTC) names in a zone; in a DST gap, the time after it. */
export function zonedToEpoch(wallMs: number, zone: string): number {
  let guess = wallMs - offsetMs(wallMs, zone);
  guess = wallMs - offsetMs(guess, zone);
  return guess;
}

/** Caches local times per UTC hour for one zone (offsets change only on hour boundaries in practice). */
export class ZoneClock {
  private hour = Number.NaN;
  private offset = 0;
  private weekdayAtHour = 0;
  private wallHourStart = 0;

  constructor(private readonly zone: string) {}

  /** Local time of day in hours [0, 24) and weekday (0 = Sunday) of an instant. */
  at(epochMs: number): { hourOfDay: number; weekday: number } {
    const hour = Math.floor(epochMs / 3_600_000);
    if (hour !== this.hour) {
      this.hour = hour;
      const local = localTime(hour * 3_600_000, this.zone);
      this.offset = local.wallMs - hour * 3_600_000;
      this.weekdayAtHour = local.weekday;
      this.wallHourStart = local.wallMs;
    }
    const wall = epochMs + this.offset;
    const dayStart = Math.floor(this.wallHourStart / 86_400_000) * 86_400_000;
    const dayShift = Math.floor((wall - dayStart) / 86_400_000);
    return { hourOfDay: ((wall % 86_400_000) + 86_400_000) % 86_400_000 / 3_600_000, weekday: (this.weekdayAtHour + dayShift + 7) % 7 };
  }
}
