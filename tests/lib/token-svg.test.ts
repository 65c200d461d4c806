/**
 * The token view as a picture (src/lib/token-svg.ts), in Node: the SVG's chips, rows,
 * escaping and widths. (The playground's Chromium test downloads one and parses it.)
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadEncoding } from "../../src/engine/node.ts";
import { columns, tokensSvg } from "../../src/lib/token-svg.ts";
import { tokenTable } from "../../src/lib/token-table.ts";

const o200k = loadEncoding("o200k_base");
const chipTexts = (svg: string) =>
  [...svg.matchAll(/<text x="[\d.]+" y="(\d+)">([^<]*)<\/text>/g)].map((m) => [Number(m[1]), m[2]] as const);

test('tokensSvg("Hello world", o200k_base) gives the worked example: two chips, a leading space as ·', () => {
  const svg = tokensSvg("Hello world", tokenTable(o200k, "Hello world"));
  assert.match(
    svg,
    /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="720" height="\d+" viewBox="0 0 720 \d+" role="img" aria-label="o200k_base: 2 tokens">/,
  );
  assert.deepEqual(
    chipTexts(svg).map(([, t]) => t),
    ["Hello", "·world"],
  );
  assert.match(svg, /<title>13225<\/title>/, "each chip's ID in its title");
});

test("tokensSvg(text, table) escapes markup, groups a split character, and starts a row after a newline", () => {
  const text = "<b>&</b>\n鬱";
  const svg = tokensSvg(text, tokenTable(o200k, text));
  assert.ok(!svg.includes("<b>"), "markup in the text must be escaped");
  const chips = chipTexts(svg);
  assert.equal(chips.map(([, t]) => t).join(""), "&lt;b&gt;&amp;&lt;/b&gt;↵鬱 ×2");
  const rows = [...new Set(chips.map(([y]) => y))];
  assert.equal(rows.length, 2, "the newline ends the first row");
  assert.equal(chips[chips.length - 1][0], rows[1]);
});

test("tokensSvg(text, table, {width}) wraps rows within the width", () => {
  const text = "word ".repeat(200);
  const svg = tokensSvg(text, tokenTable(o200k, text), { width: 300 });
  const xs = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.-]+" width="([\d.]+)"/g)].map(
    (m) => Number(m[1]) + Number(m[2]),
  );
  assert.equal(xs.length, tokenTable(o200k, text).length);
  assert.ok(Math.max(...xs) <= 300, `rightmost chip edge ${Math.max(...xs)}`);
});

test("columns(s) counts wide East Asian characters and emoji as two, marks and skin tones as none", () => {
  assert.equal(columns("abc"), 3);
  assert.equal(columns("東京"), 4);
  assert.equal(columns("👋🏽"), 2);
  assert.equal(columns("e\u0301"), 1);
});
