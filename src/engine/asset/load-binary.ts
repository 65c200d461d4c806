/**
 * Checking a site asset (a TXVB file, `binary-format.ts`) against the registry's pins and
 * loading it: the browser's way to a vocabulary.
 *
 *   const vocab = await loadBinaryVocab(getEncodingSpec("o200k_base").vocab, bytes);
 *   const encoding = createEncoding(getEncodingSpec("o200k_base"), vocab);
 *
 * With `ref.assetSha256` (every registered vocabulary has it), the asset's own bytes are
 * hashed; without it, the `.tiktoken` text is rebuilt (`tiktoken-text.ts`) and hashed against
 * `ref.sha256`. Either way nothing is returned before the hash matches, and every refusal
 * names the file and says what is wrong (for another vocabulary, malformed, truncated, altered).
 */
import { asBytes, BINARY_MODEL_VERSION, readBinaryVocabHeader, type BinaryVocabHeader } from "./binary-format.js";
import { decodeBinary, type DecodedBinary } from "./binary-reader.js";
import { asciiText, tiktokenBytes } from "./tiktoken-text.js";
import { sha256Hex } from "./verify.js";
import { MergeList } from "../hf/merges.js";
import type { VocabRef } from "../types.js";
import { Vocab } from "../core/vocab.js";

/** Read the header and check that it names the file and sha256 that `ref` pins. */
function checkedHeader(ref: VocabRef, data: Uint8Array): BinaryVocabHeader {
  let header: BinaryVocabHeader;
  try {
    header = readBinaryVocabHeader(data);
  } catch (err) {
    throw new Error(`${describe(ref)} is not a valid TXVB file: ${(err as Error).message}.`);
  }
  if (header.file !== ref.file || header.sha256 !== ref.sha256) {
    throw new Error(
      `${describe(ref)} was made from ${header.file} with sha256 ${header.sha256}, but the registry pins ${ref.file} with sha256 ${ref.sha256}: the asset is for another vocabulary.`,
    );
  }
  return header;
}

const describe = (ref: VocabRef) => `Binary vocabulary for ${ref.file}`;

function checkedDecode(ref: VocabRef, data: Uint8Array): DecodedBinary {
  checkedHeader(ref, data);
  try {
    return decodeBinary(data);
  } catch (err) {
    throw new Error(`${describe(ref)} is corrupt or truncated: ${(err as Error).message}.`);
  }
}

async function checkAssetSha256(ref: VocabRef, asset: Uint8Array): Promise<void> {
  const actual = await sha256Hex(asset);
  if (actual !== ref.assetSha256) {
    throw new Error(
      `${describe(ref)} has sha256 ${actual}, but the registry pins ${ref.assetSha256}: the asset is altered, truncated or from another build.`,
    );
  }
}

async function checkSha256(ref: VocabRef, tiktoken: Uint8Array): Promise<void> {
  const actual = await sha256Hex(tiktoken);
  if (actual !== ref.sha256) {
    throw new Error(
      `${describe(ref)} rebuilds a file with sha256 ${actual}, but the registry pins ${ref.sha256}: the asset is altered or truncated.`,
    );
  }
}

/**
 * Rebuild the `.tiktoken` text from a binary vocabulary, check its sha256 against
 * `ref.sha256` (Web Crypto) and return it, ready for `createEncoding(spec, text)`. Throws a
 * message naming the file when the asset is for another file, malformed, truncated or altered.
 */
export async function verifyBinaryVocab(ref: VocabRef, data: ArrayBuffer | Uint8Array): Promise<string> {
  const tiktoken = tiktokenBytes(checkedDecode(ref, asBytes(data)));
  await checkSha256(ref, tiktoken);
  return asciiText(tiktoken);
}

/**
 * `verifyBinaryVocab`, but straight to the engine's `Vocab`, for `createEncoding(spec, vocab)`:
 * the same checks and messages, without parsing the rebuilt text again. The sha256 runs
 * (Web Crypto, off the JS thread) while the lookup table is built, and nothing is returned
 * until it matches. In Node this takes o200k_base from about 250 ms to about 130 ms.
 * When `ref.assetSha256` pins the asset itself (the registry's VOCABS do), that is checked
 * instead, before anything else, and the text is not rebuilt at all.
 */
export async function loadBinaryVocab(ref: VocabRef, data: ArrayBuffer | Uint8Array): Promise<Vocab> {
  return (await loadBinaryModel(ref, data)).vocab;
}

/** What a binary asset holds: the vocabulary, and for a Hugging Face model (version 2) its merge list. */
export interface BinaryModel {
  vocab: Vocab;
  /** The merge list as the engine looks it up. */
  merges?: MergeList;
  /** The same list in order: merge i joins `pairs[2i]` and `pairs[2i+1]` into `made[i]`. */
  mergeList?: { pairs: Int32Array; made: Int32Array };
}

/**
 * `loadBinaryVocab`, keeping the merge list of a version-2 asset, for
 * `createEncoding(spec, vocab, merges)`. A version-2 asset has no `.tiktoken` file to rebuild
 * (its source is a tokenizer.json), so its ref must pin the asset itself (`assetSha256`).
 * `allBytes: false` accepts a vocabulary without single-byte tokens (SentencePiece pieces).
 */
export async function loadBinaryModel(
  ref: VocabRef,
  data: ArrayBuffer | Uint8Array,
  { allBytes = true }: { allBytes?: boolean } = {},
): Promise<BinaryModel> {
  const bytes = asBytes(data);
  // With the asset itself pinned, its own bytes are hashed first (a few ms for o200k_base's
  // 1.4 MB), and any difference is reported as that; the text is then never written, which
  // shortens a cold load's critical path by about 60 ms in a fresh Chromium worker.
  if (ref.assetSha256) await checkAssetSha256(ref, bytes);
  else if (checkedHeader(ref, bytes).version === BINARY_MODEL_VERSION) {
    throw new Error(
      `${describe(ref)} has a merge list (version ${BINARY_MODEL_VERSION}), so the registry must pin the asset's own sha256 (assetSha256).`,
    );
  }
  const decoded = checkedDecode(ref, bytes);
  const { pool, start, length, hashes, merges } = decoded;
  const checked = ref.assetSha256 ? Promise.resolve() : checkSha256(ref, tiktokenBytes(decoded));
  let vocab: Vocab;
  try {
    vocab = Vocab.fromPool(pool, start, length, hashes, allBytes);
  } catch (err) {
    await checked; // an altered asset is reported as altered, whatever else is wrong with it
    throw err;
  }
  await checked;
  if (!merges) return { vocab };
  const M = merges.made.length;
  const pairs = new Int32Array(2 * M);
  for (let i = 0; i < M; i++) {
    const t = merges.made[i],
      s = start[t],
      e = s + length[t],
      cut = s + merges.split[i];
    pairs[2 * i] = vocab.rankOf(pool, s, cut);
    pairs[2 * i + 1] = vocab.rankOf(pool, cut, e);
    if (pairs[2 * i] < 0 || pairs[2 * i + 1] < 0) {
      throw new Error(
        `${describe(ref)} is corrupt: merge ${i} splits token ${t} after ${merges.split[i]} bytes into parts that are not both tokens.`,
      );
    }
  }
  return { vocab, merges: new MergeList(pairs, merges.made), mergeList: { pairs, made: merges.made } };
}
