/**
 * How tokens are written for reading (src/lib/token-text.ts), in Node: whitespace and invisible
 * characters made visible, hex bytes, token colors, partial-character labels, byte segments.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadEncoding } from "../../src/engine/node.ts";
import {
  PALETTE,
  byteSegments,
  hex,
  partLabel,
  partialLabel,
  tokenColor,
  visibleSegments,
  visibleWhitespace,
} from "../../src/lib/token-text.ts";
import { tokenTable } from "../../src/lib/token-table.ts";

const o200k = loadEncoding("o200k_base");

test("visibleWhitespace(s) shows a space as ·, a tab as →, a newline as ↵, CR as ␍", () => {
  assert.equal(visibleWhitespace(" a\tb\nc\r\n"), "·a→b↵c␍↵");
  assert.equal(visibleWhitespace("    return"), "····return");
  assert.equal(visibleWhitespace("plain"), "plain");
  assert.equal(visibleWhitespace(""), "");
});

test("visibleWhitespace(s) shows NUL, controls, bidi overrides, zero-width characters and lone surrogates", () => {
  assert.equal(visibleWhitespace("\0"), "␀");
  assert.equal(visibleWhitespace("a\u0007\u001b\u007f"), "a␇␛␡");
  assert.equal(visibleWhitespace("\u202Eevil\u202C"), "⟨U+202E⟩evil⟨U+202C⟩");
  assert.equal(visibleWhitespace("\u2066x\u2069\u200E\u200F\u061C"), "⟨U+2066⟩x⟨U+2069⟩⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩");
  assert.equal(visibleWhitespace("a\u200Bb\uFEFF\u00AD"), "a⟨U+200B⟩b⟨U+FEFF⟩⟨U+00AD⟩");
  assert.equal(visibleWhitespace("x\uD800y"), "x⟨D800⟩y");
  assert.equal(visibleWhitespace("\uDFFF"), "⟨DFFF⟩");
  assert.equal(visibleWhitespace("\u0085\u2028\u2029"), "⟨U+0085⟩⟨U+2028⟩⟨U+2029⟩");
  assert.equal(visibleWhitespace("\u00A0\u3000\u2003"), "⍽⟨U+3000⟩⟨U+2003⟩");
  // A literal replacement character is marked too, so "�" never appears in the chips.
  assert.equal(visibleWhitespace("\uFFFD"), "⟨U+FFFD⟩");
});

test("visibleWhitespace(s) keeps characters that are visible: pairs, emoji sequences, CJK, Devanagari", () => {
  for (const s of ["😀", "👍🏽", "👩‍👩‍👧", "鬱片", "नमस्ते", "é", "e\u0301", "<script>"])
    assert.equal(visibleWhitespace(s), s, JSON.stringify(s));
});

test("visibleSegments(s, whitespace) leaves whitespace alone when off, but still marks invisible characters", () => {
  assert.deepEqual(visibleSegments(" a\tb\n", false), [{ kind: "text", text: " a\tb\n" }]);
  assert.deepEqual(visibleSegments("a\0b", false), [
    { kind: "text", text: "a" },
    { kind: "mark", text: "␀" },
    { kind: "text", text: "b" },
  ]);
  assert.deepEqual(visibleSegments("a\n", true), [
    { kind: "text", text: "a" },
    { kind: "ws", text: "↵", br: true },
  ]);
  // A joiner or variation selector alone is invisible: marked. Inside an emoji, left alone.
  assert.deepEqual(visibleSegments("\u200D", false), [{ kind: "mark", text: "⟨U+200D⟩" }]);
  assert.deepEqual(visibleSegments("\uFE0F", false), [{ kind: "mark", text: "⟨U+FE0F⟩" }]);
  assert.deepEqual(visibleSegments("❤\uFE0F", false), [{ kind: "text", text: "❤\uFE0F" }]);
});

test("hex(bytes) gives lower-case pairs separated by spaces", () => {
  assert.equal(hex(new Uint8Array([0xe9, 0xac, 0xb1])), "e9 ac b1");
  assert.equal(hex([0, 1, 0x0a, 0xff]), "00 01 0a ff");
  assert.equal(hex(new Uint8Array()), "");
});

test("tokenColor(id) is a palette index that never changes for an ID", () => {
  // Pinned: a token keeps its color across releases (and across views).
  assert.deepEqual([0, 1, 2, 24912, 2375, 199999, 64838, 109].map(tokenColor), [3, 5, 1, 0, 0, 4, 0, 3]);
  assert.equal(PALETTE.length, 7);
  const counts = new Array(PALETTE.length).fill(0);
  for (let id = 0; id < 70_000; id++) {
    const c = tokenColor(id);
    assert.ok(Number.isInteger(c) && c >= 0 && c < PALETTE.length, `tokenColor(${id}) = ${c}`);
    assert.equal(tokenColor(id), c);
    counts[c]++;
  }
  // Spread evenly, so neighbours rarely share a color.
  for (const n of counts) assert.ok(n > 9_000 && n < 11_000, `palette use ${counts.join(", ")}`);
});

test('partialLabel(p) says "bytes 1–2 of 3 of 鬱", and "byte 3 of 3" for one byte', () => {
  assert.equal(partialLabel({ char: "鬱", byteStart: 0, byteEnd: 2, byteLength: 3 }), "bytes 1–2 of 3 of 鬱");
  assert.equal(partialLabel({ char: "鬱", byteStart: 2, byteEnd: 3, byteLength: 3 }), "byte 3 of 3 of 鬱");
  assert.equal(partialLabel({ char: "🏽", byteStart: 1, byteEnd: 3, byteLength: 4 }), "bytes 2–3 of 4 of 🏽");
  // The labels of o200k_base's split of "鬱", from the engine.
  const table = tokenTable(o200k, "鬱");
  assert.deepEqual(
    [0, 1].map((k) => table.partial.get(k)!.map(partialLabel)),
    [["bytes 1–2 of 3 of 鬱"], ["byte 3 of 3 of 鬱"]],
  );
});

test("byteSegments(bytes) separates whole characters from bytes of a split character", () => {
  const b = (...x: number[]) => new Uint8Array(x);
  assert.deepEqual(byteSegments(b(0xe9, 0xac)), [{ bytes: b(0xe9, 0xac) }]);
  assert.deepEqual(byteSegments(b(0xb1)), [{ bytes: b(0xb1) }]);
  assert.deepEqual(byteSegments(b(0x61, 0xe9)), [{ text: "a" }, { bytes: b(0xe9) }]);
  assert.deepEqual(byteSegments(b(0xac, 0xb1, 0x20, 0x61)), [{ bytes: b(0xac, 0xb1) }, { text: " a" }]);
  assert.deepEqual(byteSegments(new TextEncoder().encode("片 x")), [{ text: "片 x" }]);
  // Overlong and surrogate encodings are not characters.
  assert.deepEqual(byteSegments(b(0xc0, 0x80)), [{ bytes: b(0xc0, 0x80) }]);
  assert.deepEqual(byteSegments(b(0xed, 0xa0, 0x80)), [{ bytes: b(0xed, 0xa0, 0x80) }]);
  assert.deepEqual(byteSegments(b(0xf0, 0x9f, 0x98, 0x80)), [{ text: "😀" }]);
});

test("partLabel(bytes) is the text with whitespace visible, or ⟨hex⟩ when the bytes are not text on their own", () => {
  const utf8 = new TextEncoder();
  assert.equal(partLabel(utf8.encode(" the")), "·the");
  assert.equal(partLabel(utf8.encode("鬱\n")), "鬱↵");
  assert.equal(partLabel(new Uint8Array([0xe9, 0xac])), "⟨e9 ac⟩");
  assert.equal(partLabel(new Uint8Array([0x61, 0xb1])), "⟨61 b1⟩");
});
