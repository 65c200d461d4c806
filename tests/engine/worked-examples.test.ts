/**
 * BPE by hand, on vocabularies small enough to check on paper. Rank 0–255 are the bytes
 * themselves (so "a" is 97), and the listed tokens follow from 256.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { mergeLarge, mergeSmall } from "../../src/engine/core/bpe.js";
import { Vocab } from "../../src/engine/core/vocab.js";
import { latin1, mulberry32, tinyEncoding } from "./helpers.js";

test("encodeOrdinary(text) merges the lowest-ranked pair first", () => {
  // "bc" (256) ranks below "ab" (257), so "abc" → a + bc, although "ab" comes first.
  const enc = tinyEncoding(["bc", "ab"]);
  assert.deepEqual(enc.encodeOrdinary("abc"), [97, 256]);
});

test("encodeOrdinary(text) breaks a tie between equal pairs by taking the leftmost", () => {
  // "aaa": both pairs are "aa" (256); the left one merges, leaving aa + a, not a + aa.
  const enc = tinyEncoding(["aa"]);
  assert.deepEqual(enc.encodeOrdinary("aaa"), [256, 97]);
  // "aaaaa" → aa aa a.
  assert.deepEqual(enc.encodeOrdinary("aaaaa"), [256, 256, 97]);
});

test("encodeOrdinary(text) keeps merging merged parts until no pair is a token", () => {
  // low (256), er (257), lower (258 = low + er): "lower" is itself a token, but "lowers" is not:
  // l o w e r s → low e r s → low er s → lower s.
  const enc = tinyEncoding(["lo", "low", "er", "lower"]);
  assert.deepEqual(enc.encodeOrdinary("lowers"), [259, 115]);
  const trace = enc.mergeTrace("lowers");
  assert.deepEqual(
    trace.steps.map((s) => [s.rank, s.parts.map(latin1)]),
    [
      [256, ["lo", "w", "e", "r", "s"]],
      [257, ["low", "e", "r", "s"]],
      [258, ["low", "er", "s"]],
      [259, ["lower", "s"]],
    ],
  );
  assert.deepEqual(trace.ids, [259, 115]);
});

test("encodeOrdinary(text) takes a whole piece that is a token even when merges cannot reach it", () => {
  // "xyz" (256) has no "xy" or "yz" to build it from: tiktoken looks the whole piece up first.
  const enc = tinyEncoding(["xyz"]);
  assert.deepEqual(enc.encodeOrdinary("xyz"), [256]);
  assert.deepEqual(enc.encodeOrdinary("xyzw"), [120, 121, 122, 119]);
  const trace = enc.mergeTrace("xyz");
  assert.equal(trace.wholePiece, 256);
  assert.deepEqual(trace.steps, []);
  assert.deepEqual(trace.ids, [256]);
});

test("encodeOrdinary(text) merges each piece of the split separately", () => {
  // The pattern splits "ab ab" into "ab" and " ab". " a" (256) outranks "ab" (257), so the
  // second piece becomes " a" + "b", while the first, being a token, stays "ab".
  const enc = tinyEncoding([" a", "ab"]);
  assert.deepEqual(
    enc.split("ab ab").map((p) => p.text),
    ["ab", " ab"],
  );
  assert.deepEqual(enc.encodeOrdinary("ab ab"), [257, 256, 98]);
});

test("encodeOrdinary(text) works on bytes: a character is merged from its UTF-8 bytes", () => {
  // "é" is c3 a9; with the token "é" (256) it is one token, without it two byte tokens.
  assert.deepEqual(tinyEncoding(["é"]).encodeOrdinary("é"), [256]);
  assert.deepEqual(tinyEncoding([]).encodeOrdinary("é"), [0xc3, 0xa9]);
});

test("encode(text, {allowedSpecial}) cuts the text around an allowed special token", () => {
  const enc = tinyEncoding(["ab"]); // <|end|> is 257
  assert.deepEqual(enc.encode("ab<|end|>ab", { allowedSpecial: ["<|end|>"] }), [256, 257, 256]);
  assert.throws(() => enc.encode("ab<|end|>"), /disallowed special token "<\|end\|>"/);
});

test("mergeLarge(piece) gives the same tokens as mergeSmall(piece) on random pieces and vocabularies", () => {
  // A little random vocabulary over the alphabet "ab c", with tokens up to 6 bytes.
  const rnd = mulberry32(7);
  for (let round = 0; round < 40; round++) {
    const tokens: Uint8Array[] = [];
    for (let b = 0; b < 256; b++) tokens.push(Uint8Array.of(b));
    const seen = new Set<string>();
    while (tokens.length < 256 + 30) {
      const len = 2 + rnd(5);
      let s = "";
      for (let k = 0; k < len; k++) s += "ab c"[rnd(4)];
      if (!seen.has(s)) {
        seen.add(s);
        tokens.push(Uint8Array.from(s, (c) => c.charCodeAt(0)));
      }
    }
    const vocab = Vocab.fromTokens(tokens);
    for (let k = 0; k < 20; k++) {
      const len = 2 + rnd(300);
      const buf = Uint8Array.from({ length: len }, () => "ab c".charCodeAt(rnd(4)));
      const small: number[] = [],
        large: number[] = [];
      mergeSmall(vocab, buf, 0, len, small);
      mergeLarge(vocab, buf, 0, len, large);
      assert.deepEqual(large, small, `piece ${latin1(buf)}`);
    }
  }
});

test("encode(text, {allowedSpecial}) still refuses a disallowed token that overlaps or prefixes an allowed one", () => {
  // tiktoken searches the text for disallowed tokens on their own, wherever they are.
  const enc = tinyEncoding([], { specialTokens: { "<|x|>": 256, "|>y": 257, "<|x|>!": 258 }, nVocab: 259 });
  assert.deepEqual(enc.encode("<|x|>y", { allowedSpecial: ["<|x|>", "|>y"] }), [256, 121]);
  assert.throws(() => enc.encode("<|x|>y", { allowedSpecial: ["<|x|>"] }), /disallowed special token "\|>y"/);
  assert.throws(() => enc.encode("<|x|>!", { allowedSpecial: ["<|x|>!"] }), /disallowed special token "<\|x\|>"/);
  assert.deepEqual(enc.encode("<|x|>!", { allowedSpecial: "all" }), [258]);
});
