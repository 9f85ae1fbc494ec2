import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ScenarioModel } from '../model/specs.js';
import { compileScenario } from './compile/index.js';
import { formatZodIssues } from './formatIssues.js';
import { IssueList, formatPath, type ScenarioIssue } from './issues.js';
import { Scenario } from './schema/scenario.js';
import { applyOverride, OverrideError, type Override } from './overrides.js';

/** Reading a scenario: text → JSON → schema → compiled model, or the list of problems. */
export type LoadResult = { ok: true; scenario: ScenarioModel } | { ok: false; issues: readonly ScenarioIssue[] };

export interface LoadOptions {
  /** Folder that relative file names (traces, empirical CSVs) are read from. */
  readonly baseDir: string;
  /** Overrides applied before compiling: the CLI's --seed and --duration. */
  readonly seed?: number | undefined;
  readonly duration?: string | undefined;
  /** `--set path=value` overrides, applied in order before validation. */
  readonly overrides?: readonly Override[] | undefined;
  readonly readText?: (absolutePath: string) => string;
}

export function loadScenarioText(text: string, options: LoadOptions): LoadResult {
  if (text.trim() === '') return fail('the file is empty: expected a JSON object');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`malformed JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('expected a JSON object at the top level');
  for (const override of options.overrides ?? []) {
    try {
      json = applyOverride(json, override);
    } catch (error) {
      if (error instanceof OverrideError) return { ok: false, issues: [{ path: `--set ${override.path}`, message: error.message.replace(/^--set [^:]*: /, '') }] };
      throw error;
    }
  }
  const withOverrides: Record<string, unknown> = { ...(json as Record<string, unknown>) };
  if (options.seed !== undefined) withOverrides.seed = options.seed;
  if (options.duration !== undefined) withOverrides.duration = options.duration;
  const parsed = Scenario.safeParse(withOverrides, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: formatZodIssues(parsed.error.issues) };
  const issues = new IssueList();
  const read = options.readText ?? ((file: string) => readFileSync(file, 'utf8'));
  const scenario = compileScenario(
    {
      issues,
      durationOverridden: options.duration !== undefined,
      readText: (relativePath, path) => {
        try {
          return read(resolve(options.baseDir, relativePath));
        } catch (error) {
          issues.add(path, `cannot read ${relativePath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
          return undefined;
        }
      },
    },
    parsed.data,
  );
  return issues.empty ? { ok: true, scenario } : { ok: false, issues: issues.list };
}

export function loadScenarioFile(file: string, overrides: Omit<LoadOptions, 'baseDir'> = {}): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return loadScenarioText(text, { ...overrides, baseDir: dirname(resolve(file)) });
}

function fail(message: string): LoadResult {
  return { ok: false, issues: [{ path: formatPath([]), message }] };
}
