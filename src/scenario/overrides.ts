/**
 * `--set path=value` overrides of a scenario's JSON, applied before validation (so an override is
 * checked like the file itself). Paths are object keys joined by dots and array items in brackets, by
 * name or by position: `services[web].desiredCount`, `services[web].capacityProviderStrategy[1].weight`,
 * `autoScalingGroups[general].MaxSize`. An item's name is its `serviceName`, `family`, `name`,
 * `AutoScalingGroupName`, `capacityProvider`, `PolicyName`, `ScheduledActionName` or `AlarmName`.
 * A value is read as JSON when it parses (`3`, `true`, `"256"`, `{"type":"random"}`), else as a string.
 */
export type PathStep = { readonly key: string } | { readonly item: string };

export interface Override {
  readonly path: string;
  readonly steps: readonly PathStep[];
  readonly value: unknown;
}

const ITEM_NAME_FIELDS = ['serviceName', 'family', 'name', 'AutoScalingGroupName', 'capacityProvider', 'PolicyName', 'ScheduledActionName', 'AlarmName'];

export class OverrideError extends Error {}

export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let i = 0;
  const fail = (why: string) => new OverrideError(`bad path "${path}": ${why}`);
  while (i < path.length) {
    if (path[i] === '[') {
      const end = path.indexOf(']', i);
      if (end < 0) throw fail('a "[" without its "]"');
      const item = path.slice(i + 1, end);
      if (item === '') throw fail('empty brackets');
      steps.push({ item });
      i = end + 1;
      if (i < path.length && path[i] === '.') i++;
      continue;
    }
    let end = i;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
    const key = path.slice(i, end);
    if (key === '') throw fail('an empty key');
    steps.push({ key });
    i = end < path.length && path[end] === '.' ? end + 1 : end;
    if (end < path.length && path[end] === '.' && i === path.length) throw fail('ends with "."');
  }
  if (steps.length === 0) throw fail('nothing to set');
  return steps;
}

export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `path=value` → an override (the value as JSON when it parses). */
export function parseAssignment(text: string): { path: string; steps: PathStep[]; valueText: string } {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new OverrideError(`bad --set "${text}": expected path=value`);
  const path = text.slice(0, eq);
  return { path, steps: parsePath(path), valueText: text.slice(eq + 1) };
}

export function parseOverride(text: string): Override {
  const { path, steps, valueText } = parseAssignment(text);
  return { path, steps, value: parseValue(valueText) };
}

function itemIndex(list: unknown[], item: string, where: string): number {
  const named = list.findIndex((x) => typeof x === 'object' && x !== null && ITEM_NAME_FIELDS.some((f) => (x as Record<string, unknown>)[f] === item));
  if (named >= 0) return named;
  if (/^\d+$/.test(item)) {
    const i = Number(item);
    if (i < list.length) return i;
    throw new OverrideError(`${where}: position ${i} is past the end (${list.length} items)`);
  }
  const names = list.map((x) => (typeof x === 'object' && x !== null ? ITEM_NAME_FIELDS.map((f) => (x as Record<string, unknown>)[f]).find((v) => typeof v === 'string') : undefined)).filter((n) => n !== undefined);
  throw new OverrideError(`${where}: no item named "${item}" (items: ${names.length > 0 ? names.join(', ') : 'none named'})`);
}

/** Returns a copy of `json` with the override applied; the last step may add a key, earlier ones must exist. */
export function applyOverride(json: unknown, override: Override): unknown {
  const root = structuredClone(json);
  let node: unknown = root;
  const steps = override.steps;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s] as PathStep;
    const last = s === steps.length - 1;
    const where = `--set ${override.path}`;
    if ('item' in step) {
      if (!Array.isArray(node)) throw new OverrideError(`${where}: [${step.item}] applies to a list, found ${describe(node)}`);
      const i = itemIndex(node, step.item, where);
      if (last) node[i] = override.value;
      else node = node[i];
    } else {
      if (typeof node !== 'object' || node === null || Array.isArray(node)) throw new OverrideError(`${where}: .${step.key} applies to an object, found ${describe(node)}`);
      const record = node as Record<string, unknown>;
      if (last) record[step.key] = override.value;
      else if (!(step.key in record)) throw new OverrideError(`${where}: no field "${step.key}" here`);
      else node = record[step.key];
    }
  }
  return root;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
