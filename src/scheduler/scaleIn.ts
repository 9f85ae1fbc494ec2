import type { Random } from '../engine/rng.js';
import { MISSING_VALUE } from '../model/hostIndex.js';
import type { StrategySpec } from '../model/specs.js';
import { TaskState, type Task } from '../model/task.js';
import type { PlacementView } from '../placement/types.js';
import type { Host } from '../model/host.js';
import { BucketedStopIndex } from './bucketedStopIndex.js';
import { lowerBound } from '../engine/sortedSearch.js';

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
  return new StopChooser(tasks, strategies, group, view, rng).next();
}

/** Options of a StopChooser: which of the tasks are candidates, and whether to use the spread index. */
export interface StopChooserOptions {
  /** Candidates among the tasks (besides being placed and not yet STOPPING); all by default. */
  readonly include?: (task: Task) => boolean;
  /** false: always the scan (the reference the index is tested against). */
  readonly indexed?: boolean;
}

/**
 * Several choices in a row, each equal to chooseTaskToStop over the tasks left: candidates are sorted
 * by id once, binpack and instance keys are read live, and attribute counts are cached per value and
 * refreshed for the values of each stopped task. Spread-only chains (ECS's default among them) use a
 * bucketed index (bucketedStopIndex.ts, about O(log n) per choice), and so do binpack(resource), alone
 * or after spread(attribute); other chains scan the tasks, O(n) per choice without allocation. Call `stopped(task, host)` on every chooser of the group after any of its
 * tasks was chosen to stop (deregistering, STOPPING or STOPPED; `host` is the one it ran on), or
 * `stoppedElsewhere(task, host)` when it ran on another provider's instance.
 */
export class StopChooser {
  private readonly tasks: Task[] = [];
  /** The candidates' ids, ascending (positionOf searches them without touching the tasks). */
  private readonly ids: number[];
  private readonly alive: Uint8Array;
  /** Candidates not yet RUNNING when the chooser was made (they go first). */
  private readonly wasNotRunning: Uint8Array;
  private readonly keyed: readonly StrategySpec[];
  /** Per keyed strategy: each task's attribute value id (spread by attribute), and the count per value. */
  private readonly valueIds: Int32Array[] = [];
  private readonly values: string[][] = [];
  private readonly valueIndex: Map<string, number>[] = [];
  private readonly counts: number[][] = [];
  private notRunning = 0;
  private left: number;
  private readonly best: Float64Array;
  /** The bucketed index (bucketedStopIndex.ts), with the stops after which an instance's key is read again; undefined: scan every task. */
  private readonly fast: { readonly index: BucketedStopIndex; readonly keyMayChange: (stopped: Task) => boolean } | undefined;
  /** For the index: each attribute value's group count (the chain's first key), or 0 without one. */
  private readonly valueKey: (value: number) => number;

