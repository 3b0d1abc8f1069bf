/** Bisection over anything sorted: the one lower-bound search the core's sorted lookups share. */

/** The first position k in 0..n at which `before(k)` is false (`before` true up to some point, then false). */
export function lowerBound(n: number, before: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
