/**
 * The median of a list of numbers: the middle one, or the mean of the middle two for an even
 * count; NaN for an empty list. For benchmark rounds, and for the language tax's summaries.
 *
 *   median([3, 1, 2]) → 2;  median([4, 1, 2, 3]) → 2.5;  median([]) → NaN
 */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
