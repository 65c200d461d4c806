/**
 * Tokenizer Explorer's BPE engine: exact token IDs (tiktoken's, and transformers.js's for the
 * open models), in plain TypeScript. This file is the engine's one public door: everything
 * outside src/engine/ imports from here (or, in Node, from `./node.js`).
 *
 *   import {createEncoding, getEncodingSpec} from "./engine/index.js";
 *   const enc = createEncoding(getEncodingSpec("o200k_base"), tiktokenFileText);
 *   enc.encode("hello world"); // [24912, 2375]
 *
 * The core never imports a vocabulary: the caller passes the `.tiktoken` file's text.
 * In Node, `loadEncoding(name)` from `./node.js` reads and checks `data/vocab/` for you.
 * In the browser, `loadEncodingFromAsset(spec, bytes)` builds any registered encoding from its
 * site asset (`data/vocab/<name>.bin`), checked against its pinned sha256.
 */
// Building and running an encoding
export { createEncoding } from "./core/encoding.js";
export { specialRegex } from "./core/special.js";
export { PRETOKENIZERS } from "./core/pretokenize.js";
export { codePointCount, isSurrogatePair, utf8CharLength, utf8Length, utf8SequenceLength } from "./core/utf8.js";
export { Vocab } from "./core/vocab.js";
// The registry: encodings as data, models → encodings
export {
  encodingNameForModel,
  getEncodingSpec,
  isOpenAIEncoding,
  listEncodings,
  listVocabularies,
  MODEL_PREFIX_TO_ENCODING,
  MODEL_TO_ENCODING,
  VOCABS,
  vocabNameOf,
} from "./registry.js";
export { CL100K, O200K, R50K, WS } from "./openai/patterns.js";
// Open models: Hugging Face tokenizer.json files
export { byteLevelBpe, createOpenModelEncoding, mergePair, openModelEncoding, type TokenizerJson } from "./hf/tokenizer-json.js";
export { sentencePieceEncoding, type SentencePieceJson } from "./hf/sentencepiece.js";
// The site's binary vocabulary asset
export { readBinaryVocabHeader } from "./asset/binary-format.js";
export { encodeVocabBinary } from "./asset/binary-writer.js";
export { loadBinaryVocab, verifyBinaryVocab } from "./asset/load-binary.js";
export { tiktokenTextFromBinary } from "./asset/tiktoken-text.js";
export { loadEncodingFromAsset } from "./asset/from-asset.js";
export { sha256Hex, verifyVocab } from "./asset/verify.js";
export type * from "./types.js";
