import { parseAssignment } from '../scenario/overrides.js';

/**
 * A sweep's grid: each `--set path=v1,v2,…` is one parameter; the grid is their cartesian product
 * with the first parameter varying slowest (point 0 takes every parameter's first value). Values are
 * split on commas outside brackets, braces and quotes, so `--set 'x=[1,2],[3]'` has two values.
 * Shard i of n holds the points p with p mod n = i.
 */
export interface SweepParameter {
  readonly path: string;
  readonly values: readonly string[];
}

export interface GridPoint {
  readonly index: number;
  /** One value text per parameter, in parameter order. */
  readonly values: readonly string[];
}

export function splitValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}

export function parseSweepParameter(text: string): SweepParameter {
  const { path, valueText } = parseAssignment(text);
  const values = splitValues(valueText);
  if (values.some((v) => v === '')) throw new Error(`bad --set "${text}": an empty value in the list`);
  return { path, values };
}

export function gridSize(parameters: readonly SweepParameter[]): number {
  return parameters.reduce((n, p) => n * p.values.length, 1);
}

export function gridPoint(parameters: readonly SweepParameter[], index: number): GridPoint {
  const values: string[] = new Array<string>(parameters.length);
  let rest = index;
  for (let k = parameters.length - 1; k >= 0; k--) {
    const p = parameters[k] as SweepParameter;
    values[k] = p.values[rest % p.values.length] as string;
    rest = Math.floor(rest / p.values.length);
  }
  return { index, values };
}

export function gridPoints(parameters: readonly SweepParameter[], shard: Shard = { index: 0, count: 1 }): GridPoint[] {
  const points: GridPoint[] = [];
  for (let p = shard.index; p < gridSize(parameters); p += shard.count) points.push(gridPoint(parameters, p));
  return points;
}

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Environment variables that carry an array job's index, in the order they are read. */
export const SHARD_INDEX_VARIABLES = ['AWS_BATCH_JOB_ARRAY_INDEX', 'JOB_COMPLETION_INDEX', 'SLURM_ARRAY_TASK_ID'] as const;

/**
 * `i/n`, or `n` alone with the index from the environment: AWS Batch array jobs
 * (AWS_BATCH_JOB_ARRAY_INDEX), Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX), Slurm job arrays
 * (SLURM_ARRAY_TASK_ID, counted from SLURM_ARRAY_TASK_MIN when set).
 */
export function parseShard(text: string, env: Readonly<Record<string, string | undefined>>): Shard {
  const bad = (why: string) => new Error(`bad --shard "${text}": ${why}`);
  const parts = text.split('/');
  let indexText: string | undefined;
  let countText: string;
  if (parts.length === 2) [indexText, countText] = parts as [string, string];
  else if (parts.length === 1) {
    countText = parts[0] as string;
    const name = SHARD_INDEX_VARIABLES.find((v) => env[v] !== undefined && env[v] !== '');
    if (name === undefined) throw bad(`no index given and none of ${SHARD_INDEX_VARIABLES.join(', ')} is set`);
    const raw = Number(env[name]);
    const min = name === 'SLURM_ARRAY_TASK_ID' && env.SLURM_ARRAY_TASK_MIN !== undefined ? Number(env.SLURM_ARRAY_TASK_MIN) : 0;
    indexText = String(raw - min);
  } else throw bad('expected i/n or n');
  const index = Number(indexText);
  const count = Number(countText);
  if (!Number.isInteger(count) || count < 1) throw bad('the shard count must be a whole number >= 1');
  if (!Number.isInteger(index) || index < 0 || index >= count) throw bad(`the shard index must be a whole number from 0 to ${count - 1}`);
  return { index, count };
}
