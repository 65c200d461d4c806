/** The registry (encodings and models as data) and the Node loader's hash check. */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { encodingForModel, loadEncoding, readVocabText, VOCAB_DIR } from "../../src/engine/node.js";
import {
  encodingNameForModel,
  getEncodingSpec,
  listEncodings,
  vocabNameOf,
  VOCABS,
} from "../../src/engine/registry.js";
import { sha256Hex, verifyVocab } from "../../src/engine/asset/verify.js";
import { createEncoding } from "../../src/engine/core/encoding.js";

test("listEncodings() lists tiktoken's seven encodings, then the four open models the site ships", () => {
  assert.deepEqual(listEncodings(), [
    "gpt2",
    "r50k_base",
    "p50k_base",
    "p50k_edit",
    "cl100k_base",
    "o200k_base",
    "o200k_harmony",
    "llama3",
    "qwen3",
    "mixtral_v0_1",
    "claude_legacy",
  ]);
});

test("getEncodingSpec(name) throws on an unknown name, listing the known ones", () => {
  assert.throws(() => getEncodingSpec("o300k"), /Unknown encoding "o300k". Known encodings: gpt2, r50k_base/);
  assert.throws(() => getEncodingSpec("constructor"), /Unknown encoding/);
});

test("encodingNameForModel(model) maps today's models, by exact name and by prefix", () => {
  const cases: Record<string, string> = {
    "gpt-5": "o200k_base",
    "gpt-5-mini": "o200k_base",
    "gpt-5.1-2025-11-13": "o200k_base",
    "gpt-4.1": "o200k_base",
    "gpt-4.1-mini-2025-04-14": "o200k_base",
    "gpt-4o": "o200k_base",
    "gpt-4o-2024-05-13": "o200k_base",
    o1: "o200k_base",
    "o3-mini": "o200k_base",
    "o4-mini": "o200k_base",
    "gpt-oss-20b": "o200k_harmony",
    "gpt-oss-120b": "o200k_harmony",
    "gpt-4": "cl100k_base",
    "gpt-4-0613": "cl100k_base",
    "gpt-3.5-turbo": "cl100k_base",
    "text-embedding-3-small": "cl100k_base",
    "text-embedding-3-large": "cl100k_base",
    "davinci-002": "cl100k_base",
    "text-davinci-003": "p50k_base",
    "code-davinci-002": "p50k_base",
    davinci: "r50k_base",
    gpt2: "gpt2",
  };
  for (const [model, name] of Object.entries(cases)) assert.equal(encodingNameForModel(model), name, model);
  assert.throws(() => encodingNameForModel("llama-2-7b"), /Could not map model "llama-2-7b"/);
  assert.throws(() => encodingNameForModel("constructor"), /Could not map model/);
});

test("encodingNameForModel(model) maps open models to their own tokenizers, and no Claude 3 or later to the legacy one", () => {
  const cases: Record<string, string> = {
    "llama-3": "llama3",
    "llama-3.1": "llama3",
    "llama-3.1-8b-instruct": "llama3",
    "meta-llama-3-70b": "llama3",
    qwen3: "qwen3",
    "qwen3-4b": "qwen3",
    "mixtral-8x22b": "mixtral_v0_1",
    "mixtral-8x22b-v0.1": "mixtral_v0_1",
    "claude-2.1": "claude_legacy",
    "claude-instant-1.2": "claude_legacy",
  };
  for (const [model, name] of Object.entries(cases)) assert.equal(encodingNameForModel(model), name, model);
  for (const model of ["claude-3-opus", "claude-3-5-sonnet", "claude-sonnet-4", "claude-opus-4-1"]) {
    assert.throws(() => encodingNameForModel(model), /Could not map model/, model);
  }
});

test("encodingForModel(model) returns the loaded encoding", () => {
  assert.equal(encodingForModel("gpt-4o").name, "o200k_base");
  assert.equal(encodingForModel("gpt-oss-20b").name, "o200k_harmony");
});

