import { ENI_FREE, portFree, portKey, type Host } from '../model/host.js';
import type { IndexOrder } from '../model/indexOrder.js';
import { onlyResourceFilters } from './feasibility.js';
import type { PlacementRequest, PlacementView } from './types.js';

/**
 * Requests that only hosts of a known set can take: with distinctInstance, hosts without a task of the
 * group; with static filters (memberOf expressions that read no tasks, a CPU architecture), hosts that
 * pass them; with static host ports, hosts where the first one is free; awsvpc tasks, hosts with an ENI
 * free. The index keeps each such set as a complete scan (model/groupScan.ts: an index order with
 * free-amount maxima; the last three are HostIndex condition scans) as hosts join and leave and tasks
 * come and go. When at most a few hosts of a set have room, they are listed and placement
 * evaluates just them with placeByScan: its answer depends only on the hosts that fit, and the list
 * holds them all. So a request that cannot succeed on a fleet its group, filter, port or ENIs fill costs a
 * look at a scan's maxima, where the search would walk every host with room that it rejects, on every
 * retry. Otherwise (undefined) the search takes over.
 */
export function fewCandidates(request: PlacementRequest, view: PlacementView): Host[] | undefined {
  const { placement, hostPorts, usesEni } = request;
  // Most requests have none of these: no lookups, nothing made.
  if (onlyResourceFilters(request)) return undefined;
  const all = view.index.all;
  const hostAt = (i: number) => view.host(i);
  if (placement.distinctInstance) {
    const group = request.group;
    const few = withRoom(all.completeScan(group, (i) => view.host(i).groupCount(group) === 0).holes, request, view, FEW_CANDIDATES);
    if (few !== undefined) return few;
  }
  const filter = staticFilterOf(request);
  if (filter !== undefined) {
    const scan = all.conditionScan(filter.key) ?? all.addConditionScan(filter.key, filter.test, hostAt);
    const few = withRoom(scan.holes, request, view, STATIC_CANDIDATES);
    if (few !== undefined) return few;
  }
  const port = hostPorts[0];
  if (port !== undefined) {
    const key = portKey(port);
    const scan = all.conditionScan(portFree(key)) ?? all.addConditionScan(portFree(key), (h) => !h.portInUse(key), hostAt);
    const few = withRoom(scan.holes, request, view, FEW_CANDIDATES);
    if (few !== undefined) return few;
  }
  if (!usesEni) return undefined;
  const scan = all.conditionScan(ENI_FREE) ?? all.addConditionScan(ENI_FREE, (h) => h.eniFree > 0, hostAt);
  return withRoom(scan.holes, request, view, FEW_CANDIDATES);
}

/** How many hosts of a set are listed at most before the search takes over (more for static filters). */
const FEW_CANDIDATES = 8;
const STATIC_CANDIDATES = 16;

/** The hosts of `order` with room for the request, or undefined when there are more than `most`. */
function withRoom(order: IndexOrder, request: PlacementRequest, view: PlacementView, most: number): Host[] | undefined {
  const { memory, cpu } = request;
  const found: Host[] = [];
  order.seek(0);
  for (let key = order.nextFit(memory, cpu); key >= 0; key = order.nextFit(memory, cpu)) {
    if (found.length === most) return undefined;
    found.push(view.host(key));
  }
  return found;
}

interface StaticFilter {
  /** What the filter asks (requests asking the same share one scan, e.g. across a service's revisions). */
  readonly key: string;
  readonly test: (host: Host) => boolean;
}

/** Each request's static filter (null: none), made once. */
const filters = new WeakMap<PlacementRequest, StaticFilter | null>();

function staticFilterOf(request: PlacementRequest): StaticFilter | undefined {
  let filter = filters.get(request);
  if (filter === undefined) {
    filter = staticFilter(request) ?? null;
    filters.set(request, filter);
  }
  return filter ?? undefined;
}

/**
 * The request's filters that depend on the host alone and never change: memberOf expressions that do
 * not read tasks (attributes, instance id, registration) and the CPU architecture; undefined without any.
 */
function staticFilter(request: PlacementRequest): StaticFilter | undefined {
  const queries = request.placement.memberOf.filter((q) => !q.dependsOnTasks);
  const arch = request.cpuArchitecture;
  if (queries.length === 0 && arch === undefined) return undefined;
  return {
    key: JSON.stringify([arch ?? null, ...queries.map((q) => q.source)]),
    test: (host) => (arch === undefined || host.type.info.cpuArchitecture === arch) && queries.every((q) => q.test(host)),
  };
}
