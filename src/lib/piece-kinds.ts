/**
 * Which part of an encoding's split pattern cut each piece: the labels of the BPE page's first
 * step. The pattern is an alternation, tried left to right at each position; the piece comes
 * from the first alternative that matches there. So we split `spec.jsPattern` at its top-level
 * `|` and, for each piece, try the alternatives in order at the piece's start (sticky flag),
 * exactly as the whole pattern does, lookaheads included.
 *
 *   labelPieces(cl100k_base.spec, text, cl100k_base.split(text)), text = "I'm 2026 ok\n\n"
 *   → "I" letters | "'m" contraction | " " whitespace | "202" digits (1–3) | "6" digits (1–3) |
 *     " ok" letters | "\n\n" newlines
 *   r50k_base instead keeps " 2026" whole (digits, a space may lead); o200k_base makes "I'm"
 *   one piece (a capitalized word with its contraction).
 */
import type { EncodingSpec, Piece } from "../engine/index.js";

export interface LabelledPiece extends Piece {
  /** Index of the alternative in the pattern. */
  alternative: number;
  /** What that alternative matches, in words ("letters", "digits (1–3)", …). */
  kind: string;
}

/**
 * The alternatives of a pattern, split at `|` outside groups and classes:
 * `splitAlternatives("a|(b|c)|[|]")` → `["a", "(b|c)", "[|]"]`.
 */
export function splitAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0,
    inClass = false,
    start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** Words for each alternative of the three pattern families, in pattern order. */
const KINDS: Record<string, string[]> = {
  r50k: [
    ...Array(7).fill("contraction"),
    "letters (a space may lead)",
    "digits (a space may lead)",
    "punctuation (a space may lead)",
    "whitespace (its last space goes with the next word)",
    "whitespace",
  ],
  cl100k: [
    "contraction",
    "letters (one other character may lead)",
    "digits (1–3)",
    "punctuation (a space may lead, newlines may follow)",
    "newlines (with the whitespace before them)",
    "whitespace (its last space goes with the next word)",
    "whitespace",
  ],
  o200k: [
    "word ending in lowercase (one other character may lead)",
    "capitalized or uppercase word",
    "digits (1–3)",
    "punctuation (a space may lead, newlines or / may follow)",
    "newlines (with the whitespace before them)",
    "whitespace (its last space goes with the next word)",
    "whitespace",
  ],
};

/** Short names for the legend: the same for every family. */
export function shortKind(kind: string): string {
  return kind.replace(/ \(.*\)$/, "");
}

const compiled = new Map<string, RegExp[]>();

/** Label each piece of `pieces` (from `encoding.split(text)`) with the alternative that cut it. */
export function labelPieces(spec: EncodingSpec, text: string, pieces: readonly Piece[]): LabelledPiece[] {
  let res = compiled.get(spec.jsPattern);
  if (!res) compiled.set(spec.jsPattern, (res = splitAlternatives(spec.jsPattern).map((alt) => new RegExp(alt, "uy"))));
  const kinds = KINDS[(spec.kind === "tiktoken" && spec.pretokenizer) || ""] ?? [];
  return pieces.map((piece) => {
    let alternative = -1;
    for (let i = 0; i < res!.length; i++) {
      res![i].lastIndex = piece.start;
      const m = res![i].exec(text);
      if (m) {
        alternative = i;
        break;
      }
    }
    return {
      ...piece,
      alternative,
      kind: kinds[alternative] ?? (alternative < 0 ? "no alternative matched" : `alternative ${alternative + 1}`),
    };
  });
}
