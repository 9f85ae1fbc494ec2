import type { Random } from '../engine/rng.js';
import { HostStatus, type Host } from '../model/host.js';

/**
 * EC2 Auto Scaling's default termination policy (aws-behaviour.md §7): the AZ with the most instances
 * (every AZ tied for most stays in play), then the instance closest to its next billing hour, then random. fleetsim has one launch template per
 * group, so the "oldest launch template" step never separates instances. Instances not yet running
 * count as closest (they have billed nothing).
 */
export function chooseInstanceToTerminate(members: readonly Host[], zones: readonly string[], now: number, rng: Random): Host | undefined {
  if (members.length === 0) return undefined;
  const perZone = new Map<string, number>();
  for (const h of members) perZone.set(h.availabilityZone, (perZone.get(h.availabilityZone) ?? 0) + 1);
  const most = Math.max(...zones.map((z) => perZone.get(z) ?? 0));
  // Zones tied for the most instances all stay in play for the next steps.
  const inZone = members.filter((h) => (perZone.get(h.availabilityZone) ?? 0) === most);
  const toNextHour = (h: Host) => (h.status === HostStatus.Launching || h.runningAt < 0 ? 0 : 3_600_000 - ((now - h.runningAt) % 3_600_000));
  const closest = Math.min(...inZone.map(toNextHour));
  const candidates = inZone.filter((h) => toNextHour(h) === closest).sort((a, b) => a.index - b.index);
  return candidates[Math.floor(rng() * candidates.length)];
}

/** The group's available AZs, fewest instances first (list order breaks ties): a new instance goes to the first. */
export function zonesByFewest(perZone: ReadonlyMap<string, number>, zones: readonly string[], unavailable: ReadonlySet<string>): string[] {
  return zones
    .map((zone, order) => ({ zone, order, n: perZone.get(zone) ?? 0 }))
    .filter((z) => !unavailable.has(z.zone))
    .sort((a, b) => a.n - b.n || a.order - b.order)
    .map((z) => z.zone);
}
