import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { loadEncoding } from "../../src/engine/node.js";
import { textStats } from "../../src/lib/text-stats.js";
import {
  FLAG_CUT_DIFFERS,
  decodeUtf8Map,
  idsTable,
  FLAG_LEADING_SPACE,
  markCutDifferences,
  FLAG_PARTIAL,
  FLAG_SPECIAL,
  tokenTable,
  type TokenTable,
} from "../../src/lib/token-table.js";

const o200k = loadEncoding("o200k_base");

test("tokenTable(encoding, text) lays out encodeDetailed as typed arrays", () => {
  const text = "a 鬱<|endoftext|> b";
  const t = tokenTable(o200k, text, { allowedSpecial: "all" });
  const detailed = o200k.encodeDetailed(text, { allowedSpecial: "all" });
  assert.equal(t.length, detailed.length);
  assert.deepEqual(
    Array.from(t.ids),
    detailed.map((d) => d.id),
  );
  detailed.forEach((d, k) => {
    assert.deepEqual(Array.from(t.bytes.subarray(t.byteOffset[k], t.byteOffset[k + 1])), Array.from(d.bytes));
    assert.equal(t.start[k], d.start);
    assert.equal(t.end[k], d.end);
    assert.equal(Boolean(t.flags[k] & FLAG_SPECIAL), d.special);
    assert.equal(Boolean(t.flags[k] & FLAG_PARTIAL), Boolean(d.partial));
  });
  assert.ok(t.flags[t.length - 1] & FLAG_LEADING_SPACE, '" b" starts with a space');
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
  assert.deepEqual(
    Array.from(table.start),
    detailed.map((d) => d.start),
  );
  assert.deepEqual(
    Array.from(table.end),
    detailed.map((d) => d.end),
  );
  assert.deepEqual(
    [...table.partial.values()],
    detailed.filter((d) => d.partial).map((d) => d.partial),
  );
});

test("idsTable(encoding, ids) says when the list ends in the middle of a character", () => {
  const ids = o200k.encode("鬱");
  const cut = idsTable(o200k, ids.slice(0, 1));
  assert.equal(cut.incomplete, true);
  assert.equal(cut.text, "\uFFFD");
  assert.equal(idsTable(o200k, ids).incomplete, false);
  assert.equal(idsTable(o200k, []).text, "");
  assert.equal(idsTable(o200k, [199999]).table.flags[0] & FLAG_SPECIAL, FLAG_SPECIAL);
});

test("textStats(text) counts code points, graphemes, UTF-16 units, UTF-8 bytes and words", () => {
  assert.deepEqual(textStats("naïve 🤖!"), { codePoints: 8, graphemes: 8, utf16: 9, utf8: 12, words: 1 });
  assert.deepEqual(textStats("👋🏽"), { codePoints: 2, graphemes: 1, utf16: 4, utf8: 8, words: 0 });
  assert.equal(textStats("\uD800").utf8, 3);
  assert.deepEqual(textStats(""), { codePoints: 0, graphemes: 0, utf16: 0, utf8: 0, words: 0 });
});

/** A table of tokens with these byte lengths (all else empty): enough for markCutDifferences. */
function tableOfLengths(lengths: number[]): TokenTable {
  const byteOffset = new Int32Array(lengths.length + 1);
  lengths.forEach((len, k) => (byteOffset[k + 1] = byteOffset[k] + len));
  const n = lengths.length;
  return {
    encoding: "x",
    length: n,
    ids: new Int32Array(n),
    start: new Int32Array(n),
    end: new Int32Array(n),
    flags: new Uint8Array(n),
    byteOffset,
    bytes: new Uint8Array(byteOffset[n]),
    partial: new Map(),
  };
}
const differs = (t: TokenTable) => Array.from(t.flags, (f) => (f & FLAG_CUT_DIFFERS ? 1 : 0));

test("markCutDifferences(tables) gives the worked example of its comment", () => {
  const text = "Tokenizers compare";
  const o200k_ = tokenTable(o200k, text);
  const r50k = tokenTable(loadEncoding("r50k_base"), text);
  const x = tableOfLengths([10, 8]); // "Tokenizers" " compare"
  assert.deepEqual(
    [o200k_, r50k].map((t) => Array.from(t.byteOffset)),
    [
      [0, 5, 10, 18],
      [0, 5, 10, 18],
    ],
    "the comment's tokens",
  );
  assert.deepEqual(markCutDifferences([o200k_, r50k, x]), { spans: 2, differing: 1 });
  assert.deepEqual(
    [differs(o200k_), differs(r50k), differs(x)],
    [
      [1, 1, 0],
      [1, 1, 0],
      [1, 0],
    ],
  );
});

test("markCutDifferences(tables) with one table, or tables that agree, flags nothing", () => {
  const a = tableOfLengths([1, 2, 3]),
    b = tableOfLengths([1, 2, 3]);
  assert.deepEqual(markCutDifferences([a]), { spans: 0, differing: 0 });
  assert.deepEqual(markCutDifferences([a, b]), { spans: 3, differing: 0 });
  assert.deepEqual(
    [differs(a), differs(b)],
    [
      [0, 0, 0],
      [0, 0, 0],
    ],
  );
  assert.deepEqual(markCutDifferences([tableOfLengths([]), tableOfLengths([])]), { spans: 0, differing: 0 });
});

