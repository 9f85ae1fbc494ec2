import { CsvFile } from './csvFile.js';
import { OwnerKind, TASK_STATE_NAMES, type Task } from '../model/task.js';
import type { Workload } from '../scheduler/workload.js';

/**
 * tasks.csv: one row per task, written as tasks stop (so memory stays flat on long runs), then the
 * tasks still running or queued at the end, in that order. Times are seconds from the start; empty
 * when the task never got there.
 */
export const TASK_COLUMNS = [
  'task_id', 'owner_type', 'owner', 'group', 'task_definition', 'capacity_provider', 'instance_id', 'availability_zone',
  'created_s', 'placed_s', 'pull_started_s', 'started_s', 'stopping_s', 'stopped_s', 'last_status', 'stop_code', 'stopped_reason',
] as const;

/** Seconds with three decimals, as (ms / 1000).toFixed(3) writes them, without it for whole milliseconds (every clock time). */
export function seconds(ms: number): string {
  if (ms < 0) return '';
  if (!Number.isSafeInteger(ms)) return (ms / 1000).toFixed(3);
  const whole = Math.floor(ms / 1000);
  const rest = ms - whole * 1000;
  return `${whole}${rest < 10 ? '.00' : rest < 100 ? '.0' : '.'}${rest}`;
}

export class TasksWriter {
  private readonly csv: CsvFile;

  /** `providers`: capacity provider names by index (tasks of the EC2 launch type have none). */
  constructor(file: string, private readonly providers: readonly string[]) {
    this.csv = new CsvFile(file, TASK_COLUMNS, 8192);
  }

  write(task: Task, owner: Workload): void {
    this.csv.write([
      String(task.id),
      task.ownerKind === OwnerKind.Service ? 'service' : 'job',
      owner.name,
      owner.groupName,
      task.taskDefinition.key,
      task.provider < 0 ? '' : (this.providers[task.provider] ?? ''),
      task.host?.instanceId ?? '',
      task.host?.availabilityZone ?? task.zone,
      seconds(task.createdAt),
      seconds(task.placedAt),
      seconds(task.pullStartedAt),
      seconds(task.startedAt),
      seconds(task.stoppingAt),
      seconds(task.stoppedAt),
      task.placedAt < 0 ? 'QUEUED' : TASK_STATE_NAMES[task.state],
      task.stopCode,
      task.stoppedReason,
    ]);
  }

  close(): void {
    this.csv.close();
  }
}
