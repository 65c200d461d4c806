/**
 * The site's built assets in one place: the workers' bundles and every vocabulary asset, as
 * URLs. Framework resolves each `FileAttachment` at build time, relative to this module, and
 * ships the files of every page that imports it. Pages take their URLs from here instead of
 * repeating the list:
 *
 *   import {VOCAB_URLS, WORKER_URLS} from "./lib/site-assets.js";
 *   const client = tokenizerClient(WORKER_URLS.tokenizer, VOCAB_URLS, {preload: ["o200k_base"]});
 *
 * Keys of VOCAB_URLS are `vocabNameOf(encoding)` (src/engine/registry.ts). Each asset is fetched
 * only when its encoding is first used. The URLs are absolute (Framework resolves them against
 * this module's own URL), so the embed (src/embed/tokens.ts) uses the same list from any origin.
 */
import { FileAttachment } from "observablehq:stdlib";

export const VOCAB_URLS: Readonly<Record<string, string>> = {
  r50k_base: FileAttachment("../data/vocab/r50k_base.bin").href,
  p50k_base: FileAttachment("../data/vocab/p50k_base.bin").href,
  cl100k_base: FileAttachment("../data/vocab/cl100k_base.bin").href,
  o200k_base: FileAttachment("../data/vocab/o200k_base.bin").href,
  llama3: FileAttachment("../data/vocab/llama3.bin").href,
  qwen3: FileAttachment("../data/vocab/qwen3.bin").href,
  mixtral_v0_1: FileAttachment("../data/vocab/mixtral_v0_1.bin").href,
  claude_legacy: FileAttachment("../data/vocab/claude_legacy.bin").href,
};

export const WORKER_URLS = {
  /** src/workers/tokenizer-worker.ts: encode, decode, split, trace, chunk. */
  tokenizer: FileAttachment("../data/tokenizer-worker.js").href,
  /** src/workers/vocab-worker.ts: the vocabulary explorer's search and cards. */
  vocab: FileAttachment("../data/vocab-worker.js").href,
  /** src/workers/train-worker.ts: training a small BPE on the BPE page. */
  train: FileAttachment("../data/train-worker.js").href,
  /** src/workers/chat-worker.ts: chat requests rendered and counted for the chat page. */
  chat: FileAttachment("../data/chat-worker.js").href,
};
