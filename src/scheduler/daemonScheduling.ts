import type { ClusterObserver } from '../model/clusterState.js';
import type { Host } from '../model/host.js';
import type { Task } from '../model/task.js';
import { firstFailingStage } from '../placement/feasibility.js';
import { STAGE_REASONS, Stage, type PlacementFailureReason } from '../placement/types.js';
import type { ServiceState } from './serviceState.js';

/**
 * DAEMON services (aws-behaviour.md §5): one task on every ACTIVE instance that meets the service's
 * constraints. The service scheduler keeps the instances in need (daemonNeeds.ts); these are its steps.
 */

/** Constraints and architecture decide where a daemon belongs (resources decide whether it fits now). */
export function daemonEligible(s: ServiceState, host: Host): boolean {
  return firstFailingStage(host, { ...s.workload.request, cpu: 0, memory: 0, hostPorts: [], usesEni: false }) === Stage.Fits;
}

/**
 * Tries the instances due (those that joined, or whose tasks changed since the daemon last did not fit
 * them) and launches where it fits. One failure is recorded per pass, with the latest filter stage at
 * which an instance dropped out, as for a REPLICA service's failed placement.
 */
export function scheduleDaemon(s: ServiceState, launch: (host: Host) => void, failed: (reason: PlacementFailureReason) => void): void {
  let worst: Stage = Stage.Fits;
  for (const host of s.daemonNeeds.takeDue()) {
    const stage = firstFailingStage(host, s.workload.request);
    if (stage !== Stage.Fits) {
      if (stage > worst) worst = stage;
      continue;
    }
    s.daemonNeeds.delete(host);
    launch(host);
  }
  if (worst !== Stage.Fits) failed(STAGE_REASONS[worst]);
}

/**
 * An observer (undefined without DAEMON services): a task placed, changing state or stopping on an
 * instance that still needs a daemon makes the instance due a try; `due` hears of each such service
 * and `request` asks for a placement pass.
 */
export function daemonObserver(services: readonly ServiceState[], due: (s: ServiceState) => void, request: () => void): ClusterObserver | undefined {
  const daemons = services.filter((s) => s.spec.daemon);
  if (daemons.length === 0) return undefined;
  const touched = (task: Task): void => {
    const host = task.host;
    if (host === undefined) return;
    let any = false;
    for (const s of daemons) {
      if (!s.daemonNeeds.touched(host)) continue;
      due(s);
      any = true;
    }
    if (any) request();
  };
  return { taskPlaced: touched, taskStateChanged: touched, taskStopped: touched };
}
