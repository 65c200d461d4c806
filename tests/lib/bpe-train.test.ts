/**
 * BPE training (src/lib/bpe-train.ts): minbpe's worked example, determinism, and that
 * encoding with the learned merges gives the bytes back.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { encodeBpe, mergePair, trainBpe, trainSteps } from "../../src/lib/bpe-train.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

test('trainBpe("aaabdaaabac", 256 + 3) then encodeBpe gives minbpe\'s [258, 100, 258, 97, 99]', () => {
  const { merges, vocab } = trainBpe(utf8("aaabdaaabac"), 256 + 3);
  assert.deepEqual(
    merges.map((m) => [m.left, m.right, m.id, m.count]),
    [
      [97, 97, 256, 4],
      [256, 97, 257, 2],
      [257, 98, 258, 2],
    ],
  );
  assert.deepEqual(encodeBpe(utf8("aaabdaaabac"), merges), [258, 100, 258, 97, 99]);
  assert.equal(new TextDecoder().decode(vocab[258]), "aaab");
});

test("trainBpe(bytes, size) breaks ties by first occurrence, so two runs agree", () => {
  // "ab" and "cd" both occur twice; "ab" comes first.
  const { merges } = trainBpe(utf8("abcdabcd"), 257);
  assert.deepEqual([merges[0].left, merges[0].right], [97, 98]);
  const text = utf8("the cat sat on the mat; the cat ate the rat. ".repeat(20));
  assert.deepEqual(trainBpe(text, 400), trainBpe(text, 400));
});

test("trainBpe stops when one token is left, and refuses a size under 256", () => {
  assert.deepEqual(
    trainBpe(utf8("abc"), 300).merges.map((m) => m.id),
    [256, 257],
    "abc → ab,c → abc: then nothing is left to pair",
  );
  assert.throws(() => trainBpe(utf8("abc"), 100), /at least 256/);
  assert.equal([...trainSteps(utf8("aaaa"), 300)].length, 2, "aaaa → aa,aa → aaaa");
});

test("encodeBpe(bytes, trainBpe(bytes).merges) decodes back to the bytes, for any text", () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom("a", "b", " ", "ab", "é", "東", "\n"), maxLength: 60 }),
      fc.integer({ min: 256, max: 300 }),
      (s, size) => {
        const bytes = utf8(s);
        const { merges, vocab } = trainBpe(bytes, size);
        const ids = encodeBpe(bytes, merges);
        const back = ids.flatMap((id) => Array.from(vocab[id]));
        assert.deepEqual(back, Array.from(bytes));
      },
    ),
    { numRuns: 200 },
  );
  assert.deepEqual(mergePair([1, 1, 1], 1, 1, 9), [9, 1], "non-overlapping, left to right");
});
