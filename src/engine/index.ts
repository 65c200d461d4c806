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
 * In the browser, `loadEncodingFromAsset(spec, bytes)` builds any registered encoding, of any
 * kind, from its site asset (`data/vocab/<name>.bin`), checked against its pinned sha256.
 */

// ---- The registry: encodings as data (`EncodingSpec`, one of three kinds), models → encodings
export {
  encodingNameForModel,
  getEncodingSpec,
  isOpenAIEncoding,
  listEncodings,
  listVocabularies,
  MODEL_TO_ENCODING,
  VOCABS,
  vocabNameOf,
} from "./registry.js";
// OpenAI's split patterns, as tiktoken runs them and as JavaScript writes them
export { CL100K, O200K, R50K, WS } from "./openai/patterns.js";

// ---- Building and running an encoding ("tiktoken" and "hf-bpe" specs)
export { createEncoding } from "./core/encoding.js";
export { Vocab } from "./core/vocab.js";
export { PRETOKENIZERS } from "./core/pretokenize.js";
export { specialRegex } from "./core/special.js";

// ---- Open models: Hugging Face tokenizer.json files
// Byte-level BPE ("hf-bpe"): the file → spec, ranks and merge list → an Encoding
export {
  byteLevelBpe,
  createOpenModelEncoding,
  hfBpeModel,
  mergePair,
  type TokenizerJson,
} from "./hf/tokenizer-json.js";
// SentencePiece-style BPE with byte fallback ("sentencepiece")
export { sentencePieceEncoding } from "./hf/sentencepiece.js";
export type { SentencePieceJson } from "./hf/sentencepiece-json.js";

// ---- The site's binary assets (TXVB) and checking files against their pins
export { loadEncodingFromAsset } from "./asset/from-asset.js";
export { encodeVocabBinary } from "./asset/binary-writer.js";
export { loadBinaryVocab, verifyBinaryVocab } from "./asset/load-binary.js";
export { tiktokenTextFromBinary } from "./asset/tiktoken-text.js";
export { verifyVocab } from "./asset/verify.js";

// ---- UTF-8 and code-point arithmetic, the one place for it
export { codePointCount, isSurrogatePair, utf8CharLength, utf8Length, utf8SequenceLength } from "./core/utf8.js";

// ---- Chat requests counted the way each model's API counts them (issue 16)
// OpenAI's cookbook rules (gpt-3.5-turbo, gpt-4, gpt-4o, gpt-4o-mini; later models estimated)
export {
  OPENAI_CHAT_RULES,
  OPENAI_COOKBOOK_SOURCE,
  openAiChatPrompt,
  type OpenAiChatOptions,
  type OpenAiChatRule,
} from "./chat/openai-cookbook.js";
// gpt-oss's harmony format, with o200k_harmony's real special-token IDs
export { HARMONY_SOURCE, harmonyChatPrompt, harmonySystemMessage, type HarmonySystemOptions } from "./chat/harmony.js";
export { CHAT_RULE_MODELS, chatRuleForModel, type ChatRule } from "./chat/models.js";
export type * from "./chat/types.js";

// ---- The shapes: EncodingSpec (TiktokenSpec | HfBpeSpec | SentencePieceSpec), Encoding, ...
export type * from "./types.js";
