import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { isoAt } from '../engine/time.js';
import type { ExplanationRow } from '../metrics/placementExplainer.js';
import type { ExplanationLine } from './explanationText.js';

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

export function readExplanations(file: string): ExplanationLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ExplanationLine);
}
