import type { Task } from '../model/task.js';
import type { PlacementView } from '../placement/types.js';
import { FargateStopChooser } from './fargateScaleIn.js';
import { StopChooser } from './scaleIn.js';
import { scaleInPool, type ServiceState } from './serviceState.js';

/**
 * Stops a REPLICA service's tasks until it is down to its desired count (or no candidate is left), by
 * the scale-in rules of scaleIn.ts (aws-behaviour.md §1, §5), from the pool of the provider its strategy
 * shrinks first. Tasks on DRAINING instances are neither counted nor chosen. `stop` forgets the victim
 * and starts stopping it (deregistration first).
 */
export function scaleInService(s: ServiceState, view: PlacementView, stop: (victim: Task) => void): void {
  // One chooser per provider pool makes the same choices as one chooseTaskToStop (or
  // chooseFargateTaskToStop) per task over the pool left; pools and choosers in the order first needed.
  // A Fargate pool's choice counts only its own candidates' zones, so its choosers need no notices.
  const providers: number[] = [];
  const choosers: StopChooser[] = [];
  const fargateChoosers: FargateStopChooser[] = [];
  while (s.tasks.size - s.draining.size > s.desired) {
    const provider = s.strategy?.toShrink() ?? -1;
    let at = providers.indexOf(provider);
    if (at < 0) {
      const include = s.draining.size > 0 ? (t: Task) => !s.draining.has(t) : undefined;
      at = providers.length;
      providers.push(provider);
      if (s.fargate) fargateChoosers.push(new FargateStopChooser(scaleInPool(s, provider), s.scaleInStream, include));
      else choosers.push(new StopChooser(scaleInPool(s, provider), s.spec.placement.strategies, s.workload.request.group, view, s.scaleInStream, { include }));
    }
    const victim = s.fargate ? (fargateChoosers[at] as FargateStopChooser).next() : (choosers[at] as StopChooser).next();
    if (victim === undefined) break;
    // A victim not yet RUNNING is STOPPED at once and loses its host: the choosers need it.
    const host = victim.host;
    stop(victim);
    // An Auto Scaling group provider places only on its own group's instances: the other pools
    // have no candidates on the victim's instance, only its attribute counts changed for them.
    for (let i = 0; i < choosers.length; i++) {
      const provider = providers[i] as number;
      const c = choosers[i] as StopChooser;
      if (provider < 0 || provider === victim.provider) c.stopped(victim, host);
      else c.stoppedElsewhere(victim, host);
    }
  }
}