  constructor(
    tasks: Iterable<Task>,
    strategies: readonly StrategySpec[],
    private readonly group: number,
    private readonly view: PlacementView,
    private readonly rng: Random,
    options: StopChooserOptions = {},
  ) {
    const include = options.include;
    // A service's task set iterates in creation order, i.e. by id: sort only when it does not.
    let sorted = true;
    let lastId = -1;
    for (const t of tasks) {
      if (t.state >= TaskState.Stopping || t.host === undefined || (include !== undefined && !include(t))) continue;
      if (t.id < lastId) sorted = false;
      lastId = t.id;
      this.tasks.push(t);
    }
    if (!sorted) this.tasks.sort((a, b) => a.id - b.id);
    this.ids = this.tasks.map((t) => t.id);
    this.alive = new Uint8Array(this.tasks.length).fill(1);
    this.wasNotRunning = new Uint8Array(this.tasks.length);
    this.left = this.tasks.length;
    for (let i = 0; i < this.tasks.length; i++) {
      if ((this.tasks[i] as Task).state < TaskState.Running) {
        this.notRunning++;
        this.wasNotRunning[i] = 1;
      }
    }
    const cut = strategies.findIndex((x) => x.type === 'random');
    this.keyed = strategies.slice(0, cut < 0 ? strategies.length : cut);
    for (let k = 0; k < this.keyed.length; k++) {
      const strategy = this.keyed[k] as StrategySpec;
      const ids = new Int32Array(this.tasks.length);
      const values: string[] = [];
      const counts: number[] = [];
      const index = new Map<string, number>();
      if (strategy.type === 'spread' && strategy.field === 'attribute') {
        // Hosts of one group and zone share one attribute map: remember the value id per map (a few).
        const seenMaps: ReadonlyMap<string, string>[] = [];
        const seenIds: number[] = [];
        for (let i = 0; i < this.tasks.length; i++) {
          const host = (this.tasks[i] as Task).host as Host;
          const seen = seenMaps.indexOf(host.attributes);
          if (seen >= 0) {
            ids[i] = seenIds[seen] as number;
            continue;
          }
          const value = host.attribute(strategy.attribute) ?? MISSING_VALUE;
          let id = index.get(value);
          if (id === undefined) {
            id = values.length;
            index.set(value, id);
            values.push(value);
            counts.push(view.groupCountByAttribute(group, strategy.attribute, value));
          }
          ids[i] = id;
          if (seenMaps.length < 16) {
            seenMaps.push(host.attributes);
            seenIds.push(id);
          }
        }
      }
      this.valueIds[k] = ids;
      this.values[k] = values;
      this.valueIndex[k] = index;
      this.counts[k] = counts;
    }
    this.best = new Float64Array(this.keyed.length);
    this.fast = options.indexed !== false ? this.bucketed() : undefined;
    const top = this.keyed[0];
    const counts = this.counts[0] as number[] | undefined;
    this.valueKey = top?.type === 'spread' && top.field === 'attribute' ? (v) => (counts as number[])[v] as number : () => 0;
  }

  /**
   * The index when the chain (before any random) is spread(attribute)?, then at most one of
   * spread(instanceId) (keyed by the instance's count of the group, which changes when a task stops
   * counting) and binpack(resource) (keyed by its free amount, which changes when a task releases what
   * it held, i.e. is STOPPED).
   */
  private bucketed(): { index: BucketedStopIndex; keyMayChange: (stopped: Task) => boolean } | undefined {
    const k = this.keyed;
    const attribute = k[0]?.type === 'spread' && k[0].field === 'attribute';
    const rest = attribute ? k.slice(1) : k;
    const last = rest[0];
    if (rest.length > 1) return undefined;
    const values = attribute ? (this.values[0] as string[]).length : 1;
    const valueOf = attribute ? (this.valueIds[0] as Int32Array) : new Int32Array(this.tasks.length);
    const make = (key: (host: Host) => number, keyMayChange: (stopped: Task) => boolean) => ({ index: new BucketedStopIndex(this.tasks, valueOf, values, key), keyMayChange });
    if (last === undefined) return make(() => 0, () => false);
    if (last.type === 'spread' && last.field === 'instanceId') return make((h) => h.groupCount(this.group), (t) => t.state >= TaskState.Stopping);
    if (last.type === 'binpack') return make(last.resource === 'memory' ? (h) => h.memFree : (h) => h.cpuFree, (t) => t.state === TaskState.Stopped);
    return undefined;
  }

  /** The task's position among the candidates (sorted by id), or -1 when it is not one. */
  private positionOf(task: Task): number {
    const at = lowerBound(this.ids, task.id);
    return this.tasks[at] === task ? at : -1;
  }

