/**
 * The merge loops' one heap (src/engine/core/heap.ts): keys come out smallest first, the array
 * grows as needed, and `heapOperations()` counts every key in and out.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { heapify, heapOperations, heapPop, heapPush, KEY_SHIFT, NO_MERGE } from "../../src/engine/core/heap.ts";

test("heapPush(heap, size, key) / heapPop(heap, size): the worked example, rank 2 at part 9 before rank 7 at part 3", () => {
  let heap = new Float64Array(16),
    size = 0;
  heap = heapPush(heap, size++, 7 * KEY_SHIFT + 3);
  heap = heapPush(heap, size++, 2 * KEY_SHIFT + 9);
  heap = heapPush(heap, size++, 2 * KEY_SHIFT + 4);
  const key = heapPop(heap, size--);
  assert.deepEqual([Math.floor(key / KEY_SHIFT), key % KEY_SHIFT], [2, 4], "lowest rank, leftmost on ties");
  assert.equal(heapPop(heap, size--), 2 * KEY_SHIFT + 9);
  assert.equal(heapPop(heap, size--), 7 * KEY_SHIFT + 3);
  assert.equal(size, 0);
  // Keys stay exact at the largest rank and start the engine packs.
  assert.equal(((2 ** 21 - 1) * KEY_SHIFT + (2 ** 32 - 1)) % KEY_SHIFT, 2 ** 32 - 1);
  assert.ok(NO_MERGE > 2 ** 21 && NO_MERGE === 2 ** 31 - 1);
});

test("heapPush, heapify and heapPop give any keys back sorted, growing the array as needed", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 })), fc.nat(40), (keys, split) => {
      // Some keys heapified at once, the rest pushed into a small array one by one.
      const first = keys.slice(0, split);
      let heap = new Float64Array(Math.max(1, first.length));
      heap.set(first);
      let size = first.length;
      heapify(heap, size);
      for (const k of keys.slice(split)) heap = heapPush(heap, size++, k);
      const out: number[] = [];
      while (size > 0) out.push(heapPop(heap, size--));
      assert.deepEqual(
        out,
        [...keys].sort((a, b) => a - b),
      );
    }),
  );
});

test("heapOperations() counts each key that enters (heapPush, heapify) and each heapPop", () => {
  const before = heapOperations();
  let heap = Float64Array.of(5, 3, 8);
  heapify(heap, 3);
  heap = heapPush(heap, 3, 1);
  heapPop(heap, 4);
  heapPop(heap, 3);
  assert.equal(heapOperations() - before, 3 + 1 + 2);
});
