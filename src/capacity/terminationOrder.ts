import { FenwickTree, findInSum } from '../engine/fenwickTree.js';
import type { Random } from '../engine/rng.js';
import { lowerBound } from '../engine/sortedSearch.js';
import type { Host } from '../model/host.js';
import { chooseInstanceToTerminate, toNextHour } from './terminationPolicy.js';

/**
 * The default termination policy (terminationPolicy.ts) applied many times in a row at one instant: each
 * choice, and its one draw, equal chooseInstanceToTerminate over the instances not yet chosen, in
 * O(zones · log n) instead of a scan of every instance. The instances are sorted once by (time to the
 * next billing hour, index), which cannot change within an instant; per zone a Fenwick tree marks those
 * left. The zones in play (most instances) give the closest hour; the candidates are the run of that
 * hour, already in index order, and the draw's pick is found by one descent over the in-play zones' trees.
 */
export class TerminationOrder {
  /** The instances by (time to next hour, index), with their keys and zone numbers. */
  private readonly hosts: Host[];
  private readonly keys: Float64Array;
  private readonly zoneOf: Int32Array;
  /** Per zone number: instances left, whether it is one of the group's zones, and which are left. */
  private readonly counts: number[] = [];
  private readonly ofGroup: boolean[] = [];
  private readonly left: FenwickTree[] = [];
  private remaining: number;

  constructor(members: readonly Host[], zones: readonly string[], now: number) {
    const keyOf = (h: Host) => toNextHour(h, now);
    this.hosts = members.map((h) => ({ h, key: keyOf(h) })).sort((a, b) => a.key - b.key || a.h.index - b.h.index).map((e) => e.h);
    this.keys = Float64Array.from(this.hosts, keyOf);
    const names: string[] = [];
    this.zoneOf = Int32Array.from(this.hosts, (h) => {
      let z = names.indexOf(h.availabilityZone);
      if (z < 0) {
        z = names.push(h.availabilityZone) - 1;
        this.counts.push(0);
        this.ofGroup.push(zones.includes(h.availabilityZone));
      }
      this.counts[z] = (this.counts[z] as number) + 1;
      return z;
    });
    for (let z = 0; z < names.length; z++) this.left.push(new FenwickTree(this.hosts.length, (p) => (this.zoneOf[p] === z ? 1 : 0)));
    this.remaining = this.hosts.length;
  }

  get size(): number {
    return this.remaining;
  }

  /** The next instance to terminate (one draw from `rng`, as chooseInstanceToTerminate); undefined when none is left. */
  next(rng: Random): Host | undefined {
    if (this.remaining === 0) return undefined;
    let most = 0;
    for (let z = 0; z < this.counts.length; z++) if (this.ofGroup[z] === true && (this.counts[z] as number) > most) most = this.counts[z] as number;
    const inPlay: FenwickTree[] = [];
    let closest = Infinity;
    for (let z = 0; z < this.counts.length; z++) {
      if (this.counts[z] !== most || most === 0) continue;
      const tree = this.left[z] as FenwickTree;
      inPlay.push(tree);
      closest = Math.min(closest, this.keys[tree.find(0)] as number);
    }
    // No instance in the group's zones: the policy finds no candidate (after its draw).
    if (inPlay.length === 0) return void rng();
    const from = lowerBound(this.keys, closest);
    const to = lowerBound(this.keys, closest + 1, from);
    let before = 0;
    let upTo = 0;
    for (const tree of inPlay) {
      before += tree.prefix(from);
      upTo += tree.prefix(to);
    }
    const position = findInSum(inPlay, before + Math.floor(rng() * (upTo - before)));
    const zone = this.zoneOf[position] as number;
    (this.left[zone] as FenwickTree).add(position, -1);
    this.counts[zone] = (this.counts[zone] as number) - 1;
    this.remaining--;
    return this.hosts[position];
  }
}

/** Below this many victims a scale-in scans the instances per victim (sorting them would cost more). */
const INDEXED_FROM = 8;

/**
 * The victims of one scale-in of a group at one instant, among the instances that may go (fixed for the
 * instant): each chosen by the default termination policy, in a mixed group among the purchase option
 * over its share (or the other when none of it is left), as AutoScalingGroups asks.
 */
export class ScaleInVictims {
  /** Scan: the instances left; indexed: one order, or [On-Demand, Spot] in a mixed group. */
  private readonly all: Host[] = [];
  private readonly orders: TerminationOrder[] | undefined;

  constructor(
    eligible: readonly Host[],
    private readonly zones: readonly string[],
    private readonly now: number,
    private readonly mixed: boolean,
    expected: number,
  ) {
    if (expected < INDEXED_FROM) {
      this.orders = undefined;
      this.all = [...eligible];
    } else if (!mixed) this.orders = [new TerminationOrder(eligible, zones, now)];
    else this.orders = [false, true].map((spot) => new TerminationOrder(eligible.filter((h) => h.spot === spot), zones, now));
  }

  /** The next victim; `spotOver`: in a mixed group, whether Spot is the option over its share. */
  next(spotOver: boolean, rng: Random): Host | undefined {
    if (this.orders !== undefined) {
      const wanted = this.orders[this.mixed && spotOver ? 1 : 0] as TerminationOrder;
      const other = this.orders[this.mixed && !spotOver ? 1 : 0] as TerminationOrder;
      return (wanted.size > 0 ? wanted : other).next(rng);
    }
    const pool = this.mixed ? this.all.filter((h) => h.spot === spotOver) : this.all;
    const victim = chooseInstanceToTerminate(pool.length > 0 ? pool : this.all, this.zones, this.now, rng);
    if (victim !== undefined) this.all.splice(this.all.indexOf(victim), 1);
    return victim;
  }
}
