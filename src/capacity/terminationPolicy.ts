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
  // Instances per zone (a handful of zones: a short list, no map), then the most among the group's zones.
  const seen: string[] = [];
  const counts: number[] = [];
  for (let i = 0; i < members.length; i++) {
    const zone = (members[i] as Host).availabilityZone;
    const z = seen.indexOf(zone);
    if (z >= 0) counts[z]++;
    else {
      seen.push(zone);
      counts.push(1);
    }
  }
  let most = 0;
  for (const zone of zones) {
    const z = seen.indexOf(zone);
    if (z >= 0 && (counts[z] as number) > most) most = counts[z] as number;
  }
  // Zones tied for the most instances all stay in play for the next steps.
  const inPlay = (h: Host) => {
    const z = seen.indexOf(h.availabilityZone);
    return (z >= 0 ? (counts[z] as number) : 0) === most;
  };
  let closest = Infinity;
  for (let i = 0; i < members.length; i++) {
    const h = members[i] as Host;
    if (inPlay(h)) closest = Math.min(closest, toNextHour(h, now));
  }
  const candidates: Host[] = [];
  for (let i = 0; i < members.length; i++) {
    const h = members[i] as Host;
    if (inPlay(h) && toNextHour(h, now) === closest) candidates.push(h);
  }
  candidates.sort((a, b) => a.index - b.index);
  return candidates[Math.floor(rng() * candidates.length)];
}

/** Time to the instance's next billing hour at `now` (0 for an instance not yet running: it has billed nothing). */
export function toNextHour(h: Host, now: number): number {
  return h.status === HostStatus.Launching || h.runningAt < 0 ? 0 : 3_600_000 - ((now - h.runningAt) % 3_600_000);
}

/** The group's available AZs, fewest instances first (list order breaks ties): a new instance goes to the first. */
export function zonesByFewest(perZone: ReadonlyMap<string, number>, zones: readonly string[], unavailable: ReadonlySet<string>): string[] {
  return zones
    .map((zone, order) => ({ zone, order, n: perZone.get(zone) ?? 0 }))
    .filter((z) => !unavailable.has(z.zone))
    .sort((a, b) => a.n - b.n || a.order - b.order)
    .map((z) => z.zone);
}
