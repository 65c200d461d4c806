/**
 * The pre-tokenizer's labels (src/lib/piece-kinds.ts): the worked example, and on every
 * piece of the test corpora, the alternative named is one whose match at that position is
 * exactly the piece (so the label says what really cut it).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { loadEncoding } from "../../src/engine/node.ts";
import { labelPieces, shortKind, splitAlternatives } from "../../src/lib/piece-kinds.ts";

const corpus = ["prose.txt", "code.txt", "multilingual.txt"].map((f) => readFileSync(new URL(`../corpora/${f}`, import.meta.url), "utf8")).join("\n");

test("splitAlternatives(source) splits at | outside groups and classes", () => {
  assert.deepEqual(splitAlternatives(String.raw`a|(b|c)|[|\]]|\||d`), ["a", "(b|c)", String.raw`[|\]]`, String.raw`\|`, "d"]);
});

test("labelPieces(spec, text, pieces) gives the worked example of piece-kinds.ts", () => {
  const text = "I'm 2026 ok\n\n";
  const run = (name: string) => {
    const enc = loadEncoding(name);
    return labelPieces(enc.spec, text, enc.split(text)).map((p) => [p.text, shortKind(p.kind)]);
  };
  assert.deepEqual(run("cl100k_base"), [["I", "letters"], ["'m", "contraction"], [" ", "whitespace"], ["202", "digits"], ["6", "digits"], [" ok", "letters"], ["\n\n", "newlines"]]);
  assert.deepEqual(run("r50k_base").slice(0, 3), [["I", "letters"], ["'m", "contraction"], [" 2026", "digits"]]);
  assert.deepEqual(run("o200k_base")[0], ["I'm", "capitalized or uppercase word"]);
});

for (const name of ["r50k_base", "cl100k_base", "o200k_base"]) {
  test(`labelPieces(${name}) on the corpora: the named alternative matches exactly each piece, and none before it matches`, () => {
    const enc = loadEncoding(name);
    const alternatives = splitAlternatives(enc.spec.jsPattern).map((a) => new RegExp(a, "uy"));
    const pieces = labelPieces(enc.spec, corpus, enc.split(corpus));
    assert.ok(pieces.length > 1000);
    const used = new Set<string>();
    for (const p of pieces) {
      assert.ok(p.alternative >= 0, `${JSON.stringify(p.text)} matched no alternative`);
      const re = alternatives[p.alternative];
      re.lastIndex = p.start;
      assert.equal(re.exec(corpus)?.[0], p.text, `${name}: alternative ${p.alternative} at ${p.start}`);
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
      if (trace.wholePiece === undefined) assert.equal(last, trace.ids.length, `${JSON.stringify(p.text)}: the last merge leaves one part per token`);
    }
  });
}
