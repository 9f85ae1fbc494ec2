import type { Host } from './host.js';
import { MISSING_VALUE } from './hostIndex.js';

/**
 * Task groups ("service:web", "family:etl") interned to small integers, with the counts spread and
 * distinctInstance need: per host, and per value of each spread attribute. Counts live in typed arrays
 * indexed by host index and by interned attribute value, so a placement touches no hash maps.
 * Only groups someone reads are counted (see track / trackEverything).
 */
export class TaskGroups {
  private readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  /** Groups whose counts someone reads (spread, distinctInstance, task:group); others are not counted. */
  private readonly tracked: boolean[] = [];
  /**
   * Of those, the groups whose per-host counts someone reads (spread(instanceId), distinctInstance,
   * services' scale-in, task:group); a group spread only by attribute keeps its per-value counts alone.
   */
  private readonly perHostTracked: boolean[] = [];
  private trackAll = false;
  /** group → tasks per host index. */
  private perHost: Int32Array[] = [];
  /** group → attribute position → tasks per interned value. */
  private perValue: Int32Array[][] = [];
  private readonly attributeIndex = new Map<string, number>();
  /** attribute position → value → interned id (MISSING_VALUE for hosts without the attribute). */
  private readonly valueIds: Map<string, number>[];
  private hostCapacity = 1024;
  private readonly idsByAttributes = new Map<ReadonlyMap<string, string>, Int32Array>();

  constructor(private readonly attributes: readonly string[]) {
    attributes.forEach((a, i) => this.attributeIndex.set(a, i));
    this.valueIds = attributes.map(() => new Map<string, number>());
  }

  intern(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
      this.tracked.push(this.trackAll);
      this.perHostTracked.push(this.trackAll);
      this.perHost.push(new Int32Array(this.hostCapacity));
      this.perValue.push(this.valueIds.map((values) => new Int32Array(Math.max(8, values.size * 2))));
    }
    return id;
  }

  /**
   * Counts tasks of this group from now on (call before any of its tasks is placed): per value of each
   * spread attribute, and per host too unless `perHost` is false for every caller.
   */
  track(group: number, perHost = true): void {
    this.tracked[group] = true;
    if (perHost) this.perHostTracked[group] = true;
  }

  /** Counts every group (when some memberOf expression asks about task:group). */
  trackEverything(): void {
    this.trackAll = true;
    this.tracked.fill(true);
    this.perHostTracked.fill(true);
  }

  name(id: number): string {
    return this.names[id] as string;
  }

  /** Interned values of the spread attributes for a new host (stored on it). */
  valuesFor(host: Host): Int32Array {
    if (host.index >= this.hostCapacity) this.growHosts(host.index + 1);
    // Attributes come from one map per (group, zone): hosts sharing the map share the ids.
    const known = this.idsByAttributes.get(host.attributes);
    if (known !== undefined) return known;
    const ids = new Int32Array(this.attributes.length);
    this.attributes.forEach((attribute, a) => {
      const values = this.valueIds[a] as Map<string, number>;
      const value = host.attribute(attribute) ?? MISSING_VALUE;
      let id = values.get(value);
      if (id === undefined) {
        id = values.size;
        values.set(value, id);
        for (const group of this.perValue) {
          const counts = group[a] as Int32Array;
          if (id >= counts.length) group[a] = grow(counts, id * 2 + 2);
        }
      }
      ids[a] = id;
    });
    this.idsByAttributes.set(host.attributes, ids);
    return ids;
  }

  hostCount(group: number, host: number): number {
    return (this.perHost[group] as Int32Array)[host] as number;
  }

  /** Counts a task of the group placed on the host; returns the host's new count (-1: not counted per host). */
  add(group: number, host: Host): number {
    if (!this.tracked[group]) return -1;
    this.shift(group, host, 1);
    if (!this.perHostTracked[group]) return -1;
    const counts = this.perHost[group] as Int32Array;
    const count = (counts[host.index] as number) + 1;
    counts[host.index] = count;
    return count;
  }

  /** A task of the group stops counting on the host; returns the host's new count (-1: not counted per host). */
  remove(group: number, host: Host): number {
    if (!this.tracked[group]) return -1;
    this.shift(group, host, -1);
    if (!this.perHostTracked[group]) return -1;
    const counts = this.perHost[group] as Int32Array;
    const count = (counts[host.index] as number) - 1;
    if (count < 0) throw new Error(`group ${this.name(group)} count below zero on ${host.instanceId}`);
    counts[host.index] = count;
    return count;
  }

  countByAttribute(group: number, attribute: string, value: string): number {
    const a = this.attributeIndex.get(attribute);
    if (a === undefined) return 0;
    const id = this.valueIds[a]?.get(value);
    return id === undefined ? 0 : ((this.perValue[group]?.[a] as Int32Array)[id] ?? 0);
  }

  /** The interned id of a value of a spread attribute (-1: not counted, or no host has had it). */
  valueId(attribute: string, value: string): number {
    const a = this.attributeIndex.get(attribute);
    return a === undefined ? -1 : (this.valueIds[a]?.get(value) ?? -1);
  }

  /** The group's tasks per interned value of the attribute (read at once: the array is replaced as values appear). */
  countsByValue(group: number, attribute: string): Int32Array | undefined {
    const a = this.attributeIndex.get(attribute);
    return a === undefined ? undefined : this.perValue[group]?.[a];
  }

  /** Names of the counted groups with a task on the host. */
  *groupsOn(host: Host): IterableIterator<string> {
    for (let g = 0; g < this.names.length; g++) if (((this.perHost[g] as Int32Array)[host.index] as number) > 0) yield this.names[g] as string;
  }

  private shift(group: number, host: Host, delta: number): void {
    const perAttribute = this.perValue[group] as Int32Array[];
    const ids = host.spreadValues;
    for (let a = 0; a < perAttribute.length; a++) (perAttribute[a] as Int32Array)[ids[a] as number] += delta;
  }

  private growHosts(needed: number): void {
    while (this.hostCapacity < needed) this.hostCapacity *= 2;
    this.perHost = this.perHost.map((counts) => grow(counts, this.hostCapacity));
  }
}

function grow(counts: Int32Array, size: number): Int32Array {
  const next = new Int32Array(size);
  next.set(counts);
  return next;
}
