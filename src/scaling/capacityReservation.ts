/**
 * Cluster auto scaling arithmetic (aws-behaviour.md §3), pure. CapacityProviderReservation (CPR) =
 * instances needed (M) ÷ instances running (N) × 100, with M = N = 0 → 100 and M > 0, N = 0 → 200.
 * Without provisioning tasks M = the instances running a non-daemon task; with them M = N + the
 * instances a binpack of the provisioning tasks needs on the group's largest type.
 */
export interface TaskShape {
  readonly cpu: number;
  readonly memory: number;
  readonly count: number;
}

export interface InstanceShape {
  readonly cpu: number;
  readonly memory: number;
}

/**
 * New instances of `largest` needed for the tasks, group by group (tasks of one size pack
 * floor(min(cpu ratio, memory ratio)) to an instance); tasks that do not fit `smallest` are left out.
 */
export function instancesNeeded(tasks: readonly TaskShape[], largest: InstanceShape, smallest: InstanceShape): number {
  let total = 0;
  for (const t of tasks) {
    if (t.count <= 0 || t.cpu > smallest.cpu || t.memory > smallest.memory) continue;
    const perInstance = Math.min(t.cpu > 0 ? Math.floor(largest.cpu / t.cpu) : Infinity, t.memory > 0 ? Math.floor(largest.memory / t.memory) : Infinity);
    total += Math.ceil(t.count / Math.max(1, perInstance));
  }
  return total;
}

export function reservation(needed: number, running: number): number {
  if (running === 0) return needed === 0 ? 100 : 200;
  return (needed / running) * 100;
}

/** Instances to add: from zero, 2; else up to ceil(M × 100 ÷ target), within the step sizes. */
export function scaleOutStep(needed: number, running: number, targetCapacity: number, minimumStep: number, maximumStep: number): number {
  if (running === 0) return Math.min(maximumStep, Math.max(2, minimumStep));
  const step = Math.ceil((needed * 100) / targetCapacity - 1e-9) - running;
  return Math.min(maximumStep, Math.max(minimumStep, step));
}

/** Instances to remove: down to ceil(M × 100 ÷ target), at least one, less than half the group. */
export function scaleInStep(needed: number, running: number, targetCapacity: number): number {
  const keep = Math.ceil((needed * 100) / targetCapacity - 1e-9);
  const want = running - keep;
  if (want <= 0) return 0;
  const limit = Math.max(1, Math.ceil(running / 2) - 1);
  return Math.min(want, limit);
}
