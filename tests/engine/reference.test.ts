/**
 * The fast engine against the slow reference (src/engine/core/reference.ts): same IDs on the test
 * corpora and on random strings, for each of the three split patterns.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import fc from "fast-check";
import { loadEncoding, readVocabText } from "../../src/engine/node.js";
import { ReferenceBpe } from "../../src/engine/core/reference.js";
import { getEncodingSpec } from "../../src/engine/registry.js";
import { sameUnicode } from "./helpers.js";

const corpus = (name: string) => readFileSync(new URL(`../corpora/${name}`, import.meta.url), "utf8");

for (const name of ["r50k_base", "cl100k_base", "o200k_base"]) {
  const spec = getEncodingSpec(name);
  const reference = ReferenceBpe.fromTiktoken(spec, readVocabText(spec.vocab));
  const enc = loadEncoding(name);

  test(`encodeOrdinary(text) equals the reference BPE on every corpus (${name})`, () => {
    for (const file of ["prose.txt", "code.txt", "multilingual.txt"]) {
      // Piece by piece, so that a difference names the piece.
      const text = corpus(file).slice(0, 20_000);
      for (const piece of reference.split(text)) {
        assert.deepEqual(
          enc.encodeOrdinary(piece),
          reference.encodeOrdinary(piece),
          `${file}: ${JSON.stringify(piece)}`,
        );
      }
      assert.deepEqual(enc.encodeOrdinary(text), reference.encodeOrdinary(text), file);
    }
  });

  test(`encodeOrdinary(text) equals the reference BPE on random strings and long runs (${name})`, () => {
    fc.assert(
      fc.property(
        fc
          .oneof(fc.string({ unit: "grapheme", maxLength: 80 }), fc.string({ unit: "binary", maxLength: 80 }))
          .filter(sameUnicode),
        (s) => {
          assert.deepEqual(enc.encodeOrdinary(s), reference.encodeOrdinary(s));
        },
      ),
      { numRuns: 500, seed: 7 },
    );
    // Pieces long enough for the heap-based merge.
    for (const s of ["a".repeat(300), "ab".repeat(200), "!?".repeat(150), "é".repeat(100), "x" + "ŋ".repeat(120)]) {
      assert.deepEqual(enc.encodeOrdinary(s), reference.encodeOrdinary(s), s.slice(0, 10));
    }
  });
}
