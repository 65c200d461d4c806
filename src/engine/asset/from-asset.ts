/**
 * An encoding from its registry spec and its site asset (`loadBinaryModel`), whatever kind of
 * model it is: the browser's loaders (the workers, the embeds) all go through here.
 *
 *   const enc = await loadEncodingFromAsset(getEncodingSpec("qwen3"), bytes);
 *
 * - OpenAI's encodings ("tiktoken") and the byte-level open models ("hf-bpe"):
 *   `createEncoding(spec, vocab, merges)`.
 * - A SentencePiece-style model ("sentencepiece", e.g. mixtral_v0_1): the asset's tokens are
 *   the UTF-8 of its pieces ("▁Hello", "<0xE9>"), so the tokenizer.json is put back together
 *   (the spec's `tokenizerJson`, which lacks vocabulary and merges, plus the asset's), and
 *   `sentencePieceEncoding` reads it as it reads the original file:
 *
 *     asset token 415 = bytes e2 96 81 54 68 65 ("▁The")  → model.vocab["▁The"] = 415
 *     merge i = (token 28705 "▁", token 1014 "The")        → model.merges[i] = ["▁", "The"]
 */
import { loadBinaryModel, type BinaryModel } from "./load-binary.js";
import { createEncoding } from "../core/encoding.js";
import type { Vocab } from "../core/vocab.js";
import { sentencePieceEncoding } from "../hf/sentencepiece.js";
import type { SentencePieceJson, SentencePieceSkeleton } from "../hf/sentencepiece-json.js";
import type { Encoding, EncodingSpec } from "../types.js";

// ignoreBOM: a piece may be "\uFEFF" itself (Mixtral has one), which a default decoder drops.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The tokenizer.json of a SentencePiece-style spec, with the vocabulary and merges from its asset. */
export function sentencePieceJsonFromAsset(
  skeleton: SentencePieceSkeleton,
  vocab: Vocab,
  mergeList: { pairs: Int32Array; made: Int32Array },
): SentencePieceJson {
  const pieces: string[] = [];
  const table: Record<string, number> = {};
  for (let id = 0; id < vocab.rankLimit; id++) {
    const bytes = vocab.bytesOf(id);
    if (!bytes) continue;
    pieces[id] = utf8.decode(bytes);
    table[pieces[id]] = id;
  }
  const merges: [string, string][] = [];
  for (let i = 0; i < mergeList.made.length; i++)
    merges.push([pieces[mergeList.pairs[2 * i]], pieces[mergeList.pairs[2 * i + 1]]]);
  return { ...skeleton, model: { ...skeleton.model, vocab: table, merges } };
}

/** The encoding of `spec`, built from its asset. */
function encodingFromAsset(spec: EncodingSpec, model: BinaryModel): Encoding {
  if (spec.kind !== "sentencepiece") return createEncoding(spec, model.vocab, model.merges);
  if (!model.mergeList) throw new Error(`The asset of ${spec.name} has no merge list.`);
  const json = sentencePieceJsonFromAsset(spec.tokenizerJson, model.vocab, model.mergeList);
  return sentencePieceEncoding(json, { name: spec.name, vocab: spec.vocab });
}

/** `loadBinaryModel` (every check of the asset) then `encodingFromAsset`. */
export async function loadEncodingFromAsset(spec: EncodingSpec, bytes: ArrayBuffer | Uint8Array): Promise<Encoding> {
  return encodingFromAsset(spec, await loadBinaryModel(spec.vocab, bytes, { allBytes: spec.kind !== "sentencepiece" }));
}
