import type { Host } from '../model/host.js';
import type { AutoScalingGroupSpec, InstanceTypeSpec } from '../model/specs.js';
import type { SpotMarket } from '../spot/spotMarket.js';
import type { SpotPool, SpotUnitOwner } from '../spot/spotPool.js';

/**
 * The EC2 Spot pools (instance type × AZ) of the Auto Scaling groups that can launch Spot, registered
 * with the Spot market once and shared by every group launching there; a Spot instance is a unit of
 * its pool while it runs.
 */
export class Ec2SpotPools {
  private readonly pools = new Map<string, SpotPool>();
  private market: SpotMarket | undefined;

  /** Registers the pools. Call before market.start(). */
  attach(market: SpotMarket, groups: readonly AutoScalingGroupSpec[], owner: SpotUnitOwner): void {
    this.market = market;
    for (const g of groups) {
      if (!g.usesSpot) continue;
      for (const type of g.instanceTypes) {
        for (const zone of g.availabilityZones) {
          const key = poolKey(type, zone);
          if (!this.pools.has(key)) this.pools.set(key, market.addPool(key, 'ec2', zone, type.info.instanceType, type.info.spotInterruptionBucket, owner));
        }
      }
    }
  }

  pool(type: InstanceTypeSpec, zone: string): SpotPool {
    const pool = this.pools.get(poolKey(type, zone));
    if (pool === undefined) throw new Error(`no Spot pool ${poolKey(type, zone)}`);
    return pool;
  }

  poolOf(host: Host): SpotPool | undefined {
    return host.spot ? this.pools.get(poolKey(host.type, host.availabilityZone)) : undefined;
  }

  started(host: Host): void {
    const pool = this.poolOf(host);
    if (pool !== undefined) this.market?.unitStarted(pool, host.index);
  }

  ended(host: Host): void {
    const pool = this.poolOf(host);
    if (pool !== undefined) this.market?.unitEnded(pool, host.index);
  }
}

export function poolKey(type: InstanceTypeSpec, zone: string): string {
  return `${type.info.instanceType}/${zone}`;
}