test("every spec's nVocab is one more than its largest ordinary or special ID", () => {
  for (const name of listEncodings()) {
    const enc = loadEncoding(name);
    const largestSpecial = Math.max(...enc.specialTokens.values());
    const spec = getEncodingSpec(name);
    // A SentencePiece model's IDs: its pieces (tokenBytes throws past the last).
    const ordinaryLimit =
      spec.kind === "sentencepiece" ? enc.nVocab : (enc as unknown as { vocab: { rankLimit: number } }).vocab.rankLimit;
    if (spec.kind === "sentencepiece") assert.throws(() => enc.tokenBytes(enc.nVocab), name);
    assert.equal(enc.nVocab, Math.max(largestSpecial + 1, ordinaryLimit), name);
  }
});

test("readVocabText(ref) checks the pinned sha256 of every vocabulary file", () => {
  for (const ref of Object.values(VOCABS)) assert.ok(readVocabText(ref).length > 100_000, ref.file);
});

test("readVocabText(ref) fails clearly when the file is missing", () => {
  const dir = mkdtempSync(join(tmpdir(), "vocab-")) + "/";
  assert.throws(
    () => readVocabText(VOCABS.r50k_base, dir),
    /r50k_base.tiktoken is missing or unreadable \(ENOENT\).*data\/vocab\/README.md/,
  );
});

test("readVocabText(ref) fails clearly when the file is altered", () => {
  const dir = mkdtempSync(join(tmpdir(), "vocab-")) + "/";
  const text = readFileSync(join(VOCAB_DIR, "r50k_base.tiktoken"), "latin1");
  writeFileSync(join(dir, "r50k_base.tiktoken"), text.replace("IQ== 0", "Ig== 0"), "latin1");
  assert.throws(
    () => readVocabText(VOCABS.r50k_base, dir),
    /has sha256 [0-9a-f]{64}, but the registry pins 306cd27f.*altered or truncated/,
  );
});

test("verifyVocab(ref, bytes) checks the hash with Web Crypto, for browsers and workers", async () => {
  const bytes = readFileSync(join(VOCAB_DIR, "r50k_base.tiktoken"));
  assert.equal(await sha256Hex(bytes), VOCABS.r50k_base.sha256);
  const text = await verifyVocab(VOCABS.r50k_base, bytes);
  assert.equal(text.slice(0, 6), "IQ== 0");
  await assert.rejects(
    verifyVocab(VOCABS.r50k_base, bytes.subarray(0, 1000)),
    /r50k_base.tiktoken has sha256 .* altered or truncated/,
  );
});

test("vocabNameOf(encoding) names the VOCABS entry (and site asset) of each encoding's vocabulary; an open model's is its own name", () => {
  const names = Object.fromEntries(listEncodings().map((e) => [e, vocabNameOf(e)]));
  assert.deepEqual(names, {
    gpt2: "r50k_base",
    r50k_base: "r50k_base",
    p50k_base: "p50k_base",
    p50k_edit: "p50k_base",
    cl100k_base: "cl100k_base",
    o200k_base: "o200k_base",
    o200k_harmony: "o200k_base",
    llama3: "llama3",
    qwen3: "qwen3",
    mixtral_v0_1: "mixtral_v0_1",
    claude_legacy: "claude_legacy",
  });
  assert.throws(() => vocabNameOf("o300k"), /o300k/);
});

test('createEncoding(spec, text) refuses a "sentencepiece" spec, naming what builds it', () => {
  const spec = getEncodingSpec("mixtral_v0_1");
  assert.equal(spec.kind, "sentencepiece");
  assert.throws(
    () => createEncoding(spec, ""),
    /mixtral_v0_1 is a SentencePiece-style model: build it with sentencePiece/,
  );
  assert.deepEqual(
    listEncodings().map((name) => getEncodingSpec(name).kind),
    [...Array(7).fill("tiktoken"), "hf-bpe", "hf-bpe", "sentencepiece", "hf-bpe"],
  );
});
