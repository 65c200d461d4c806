/** Shared test helpers: tiny hand-made vocabularies and oracle access. */
import { createEncoding } from "../../src/engine/core/encoding.js";
import type { Encoding, TiktokenSpec } from "../../src/engine/types.js";
import { classTable } from "../../src/engine/core/unicode.js";

const utf8 = new TextEncoder();

/**
 * A `.tiktoken` file for a tiny vocabulary: ranks 0–255 are the single bytes (rank = byte),
 * then `extra` in order from rank 256. E.g. tinyTiktoken(["aa", "ab"]) gives "aa" rank 256.
 */
export function tinyTiktoken(extra: readonly string[]): string {
  const lines: string[] = [];
  for (let b = 0; b < 256; b++) lines.push(`${btoa(String.fromCharCode(b))} ${b}`);
  extra.forEach((t, i) => lines.push(`${btoa(String.fromCharCode(...utf8.encode(t)))} ${256 + i}`));
  return lines.join("\n") + "\n";
}

/** An encoding over `tinyTiktoken(extra)` that splits on a simple regex (no hand-written scanner). */
export function tinyEncoding(extra: readonly string[], options: Partial<TiktokenSpec> = {}): Encoding {
  const spec: TiktokenSpec = {
    kind: "tiktoken",
    name: "tiny",
    vocab: { file: "tiny.tiktoken", sha256: "0".repeat(64) },
    pattern: String.raw` ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+`,
    jsPattern: String.raw` ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+`,
    jsPatternNotes: [],
    specialTokens: { "<|end|>": 256 + extra.length },
    nVocab: 257 + extra.length,
    ...options,
  };
  return createEncoding(spec, tinyTiktoken(extra));
}

/** Bytes as a readable string for assertion messages: [0x20, 0x74] → " t". */
export const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

/** A small seeded PRNG (mulberry32): `rnd(n)` is an integer in [0, n). */
export function mulberry32(seed: number): (n: number) => number {
  let a = seed | 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/**
 * The scanners use Unicode 16.0 (tiktoken's); this Node's RegExp may know a newer Unicode,
 * where e.g. U+323B0 is a letter. Compare the two only on characters both classify alike.
 */
const jsClassTests: [RegExp, number][] = [
  [/^\p{L}$/u, 1],
  [/^[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]$/u, 2],
  [/^[\p{Ll}\p{Lm}\p{Lo}\p{M}]$/u, 4],
  [/^\p{N}$/u, 8],
  [/^\p{White_Space}$/u, 16],
];
export const sameUnicode = (s: string) =>
  [...s.toWellFormed()].every(
    (ch) => jsClassTests.reduce((c, [re, bit]) => (re.test(ch) ? c | bit : c), 0) === classTable()[ch.codePointAt(0)!],
  );