  next(): Task | undefined {
    if (this.left === 0) return undefined;
    if (this.fast !== undefined) {
      const i = this.fast.index.next(this.notRunning > 0, this.valueKey, this.rng);
      if (i < 0) return undefined;
      this.retire(i);
      return this.tasks[i];
    }
    const onlyPending = this.notRunning > 0;
    let ties = 0;
    for (let i = 0; i < this.tasks.length; i++) {
      if (this.alive[i] === 0) continue;
      const t = this.tasks[i] as Task;
      if (onlyPending && t.state >= TaskState.Running) continue;
      const c = ties === 0 ? -1 : this.compareWithBest(i);
      if (c < 0) {
        for (let k = 0; k < this.keyed.length; k++) this.best[k] = this.key(i, k);
        ties = 1;
      } else if (c === 0) ties++;
    }
    if (ties === 0) return undefined;
    let pick = Math.floor(this.rng() * ties);
    for (let i = 0; i < this.tasks.length; i++) {
      if (this.alive[i] === 0) continue;
      const t = this.tasks[i] as Task;
      if (onlyPending && t.state >= TaskState.Running) continue;
      if (this.compareWithBest(i) !== 0) continue;
      if (pick-- === 0) {
        this.retire(i);
        return t;
      }
    }
    return undefined;
  }

  /** Task i is no longer a candidate (chosen here, or stopped through another chooser). */
  private retire(i: number): void {
    this.alive[i] = 0;
    this.left--;
    if (this.wasNotRunning[i] === 1) this.notRunning--;
  }

  /** Negative when task i is preferred to the best so far (larger keys first); keys computed only as far as needed. */
  private compareWithBest(i: number): number {
    for (let k = 0; k < this.keyed.length; k++) {
      const d = (this.best[k] as number) - this.key(i, k);
      if (d !== 0) return d;
    }
    return 0;
  }

  private key(i: number, k: number): number {
    const strategy = this.keyed[k] as StrategySpec;
    if (strategy.type === 'binpack') {
      const host = (this.tasks[i] as Task).host as Host;
      return strategy.resource === 'memory' ? host.memFree : host.cpuFree;
    }
    if (strategy.type === 'spread') {
      if (strategy.field === 'instanceId') return ((this.tasks[i] as Task).host as Host).groupCount(this.group);
      return (this.counts[k] as number[])[(this.valueIds[k] as Int32Array)[i] as number] as number;
    }
    return 0;
  }

  /**
   * A task of the group was stopped (this chooser's pick or another's) on `host`: pass the host it ran
   * on, as a task STOPPED at once (one not yet RUNNING) no longer has one. Refreshes its instance's and
   * attribute values' counts.
   */
  stopped(task: Task, host: Host | undefined = task.host): void {
    if (host === undefined) return;
    const i = this.positionOf(task);
    const candidate = i >= 0 && this.alive[i] === 1 ? i : -1;
    if (candidate >= 0) this.retire(candidate);
    // A task counts for spread until it is STOPPING: one still RUNNING (deregistering first) changed no
    // count, so no candidate moves and no count needs reading again.
    const counted = task.state < TaskState.Stopping;
    this.fast?.index.stopped(host, candidate, this.fast.keyMayChange(task));
    if (!counted) this.refreshCounts(host, i);
  }

  /**
   * A task of the group stopped on a host where this chooser has no candidates (another capacity
   * provider's instance): only the attribute counts change (none while the task still counts).
   */
  stoppedElsewhere(task: Task, host: Host | undefined = task.host): void {
    if (host !== undefined && task.state >= TaskState.Stopping) this.refreshCounts(host, -1);
  }

  /** Re-reads the group counts of the host's attribute values (`i`: the stopped task's position, or -1). */
  private refreshCounts(host: Host, i: number): void {
    for (let k = 0; k < this.keyed.length; k++) {
      const strategy = this.keyed[k] as StrategySpec;
      if (strategy.type !== 'spread' || strategy.field !== 'attribute') continue;
      // A candidate's value id is known; another task's is looked up by its host's value.
      const id = i >= 0 ? ((this.valueIds[k] as Int32Array)[i] as number) : (this.valueIndex[k] as Map<string, number>).get(host.attribute(strategy.attribute) ?? MISSING_VALUE);
      if (id !== undefined) (this.counts[k] as number[])[id] = this.view.groupCountByAttribute(this.group, strategy.attribute, (this.values[k] as string[])[id] as string);
    }
  }
}
