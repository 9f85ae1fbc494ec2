import { isoAt } from '../engine/time.js';
import type { ScenarioModel } from '../model/specs.js';
import type { ScalingActivityRow } from '../sim/simulate.js';
import { CsvFile } from './csvFile.js';

/** scaling.csv: one row per autoscaling decision (from = to: considered and blocked, e.g. by a cooldown). */
export class ScalingWriter {
  private readonly csv: CsvFile;

  constructor(file: string, private readonly model: ScenarioModel) {
    this.csv = new CsvFile(file, ['time', 'elapsed_s', 'target', 'source', 'from', 'to', 'reason']);
  }

  write(row: ScalingActivityRow): void {
    this.csv.write([isoAt(this.model.startEpochMs, row.timeMs), (row.timeMs / 1000).toFixed(3), row.target, row.source, row.from, row.to, row.reason]);
  }

  close(): void {
    this.csv.close();
  }
}
