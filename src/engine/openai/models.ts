/**
 * Model names → encodings: tiktoken's `model.py` (exact names, then prefixes), plus the open
 * models' own names. `encodingNameForModel` (registry.ts) reads these tables.
 */

/**
 * Exact model names → encoding, from tiktoken's `model.py`, plus the models it maps by
 * prefix that readers type most (GPT-5, gpt-oss).
 */
export const MODEL_TO_ENCODING: Readonly<Record<string, string>> = {
  // reasoning
  o1: "o200k_base",
  o3: "o200k_base",
  "o3-mini": "o200k_base",
  "o4-mini": "o200k_base",
  // chat
  "gpt-5": "o200k_base",
  "gpt-5-mini": "o200k_base",
  "gpt-5-nano": "o200k_base",
  "gpt-4.1": "o200k_base",
  "gpt-4.1-mini": "o200k_base",
  "gpt-4.1-nano": "o200k_base",
  "gpt-4.5-preview": "o200k_base",
  "gpt-4o": "o200k_base",
  "gpt-4o-mini": "o200k_base",
  "gpt-4": "cl100k_base",
  "gpt-4-turbo": "cl100k_base",
  "gpt-3.5-turbo": "cl100k_base",
  "gpt-3.5": "cl100k_base",
  "gpt-35-turbo": "cl100k_base",
  // open weights
  "gpt-oss-20b": "o200k_harmony",
  "gpt-oss-120b": "o200k_harmony",
  // base
  "davinci-002": "cl100k_base",
  "babbage-002": "cl100k_base",
  // embeddings
  "text-embedding-ada-002": "cl100k_base",
  "text-embedding-3-small": "cl100k_base",
  "text-embedding-3-large": "cl100k_base",
  // text (deprecated)
  "text-davinci-003": "p50k_base",
  "text-davinci-002": "p50k_base",
  "text-davinci-001": "r50k_base",
  "text-curie-001": "r50k_base",
  "text-babbage-001": "r50k_base",
  "text-ada-001": "r50k_base",
  davinci: "r50k_base",
  curie: "r50k_base",
  babbage: "r50k_base",
  ada: "r50k_base",
  // code (deprecated)
  "code-davinci-002": "p50k_base",
  "code-davinci-001": "p50k_base",
  "code-cushman-002": "p50k_base",
  "code-cushman-001": "p50k_base",
  "davinci-codex": "p50k_base",
  "cushman-codex": "p50k_base",
  // edit (deprecated)
  "text-davinci-edit-001": "p50k_edit",
  "code-davinci-edit-001": "p50k_edit",
  // old embeddings (deprecated)
  "text-similarity-davinci-001": "r50k_base",
  "text-similarity-curie-001": "r50k_base",
  "text-similarity-babbage-001": "r50k_base",
  "text-similarity-ada-001": "r50k_base",
  "text-search-davinci-doc-001": "r50k_base",
  "text-search-curie-doc-001": "r50k_base",
  "text-search-babbage-doc-001": "r50k_base",
  "text-search-ada-doc-001": "r50k_base",
  "code-search-babbage-code-001": "r50k_base",
  "code-search-ada-code-001": "r50k_base",
  // open source
  gpt2: "gpt2",
  "gpt-2": "gpt2",
  // open models' own tokenizers (not tiktoken's table)
  "llama-3": "llama3",
  "llama-3.1": "llama3",
  qwen3: "qwen3",
  "mixtral-8x22b": "mixtral_v0_1",
  "mixtral-8x22b-v0.1": "mixtral_v0_1",
  "claude-2.1": "claude_legacy",
  "claude-2": "claude_legacy",
  "claude-instant-1.2": "claude_legacy",
};

/** Model-name prefixes → encoding, tried in order (e.g. `gpt-4o-2024-05-13`). */
export const MODEL_PREFIX_TO_ENCODING: readonly (readonly [string, string])[] = [
  ["o1-", "o200k_base"],
  ["o3-", "o200k_base"],
  ["o4-mini-", "o200k_base"],
  ["gpt-5", "o200k_base"],
  ["gpt-4.5-", "o200k_base"],
  ["gpt-4.1-", "o200k_base"],
  ["chatgpt-4o-", "o200k_base"],
  ["gpt-4o-", "o200k_base"],
  ["gpt-4-", "cl100k_base"],
  ["gpt-3.5-turbo-", "cl100k_base"],
  ["gpt-35-turbo-", "cl100k_base"],
  ["gpt-oss-", "o200k_harmony"],
  ["ft:gpt-4o", "o200k_base"],
  ["ft:gpt-4", "cl100k_base"],
  ["ft:gpt-3.5-turbo", "cl100k_base"],
  ["ft:davinci-002", "cl100k_base"],
  ["ft:babbage-002", "cl100k_base"],
  ["llama-3-", "llama3"],
  ["llama-3.1-", "llama3"],
  ["meta-llama-3-", "llama3"],
  ["meta-llama-3.1-", "llama3"],
  ["qwen3-", "qwen3"],
  ["claude-2", "claude_legacy"],
  ["claude-instant-", "claude_legacy"],
];
