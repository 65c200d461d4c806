/** src/lib/median.ts: the middle value, the mean of the middle two, NaN for none. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { median } from "../../src/lib/median.ts";

test("median(xs) of an odd count is the middle value, of an even count the mean of the middle two", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.equal(median([7]), 7);
  assert.equal(median([10, 2, 33, 4, 5, 100, 1]), 5, "sorted as numbers, not as strings");
});

test("median([]) is NaN, and median(xs) leaves xs as it was", () => {
  assert.ok(Number.isNaN(median([])));
  const xs = [3, 1, 2];
  median(xs);
  assert.deepEqual(xs, [3, 1, 2]);
});