test("markCutDifferences(tables) flags exactly the tokens between shared boundaries that some encoding splits", () => {
  // The same rule, written the slow way: a token differs unless every other table has a
  // token with the same start and end byte.
  const encodings = [o200k, loadEncoding("cl100k_base"), loadEncoding("r50k_base")];
  fc.assert(
    fc.property(
      fc.string({
        unit: fc.constantFrom("a", "b", " ", "ab", "ing", "1", "23", "鬱", "👋🏽", "\n", "é", "'s"),
        maxLength: 30,
      }),
      fc.integer({ min: 2, max: 3 }),
      (text, m) => {
        const tables = encodings.slice(0, m).map((e) => tokenTable(e, text));
        const result = markCutDifferences(tables);
        const spanKeys = tables.map(
          (t) => new Set(Array.from({ length: t.length }, (_, k) => `${t.byteOffset[k]}-${t.byteOffset[k + 1]}`)),
        );
        tables.forEach((t, i) => {
          for (let k = 0; k < t.length; k++) {
            const key = `${t.byteOffset[k]}-${t.byteOffset[k + 1]}`;
            assert.equal(
              Boolean(t.flags[k] & FLAG_CUT_DIFFERS),
              !spanKeys.every((keys) => keys.has(key)),
              `${JSON.stringify(text)}: table ${i} token ${k}`,
            );
          }
        });
        const agreed = tables[0].length - differs(tables[0]).reduce((a: number, b) => a + b, 0);
        assert.equal(result.spans - result.differing, agreed);
      },
    ),
    { numRuns: 300 },
  );
});

test("markCutDifferences(tables) compares a normalizing encoding by where its tokens sit in the text, not by their bytes", () => {
  // claude_legacy (NFKC) reads "½" as "1⁄2", and "ﬁ" as "fi": its bytes are not the text's.
  const text = "a ½ ﬁne café";
  const claude = tokenTable(loadEncoding("claude_legacy"), text);
  const o = tokenTable(o200k, text);
  assert.notEqual(claude.byteOffset[claude.length], o.byteOffset[o.length], "the byte totals differ");
  assert.equal(claude.sourceEnd?.[claude.length - 1], Buffer.byteLength(text));
  assert.equal(o.sourceEnd, undefined, "an encoding without a normalizer needs no sourceEnd");
  // Tokens that share a character (NFKC's "1", "⁄", "2" all cover "½") end nowhere but at its end.
  const inside = Array.from(claude.sourceEnd!).filter((e) => e === -1).length;
  assert.ok(inside > 0, "some claude_legacy tokens share a character");
  const result = markCutDifferences([o, claude]);
  assert.ok(result.spans > 0 && result.differing > 0 && result.differing < result.spans, JSON.stringify(result));
  // The slow way: a token agrees when the other table has a token over exactly the same text.
  // (A token that shares its character with another is not alone over it.)
  const unique = (t: TokenTable, k: number) =>
    (k === 0 || t.start[k] >= t.end[k - 1]) && (k + 1 === t.length || t.start[k + 1] >= t.end[k]);
  const spansOf = (t: TokenTable) =>
    new Set(Array.from({ length: t.length }, (_, k) => (unique(t, k) ? `${t.start[k]}-${t.end[k]}` : "")));
  const [so, sc] = [spansOf(o), spansOf(claude)];
  for (const [t, other] of [
    [o, sc],
    [claude, so],
  ] as const) {
    for (let k = 0; k < t.length; k++) {
      const agrees = unique(t, k) && other.has(`${t.start[k]}-${t.end[k]}`);
      assert.equal(
        !(t.flags[k] & FLAG_CUT_DIFFERS),
        agrees,
        `${t.encoding} token ${k} "${text.slice(t.start[k], t.end[k])}"`,
      );
    }
  }
});

test('tokenTable(mixtral_v0_1, text) places the "▁" its normalizer prepends at the start, covering no text, and compares by sourceEnd', () => {
  const text = "Hello 鬱";
  const mixtral = tokenTable(loadEncoding("mixtral_v0_1"), text);
  // "▁Hello" covers "Hello", "▁" the space, then 鬱, which has no piece, is three byte tokens.
  const detailed = loadEncoding("mixtral_v0_1").encodeDetailed(text);
  assert.deepEqual(
    Array.from(mixtral.ids),
    detailed.map((d) => d.id),
  );
  assert.deepEqual(Array.from(mixtral.ids), [22557, 28705, 236, 175, 180]);
  // " hi": the prepended "▁" is a token of its own that covers no text.
  const hi = tokenTable(loadEncoding("mixtral_v0_1"), " hi");
  assert.deepEqual([Array.from(hi.ids), hi.start[0], hi.end[0]], [[28705, 12014], 0, 0]);
  assert.ok(mixtral.sourceEnd, 'the prepended "▁" puts the bytes out of line with the text');
  assert.equal(mixtral.sourceEnd![mixtral.length - 1], Buffer.byteLength(text));
  assert.equal(mixtral.start[0], 0);
  const o = tokenTable(o200k, text);
  const result = markCutDifferences([o, mixtral]);
  assert.ok(result.spans > 0, JSON.stringify(result));
  assert.equal(o.sourceEnd, undefined, "o200k_base's partial tokens still line up with the text's bytes");
});
