import { writeFileSync } from 'node:fs';
import type { ScenarioModel } from '../model/specs.js';
import { simulate, type SimulationResult } from '../sim/simulate.js';
import { writeOutputs } from './outputDirectory.js';
import { TasksWriter } from './tasksCsv.js';
import { TimeseriesWriter } from './timeseriesCsv.js';
import { ScalingWriter } from './scalingCsv.js';
import { writeTimelineCsv } from './timelineCsv.js';
import { ExplanationsWriter } from './explanationsJsonl.js';

/** Runs a scenario and writes summary.json, timeseries.csv, tasks.csv (and scaling.csv, timeline.csv when there is something to say) atomically into `outDir`. */
export interface WriteRunOptions {
  readonly tasksCsv?: boolean;
  readonly onProgress?: (simulatedMs: number, events: number) => void;
  /** Services or jobs whose placements go to explanations.jsonl. */
  readonly explain?: readonly string[];
}

export function runToDirectory(model: ScenarioModel, outDir: string, options: WriteRunOptions = {}): SimulationResult {
  return writeOutputs(outDir, (out) => {
    const timeseries = new TimeseriesWriter(out.path('timeseries.csv'), model);
    const tasks = options.tasksCsv === false ? undefined : new TasksWriter(out.path('tasks.csv'), model.capacityProviders.map((p) => p.name));
    const scaling = model.scaling.targets.length > 0 || model.capacityProviders.some((p) => p.managed !== undefined) ? new ScalingWriter(out.path('scaling.csv'), model) : undefined;
    const explanations = options.explain !== undefined && options.explain.length > 0 ? new ExplanationsWriter(out.path('explanations.jsonl'), model.startEpochMs) : undefined;
    const result = simulate(model, {
      explain: options.explain,
      sink: {
        scalingActivity: scaling === undefined ? undefined : (row) => scaling.write(row),
        explanation: explanations === undefined ? undefined : (row) => explanations.write(row),
        sample: (row) => timeseries.write(row),
        taskFinished: tasks === undefined ? undefined : (task, owner) => tasks.write(task, owner),
        taskUnfinished: tasks === undefined ? undefined : (task, owner) => tasks.write(task, owner),
      },
      onProgress: options.onProgress,
    });
    timeseries.close();
    tasks?.close();
    scaling?.close();
    explanations?.close();
    if (model.timeline.length > 0) writeTimelineCsv(out.path('timeline.csv'), model);
    writeFileSync(out.path('summary.json'), `${JSON.stringify(result.summary, null, 2)}\n`);
    return result;
  });
}
