import { FenwickTree } from '../engine/fenwickTree.js';

/**
 * The hosts of a partition with room for one task shape (memory and CPU), as a Fenwick tree of presence
 * over host indexes: how many there are, and the k-th by host index, each O(log n). A `random`
 * placement picks uniformly among the hosts that fit, taken in host-index order (placement/scan.ts);
 * with this set it draws the same host without listing them. The partition keeps it as hosts join,
 * leave and change their free amounts (Partition.add, remove and change).
 */
export class FitSet {
  private tree: FenwickTree;
  private inSet: Uint8Array;
  private count = 0;

  constructor(
    readonly memory: number,
    readonly cpu: number,
    capacity = 64,
  ) {
    this.tree = new FenwickTree(capacity);
    this.inSet = new Uint8Array(capacity);
  }

  /** Hosts in the set. */
  get size(): number {
    return this.count;
  }

  /** Host `index` is a member with these free amounts (member false: it left): in the set when it has room. */
  set(index: number, member: boolean, mem: number, cpu: number): void {
    const wanted = member && mem >= this.memory && cpu >= this.cpu ? 1 : 0;
    if (index >= this.inSet.length) {
      if (wanted === 0) return;
      this.grow(index);
    }
    const was = this.inSet[index] as number;
    if (was === wanted) return;
    this.inSet[index] = wanted;
    this.tree.add(index, wanted - was);
    this.count += wanted - was;
  }

  /** The k-th host index of the set (0-based, ascending); k < size. */
  pick(k: number): number {
    return this.tree.find(k);
  }

  /** The set as a tree over host indexes, at least `capacity` wide (picks across several partitions' sets need one width: findInSum). */
  positions(capacity: number): FenwickTree {
    if (capacity > this.inSet.length) this.grow(capacity - 1);
    return this.tree;
  }

  /** How many host indexes the tree spans. */
  get capacity(): number {
    return this.inSet.length;
  }

  private grow(index: number): void {
    let capacity = this.inSet.length;
    while (capacity <= index) capacity *= 2;
    const inSet = new Uint8Array(capacity);
    inSet.set(this.inSet);
    this.inSet = inSet;
    this.tree = new FenwickTree(capacity, (p) => inSet[p] as number);
  }
}
