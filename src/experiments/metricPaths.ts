/**
 * Every numeric metric of a summary as a flat, ordered list of (path, value). Paths use the same
 * syntax as `--set`: object keys joined by dots, array items by their name in brackets
 * (`services[web].availability`, `cost.byPool[general/m5.large/us-east-1a].costUsd`) or by position
 * when they have no name. The `scenario` section (name, seed, duration) describes the run, not its
 * outcome, and is left out.
 */
export type MetricList = readonly (readonly [string, number])[];

/** Fields that name an array item, in order of preference. */
const NAME_FIELDS = ['serviceName', 'name', 'pool', 'capacityProvider', 'target', 'family', 'zone'] as const;

/** The metrics terminal reports and HTML cards show first: cost, availability, demand served, job waits, interruptions. */
const HEADLINE = [/^cost\.totalUsd$/, /^services\[[^\]]+\]\.availability$/, /^services\[[^\]]+\]\.demand\.servedShare$/, /^jobs\[[^\]]+\]\.waitSeconds\.(mean|p95)$/, /^spot\.interruptions$/];

export function isHeadline(metric: string): boolean {
  return HEADLINE.some((re) => re.test(metric));
}

export function itemName(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as Record<string, unknown>;
  for (const field of NAME_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

export function flattenMetrics(summary: unknown): MetricList {
  const out: [string, number][] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'number') {
      if (Number.isFinite(value)) out.push([path, value]);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${itemName(item) ?? i}]`));
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (path === '' && key === 'scenario') continue;
        visit(child, path === '' ? key : `${path}.${key}`);
      }
    }
  };
  visit(summary, '');
  return out;
}
