/**
 * Unicode normalization (NFC, NFKC) that remembers where each output character came from.
 *
 * Hugging Face models such as Qwen3 (NFC) and Claude's legacy tokenizer (NFKC) normalize the
 * text before splitting it. For the token IDs, normalizing the whole text is all there is to
 * it (`text.normalize(form)`, what transformers.js does). To show which part of the *original*
 * text a token came from, we normalize piece by piece and keep, for every UTF-16 unit of the
 * output, the span of input it came from:
 *
 *   NFKC "ﬁne ½"  →  "fine 1⁄2"
 *         ﬁ → "fi" (both units come from input 0..1), n → 1..2, e → 2..3, " " → 3..4,
 *         ½ → "1⁄2" (all three from input 4..5)
 *
 * The pieces start as a character with the combining marks (\p{M}) after it: NFC composes
 * "e" + U+0301 into "é", and reorders marks, only within such a run. A boundary between two
 * pieces is kept only where normalizing the two sides together changes nothing; otherwise
 * they join. So Hangul jamo join ("\u1100" + "\u1161" → "가"), and so does NFKC's U+3131 (a
 * compatibility jamo, which becomes the conjoining U+1100) with a following vowel jamo.
 * Finally the pieces' outputs, joined, must equal the whole text's normalization; if they ever
 * did not, the whole text would be one piece (coarse offsets, still exact IDs).
 * (Intl.Segmenter's grapheme clusters would do as pieces too, but iterating them is quadratic
 * in the text's length in V8: 90 s for 87,000 characters.)
 */

export type NormalizerForm = "NFC" | "NFKC";

export interface NormalizedText {
  /** The normalized text: exactly `original.normalize(form)`. */
  text: string;
  /** For each UTF-16 unit of `text`: the start of the input span it came from. */
  from: Int32Array;
  /** For each UTF-16 unit of `text`: the end of that span. */
  to: Int32Array;
}

/** A character and the combining marks after it (or marks at the start of the text). */
const MARKED = /[^\p{M}][\p{M}]*|[\p{M}]+/gsu;

/** The boundaries of `text`'s marked characters: [0, …, text.length]. */
function markedBounds(text: string): number[] {
  const bounds: number[] = [];
  for (const m of text.matchAll(MARKED)) bounds.push(m.index);
  bounds.push(text.length);
  return bounds;
}

/** `original.normalize(form)`, with the input span of each output unit. */
export function normalizeWithOffsets(original: string, form: NormalizerForm): NormalizedText {
  const whole = original.normalize(form);
  const from = new Int32Array(whole.length),
    to = new Int32Array(whole.length);
  if (whole === original) {
    for (let i = 0; i < whole.length; i++) {
      from[i] = i;
      to[i] = i + 1;
    }
    return { text: whole, from, to };
  }
  // Pieces [start, end) of the input, grown while a boundary is not stable.
  const bounds = markedBounds(original);
  const pieces: [number, number, string][] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const s = bounds[k],
      e = bounds[k + 1];
    const out = original.slice(s, e).normalize(form);
    const prev = pieces[pieces.length - 1];
    const joined = prev && original.slice(prev[0], e).normalize(form);
    if (prev && joined !== prev[2] + out) {
      prev[1] = e;
      prev[2] = joined as string;
    } else pieces.push([s, e, out]);
  }
  if (pieces.map((p) => p[2]).join("") !== whole) pieces.splice(0, pieces.length, [0, original.length, whole]);
  let u = 0;
  for (const [s, e, out] of pieces) {
    for (let k = 0; k < out.length; k++, u++) {
      from[u] = s;
      to[u] = e;
    }
  }
  return { text: whole, from, to };
}
