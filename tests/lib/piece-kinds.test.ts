/**
 * The pre-tokenizer's labels (src/lib/piece-kinds.ts): the worked example, and on every
 * piece of the test corpora, the alternative named is the first one that matches at that
 * position, and its match there is exactly the piece (so the label says what really cut it).
 *
 * The oracle is written out here, alternative by alternative, from tiktoken's patterns (the
 * classic r50k_base, cl100k_base and o200k_base strings), not taken from the code under test.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { loadEncoding } from "../../src/engine/node.ts";
import { labelPieces, shortKind, splitAlternatives } from "../../src/lib/piece-kinds.ts";

const corpus = ["prose.txt", "code.txt", "multilingual.txt"]
  .map((f) => readFileSync(new URL(`../corpora/${f}`, import.meta.url), "utf8"))
  .join("\n");

test("splitAlternatives(source) splits at | outside groups and classes", () => {
  assert.deepEqual(splitAlternatives(String.raw`a|(b|c)|[|\]]|\||d`), [
    "a",
    "(b|c)",
    String.raw`[|\]]`,
    String.raw`\|`,
    "d",
  ]);
});

test("labelPieces(spec, text, pieces) gives the worked example of piece-kinds.ts", () => {
  const text = "I'm 2026 ok\n\n";
  const run = (name: string) => {
    const enc = loadEncoding(name);
    return labelPieces(enc.spec, text, enc.split(text)).map((p) => [p.text, shortKind(p.kind)]);
  };
  assert.deepEqual(run("cl100k_base"), [
    ["I", "letters"],
    ["'m", "contraction"],
    [" ", "whitespace"],
    ["202", "digits"],
    ["6", "digits"],
    [" ok", "letters"],
    ["\n\n", "newlines"],
  ]);
  assert.deepEqual(run("r50k_base").slice(0, 3), [
    ["I", "letters"],
    ["'m", "contraction"],
    [" 2026", "digits"],
  ]);
  assert.deepEqual(run("o200k_base")[0], ["I'm", "capitalized or uppercase word"]);
});

/** Rust's `\s` (Unicode White_Space), as tiktoken means it; JavaScript's `\s` differs on U+0085 and U+FEFF. */
const WS = String.raw`\t-\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000`;
/** `(?i:'s|'t|'re|'ve|'m|'ll|'d)`, folded as Rust folds it (`s` also matches U+017F, long s). */
const CONTRACTION_I = String.raw`'(?:[sS\u017F]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])`;
const UPPER = String.raw`[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`;
const LOWER = String.raw`[\p{Ll}\p{Lm}\p{Lo}\p{M}]`;

/** Each pattern's top-level alternatives, in order, as JavaScript writes them. */
const ALTERNATIVES: Record<string, string[]> = {
  // 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
  r50k_base: [
    "'s",
    "'t",
    "'re",
    "'ve",
    "'m",
    "'ll",
    "'d",
    String.raw` ?\p{L}+`,
    String.raw` ?\p{N}+`,
    String.raw` ?[^${WS}\p{L}\p{N}]+`,
    `[${WS}]+(?![^${WS}])`,
    `[${WS}]+`,
  ],
  // (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
  cl100k_base: [
    CONTRACTION_I,
    String.raw`[^\r\n\p{L}\p{N}]?\p{L}+`,
    String.raw`\p{N}{1,3}`,
    String.raw` ?[^${WS}\p{L}\p{N}]+[\r\n]*`,
    String.raw`[${WS}]*[\r\n]+`,
    `[${WS}]+(?![^${WS}])`,
    `[${WS}]+`,
  ],
  // [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|…)?|
  // [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|…)?|
  // \p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
  o200k_base: [
    String.raw`[^\r\n\p{L}\p{N}]?${UPPER}*${LOWER}+(?:${CONTRACTION_I})?`,
    String.raw`[^\r\n\p{L}\p{N}]?${UPPER}+${LOWER}*(?:${CONTRACTION_I})?`,
    String.raw`\p{N}{1,3}`,
    String.raw` ?[^${WS}\p{L}\p{N}]+[\r\n/]*`,
    String.raw`[${WS}]*[\r\n]+`,
    `[${WS}]+(?![^${WS}])`,
    `[${WS}]+`,
  ],
};

/** The index of the first alternative that matches at `start`, and its match; -1 when none does. */
function firstMatch(alternatives: RegExp[], text: string, start: number): { index: number; match?: string } {
  for (const [index, re] of alternatives.entries()) {
    re.lastIndex = start;
    const m = re.exec(text);
    if (m) return { index, match: m[0] };
  }
  return { index: -1 };
}

for (const name of ["r50k_base", "cl100k_base", "o200k_base"]) {
  test(`labelPieces(${name}) on the corpora: the named alternative matches exactly each piece, and none before it matches`, () => {
    const enc = loadEncoding(name);
    // The alternatives written out above are this encoding's pattern: together they cut the corpora as it does.
    const whole = new RegExp(ALTERNATIVES[name].join("|"), "gu");
    const oracleSplit = [...corpus.matchAll(whole)].map((m) => m[0]);
    assert.deepEqual(
      oracleSplit,
      enc.split(corpus).map((p) => p.text),
      `${name}: the oracle's pattern`,
    );
    const alternatives = ALTERNATIVES[name].map((a) => new RegExp(a, "uy"));
    const pieces = labelPieces(enc.spec, corpus, enc.split(corpus));
    assert.ok(pieces.length > 1000);
    const used = new Set<string>();
    for (const p of pieces) {
      const first = firstMatch(alternatives, corpus, p.start);
      const where = `${name}: ${JSON.stringify(p.text)} at ${p.start}`;
      assert.equal(p.alternative, first.index, `${where}: labelled ${p.alternative}, but ${first.index} matches first`);
      assert.equal(first.match, p.text, `${where}: alternative ${first.index} matches ${JSON.stringify(first.match)}`);
      assert.doesNotMatch(p.kind, /^alternative \d/, "every alternative has words");
      used.add(shortKind(p.kind));
    }
    assert.ok(used.size >= 5, `only ${[...used].join(", ")}`);
  });

  test(`${name}.mergeTrace(piece) ends in the tokens encode gives, for every piece of the corpora`, () => {
    const enc = loadEncoding(name);
    for (const p of enc.split(corpus)) {
      const trace = enc.mergeTrace(p.text);
      assert.deepEqual(trace.ids, enc.encodeOrdinary(p.text), JSON.stringify(p.text));
      const last = trace.steps.at(-1)?.parts.length ?? trace.bytes.length;
      if (trace.wholePiece === undefined)
        assert.equal(last, trace.ids.length, `${JSON.stringify(p.text)}: the last merge leaves one part per token`);
    }
  });
}
