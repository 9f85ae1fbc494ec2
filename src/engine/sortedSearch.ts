/** The first index whose value is >= `key` in an ascending list (the list's length when none is). */
export function lowerBound(sorted: ArrayLike<number>, key: number, from = 0, to = sorted.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The k-th smallest (0-based) element of several ascending lists of distinct numbers. */
export function kthSmallest(lists: readonly (readonly number[])[], k: number): number {
  // Binary search on the value: the answer is the smallest x with more than k elements <= x.
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of lists) {
    lo = Math.min(lo, l[0] as number);
    hi = Math.max(hi, l[l.length - 1] as number);
  }
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    let atMost = 0;
    for (const l of lists) atMost += lowerBound(l, mid + 1);
    if (atMost > k) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
