import type { IssueList, PathPart } from '../issues.js';

/** What compile steps share: where problems go, and how to read files the scenario refers to. */
export interface CompileContext {
  readonly issues: IssueList;
  /** The CLI's --duration replaced the scenario's: timeline events after the new end are allowed. */
  readonly durationOverridden: boolean;
  /** Reads a file named relative to the scenario file; undefined (with an issue at `path`) when it cannot. */
  readText(relativePath: string, path: readonly PathPart[]): string | undefined;
}
