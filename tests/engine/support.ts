/**
 * Shared by the tests/bpe tests: the corpora, the oracles, and readable failure messages.
 *
 * The oracle is the `tiktoken` npm package (OpenAI's Rust tiktoken compiled to WASM). It has
 * every encoding but o200k_harmony; for that one we build the oracle as tiktoken's own
 * `get_encoding("o200k_base", extraSpecialTokens)` with harmony's special tokens added.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { get_encoding, type Tiktoken, type TiktokenEncoding } from "tiktoken";
import { getEncodingSpec } from "../../src/engine/registry.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Encodings the tiktoken WASM build has. */
export const WASM_ENCODINGS = ["gpt2", "r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base"] as const;
/** Everything we test against an oracle: the WASM encodings plus o200k_harmony (o200k_base extended). */
export const ORACLE_ENCODINGS = [...WASM_ENCODINGS, "o200k_harmony"] as const;
export type OracleEncoding = (typeof ORACLE_ENCODINGS)[number];

export const CORPORA = ["prose", "code", "multilingual"] as const;
export type CorpusName = (typeof CORPORA)[number];

export function readCorpus(name: CorpusName): string {
  return readFileSync(`${ROOT}tests/corpora/${name}.txt`, "utf8");
}

export function readEdgeCases(): string[] {
  return JSON.parse(readFileSync(`${ROOT}tests/corpora/edge-cases.json`, "utf8")) as string[];
}

const oracles = new Map<string, Tiktoken>();

/** The tiktoken WASM oracle for `name` (cached; never freed, the process is short). */
export function oracle(name: OracleEncoding): Tiktoken {
  let enc = oracles.get(name);
  if (!enc) {
    if (name === "o200k_harmony") {
      const extra = Object.fromEntries(
        Object.entries(getEncodingSpec("o200k_harmony").specialTokens).filter(
          ([t]) => t !== "<|endoftext|>" && t !== "<|endofprompt|>",
        ),
      );
      enc = get_encoding("o200k_base", extra);
    } else enc = get_encoding(name as TiktokenEncoding);
    oracles.set(name, enc);
  }
  return enc;
}

/** The oracle's `encode_ordinary`, as a plain array. */
export function oracleOrdinary(name: OracleEncoding, text: string): number[] {
  return Array.from(oracle(name).encode_ordinary(text));
}

/** Does `s` have no lone surrogate? (Node 20 has no String.prototype.isWellFormed typing in lib ES2023.) */
export function isWellFormed(s: string): boolean {
  return !/\p{Cs}/u.test(s);
}

/** `s` with each lone surrogate replaced by U+FFFD, as TextEncoder (and tiktoken) see it. */
export function toWellFormed(s: string): string {
  return s.replace(/\p{Cs}/gu, "\uFFFD");
}

/** A string literal for messages: every non-printable-ASCII character as \u escape, long strings cut. */
export function show(s: string, max = 120): string {
  const cut = s.length > max ? s.slice(0, max) : s;
  const lit = JSON.stringify(cut).replace(
    /[^\x20-\x7e]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0"),
  );
  return s.length > max ? `${lit}... (${s.length} chars)` : lit;
}

/** Where two ID lists first differ, with a few IDs of context, or undefined when equal. */
export function firstDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): string | undefined {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (actual[i] !== expected[i]) {
      const a = Array.from(actual).slice(Math.max(0, i - 3), i + 5);
      const e = Array.from(expected).slice(Math.max(0, i - 3), i + 5);
      return `first difference at index ${i} (lengths ${actual.length} vs ${expected.length}): got [..${a.join(",")}..], expected [..${e.join(",")}..]`;
    }
  }
  return undefined;
}
