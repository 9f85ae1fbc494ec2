import { itemToShrink, nextItem } from '../capacity/providerSplit.js';
import type { ClusterState } from '../model/clusterState.js';
import type { CapacityProviderSpec, StrategyItemSpec } from '../model/specs.js';
import type { Task } from '../model/task.js';
import type { PlacementView } from '../placement/types.js';

/**
 * One workload's tasks per capacity provider strategy item (tasks not yet STOPPING), and the split
 * rules of capacity/providerSplit.ts applied to them.
 */
export class StrategyCounts {
  private readonly counts: Int32Array;
  private readonly itemOf = new Map<number, number>();

  constructor(readonly items: readonly StrategyItemSpec[]) {
    this.counts = new Int32Array(items.length);
    items.forEach((item, i) => this.itemOf.set(item.provider.index, i));
  }

  /** The provider the workload's next task goes to. */
  next(): CapacityProviderSpec {
    return (this.items[nextItem(this.items, this.counts)] as StrategyItemSpec).provider;
  }

  /** The provider that gives up a task on scale-in (-1: none holds any). */
  toShrink(): number {
    const i = itemToShrink(this.items, this.counts);
    return i < 0 ? -1 : (this.items[i] as StrategyItemSpec).provider.index;
  }

  /** The task goes to `provider`: it is marked and counted. */
  assign(task: Task, provider: CapacityProviderSpec): void {
    task.provider = provider.index;
    const i = this.itemOf.get(provider.index);
    if (i !== undefined) this.counts[i]++;
  }

  remove(provider: number): void {
    const i = this.itemOf.get(provider);
    if (i !== undefined) this.counts[i]--;
  }
}

/** Where an EC2 placement looks: the provider's own instances, or (EC2 launch type) all of them. */
export function placementViewFor(cluster: ClusterState, provider: CapacityProviderSpec | undefined): PlacementView {
  return provider?.group === undefined ? cluster : cluster.providerView(provider.group.index);
}
