/**
 * Simulated time: an integer number of milliseconds since the scenario start.
 * Durations in scenarios are written "250ms", "90s", "5m", "2h", "30d" (parts may be combined, "1h30m")
 * or as a plain non-negative integer of milliseconds.
 */
export type SimTime = number;

export const MS = 1;
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const UNIT_MS: Readonly<Record<string, number>> = { ms: MS, s: SECOND, m: MINUTE, h: HOUR, d: DAY };

/** One or more `<number><unit>` parts, e.g. "90s", "1h30m", "1.5h". */
export const DURATION_PATTERN = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/** Parses a duration string or integer milliseconds; returns undefined when the text is not a duration. */
export function parseDuration(value: string | number): SimTime | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  }
  const text = value.trim();
  if (!DURATION_PATTERN.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(PART)) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  }
  const ms = Math.round(total);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** Formats milliseconds as seconds with three decimals, the form used in output files. */
export function formatSeconds(ms: SimTime): string {
  return (ms / 1000).toFixed(3);
}

/** ISO-8601 timestamp of a simulated instant, given the scenario start in epoch milliseconds. */
export function isoAt(startEpochMs: number, ms: SimTime): string {
  return new Date(startEpochMs + ms).toISOString();
}

/** A human form for terminal summaries: "2h 5m", "45s", "1d 3h". */
export function humanDuration(ms: SimTime): string {
  if (ms < SECOND) return `${ms}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / SECOND);
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.slice(0, 2).join(' ');
}
