import { closeSync, openSync, writeSync } from 'node:fs';
import { isoAt } from '../engine/time.js';
import type { ExplanationRow } from '../metrics/placementExplainer.js';
import type { ExplanationLine } from './explanationText.js';
import { forEachLine } from './lineReader.js';

/** explanations.jsonl: one JSON object per explained placement, in the order they happened. */
export class ExplanationsWriter {
  private readonly fd: number;
  private buffer: string[] = [];

  constructor(file: string, private readonly startEpochMs: number) {
    this.fd = openSync(file, 'w');
  }

  write(row: ExplanationRow): void {
    const { taskId, timeMs, ...rest } = row;
    this.buffer.push(JSON.stringify({ taskId, time: isoAt(this.startEpochMs, timeMs).replace('.000Z', 'Z'), timeMs, ...rest }));
    if (this.buffer.length >= 512) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, `${this.buffer.join('\n')}\n`);
    this.buffer = [];
  }
}

/** The explanation of task `id` (as written in tasks.csv), read line by line (the file can outgrow a string); undefined when none. */
export function findExplanation(file: string, id: string): ExplanationLine | undefined {
  // Each line starts with the task id (see write), so only a line with the right start is parsed.
  const start = `{"taskId":${id},`;
  let found: ExplanationLine | undefined;
  forEachLine(file, (line) => {
    if (!line.startsWith(start)) return;
    const row = JSON.parse(line) as ExplanationLine;
    if (String(row.taskId) !== id) return;
    found = row;
    return false;
  });
  return found;
}
