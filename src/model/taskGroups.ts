import type { Host } from './host.js';
import { MISSING_VALUE } from './hostIndex.js';

/**
 * Task groups ("service:web", "family:etl") interned to small integers, with the counts spread and
 * distinctInstance need: per host (kept on the Host), per attribute value, and the set of hosts in use.
 */
export class TaskGroups {
  private readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  /** group → attribute → value → tasks. */
  private readonly byAttribute: Map<string, Map<string, number>>[] = [];
  private readonly hostSets: Set<Host>[] = [];
  /** Groups whose counts someone reads (spread, distinctInstance, task:group); others are not counted. */
  private readonly tracked: boolean[] = [];
  private trackAll = false;

  constructor(private readonly attributes: readonly string[]) {}

  intern(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
      this.byAttribute.push(new Map(this.attributes.map((a) => [a, new Map<string, number>()])));
      this.hostSets.push(new Set());
      this.tracked.push(this.trackAll);
    }
    return id;
  }

  /** Counts tasks of this group from now on (call before any of its tasks is placed). */
  track(group: number): void {
    this.tracked[group] = true;
  }

  /** Counts every group (when some memberOf expression asks about task:group). */
  trackEverything(): void {
    this.trackAll = true;
    this.tracked.fill(true);
  }

  name(id: number): string {
    return this.names[id] as string;
  }

  add(group: number, host: Host): void {
    if (!this.tracked[group]) return;
    const count = host.groupCount(group);
    host.groupCounts.set(group, count + 1);
    if (count === 0) (this.hostSets[group] as Set<Host>).add(host);
    this.shift(group, host, 1);
  }

  remove(group: number, host: Host): void {
    if (!this.tracked[group]) return;
    const count = host.groupCount(group) - 1;
    if (count < 0) throw new Error(`group ${this.name(group)} count below zero on ${host.instanceId}`);
    if (count === 0) {
      host.groupCounts.delete(group);
      (this.hostSets[group] as Set<Host>).delete(host);
    } else host.groupCounts.set(group, count);
    this.shift(group, host, -1);
  }

  countByAttribute(group: number, attribute: string, value: string): number {
    return this.byAttribute[group]?.get(attribute)?.get(value) ?? 0;
  }

  hosts(group: number): Iterable<Host> {
    return this.hostSets[group] ?? [];
  }

  private shift(group: number, host: Host, delta: number): void {
    const perAttribute = this.byAttribute[group] as Map<string, Map<string, number>>;
    for (const [attribute, values] of perAttribute) {
      const value = host.attribute(attribute) ?? MISSING_VALUE;
      values.set(value, (values.get(value) ?? 0) + delta);
    }
  }
}
