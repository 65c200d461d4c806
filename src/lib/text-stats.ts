/**
 * The counts the playground shows beside each encoding's token count.
 *
 *   textStats("naïve 🤖!") → {codePoints: 8, graphemes: 8, utf16: 9, utf8: 12, words: 1}
 */
import { codePointCount, utf8Length } from "../engine/index.js";

export interface TextStats {
  /** Unicode code points (a lone surrogate counts as one). */
  codePoints: number;
  /** User-perceived characters (`Intl.Segmenter`, grapheme granularity). */
  graphemes: number;
  /** JavaScript string length. */
  utf16: number;
  /** UTF-8 bytes, lone surrogates counted as the 3 bytes of U+FFFD (as the encoders see them). */
  utf8: number;
  /** Word-like segments (`Intl.Segmenter`, word granularity). */
  words: number;
}

export function textStats(text: string): TextStats {
  const codePoints = codePointCount(text);
  const utf8 = utf8Length(text);
  let graphemes = 0,
    words = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) graphemes++;
  for (const s of new Intl.Segmenter(undefined, { granularity: "word" }).segment(text)) if (s.isWordLike) words++;
  return { codePoints, graphemes, utf16: text.length, utf8, words };
}
