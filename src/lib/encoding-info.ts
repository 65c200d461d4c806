/**
 * What the site says about each encoding wherever it is offered: who made it, the models that
 * use it, the licence of its vocabulary file, the implementation its IDs are tested to equal
 * (the "exact" badge), and a warning where one is due. Site data, not the engine's: the engine's
 * registry (src/engine/registry.ts) knows only what tokenizing needs.
 *
 *   encodingInfo("qwen3").family   → "Qwen"
 *   encodingLabel("claude_legacy") → "claude_legacy (legacy: not accurate for Claude 3 and later)"
 */
import { getEncodingSpec } from "../engine/index.js";

/** What the site shows about an encoding, wherever it is offered. */
export interface EncodingInfo {
  /** Who made it: "OpenAI", "Meta Llama", "Qwen", "Mistral", "Anthropic". */
  family: string;
  /** The models that use it, in a few words. */
  models: string;
  /** The licence of the vocabulary file (see /about and data/open-models/licences.json). */
  licence: { name: string; url: string };
  /** The implementation our token IDs are tested to equal, for every input (the "exact" badge). */
  exactAgainst: string;
  /** Shown next to the name wherever it appears. */
  warning?: string;
}

const TIKTOKEN_LICENCE = { name: "MIT (tiktoken)", url: "https://github.com/openai/tiktoken/blob/main/LICENSE" };
const TIKTOKEN = "tiktoken";
const TRANSFORMERS_JS = "transformers.js (@lenml/tokenizers 3.7.2)";

const INFO: Readonly<Record<string, EncodingInfo>> = {
  gpt2: { family: "OpenAI", models: "GPT-2", licence: TIKTOKEN_LICENCE, exactAgainst: TIKTOKEN },
  r50k_base: {
    family: "OpenAI",
    models: "GPT-3 (davinci, curie, …)",
    licence: TIKTOKEN_LICENCE,
    exactAgainst: TIKTOKEN,
  },
  p50k_base: {
    family: "OpenAI",
    models: "Codex, text-davinci-002/003",
    licence: TIKTOKEN_LICENCE,
    exactAgainst: TIKTOKEN,
  },
  p50k_edit: {
    family: "OpenAI",
    models: "text/code-davinci-edit-001",
    licence: TIKTOKEN_LICENCE,
    exactAgainst: TIKTOKEN,
  },
  cl100k_base: {
    family: "OpenAI",
    models: "GPT-4, GPT-3.5 Turbo, text-embedding-3",
    licence: TIKTOKEN_LICENCE,
    exactAgainst: TIKTOKEN,
  },
  o200k_base: {
    family: "OpenAI",
    models: "GPT-4o, GPT-4.1, GPT-5, o1, o3, o4-mini",
    licence: TIKTOKEN_LICENCE,
    exactAgainst: TIKTOKEN,
  },
  // gpt-oss's tokenizer.json holds these ranks byte for byte, but transformers.js runs its regex
  // with JavaScript's \s and Unicode tables, so it differs from tiktoken (OpenAI's own library
  // for gpt-oss) on U+0085, U+FEFF, "'ſ" and characters new in Unicode 17; we follow tiktoken.
  o200k_harmony: {
    family: "OpenAI",
    models: "gpt-oss (harmony format)",
    licence: TIKTOKEN_LICENCE,
    exactAgainst: TIKTOKEN,
  },
  llama3: {
    family: "Meta Llama",
    models: "Llama 3, 3.1 (one vocabulary)",
    licence: {
      name: "Meta Llama 3 / Llama 3.1 Community License",
      url: "https://github.com/meta-llama/llama-models/blob/main/models/llama3/LICENSE",
    },
    exactAgainst: TRANSFORMERS_JS,
  },
  qwen3: {
    family: "Qwen",
    models: "Qwen3",
    licence: { name: "Apache-2.0", url: "https://huggingface.co/Qwen/Qwen3-4B/blob/main/LICENSE" },
    exactAgainst: TRANSFORMERS_JS,
  },
  mixtral_v0_1: {
    family: "Mistral",
    models: "Mixtral 8x22B v0.1 (base)",
    licence: { name: "Apache-2.0", url: "https://mistral.ai/news/mixtral-8x22b" },
    exactAgainst: TRANSFORMERS_JS,
  },
  claude_legacy: {
    family: "Anthropic",
    models: "Claude 2.1 and older",
    licence: {
      name: "MIT (Anthropic tokenizer)",
      url: "https://github.com/anthropics/anthropic-tokenizer-typescript/blob/main/LICENSE",
    },
    exactAgainst: TRANSFORMERS_JS,
    warning: "legacy: not accurate for Claude 3 and later",
  },
};

/** What the site shows about an encoding (family, licence, the "exact" badge). Throws for an unknown encoding. */
export function encodingInfo(name: string): EncodingInfo {
  getEncodingSpec(name);
  return INFO[name];
}

/**
 * The name as text, with its warning when it has one: `"o200k_base"`,
 * `"claude_legacy (legacy: not accurate for Claude 3 and later)"`. For tables, counts and
 * lists, wherever the name appears as plain text.
 */
export function encodingLabel(name: string): string {
  const warning = encodingInfo(name).warning;
  return warning ? `${name} (${warning})` : name;
}
