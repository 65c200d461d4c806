/** The `Encoding` API: special tokens, decoding, bad input, inspection. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { get_encoding } from "tiktoken";
import { loadEncoding } from "../../src/engine/node.js";

const o200k = loadEncoding("o200k_base");
const cl100k = loadEncoding("cl100k_base");

test("encode(text) refuses a disallowed special token, naming it and saying how to allow it", () => {
  assert.throws(
    () => o200k.encode("hi <|endoftext|>"),
    (err: Error) =>
      err.message.includes('disallowed special token "<|endoftext|>"') &&
      err.message.includes('allowedSpecial: ["<|endoftext|>"]') &&
      err.message.includes("encodeOrdinary"),
  );
});

test("encode(text, {allowedSpecial}) encodes the allowed special token as its ID", () => {
  assert.deepEqual(o200k.encode("hi<|endoftext|>", { allowedSpecial: ["<|endoftext|>"] }), [3686, 199999]);
  assert.deepEqual(o200k.encode("<|endofprompt|>", { allowedSpecial: "all" }), [200018]);
  // Allowing one token does not allow another.
  assert.throws(
    () => o200k.encode("<|endofprompt|><|endoftext|>", { allowedSpecial: ["<|endoftext|>"] }),
    /<\|endofprompt\|>/,
  );
});

test("encode(text, {disallowedSpecial: []}) encodes special-token text as ordinary text, like encodeOrdinary", () => {
  const text = "a<|endoftext|>b";
  assert.deepEqual(o200k.encode(text, { disallowedSpecial: [] }), o200k.encodeOrdinary(text));
  const oracle = get_encoding("o200k_base");
  try {
    assert.deepEqual(o200k.encodeOrdinary(text), Array.from(oracle.encode_ordinary(text)));
    assert.deepEqual(o200k.encode(text, { allowedSpecial: "all" }), Array.from(oracle.encode(text, "all")));
  } finally {
    oracle.free();
  }
  assert.equal(
    o200k.encodeOrdinary(text).some((id) => o200k.isSpecial(id)),
    false,
  );
});

test("encode(text, {allowedSpecial}) rejects a name that is no special token of the encoding", () => {
  assert.throws(
    () => o200k.encode("x", { allowedSpecial: ["<|fim_prefix|>"] }),
    /"<\|fim_prefix\|>", which is not a special token of o200k_base/,
  );
  assert.throws(
    () => o200k.encode("x", { allowedSpecial: "everything" as "all" }),
    /allowedSpecial must be "all" or a list/,
  );
});

test("encode(text) handles lone surrogates as U+FFFD, as TextEncoder and tiktoken's WASM build do", () => {
  const oracle = get_encoding("cl100k_base");
  try {
    for (const t of ["\uD800", "a\uDC00b", "\uD83D", "x\uDE00\uD83D y"]) {
      assert.deepEqual(cl100k.encode(t), Array.from(oracle.encode(t)), JSON.stringify(t));
      assert.deepEqual(cl100k.encode(t), cl100k.encode(t.toWellFormed()));
    }
  } finally {
    oracle.free();
  }
});

test("encode(text) treats Object.prototype names as plain text, never as tokens", () => {
  const oracle = get_encoding("o200k_base");
  try {
    for (const t of ["constructor", "__proto__", "hasOwnProperty", "toString", "valueOf", " constructor"]) {
      assert.deepEqual(o200k.encode(t), Array.from(oracle.encode(t)), t);
    }
  } finally {
    oracle.free();
  }
});

test("encode(text) encodes NUL bytes and megabyte pastes", () => {
  assert.deepEqual(o200k.decode(o200k.encode("a\0b\0")), "a\0b\0");
  const big = "The quick brown fox jumps over the lazy dog. ".repeat(25_000); // 1.1 MB
  const ids = o200k.encode(big);
  assert.equal(o200k.decode(ids), big);
  assert.equal(o200k.countTokens(big), ids.length);
});

test("decode(ids) keeps a leading U+FEFF (byte order mark)", () => {
  const ids = o200k.encode("\uFEFFhello");
  assert.equal(o200k.decode(ids), "\uFEFFhello");
  assert.equal(o200k.decode(o200k.encode("\uFEFF")), "\uFEFF");
});

test("decode(ids) replaces invalid UTF-8 with U+FFFD; decodeBytes(ids) keeps the raw bytes", () => {
  // o200k_base splits "鬱" (e9 ac b1) into two tokens; the first alone is not valid UTF-8.
  const ids = o200k.encode("鬱");
  assert.equal(ids.length, 2);
  assert.equal(o200k.decode(ids.slice(0, 1)), "\uFFFD");
  assert.deepEqual(Array.from(o200k.decodeBytes(ids.slice(0, 1))), Array.from(o200k.tokenBytes(ids[0])));
  assert.equal(o200k.decode(ids), "鬱");
});

test("decode(ids) throws on an unknown ID, naming the ID and its position", () => {
  assert.throws(() => o200k.decode([24912, 300000]), /Unknown token ID 300000 at position 1/);
  assert.throws(() => o200k.decode([-1]), /Unknown token ID -1 at position 0/);
  assert.throws(() => o200k.decode([1.5]), /Unknown token ID 1.5/);
  assert.throws(() => cl100k.decode([100256]), /Unknown token ID 100256/); // the gap before the specials
  assert.throws(() => o200k.tokenBytes(200000), /Unknown token ID 200000/);
  assert.equal(o200k.decode([199999]), "<|endoftext|>");
});

test("encodeDetailed(text) gives each token's bytes and UTF-16 span, and marks split characters", () => {
  const text = "a 鬱!";
  const tokens = o200k.encodeDetailed(text);
  assert.deepEqual(
    tokens.map((t) => t.id),
    o200k.encodeOrdinary(text),
  );
  const split = tokens.filter((t) => t.partial);
  assert.ok(split.length >= 2, "鬱 is split across tokens");
  for (const t of split) {
    assert.equal(text.slice(t.start, t.end).includes("鬱"), true);
    for (const p of t.partial!) assert.equal(p.char, "鬱");
  }
  const parts = split.flatMap((t) => t.partial!);
  assert.equal(parts[0].byteStart, 0);
  assert.equal(parts[0].byteLength, 3);
  assert.equal(parts[parts.length - 1].byteEnd, 3);
  const bytes = tokens.flatMap((t) => Array.from(t.bytes));
  assert.deepEqual(bytes, Array.from(new TextEncoder().encode(text)));
});

test("encodeDetailed(text, {allowedSpecial}) marks special tokens and spans them exactly", () => {
  const text = "x<|endoftext|>y";
  const tokens = o200k.encodeDetailed(text, { allowedSpecial: "all" });
  const special = tokens.find((t) => t.special)!;
  assert.equal(special.id, 199999);
  assert.equal(text.slice(special.start, special.end), "<|endoftext|>");
});

test("encodeDetailed(text) maps a lone surrogate to its own UTF-16 unit", () => {
  const text = "a\uD800b";
  const tokens = o200k.encodeDetailed(text);
  const covering = tokens.filter((t) => t.start <= 1 && t.end >= 2);
  assert.ok(covering.length >= 1);
  assert.deepEqual(
    tokens.map((t) => t.id),
    o200k.encodeOrdinary(text),
  );
});

test("mergeTrace(piece) ends in the same tokens as encode(piece), for every piece of a sentence", () => {
  const text = "Tokenizers merge bytes: naïve Straße, 東京タワー, supercalifragilistic!";
  for (const enc of [o200k, cl100k, loadEncoding("r50k_base")]) {
    for (const piece of enc.split(text)) {
      const trace = enc.mergeTrace(piece.text);
      assert.deepEqual(trace.ids, enc.encodeOrdinary(piece.text), `${enc.name} ${piece.text}`);
      for (let i = 1; i < trace.steps.length; i++) {
        assert.ok(trace.steps[i].parts.length === trace.steps[i - 1].parts.length - 1);
      }
    }
  }
  const t = cl100k.mergeTrace(" tokenizer");
  assert.deepEqual(t.ids, [47058]);
  assert.equal(t.wholePiece, 47058);
  assert.deepEqual(cl100k.mergeTrace(" supercalifragilistic").ids, cl100k.encodeOrdinary(" supercalifragilistic"));
});

test("rank(bytes) looks up ordinary tokens only", () => {
  assert.equal(o200k.rank(new TextEncoder().encode("hello")), 24912);
  assert.equal(o200k.rank(new TextEncoder().encode("<|endoftext|>")), undefined);
  assert.equal(o200k.rank(new Uint8Array()), undefined);
});
