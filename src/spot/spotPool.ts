import type { EventRef } from '../engine/simulation.js';

/**
 * One Spot capacity pool (aws-behaviour.md §7: an instance type in one AZ; and FARGATE_SPOT in one AZ)
 * and its running Spot units: instances (by host index) or Fargate Spot tasks (by task slot). The pool
 * knows nothing of what a unit is; its owner acts on the notices (see SpotMarket).
 */
export type PoolKind = 'ec2' | 'fargateSpot';

export interface SpotUnitOwner {
  /** The unit gets its 2-minute interruption notice (it has already left the pool). */
  interrupt(unit: number, pool: SpotPool): void;
  /** A drought ended: the pool can launch Spot capacity again. */
  capacityReturned(pool: SpotPool): void;
}

export class SpotPool {
  private readonly list: number[] = [];
  private readonly positions = new Map<number, number>();
  /** Interruptions per unit per ms (Spot Advisor hazard plus explicit rates). */
  hazardPerMs = 0;
  hazardEvent: EventRef = -1;
  /** Overlapping droughts now in force (the pool cannot launch while > 0). */
  droughts = 0;
  interruptions = 0;

  constructor(
    readonly index: number,
    /** "m5.large/us-east-1a" or "FARGATE_SPOT/us-east-1a". */
    readonly key: string,
    readonly kind: PoolKind,
    readonly zone: string,
    readonly instanceType: string | undefined,
    readonly owner: SpotUnitOwner,
  ) {}

  get size(): number {
    return this.list.length;
  }

  get dry(): boolean {
    return this.droughts > 0;
  }

  unit(position: number): number {
    return this.list[position] as number;
  }

  add(unit: number): void {
    if (this.positions.has(unit)) return;
    this.positions.set(unit, this.list.length);
    this.list.push(unit);
  }

  /** Removes a unit (swap with the last); false when it was not in the pool. */
  remove(unit: number): boolean {
    const at = this.positions.get(unit);
    if (at === undefined) return false;
    this.positions.delete(unit);
    const last = this.list.pop() as number;
    if (last !== unit) {
      this.list[at] = last;
      this.positions.set(last, at);
    }
    return true;
  }
}
