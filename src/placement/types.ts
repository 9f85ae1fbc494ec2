import type { Host } from '../model/host.js';
import type { HostIndex } from '../model/hostIndex.js';
import type { HostPort, PlacementSpec } from '../model/specs.js';

/** What one placement needs: the task's resources and where it may and should go. */
export interface PlacementRequest {
  readonly cpu: number;
  readonly memory: number;
  readonly hostPorts: readonly HostPort[];
  readonly usesEni: boolean;
  readonly cpuArchitecture: 'x86_64' | 'arm64' | undefined;
  /** Interned task group: the tasks spread and distinctInstance count against. */
  readonly group: number;
  readonly placement: PlacementSpec;
}

/** Read-only cluster state placement works on. */
export interface PlacementView {
  readonly index: HostIndex;
  host(index: number): Host;
  /** Tasks of `group` on hosts whose `attribute` has `value` (MISSING_VALUE for hosts without it). */
  groupCountByAttribute(group: number, attribute: string, value: string): number;
  /**
   * Tasks of `group` per interned value of `attribute` (ids from attributeValueId); undefined when the
   * attribute is not counted. Read it at once: the array is replaced when new values appear.
   */
  groupCountsByValue(group: number, attribute: string): Int32Array | undefined;
  /** The interned id of a value of a spread attribute (-1: not counted, or no host has had it). */
  attributeValueId(attribute: string, value: string): number;
}

/** Filter stages in pipeline order (aws-behaviour.md §1: resources and ports, then constraints). */
export const enum Stage {
  Fits = 0,
  Memory = 1,
  Cpu = 2,
  Ports = 3,
  Eni = 4,
  Attribute = 5,
  DistinctInstance = 6,
  MemberOf = 7,
}

/** Reason names as ECS reports them in RunTask failures and service events. */
export const STAGE_REASONS = [
  'NO_CONTAINER_INSTANCES',
  'RESOURCE:MEMORY',
  'RESOURCE:CPU',
  'RESOURCE:PORTS',
  'RESOURCE:ENI',
  'ATTRIBUTE',
  'DISTINCT_INSTANCE',
  'MEMBER_OF',
] as const;

export type PlacementFailureReason = (typeof STAGE_REASONS)[number];
