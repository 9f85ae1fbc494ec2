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
