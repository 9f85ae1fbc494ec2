import { firstFailingStage } from './feasibility.js';
import { STAGE_REASONS, Stage, type PlacementFailureReason, type PlacementRequest, type PlacementView } from './types.js';

/**
 * Why a placement failed: the filter stage at which the last candidate hosts dropped out, in pipeline
 * order (memory, CPU, ports, ENI, attributes, distinctInstance, memberOf). Hosts short of memory fail
 * the first stage, so only hosts with enough free memory need a look.
 */
export function diagnoseFailure(request: PlacementRequest, view: PlacementView): PlacementFailureReason {
  const order = view.index.all.mem;
  if (order === undefined || order.size === 0) return STAGE_REASONS[0];
  order.seek(request.memory);
  if (order.nextFit(request.memory, 0) < 0) return STAGE_REASONS[Stage.Memory];
  // Hosts with enough memory exist; walk those with enough memory and CPU (buckets and blocks without are
  // skipped), until one fails at the last stage this request has (no host can fail later than that).
  const last = lastStage(request);
  let worst: Stage = Stage.Cpu;
  order.seek(request.memory);
  for (let h = order.nextFit(request.memory, request.cpu); h >= 0 && worst < last; h = order.nextFit(request.memory, request.cpu)) {
    const stage = firstFailingStage(view.host(h), request);
    if (stage > worst) worst = stage;
  }
  return STAGE_REASONS[worst];
}

/** The last filter stage that can reject a host for this request (stages without a requirement pass every host). */
function lastStage(request: PlacementRequest): Stage {
  if (request.placement.memberOf.length > 0) return Stage.MemberOf;
  if (request.placement.distinctInstance) return Stage.DistinctInstance;
  if (request.cpuArchitecture !== undefined) return Stage.Attribute;
  if (request.usesEni) return Stage.Eni;
  if (request.hostPorts.length > 0) return Stage.Ports;
  return Stage.Cpu;
}
