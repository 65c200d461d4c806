import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { loadEncoding } from "../../src/bpe/node.js";
import { textStats } from "../../src/components/text-stats.js";
import { decodeUtf8Map, idsTable, LEADING_SPACE, PARTIAL, SPECIAL, tokenTable } from "../../src/components/token-table.js";

const o200k = loadEncoding("o200k_base");

test("tokenTable(encoding, text) lays out encodeDetailed as typed arrays", () => {
  const text = "a 鬱<|endoftext|> b";
  const t = tokenTable(o200k, text, { allowedSpecial: "all" });
  const detailed = o200k.encodeDetailed(text, { allowedSpecial: "all" });
  assert.equal(t.length, detailed.length);
  assert.deepEqual(Array.from(t.ids), detailed.map((d) => d.id));
  detailed.forEach((d, k) => {
    assert.deepEqual(Array.from(t.bytes.subarray(t.byteOffset[k], t.byteOffset[k + 1])), Array.from(d.bytes));
    assert.equal(t.start[k], d.start);
    assert.equal(t.end[k], d.end);
    assert.equal(Boolean(t.flags[k] & SPECIAL), d.special);
    assert.equal(Boolean(t.flags[k] & PARTIAL), Boolean(d.partial));
  });
  assert.ok(t.flags[t.length - 1] & LEADING_SPACE, '" b" starts with a space');
});

test("decodeUtf8Map(bytes) decodes exactly as TextDecoder does, on random bytes", () => {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      assert.equal(decodeUtf8Map(bytes).text, decoder.decode(bytes));
    }),
    { numRuns: 3000, seed: 3 },
  );
});

test("idsTable(encoding, ids) spans each token over the characters of its bytes", () => {
  const ids = o200k.encode("x 鬱!");
  const { table, text, incomplete } = idsTable(o200k, ids);
  assert.equal(text, "x 鬱!");
  assert.equal(incomplete, false);
  const detailed = o200k.encodeDetailed("x 鬱!");
  assert.deepEqual(Array.from(table.start), detailed.map((d) => d.start));
  assert.deepEqual(Array.from(table.end), detailed.map((d) => d.end));
  assert.deepEqual([...table.partial.values()], detailed.filter((d) => d.partial).map((d) => d.partial));
});

test("idsTable(encoding, ids) says when the list ends in the middle of a character", () => {
  const ids = o200k.encode("鬱");
  const cut = idsTable(o200k, ids.slice(0, 1));
  assert.equal(cut.incomplete, true);
  assert.equal(cut.text, "\uFFFD");
  assert.equal(idsTable(o200k, ids).incomplete, false);
  assert.equal(idsTable(o200k, []).text, "");
  assert.equal(idsTable(o200k, [199999]).table.flags[0] & SPECIAL, SPECIAL);
});

test("textStats(text) counts code points, graphemes, UTF-16 units, UTF-8 bytes and words", () => {
  assert.deepEqual(textStats("naïve 🤖!"), { codePoints: 8, graphemes: 8, utf16: 9, utf8: 12, words: 1 });
  assert.deepEqual(textStats("👋🏽"), { codePoints: 2, graphemes: 1, utf16: 4, utf8: 8, words: 0 });
  assert.equal(textStats("\uD800").utf8, 3);
  assert.deepEqual(textStats(""), { codePoints: 0, graphemes: 0, utf16: 0, utf8: 0, words: 0 });
});
