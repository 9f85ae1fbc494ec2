/**
 * A Fenwick (binary indexed) tree of non-negative integer counts at positions 0..size-1: adding to a
 * position, the sum of a prefix, and the position of the k-th unit, each O(log size). With counts of 0
 * and 1 it marks which items of a fixed list are left, so the k-th item left is found without splicing
 * the list (a splice per pick makes n picks cost n²).
 */
export class FenwickTree {
  /** 1-based: node i holds the sum of positions (i - lowbit(i), i]. */
  private readonly nodes: Int32Array;
  /** The highest power of two not above size (where a descent starts). */
  private readonly top: number;
  /** This tree alone, for find's descent (findInSum) without a list made per call. */
  private readonly alone: readonly FenwickTree[] = [this];

  /** A tree over `size` positions holding `count(p)` at position p (0 when omitted), built in O(size). */
  constructor(
    readonly size: number,
    count: (position: number) => number = () => 0,
  ) {
    this.nodes = new Int32Array(size + 1);
    for (let i = 1; i <= size; i++) {
      this.nodes[i] = (this.nodes[i] as number) + count(i - 1);
      const parent = i + (i & -i);
      if (parent <= size) this.nodes[parent] = (this.nodes[parent] as number) + (this.nodes[i] as number);
    }
    let top = 1;
    while (top * 2 <= size) top *= 2;
    this.top = size === 0 ? 0 : top;
  }

  add(position: number, delta: number): void {
    for (let i = position + 1; i <= this.size; i += i & -i) this.nodes[i] = (this.nodes[i] as number) + delta;
  }

  /** The sum of positions [0, end). */
  prefix(end: number): number {
    let sum = 0;
    for (let i = end; i > 0; i -= i & -i) sum += this.nodes[i] as number;
    return sum;
  }

  /** The position holding the k-th unit (0-based), i.e. the p with prefix(p) <= k < prefix(p + 1); size when k >= the total. */
  find(k: number): number {
    return findInSum(this.alone, k);
  }

  /** Node i (1-based), for descents over several trees at once (findInSum). */
  node(i: number): number {
    return this.nodes[i] as number;
  }

  /** Where a descent starts: the highest power of two not above size. */
  get descentStart(): number {
    return this.top;
  }
}

/**
 * The position holding the k-th unit (0-based) of the position-wise sum of several trees of one size:
 * a single descent reading the trees' nodes side by side, O(trees · log size). The size when k is at
 * least the total.
 */
export function findInSum(trees: readonly FenwickTree[], k: number): number {
  const first = trees[0];
  if (first === undefined) return 0;
  let position = 0;
  let rest = k;
  for (let step = first.descentStart; step > 0; step >>= 1) {
    const next = position + step;
    if (next > first.size) continue;
    let sum = 0;
    for (const tree of trees) sum += tree.node(next);
    if (sum <= rest) {
      position = next;
      rest -= sum;
    }
  }
  return position;
}
