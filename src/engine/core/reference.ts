/**
 * A slow, obviously correct BPE encoder in the style of karpathy/minbpe, to test the fast
 * one against. It follows tiktoken's definition word for word:
 *
 * 1. split the text with the encoding's regex (`spec.jsPattern`);
 * 2. for each piece: if its bytes are a token, that is the answer; otherwise start from single
 *    bytes and merge the adjacent pair whose concatenation has the lowest rank (leftmost on a
 *    tie) until no adjacent pair is a token.
 *
 * Ranks live in a `Map` keyed by the bytes written as a "binary string" (one char per byte).
 * No hashing tricks, no scanners, no caches: every step is visible.
 */
import type { EncodingSpec } from "../types.js";

/** Bytes → "binary string" key, e.g. [0x20, 0x74] → " t". */
const key = (bytes: ArrayLike<number>): string => String.fromCharCode(...Array.from(bytes));

export class ReferenceBpe {
  private readonly ranks = new Map<string, number>();
  private readonly regex: RegExp;

  /** `tokens[r]` is the byte sequence of rank r. */
  constructor(tokens: readonly (Uint8Array | undefined)[], pattern: string) {
    tokens.forEach((t, r) => t && this.ranks.set(key(t), r));
    this.regex = new RegExp(pattern, "gu");
  }

  /** From a `.tiktoken` file's text (base64 and rank on each line). */
  static fromTiktoken(spec: Pick<EncodingSpec, "jsPattern">, fileText: string): ReferenceBpe {
    const tokens: Uint8Array[] = [];
    for (const line of fileText.split("\n")) {
      if (!line) continue;
      const [b64, rank] = line.split(" ");
      tokens[Number(rank)] = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    }
    return new ReferenceBpe(tokens, spec.jsPattern);
  }

  rank(bytes: ArrayLike<number>): number | undefined {
    return this.ranks.get(key(bytes));
  }

  /** The pieces of step 1. */
  split(text: string): string[] {
    return text.toWellFormed().match(this.regex) ?? [];
  }

  /** Step 2 for one piece. */
  encodePiece(piece: Uint8Array): number[] {
    const whole = this.rank(piece);
    if (whole !== undefined) return [whole];
    let parts: number[][] = Array.from(piece, (b) => [b]);
    for (;;) {
      let best: number | undefined,
        at = -1;
      for (let i = 0; i + 1 < parts.length; i++) {
        const r = this.rank([...parts[i], ...parts[i + 1]]);
        if (r !== undefined && (best === undefined || r < best)) {
          best = r;
          at = i;
        }
      }
      if (at < 0) break;
      parts = [...parts.slice(0, at), [...parts[at], ...parts[at + 1]], ...parts.slice(at + 2)];
    }
    return parts.map((p) => this.rank(p)!);
  }

  encodeOrdinary(text: string): number[] {
    const utf8 = new TextEncoder();
    return this.split(text).flatMap((piece) => this.encodePiece(utf8.encode(piece)));
  }
}
