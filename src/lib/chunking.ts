/**
 * Token-aware chunking for retrieval: cut a document into chunks of at most `size` tokens of a
 * real encoding, consecutive chunks sharing about `overlap` tokens. Pure functions of the text
 * and an `Encoding` (the page runs them in its worker).
 *
 * Every chunk is a range [start, end) of the text (UTF-16 offsets), and `fresh` is where its
 * new text begins (the part before it repeats the previous chunk), so:
 *   - each chunk's text encodes to at most `size` tokens (one token over is impossible; a
 *     single character that alone needs more tokens than `size` is the one exception, kept whole);
 *   - chunks[0].fresh = 0, chunks[i].fresh = chunks[i-1].end, the last ends at text.length:
 *     joining text.slice(c.fresh, c.end) over the chunks gives the text back;
 *   - text.slice(c.start, c.fresh) is the overlap, as close to `overlap` tokens as whole
 *     units allow (a character's bytes are never cut apart).
 *
 * Splitters:
 *   "tokens"     fixed windows of `size` of the document's tokens (a window whose text alone
 *                encodes to more, because a word cut at its start splits differently, shrinks
 *                until it fits), the overlap added as below;
 *   "recursive"  LangChain's recursive character splitter with our token count as its length:
 *                try "\n\n", then "\n", then " ", then "" (token windows) until pieces fit, and
 *                pack adjacent pieces while the chunk still fits (separators stay at the end of
 *                the piece before them, so nothing is lost);
 *   "sentences"  Intl.Segmenter's sentences, packed the same way (a sentence too long for a
 *                chunk is cut like "recursive" would).
 *
 *   chunkText(o200k, "One. Two. Three.", {splitter: "sentences", size: 3, overlap: 0})
 *   → [{start: 0, fresh: 0, end: 5, tokens: 2}, {…"Two. "…}, {…"Three."…}]
 */
import type { Encoding } from "../engine/index.js";

export type Splitter = "tokens" | "recursive" | "sentences";

export interface Chunk {
  start: number;
  /** Where the chunk's own text begins; text before it repeats the previous chunk. */
  fresh: number;
  end: number;
  /** Tokens of text.slice(start, end). */
  tokens: number;
}

export interface ChunkOptions {
  splitter: Splitter;
  size: number;
  overlap: number;
}

export const SEPARATORS = ["\n\n", "\n", " ", ""];

/** How many chunks the page draws with their token boundaries (the rest are counted and exported). */
export const SHOWN_CHUNKS = 60;

/** Offsets where each token starts, plus text.length, snapped so a character is never cut. */
function tokenStarts(enc: Encoding, text: string, base = 0): number[] {
  const starts: number[] = [];
  let last = -1;
  for (const t of enc.encodeDetailed(text, { disallowedSpecial: [] })) {
    if (t.start > last) starts.push(base + t.start); // tokens sharing a character share its start
    last = t.start;
  }
  starts.push(base + text.length);
  return starts;
}

export function chunkText(enc: Encoding, text: string, { splitter, size, overlap }: ChunkOptions): Chunk[] {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`The chunk size must be a whole number of tokens, at least 1, not ${size}.`);
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= size)
    throw new Error(`The overlap must be a whole number of tokens from 0 to ${size - 1}, not ${overlap}.`);
  if (!text) return [];
  const count = (s: number, e: number) => enc.encodeOrdinary(text.slice(s, e)).length;
  const ranges =
    splitter === "tokens"
      ? windows(enc, text, 0, text.length, size)
      : pack(enc, text, pieces(text, splitter, enc, size), size, count);
  // Add the overlap: extend each chunk back over the previous one's last units while it fits.
  const chunks: Chunk[] = [];
  for (let i = 0; i < ranges.length; i++) {
    const [fresh, end] = ranges[i];
    let start = fresh;
    if (i > 0 && overlap > 0) {
      const prev = ranges[i - 1];
      const units = tokenStarts(enc, text.slice(prev[0], prev[1]), prev[0]);
      // Walk back unit by unit while the overlap is at most `overlap` tokens (short texts: cheap),
      // then forward again while the whole chunk would not fit.
      let k = units.length - 1;
      while (k > 0 && count(units[k - 1], fresh) <= overlap) k--;
      while (k < units.length - 1 && count(units[k], end) > size) k++;
      start = units[k];
    }
    chunks.push({ start, fresh, end, tokens: count(start, end) });
  }
  return chunks;
}

