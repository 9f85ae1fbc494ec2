import { isoAt } from '../engine/time.js';
import { round } from '../metrics/summary.js';
import type { ScenarioModel } from '../model/specs.js';
import type { SampleRow } from '../sim/sampler.js';
import { CsvFile } from './csvFile.js';

/** timeseries.csv: one row per sample; the columns are fixed by the scenario (see README "Outputs"). */
export function timeseriesHeader(model: ScenarioModel): string[] {
  return [
    'time', 'elapsed_s', 'instances_billed', 'instances_spot', 'instances_active', 'instances_in_use', 'cpu_reservation_pct', 'memory_reservation_pct', 'fargate_tasks', 'spot_waiting', 'cost_usd',
    ...model.services.flatMap((s) => ['desired', 'running', 'pending', 'waiting'].map((c) => `service.${s.name}.${c}`)),
    ...model.jobs.flatMap((j) => ['queued', 'pending', 'running'].map((c) => `job.${j.name}.${c}`)),
  ];
}

export class TimeseriesWriter {
  private readonly csv: CsvFile;

  constructor(file: string, private readonly model: ScenarioModel) {
    this.csv = new CsvFile(file, timeseriesHeader(model));
  }

  write(row: SampleRow): void {
    this.csv.write([
      isoAt(this.model.startEpochMs, row.timeMs),
      (row.timeMs / 1000).toFixed(3),
      row.instancesBilled,
      row.instancesSpot,
      row.instancesActive,
      row.instancesInUse,
      round(row.cpuReservation, 3).toFixed(3),
      round(row.memoryReservation, 3).toFixed(3),
      row.fargateTasks,
      row.spotWaiting,
      row.costSoFar.toFixed(6),
      ...row.services.flatMap((s) => [s.desired, s.running, s.pending, s.waiting]),
      ...row.jobs.flatMap((j) => [j.queued, j.pending, j.running]),
    ]);
  }

  close(): void {
    this.csv.close();
  }
}
