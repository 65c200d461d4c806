/**
 * Types for the part of d3 (7.x, which ships none) that TypeScript modules under src/ import:
 * `group` and `median` from d3-array (src/components/language-tax-charts.ts). Framework resolves
 * "d3" from node_modules at build time; Plot imports the same package, so no page loads it twice.
 */
declare module "d3" {
  /** The values grouped by key, as a Map from key to values, keys in the order first seen. */
  export function group<T, K>(values: Iterable<T>, key: (d: T, index: number, values: Iterable<T>) => K): Map<K, T[]>;
  /** The median of the numbers (null, undefined and NaN left out); undefined when there are none. */
  export function median(values: Iterable<number | null | undefined>): number | undefined;
  export function median<T>(
    values: Iterable<T>,
    accessor: (d: T, index: number, values: Iterable<T>) => number | null | undefined,
  ): number | undefined;
}