/** Fixed windows of `size` tokens over text[from, to), never cutting a character. */
function windows(enc: Encoding, text: string, from: number, to: number, size: number): [number, number][] {
  const starts = tokenStarts(enc, text.slice(from, to), from);
  const out: [number, number][] = [];
  let i = 0;
  while (i < starts.length - 1) {
    let j = Math.min(starts.length - 1, i + size);
    // Token counts of a slice can differ from the sum of its tokens at the edges; shrink to fit.
    while (j > i + 1 && enc.encodeOrdinary(text.slice(starts[i], starts[j])).length > size) j--;
    out.push([starts[i], starts[j]]);
    i = j;
  }
  return out;
}

/** Lossless pieces: [start, end) ranges that tile the text. */
function pieces(text: string, splitter: Splitter, enc: Encoding, size: number): [number, number][] {
  if (splitter === "sentences") {
    const out: [number, number][] = [];
    for (const s of new Intl.Segmenter("en", { granularity: "sentence" }).segment(text))
      out.push(...fit(enc, text, s.index, s.index + s.segment.length, size, 0));
    return out;
  }
  return fit(enc, text, 0, text.length, size, 0);
}

/** text[from, to) as pieces that each fit `size`, splitting by SEPARATORS[level…] as LangChain does. */
function fit(enc: Encoding, text: string, from: number, to: number, size: number, level: number): [number, number][] {
  if (enc.encodeOrdinary(text.slice(from, to)).length <= size) return [[from, to]];
  const sep = SEPARATORS[level];
  if (sep === "" || level >= SEPARATORS.length) return windows(enc, text, from, to, size);
  const out: [number, number][] = [];
  let s = from;
  for (;;) {
    const at = text.indexOf(sep, s);
    const e = at < 0 || at + sep.length > to ? to : at + sep.length; // the separator ends the piece before it
    out.push(...fit(enc, text, s, e, size, level + 1));
    if (e >= to) break;
    s = e;
  }
  return out;
}

/**
 * Join adjacent pieces while the chunk still fits. The sum of the pieces' own counts is the
 * running estimate (joining rarely costs more tokens than the parts); the real count is taken
 * when the estimate says no, and every finished chunk is checked, and cut into token windows in
 * the rare case joining made it too long.
 */
function pack(
  enc: Encoding,
  text: string,
  parts: [number, number][],
  size: number,
  count: (s: number, e: number) => number,
): [number, number][] {
  const packed: [number, number][] = [];
  let cur: [number, number] | undefined,
    estimate = 0;
  for (const p of parts) {
    const own = count(p[0], p[1]);
    if (cur && estimate + own <= size) {
      cur = [cur[0], p[1]];
      estimate += own;
    } else if (cur && (estimate = count(cur[0], p[1])) <= size) {
      cur = [cur[0], p[1]];
    } else {
      if (cur) packed.push(cur);
      cur = [p[0], p[1]];
      estimate = own;
    }
  }
  if (cur) packed.push(cur);
  return packed.flatMap(([s, e]) =>
    count(s, e) <= size ? [[s, e] as [number, number]] : windows(enc, text, s, e, size),
  );
}

/** What the chunking page's "Export JSON" downloads: each chunk's offsets, overlap, tokens and text. */
export function chunkJson(text: string, chunks: readonly Chunk[]): string {
  return JSON.stringify(
    chunks.map((c, index) => ({
      index,
      start: c.start,
      end: c.end,
      overlap: c.fresh - c.start,
      tokens: c.tokens,
      text: text.slice(c.start, c.end),
    })),
    null,
    1,
  );
}
