/**
 * Target tracking (aws-behaviour.md §4): the capacity that brings the metric to the target, from the
 * RUNNING task count: ceil(running × metric ÷ target). AWS calls the exact formula unconfirmed; this is
 * the reference's "faithful model" (scale out proportionally, rounding up; scale in only whole tasks
 * without dropping below the target).
 */
export function trackedCapacity(running: number, metric: number, target: number): number {
  return Math.max(0, Math.ceil((running * metric) / target - 1e-9));
}

/**
 * Several target tracking policies on one target: scale out if any wants to, scale in only if all
 * (with scale-in enabled) want to; the largest resulting capacity wins either way. `wants` holds each
 * policy's proposal (undefined: no alarm), `canScaleIn` whether it may scale in.
 */
export function combineProposals(proposals: readonly { readonly capacity: number | undefined; readonly direction: 'out' | 'in' | 'none'; readonly canScaleIn: boolean }[], current: number): number | undefined {
  // Loops rather than filter/map: this runs on every datapoint of every tracked service.
  let out = -Infinity;
  for (const p of proposals) if (p.direction === 'out' && p.capacity !== undefined && p.capacity > current && p.capacity > out) out = p.capacity;
  if (out !== -Infinity) return out;
  let capacity = -Infinity;
  for (const p of proposals) {
    if (!p.canScaleIn) continue;
    if (p.direction !== 'in' || p.capacity === undefined) return undefined;
    if (p.capacity > capacity) capacity = p.capacity;
  }
  return capacity !== -Infinity && capacity < current ? capacity : undefined;
}
