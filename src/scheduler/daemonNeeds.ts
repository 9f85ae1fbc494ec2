import type { Host } from '../model/host.js';

/**
 * A DAEMON service's ACTIVE eligible instances still without its task, and which of them are due a try.
 *
 * Whether the daemon fits an instance depends on that instance alone (its free resources, ports,
 * ENIs, task counts and attributes: placement/feasibility.ts). So an instance it did not fit is tried
 * again only once a task on that instance was placed, changed state or stopped, not after every change
 * anywhere in the cluster (which made a daemon too big for some instance types walk all of them on
 * every task stop). Due instances are tried in the order they came to need the daemon.
 */
export class DaemonNeeds {
  private next = 0;
  /** Each instance in need → when it came to need the daemon (a sequence number). */
  private readonly since = new Map<Host, number>();
  private readonly due = new Set<Host>();

  get size(): number {
    return this.since.size;
  }

  /** Instances due a try at the next pass. */
  get dueCount(): number {
    return this.due.size;
  }

  has(host: Host): boolean {
    return this.since.has(host);
  }

  /** The instance needs the daemon (it joined, or its daemon task stopped): due at once. */
  add(host: Host): void {
    if (!this.since.has(host)) this.since.set(host, this.next++);
    this.due.add(host);
  }

  /** The instance no longer needs it (it got the task, or left). */
  delete(host: Host): boolean {
    this.due.delete(host);
    return this.since.delete(host);
  }

  /** A task on the instance changed: an instance in need is due again. True when it needs the daemon (it is due). */
  touched(host: Host): boolean {
    if (!this.since.has(host)) return false;
    this.due.add(host);
    return true;
  }

  /** The due instances in the order they came to need the daemon; none is due afterwards. */
  takeDue(): Host[] {
    const hosts = [...this.due];
    this.due.clear();
    const since = this.since;
    if (hosts.length > 1) hosts.sort((a, b) => (since.get(a) as number) - (since.get(b) as number));
    return hosts;
  }
}
