/**
 * The hand-written scanners against the split patterns they implement, and the places where
 * Rust's regex (what tiktoken runs) and JavaScript's disagree.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { get_encoding } from "tiktoken";
import { loadEncoding } from "../../src/engine/node.js";
import { getEncodingSpec } from "../../src/engine/registry.js";
import { classTable } from "../../src/engine/core/unicode.js";
import { sameUnicode } from "./helpers.js";

const texts = (name: string, text: string) =>
  loadEncoding(name)
    .split(text)
    .map((p) => p.text);

test("split(text) follows o200k_base's case rules: CamelCase, ALLCAPS and contractions", () => {
  // " iPhone": a lower-case run ends at the next upper-case letter, so " i" + "Phone".
  assert.deepEqual(texts("o200k_base", "HTTPServerError iPhone ALLCAPS'S don't"), [
    "HTTPServer",
    "Error",
    " i",
    "Phone",
    " ALLCAPS'S",
    " don't",
  ]);
  assert.deepEqual(texts("o200k_base", "Hello, WORLD's 12345 ok\n\n"), [
    "Hello",
    ",",
    " WORLD's",
    " ",
    "123",
    "45",
    " ok",
    "\n\n",
  ]);
});

test("split(text) groups digits by three in cl100k_base and o200k_base, not in r50k_base", () => {
  assert.deepEqual(texts("cl100k_base", " 2026"), [" ", "202", "6"]);
  assert.deepEqual(texts("o200k_base", " 2026"), [" ", "202", "6"]);
  assert.deepEqual(texts("r50k_base", " 2026"), [" 2026"]);
});

test("split(text) keeps the last space of a run for the next word, and trailing whitespace whole", () => {
  for (const name of ["r50k_base", "cl100k_base", "o200k_base"]) {
    assert.deepEqual(texts(name, "a   b"), ["a", "  ", " b"], name);
    assert.deepEqual(texts(name, "a   "), ["a", "   "], name);
  }
  assert.deepEqual(texts("cl100k_base", "x\n\n  "), ["x", "\n\n", "  "]);
  assert.deepEqual(texts("r50k_base", "x\n\n  y"), ["x", "\n\n ", " y"]);
});

test("split(text) treats U+0085 as whitespace, as Rust's \\s does (JavaScript's \\s does not)", () => {
  // With JavaScript's \s, "\u0085" would be a symbol and join "!" in one piece.
  assert.equal(/\s/u.test("\u0085"), false);
  assert.deepEqual(texts("o200k_base", "!\u0085x"), ["!", "\u0085x"]);
  assert.deepEqual(texts("r50k_base", "x\u0085\u0085 y"), ["x", "\u0085\u0085", " y"]);
  assert.deepEqual(texts("cl100k_base", "a \u0085"), ["a", " \u0085"]);
});

test("split(text) treats U+FEFF as a symbol, not whitespace, as Rust does (JavaScript's \\s matches it)", () => {
  assert.equal(/\s/u.test("\uFEFF"), true);
  assert.deepEqual(texts("o200k_base", "\uFEFF\uFEFF hi"), ["\uFEFF\uFEFF", " hi"]);
  assert.deepEqual(texts("r50k_base", " \uFEFFx"), [" \uFEFF", "x"]);
  assert.deepEqual(texts("cl100k_base", "\uFEFFHello"), ["\uFEFFHello"]);
});

test("split(text) reads 'ſ (long s) as a contraction where tiktoken's pattern is case-insensitive", () => {
  assert.deepEqual(texts("cl100k_base", "it'ſ"), ["it", "'ſ"]);
  assert.deepEqual(texts("o200k_base", "it'ſ"), ["it'ſ"]);
  // r50k_base's contractions are case-sensitive: "'" is a symbol, then letters.
  assert.deepEqual(texts("r50k_base", "it'ſ"), ["it", "'", "ſ"]);
  assert.deepEqual(texts("r50k_base", "it'S"), ["it", "'", "S"]);
  assert.deepEqual(texts("r50k_base", "it's"), ["it", "'s"]);
});

test("split(text) with the Rust-faithful scanners agrees with tiktoken WASM on U+0085 and U+FEFF", () => {
  for (const name of ["r50k_base", "cl100k_base", "o200k_base"] as const) {
    const oracle = get_encoding(name);
    try {
      for (const t of [
        "\u0085",
        " \u0085x",
        "x\u0085\u0085 y",
        "\u0085\n",
        "\uFEFF",
        " \uFEFFx",
        "a\uFEFFb",
        "\uFEFF\uFEFF \u0085",
      ]) {
        assert.deepEqual(
          loadEncoding(name).encodeOrdinary(t),
          Array.from(oracle.encode_ordinary(t)),
          `${name} ${JSON.stringify(t)}`,
        );
      }
    } finally {
      oracle.free();
    }
  }
});

// Characters that sit on the edges of the patterns' classes.
const tricky = [
  "a",
  "Z",
  "s",
  "S",
  "t",
  "e",
  "r",
  "l",
  "v",
  "d",
  "m",
  "'",
  " ",
  " ",
  "\t",
  "\n",
  "\r",
  "/",
  "!",
  ",",
  "1",
  "٣",
  "Ⅻ",
  "½",
  "\u0301",
  "\u0903",
  "ǅ",
  "ʰ",
  "中",
  "é",
  "É",
  "ſ",
  "\u0085",
  "\u00A0",
  "\u3000",
  "\uFEFF",
  "\u2028",
  "😀",
  "\u{1F3FD}",
  "\u200D",
  "𝔸",
  "\uD800",
  "\uDC00",
  "\u0000",
  "ß",
  "Ж",
  "ж",
];
const trickyString = fc.array(fc.constantFrom(...tricky), { maxLength: 40 }).map((a) => a.join(""));

test("classTable() is Unicode 16.0, tiktoken's: U+323B0, new in Unicode 17.0, is no letter there", () => {
  assert.equal(sameUnicode("a1 ſ\u0085"), true);
  // U+323B0 is a CJK ideograph of Unicode 17.0: unassigned to tiktoken's regex crate.
  assert.equal(classTable()[0x323b0], 0);
});

for (const name of ["r50k_base", "cl100k_base", "o200k_base"]) {
  test(`split(text) equals the pieces of spec.jsPattern on tricky and binary strings (${name})`, () => {
    const enc = loadEncoding(name);
    const re = new RegExp(getEncodingSpec(name).jsPattern, "gu");
    fc.assert(
      fc.property(fc.oneof(trickyString, fc.string({ unit: "binary", maxLength: 60 })).filter(sameUnicode), (s) => {
        const expected = s.toWellFormed().match(re) ?? [];
        assert.deepEqual(
          enc.split(s).map((p) => p.text.toWellFormed()),
          expected,
        );
      }),
      { numRuns: 3000, seed: 42 },
    );
  });
}

test("split(text) offsets are UTF-16 offsets that tile the text", () => {
  const enc = loadEncoding("o200k_base");
  const s = "héllo 😀 wörld\uD800!";
  const pieces = enc.split(s);
  assert.equal(pieces.map((p) => p.text).join(""), s);
  let at = 0;
  for (const p of pieces) {
    assert.equal(p.start, at);
    assert.equal(s.slice(p.start, p.end), p.text);
    at = p.end;
  }
  assert.equal(at, s.length);
});
