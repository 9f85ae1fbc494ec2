import type { Random } from '../engine/rng.js';
import { MISSING_VALUE } from '../model/hostIndex.js';
import type { StrategySpec } from '../model/specs.js';
import { TaskState, type Task } from '../model/task.js';
import type { PlacementView } from '../placement/types.js';

/**
 * Which task a service stops when it has too many (aws-behaviour.md §1, §5):
 * - binpack(resource): the task on the instance that would have the most of it free afterwards;
 * - spread(field): a task where the field's value has the most tasks of the service (keeps balance);
 * - the default (spread AZ, then instance): the AZ with the most tasks, then the instance with most;
 * - ties, and random: uniformly at random ("at random within an AZ"), one draw per choice.
 * fleetsim first prefers tasks not yet RUNNING (they serve nothing yet); AWS does not document this.
 */
export function chooseTaskToStop(
  tasks: Iterable<Task>,
  strategies: readonly StrategySpec[],
  group: number,
  view: PlacementView,
  rng: Random,
): Task | undefined {
  let candidates: Task[] = [];
  let anyNotRunning = false;
  for (const t of tasks) {
    if (t.state >= TaskState.Stopping || t.host === undefined) continue;
    if (t.state < TaskState.Running && !anyNotRunning) {
      anyNotRunning = true;
      candidates = [];
    }
    if (!anyNotRunning || t.state < TaskState.Running) candidates.push(t);
  }
  if (candidates.length === 0) return undefined;
  const cut = strategies.findIndex((s) => s.type === 'random');
  const keyed = strategies.slice(0, cut < 0 ? strategies.length : cut);
  let ties: Task[] = [];
  let bestKeys: number[] = [];
  for (const task of candidates) {
    const keys = keyed.map((s) => stopKey(s, task, group, view));
    const c = ties.length === 0 ? 0 : compareDescending(keys, bestKeys);
    if (ties.length === 0 || c < 0) {
      ties = [task];
      bestKeys = keys;
    } else if (c === 0) ties.push(task);
  }
  ties.sort((a, b) => a.id - b.id);
  return ties[Math.floor(rng() * ties.length)];
}

/**
 * Fargate tasks (no instances): prefer tasks not yet RUNNING, then the zone with the most of the
 * candidates ("ECS stops extra tasks in the AZs with the most", aws-behaviour.md §5), then at random.
 */
export function chooseFargateTaskToStop(tasks: Iterable<Task>, rng: Random): Task | undefined {
  const live = [...tasks].filter((t) => t.state < TaskState.Stopping && t.fargate);
  const notRunning = live.filter((t) => t.state < TaskState.Running);
  const candidates = notRunning.length > 0 ? notRunning : live;
  if (candidates.length === 0) return undefined;
  const perZone = new Map<string, number>();
  for (const t of candidates) perZone.set(t.zone, (perZone.get(t.zone) ?? 0) + 1);
  const most = Math.max(...perZone.values());
  const ties = candidates.filter((t) => perZone.get(t.zone) === most).sort((a, b) => a.id - b.id);
  return ties[Math.floor(rng() * ties.length)];
}

function stopKey(strategy: StrategySpec, task: Task, group: number, view: PlacementView): number {
  const host = task.host;
  if (host === undefined) return 0;
  switch (strategy.type) {
    case 'binpack':
      return strategy.resource === 'memory' ? host.memFree : host.cpuFree;
    case 'spread':
      return strategy.field === 'instanceId'
        ? host.groupCount(group)
        : view.groupCountByAttribute(group, strategy.attribute, host.attribute(strategy.attribute) ?? MISSING_VALUE);
    case 'random':
      return 0;
  }
}

/** Negative when `a` is preferred (larger keys first). */
function compareDescending(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (b[i] as number) - (a[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}
