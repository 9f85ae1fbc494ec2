import { portKey, type Host } from '../model/host.js';
import type { HostPort } from '../model/specs.js';
import { Stage, type PlacementRequest } from './types.js';

/** The first filter stage the host fails for this request, or Stage.Fits. Callers pass ACTIVE hosts. */
export function firstFailingStage(host: Host, request: PlacementRequest): Stage {
  if (host.memFree < request.memory) return Stage.Memory;
  if (host.cpuFree < request.cpu) return Stage.Cpu;
  const ports = request.hostPorts;
  for (let i = 0; i < ports.length; i++) if (host.portInUse(portKey(ports[i] as HostPort))) return Stage.Ports;
  if (request.usesEni && host.eniFree < 1) return Stage.Eni;
  if (request.cpuArchitecture !== undefined && host.type.info.cpuArchitecture !== request.cpuArchitecture) return Stage.Attribute;
  const placement = request.placement;
  if (placement.distinctInstance && host.groupCount(request.group) > 0) return Stage.DistinctInstance;
  const memberOf = placement.memberOf;
  for (let i = 0; i < memberOf.length; i++) if (!(memberOf[i] as { test: (h: Host) => boolean }).test(host)) return Stage.MemberOf;
  return Stage.Fits;
}

export function fits(host: Host, request: PlacementRequest): boolean {
  return firstFailingStage(host, request) === Stage.Fits;
}

/** Whether the request filters hosts by memory and CPU alone (no ports, ENI, architecture, memberOf or distinctInstance). */
export function onlyResourceFilters(request: PlacementRequest): boolean {
  const { placement } = request;
  return !placement.distinctInstance && placement.memberOf.length === 0 && request.cpuArchitecture === undefined && request.hostPorts.length === 0 && !request.usesEni;
}
