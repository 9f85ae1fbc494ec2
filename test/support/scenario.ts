import { loadScenarioText } from '../../src/scenario/load.js';
import type { ScenarioModel } from '../../src/model/specs.js';
import type { ScenarioInput } from '../../src/scenario/schema/scenario.js';
import { simulate, type ScalingActivityRow, type SimulateOptions, type SimulationResult } from '../../src/sim/simulate.js';
import type { SampleRow } from '../../src/sim/sampler.js';
import { TASK_STATE_NAMES, type Task } from '../../src/model/task.js';

/** Scenario JSON for tests: a small cluster; override any part. */
export function scenarioJson(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: 'test',
    seed: 1,
    duration: '1h',
    autoScalingGroups: [{ AutoScalingGroupName: 'g', InstanceType: 'm5.large', DesiredCapacity: 3 }],
    taskDefinitions: [{ family: 'app', cpu: '256', memory: '512', containerDefinitions: [{ name: 'c' }] }],
    ...overrides,
  };
}

export function compile(json: unknown): ScenarioModel {
  const result = loadScenarioText(JSON.stringify(json), { baseDir: '.' });
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return result.scenario;
}

export function issuesOf(json: unknown): string[] {
  const result = loadScenarioText(typeof json === 'string' ? json : JSON.stringify(json), { baseDir: '.' });
  return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
}

export interface TaskRow {
  readonly id: number;
  readonly owner: string;
  readonly instanceId: string;
  readonly zone: string;
  readonly provider: number;
  readonly createdAt: number;
  readonly placedAt: number;
  readonly pullStartedAt: number;
  readonly startedAt: number;
  readonly stoppingAt: number;
  readonly stoppedAt: number;
  readonly state: string;
  readonly stopCode: string;
  readonly interrupted: boolean;
}

export interface Collected extends SimulationResult {
  readonly samples: SampleRow[];
  readonly finished: TaskRow[];
  readonly unfinished: TaskRow[];
  readonly scaling: ScalingActivityRow[];
}

function row(task: Task, owner: string): TaskRow {
  return {
    id: task.id,
    owner,
    instanceId: task.host?.instanceId ?? '',
    zone: task.host?.availabilityZone ?? task.zone,
    provider: task.provider,
    createdAt: task.createdAt,
    placedAt: task.placedAt,
    pullStartedAt: task.pullStartedAt,
    startedAt: task.startedAt,
    stoppingAt: task.stoppingAt,
    stoppedAt: task.stoppedAt,
    state: TASK_STATE_NAMES[task.state],
    stopCode: task.stopCode,
    interrupted: task.interrupted,
  };
}

/** Runs a model and collects samples and task records in memory. */
export function run(model: ScenarioModel, options: Omit<SimulateOptions, 'sink'> = {}): Collected {
  const samples: SampleRow[] = [];
  const finished: TaskRow[] = [];
  const unfinished: TaskRow[] = [];
  const scaling: ScalingActivityRow[] = [];
  const result = simulate(model, {
    ...options,
    sink: {
      scalingActivity: (r) => scaling.push(r),
      sample: (r) => samples.push(r),
      taskFinished: (t, w) => finished.push(row(t, w.name)),
      taskUnfinished: (t, w) => unfinished.push(row(t, w.name)),
    },
  });
  return { ...result, samples, finished, unfinished, scaling };
}
