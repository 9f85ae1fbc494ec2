import { closeSync, openSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { isoAt } from '../engine/time.js';
import { round } from '../metrics/summary.js';
import type { ScenarioModel } from '../model/specs.js';
import type { SampleRow } from '../sim/sampler.js';

/** timeseries.csv: one row per sample; the columns are fixed by the scenario (see README "Outputs"). */
export function timeseriesHeader(model: ScenarioModel): string[] {
  return [
    'time', 'elapsed_s', 'instances_billed', 'instances_active', 'instances_in_use', 'cpu_reservation_pct', 'memory_reservation_pct', 'cost_usd',
    ...model.services.flatMap((s) => ['desired', 'running', 'pending', 'waiting'].map((c) => `service.${s.name}.${c}`)),
    ...model.jobs.flatMap((j) => ['queued', 'pending', 'running'].map((c) => `job.${j.name}.${c}`)),
  ];
}

export class TimeseriesWriter {
  private readonly fd: number;
  private buffer: (string | number)[][] = [];

  constructor(file: string, private readonly model: ScenarioModel) {
    this.fd = openSync(file, 'w');
    writeSync(this.fd, stringify([timeseriesHeader(model)]));
  }

  write(row: SampleRow): void {
    this.buffer.push([
      isoAt(this.model.startEpochMs, row.timeMs),
      (row.timeMs / 1000).toFixed(3),
      row.instancesBilled,
      row.instancesActive,
      row.instancesInUse,
      round(row.cpuReservation, 3).toFixed(3),
      round(row.memoryReservation, 3).toFixed(3),
      row.costSoFar.toFixed(6),
      ...row.services.flatMap((s) => [s.desired, s.running, s.pending, s.waiting]),
      ...row.jobs.flatMap((j) => [j.queued, j.pending, j.running]),
    ]);
    if (this.buffer.length >= 4096) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, stringify(this.buffer));
    this.buffer = [];
  }
}
