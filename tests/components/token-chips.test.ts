/**
 * The token chips view's pure helpers, in Node (no DOM): whitespace and invisible characters
 * made visible, hex bytes, token colors, partial-character labels, and how tokens group into
 * chips. The DOM itself is tested in Chromium by token-chips.browser.test.ts.
 */
import assert from "node:assert/strict";
import {deflateSync} from "node:zlib";
import {test} from "node:test";
import {loadEncoding} from "../../src/engine/node.ts";
import {
  PALETTE,
  TOKEN_CHIPS_CSS,
  byteSegments,
  chipUnits,
  hex,
  partialLabel,
  tokenColor,
  visibleSegments,
  visibleWhitespace,
} from "../../src/components/token-chips.ts";
import {PARTIAL, tokenTable} from "../../src/lib/token-table.ts";
import {countDifferentPixels, decodePng} from "./png.ts";

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
  for (const s of ["😀", "👍🏽", "👩‍👩‍👧", "鬱片", "नमस्ते", "é", "e\u0301", "<script>"]) assert.equal(visibleWhitespace(s), s, JSON.stringify(s));
});

test("visibleSegments(s, whitespace) leaves whitespace alone when off, but still marks invisible characters", () => {
  assert.deepEqual(visibleSegments(" a\tb\n", false), [{kind: "text", text: " a\tb\n"}]);
  assert.deepEqual(visibleSegments("a\0b", false), [
    {kind: "text", text: "a"},
    {kind: "mark", text: "␀"},
    {kind: "text", text: "b"},
  ]);
  assert.deepEqual(visibleSegments("a\n", true), [
    {kind: "text", text: "a"},
    {kind: "ws", text: "↵", br: true},
  ]);
  // A joiner or variation selector alone is invisible: marked. Inside an emoji, left alone.
  assert.deepEqual(visibleSegments("\u200D", false), [{kind: "mark", text: "⟨U+200D⟩"}]);
  assert.deepEqual(visibleSegments("\uFE0F", false), [{kind: "mark", text: "⟨U+FE0F⟩"}]);
  assert.deepEqual(visibleSegments("❤\uFE0F", false), [{kind: "text", text: "❤\uFE0F"}]);
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

test("PALETTE is the Okabe–Ito palette, and every color has light and dark tints in the stylesheet", () => {
  assert.deepEqual(
    PALETTE.map((c) => c.base),
    ["#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7"],
  );
  for (const [i, c] of PALETTE.entries()) {
    assert.ok(TOKEN_CHIPS_CSS.includes(`--tc-bg-${i}:${c.light.bg}`), `light tint of ${c.name}`);
    assert.ok(TOKEN_CHIPS_CSS.includes(`--tc-bg-${i}:${c.dark.bg}`), `dark tint of ${c.name}`);
  }
  // Class-scoped: every rule selects by a .tc or .tc-* class, so the sheet cannot restyle the
  // page or widget it is put in.
  const selectors = TOKEN_CHIPS_CSS.replace(/@media[^{]*\{/g, "").match(/(^|\})\s*([^{}@]+)\{/g) ?? [];
  for (const s of selectors) {
    const sel = s.replace(/^\}?\s*/, "").replace(/\{$/, "");
    for (const part of sel.split(",")) assert.match(part.trim(), /^\.tc[-.:\s>[]|^\.tc$/, `selector ${JSON.stringify(part)} does not start with a .tc class`);
  }
});

test('partialLabel(p) says "bytes 1–2 of 3 of 鬱", and "byte 3 of 3" for one byte', () => {
  assert.equal(partialLabel({char: "鬱", byteStart: 0, byteEnd: 2, byteLength: 3}), "bytes 1–2 of 3 of 鬱");
  assert.equal(partialLabel({char: "鬱", byteStart: 2, byteEnd: 3, byteLength: 3}), "byte 3 of 3 of 鬱");
  assert.equal(partialLabel({char: "🏽", byteStart: 1, byteEnd: 3, byteLength: 4}), "bytes 2–3 of 4 of 🏽");
  // The labels of o200k_base's split of "鬱", from the engine.
  const table = tokenTable(o200k, "鬱");
  assert.deepEqual(
    [0, 1].map((k) => table.partial.get(k)!.map(partialLabel)),
    [["bytes 1–2 of 3 of 鬱"], ["byte 3 of 3 of 鬱"]],
  );
});

test("byteSegments(bytes) separates whole characters from bytes of a split character", () => {
  const b = (...x: number[]) => new Uint8Array(x);
  assert.deepEqual(byteSegments(b(0xe9, 0xac)), [{bytes: b(0xe9, 0xac)}]);
  assert.deepEqual(byteSegments(b(0xb1)), [{bytes: b(0xb1)}]);
  assert.deepEqual(byteSegments(b(0x61, 0xe9)), [{text: "a"}, {bytes: b(0xe9)}]);
  assert.deepEqual(byteSegments(b(0xac, 0xb1, 0x20, 0x61)), [{bytes: b(0xac, 0xb1)}, {text: " a"}]);
  assert.deepEqual(byteSegments(new TextEncoder().encode("片 x")), [{text: "片 x"}]);
  // Overlong and surrogate encodings are not characters.
  assert.deepEqual(byteSegments(b(0xc0, 0x80)), [{bytes: b(0xc0, 0x80)}]);
  assert.deepEqual(byteSegments(b(0xed, 0xa0, 0x80)), [{bytes: b(0xed, 0xa0, 0x80)}]);
  assert.deepEqual(byteSegments(b(0xf0, 0x9f, 0x98, 0x80)), [{text: "😀"}]);
});

test("chipUnits(table) puts the tokens that share a character in one unit, and every other token alone", () => {
  const text = "a 鬱 b 👍🏽 c";
  const table = tokenTable(o200k, text);
  const units = Array.from(chipUnits(table));
  assert.equal(units[0], 0);
  assert.equal(units.at(-1), table.length);
  // Units tile the text: each starts where the previous ended.
  for (let u = 0; u + 1 < units.length; u++) {
    const first = units[u], last = units[u + 1] - 1;
    if (u > 0) assert.equal(table.start[first], table.end[units[u] - 1]);
    const many = last > first;
    for (let k = first; k <= last; k++) assert.equal((table.flags[k] & PARTIAL) !== 0, many, `token ${k} in unit ${u}`);
  }
  const texts = units.slice(0, -1).map((k, u) => text.slice(table.start[k], table.end[units[u + 1] - 1]));
  assert.equal(texts.join(""), text);
  assert.ok(texts.includes(" 鬱") || texts.includes("鬱"), `a unit holds 鬱: ${JSON.stringify(texts)}`);
  assert.ok(texts.some((t) => t.includes("🏽")), `a unit holds 🏽: ${JSON.stringify(texts)}`);
  assert.ok(units.length - 1 < table.length, "the split characters' tokens were grouped");
});

test("decodePng(png) reads RGB and RGBA rows with every filter type (the screenshot test relies on it)", () => {
  // A 3×5 RGBA image, one row per filter type 0–4, encoded by hand.
  const width = 3, height = 5, bpp = 4;
  const pixels = Uint8Array.from({length: width * height * bpp}, (_, i) => (i * 37 + 11) & 0xff);
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(y);
    for (let i = 0; i < width * bpp; i++) {
      const x = pixels[y * width * bpp + i];
      const left = i >= bpp ? pixels[y * width * bpp + i - bpp] : 0;
      const up = y > 0 ? pixels[(y - 1) * width * bpp + i] : 0;
      const upLeft = y > 0 && i >= bpp ? pixels[(y - 1) * width * bpp + i - bpp] : 0;
      const p = left + up - upLeft;
      const pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - upLeft);
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const pred = [0, left, up, (left + up) >> 1, paeth][y];
      rows.push((x - pred) & 0xff);
    }
  }
  const chunk = (type: string, body: Uint8Array) => {
    const out = Buffer.alloc(12 + body.length);
    out.writeUInt32BE(body.length, 0);
    out.write(type, 4, "latin1");
    Buffer.from(body).copy(out, 8);
    return out; // the CRC is not checked
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Uint8Array.from(rows))),
    chunk("IEND", new Uint8Array()),
  ]);
  const img = decodePng(png);
  assert.equal(img.width, width);
  assert.equal(img.height, height);
  assert.deepEqual(img.data, pixels);
  assert.equal(countDifferentPixels(img, img), 0);
  const other = {...img, data: img.data.slice()};
  other.data[0] ^= 0xff;
  assert.equal(countDifferentPixels(img, other), 1);
});
