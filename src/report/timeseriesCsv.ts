import { isoAt } from '../engine/time.js';
import { round } from '../metrics/summary.js';
import type { ScenarioModel } from '../model/specs.js';
import type { SampleRow, ServiceSample } from '../sim/sampler.js';
import { CsvFile } from './csvFile.js';

/** timeseries.csv: one row per sample; the columns are fixed by the scenario (see README "Outputs"). */
export function timeseriesHeader(model: ScenarioModel): string[] {
  return [
    'time', 'elapsed_s', 'instances_billed', 'instances_spot', 'instances_active', 'instances_in_use', 'cpu_reservation_pct', 'memory_reservation_pct', 'fargate_tasks', 'spot_waiting', 'cost_usd',
    ...model.services.flatMap((s) => ['desired', 'running', 'pending', 'waiting'].map((c) => `service.${s.name}.${c}`)),
    ...model.services.filter((s) => s.demand !== undefined).flatMap((s) => ['demand_rps', 'served_rps', 'dropped_rps', 'cpu_pct', 'memory_pct'].map((c) => `service.${s.name}.${c}`)),
    ...scaledServices(model).flatMap((s) => ['min', 'max'].map((c) => `service.${model.services[s]?.name}.${c}`)),
    ...model.capacityProviders.filter((p) => p.managed !== undefined).flatMap((p) => ['cpr', 'instances'].map((c) => `provider.${p.name}.${c}`)),
    ...model.jobs.flatMap((j) => ['queued', 'pending', 'running'].map((c) => `job.${j.name}.${c}`)),
  ];
}

/** Services registered as scalable targets, in scenario order. */
function scaledServices(model: ScenarioModel): number[] {
  return model.scaling.targets.map((t) => t.service).sort((a, b) => a - b);
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
      ...this.model.services.filter((s) => s.demand !== undefined).flatMap((s) => {
        const x = row.services[s.index] as ServiceSample;
        return [x.demand.toFixed(3), x.served.toFixed(3), Math.max(0, x.demand - x.served).toFixed(3), x.cpu.toFixed(3), x.memory.toFixed(3)];
      }),
      ...scaledServices(this.model).flatMap((s) => [row.services[s]?.min, row.services[s]?.max]),
      ...row.providers.flatMap((p) => [p.cpr.toFixed(3), p.instances]),
      ...row.jobs.flatMap((j) => [j.queued, j.pending, j.running]),
    ]);
  }

  close(): void {
    this.csv.close();
  }
}
