/** Validation problems, each tied to a JSON path in the scenario ("services[0].placementStrategy[1].field"). */
export type PathPart = string | number;

export interface ScenarioIssue {
  readonly path: string;
  readonly message: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatPath(parts: readonly PathPart[]): string {
  if (parts.length === 0) return '$';
  let out = '';
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (IDENTIFIER.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

export class IssueList {
  private readonly items: ScenarioIssue[] = [];

  add(path: readonly PathPart[], message: string): void {
    this.items.push({ path: formatPath(path), message });
  }

  get list(): readonly ScenarioIssue[] {
    return this.items;
  }

  get empty(): boolean {
    return this.items.length === 0;
  }
}

export function formatIssueLines(issues: readonly ScenarioIssue[]): string[] {
  return issues.map((issue) => `${issue.path}: ${issue.message}`);
}
