/**
 * Tokenizer Explorer's BPE engine: exact tiktoken token IDs, in plain TypeScript.
 *
 *   import {createEncoding, getEncodingSpec} from "./bpe/index.js";
 *   const enc = createEncoding(getEncodingSpec("o200k_base"), tiktokenFileText);
 *   enc.encode("hello world"); // [24912, 2375]
 *
 * The core never imports a vocabulary: the caller passes the `.tiktoken` file's text.
 * In Node, `loadEncoding(name)` from `./node.js` reads and checks `data/vocab/` for you.
 * In the browser, `loadBinaryVocab(spec.vocab, bytes)` turns the compact asset
 * `data/vocab/<name>.bin` into the engine's `Vocab`, checked against the pinned sha256 of
 * the `.tiktoken` file it was made from: `createEncoding(spec, vocab)`.
 */
export { createEncoding } from "./encoding.js";
export { getEncodingSpec, listEncodings, encodingNameForModel, MODEL_TO_ENCODING, MODEL_PREFIX_TO_ENCODING, VOCABS } from "./registry.js";
export { sha256Hex, verifyVocab } from "./verify.js";
export { loadBinaryVocab, verifyBinaryVocab, tiktokenTextFromBinary, readBinaryVocabHeader } from "./binary-vocab.js";
export type * from "./types.js";
