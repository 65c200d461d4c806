/**
 * An encoding from its registry spec and its site asset (`loadBinaryModel`), whatever kind of
 * model it is: the browser's loaders (the workers, the embeds) all go through here.
 *
 *   const enc = await loadEncodingFromAsset(getEncodingSpec("qwen3"), bytes);
 *
 * - OpenAI's encodings and the byte-level open models: `createEncoding(spec, vocab, merges)`.
 * - A SentencePiece-style model (`spec.sentencePiece`, e.g. mixtral_v0_1): the asset's tokens
 *   are the UTF-8 of its pieces ("▁Hello", "<0xE9>"), so the tokenizer.json is put back
 *   together (the spec's copy without vocabulary and merges, plus the asset's), and
 *   `sentencePieceEncoding` reads it as it reads the original file:
 *
 *     asset token 415 = bytes e2 96 81 54 68 65 ("▁The")  → model.vocab["▁The"] = 415
 *     merge i = (token 28705 "▁", token 1014 "The")        → model.merges[i] = ["▁", "The"]
 */
import { loadBinaryModel, type BinaryModel } from "./load-binary.js";
import { createEncoding } from "../core/encoding.js";
import { sentencePieceEncoding, type SentencePieceJson } from "../hf/sentencepiece.js";
import type { Encoding, EncodingSpec } from "../types.js";
import type { Vocab } from "../core/vocab.js";

// ignoreBOM: a piece may be "\uFEFF" itself (Mixtral has one), which a default decoder drops.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The tokenizer.json of a SentencePiece-style spec, with the vocabulary and merges from its asset. */
export function sentencePieceJsonFromAsset(skeleton: Readonly<Record<string, unknown>>, vocab: Vocab, mergeList: { pairs: Int32Array; made: Int32Array }): SentencePieceJson {
  const pieces: string[] = [];
  const table: Record<string, number> = {};
  for (let id = 0; id < vocab.rankLimit; id++) {
    const bytes = vocab.bytesOf(id);
    if (!bytes) continue;
    pieces[id] = utf8.decode(bytes);
    table[pieces[id]] = id;
  }
  const merges: [string, string][] = [];
  for (let i = 0; i < mergeList.made.length; i++) merges.push([pieces[mergeList.pairs[2 * i]], pieces[mergeList.pairs[2 * i + 1]]]);
  const json = skeleton as unknown as SentencePieceJson;
  return { ...json, model: { ...json.model, vocab: table, merges } };
}

/** The encoding of `spec`, built from its asset. */
export function encodingFromAsset(spec: EncodingSpec, model: BinaryModel): Encoding {
  if (!spec.sentencePiece) return createEncoding(spec, model.vocab, model.merges);
  if (!model.mergeList) throw new Error(`The asset of ${spec.name} has no merge list.`);
  return sentencePieceEncoding(sentencePieceJsonFromAsset(spec.sentencePiece, model.vocab, model.mergeList), { name: spec.name, vocab: spec.vocab });
}

/** `loadBinaryModel` (every check of the asset) then `encodingFromAsset`. */
export async function loadEncodingFromAsset(spec: EncodingSpec, bytes: ArrayBuffer | Uint8Array): Promise<Encoding> {
  return encodingFromAsset(spec, await loadBinaryModel(spec.vocab, bytes, { allBytes: !spec.sentencePiece }));
}
