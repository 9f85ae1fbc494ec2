import { FenwickTree, findInSum } from '../engine/fenwickTree.js';
import type { Random } from '../engine/rng.js';
import { TaskState, type Task } from '../model/task.js';

/**
 * Fargate tasks (no instances): prefer tasks not yet RUNNING, then the zone with the most of the
 * candidates ("ECS stops extra tasks in the AZs with the most", aws-behaviour.md §5), then at random
 * (ties in id order, one draw).
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

const NOT_RUNNING = 0;
const RUNNING = 1;

/**
 * Several Fargate choices in a row, each equal to chooseFargateTaskToStop over the candidates left, in
 * O(zones · log n) per choice instead of O(n): candidates sorted by id are marked present in one Fenwick
 * tree per (not yet RUNNING or RUNNING, zone), and a choice draws the pick-th task by id across the tied
 * zones' trees (one descent over them).
 * The candidates are those of `tasks` when it is made (live, Fargate, included); only its own picks
 * leave them. A task still waiting for capacity has no zone yet and may get one during the pass (a
 * victim's stop hands its capacity on at once): with such a candidate the chooser scans every time.
 */
export class FargateStopChooser {
  private readonly tasks: Task[] = [];
  /** Scan mode: whether each candidate is still one (the trees keep this otherwise). */
  private readonly alive: Uint8Array;
  /** Per candidate: its zone index. */
  private readonly zoneOf: Int32Array;
  /** [pool][zone] → presence of each candidate position, and how many are present. */
  private readonly trees: FenwickTree[][] = [[], []];
  private readonly counts: number[][] = [[], []];
  private readonly scan: boolean;

  constructor(
    tasks: Iterable<Task>,
    private readonly rng: Random,
    include?: (task: Task) => boolean,
  ) {
    for (const t of tasks) if (t.state < TaskState.Stopping && t.fargate && (include === undefined || include(t))) this.tasks.push(t);
    this.tasks.sort((a, b) => a.id - b.id);
    const n = this.tasks.length;
    this.alive = new Uint8Array(n).fill(1);
    this.zoneOf = new Int32Array(n);
    this.scan = this.tasks.some((t) => t.zone === '');
    if (this.scan) return;
    const zones = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const t = this.tasks[i] as Task;
      let z = zones.get(t.zone);
      if (z === undefined) {
        z = zones.size;
        zones.set(t.zone, z);
        for (const pool of [NOT_RUNNING, RUNNING]) {
          (this.trees[pool] as FenwickTree[]).push(new FenwickTree(n));
          (this.counts[pool] as number[]).push(0);
        }
      }
      const pool = t.state < TaskState.Running ? NOT_RUNNING : RUNNING;
      this.zoneOf[i] = z;
      ((this.trees[pool] as FenwickTree[])[z] as FenwickTree).add(i, 1);
      (this.counts[pool] as number[])[z]++;
    }
  }

  next(): Task | undefined {
    if (this.scan) {
      const task = chooseFargateTaskToStop(
        this.tasks.filter((_, i) => this.alive[i] === 1),
        this.rng,
      );
      if (task !== undefined) this.alive[this.tasks.indexOf(task)] = 0;
      return task;
    }
    const notRunningLeft = (this.counts[NOT_RUNNING] as number[]).some((c) => c > 0);
    const pool = notRunningLeft ? NOT_RUNNING : RUNNING;
    const counts = this.counts[pool] as number[];
    let most = 0;
    for (const c of counts) if (c > most) most = c;
    if (most === 0) return undefined;
    const tied: FenwickTree[] = [];
    for (let z = 0; z < counts.length; z++) if (counts[z] === most) tied.push((this.trees[pool] as FenwickTree[])[z] as FenwickTree);
    // As the scan: one draw over the ties (most × tied zones of them), in the same floating-point order.
    const pick = Math.floor(this.rng() * (most * tied.length));
    const i = findInSum(tied, pick);
    ((this.trees[pool] as FenwickTree[])[this.zoneOf[i] as number] as FenwickTree).add(i, -1);
    counts[this.zoneOf[i] as number]--;
    return this.tasks[i];
  }
}
