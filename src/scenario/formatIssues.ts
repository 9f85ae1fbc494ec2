import type { core } from 'zod';
import { formatPath, type PathPart, type ScenarioIssue } from './issues.js';

/** Turns zod's issues into "path: message" problems a person can act on. */
type ZodIssue = core.$ZodIssue;

const ZOD_PREFIX = /^Invalid (input|option): /;

export function formatZodIssues(issues: readonly ZodIssue[]): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of issues) collect(issue, [], out);
  return out;
}

function collect(issue: ZodIssue, prefix: readonly PathPart[], out: ScenarioIssue[]): void {
  const path = [...prefix, ...(issue.path as PathPart[])];
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) out.push({ path: formatPath([...path, key]), message: 'unknown field' });
      return;
    case 'invalid_union': {
      if ('note' in issue && issue.note === 'No matching discriminator') {
        const options = ((issue as { options?: unknown[] }).options ?? []).map((o) => JSON.stringify(o)).join(' | ');
        out.push({ path: formatPath(path), message: `expected one of ${options}` });
        return;
      }
      const branch = bestBranch(issue.errors);
      if (branch === undefined) out.push({ path: formatPath(path), message: allMissing(issue) ? 'required field is missing' : clean(issue.message) });
      else for (const inner of branch) collect(inner, path, out);
      return;
    }
    case 'invalid_type':
      out.push({ path: formatPath(path), message: isMissing(issue) ? 'required field is missing' : clean(issue.message) });
      return;
    default:
      out.push({ path: formatPath(path), message: clean(issue.message) });
  }
}

/** True when every branch failed only because there was no value at all. */
function allMissing(issue: ZodIssue): boolean {
  if (issue.code === 'invalid_union') return issue.errors.every((branch) => branch.every(allMissing));
  return issue.code === 'invalid_type' && isMissing(issue);
}

/** Needs parsing with reportInput: the issue then carries the offending value. */
function isMissing(issue: ZodIssue): boolean {
  return 'input' in issue ? issue.input === undefined : / received undefined$/.test(issue.message);
}

function clean(message: string): string {
  return message.replace(ZOD_PREFIX, '').replace(/^Expected/, 'expected');
}

/** A branch that failed only because the value had another type says nothing useful. */
function isTypeMismatch(issue: ZodIssue): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === 'invalid_type') return true;
  if (issue.code === 'invalid_union') return issue.errors.every((branch) => branch.every(isTypeMismatch));
  return false;
}

function depth(issue: ZodIssue): number {
  const own = issue.path.length;
  if (issue.code !== 'invalid_union') return own;
  return own + Math.max(0, ...issue.errors.flatMap((branch) => branch.map(depth)));
}

/** The most specific branch of a union, or undefined when every branch was a plain type mismatch. */
function bestBranch(branches: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] | undefined {
  let best: readonly ZodIssue[] | undefined;
  let bestScore = -1;
  for (const branch of branches) {
    if (branch.length === 0 || branch.every(isTypeMismatch)) continue;
    const score = Math.max(...branch.map(depth)) + 1;
    if (score > bestScore) {
      best = branch;
      bestScore = score;
    }
  }
  return best;
}
